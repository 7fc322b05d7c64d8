// commands/audit_recording.h: what export, brief and every reveal write into the audit log
// (custody/audit_log.h); viz/audit_report.h prints it.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commands/read_options.h"
#include "custody/audit_log.h"
#include "graph/store.h"

namespace flgraph::commands {

// True when the options ask for protected material (--reveal-protected or --reveal-witness).
bool reveals(const ReadOptions& read);

// Records a command that writes outputs (export, brief): `command` as the log names it
// ("export --format svg"), the reveal flags of `read` are appended. `selection` names entities
// by the ids outputs show (pseudonyms for protected ones), never by a protected name or real id.
// On read-only media it only warns that the command went unrecorded, unless it revealed.
void record_read_command(graph::Store& store, const ReadOptions& read, std::string command,
                         std::string selection, std::vector<custody::AuditOutput> outputs);
// Records any other read command (show, trace, paths, exposure, screen) only when it reveals.
void record_if_revealing(graph::Store& store, const ReadOptions& read, std::string command,
                         std::string selection);

// The hash of bytes written to standard output, or of each file written: a file, or every file
// directly in a folder the command has just filled (bundle, csv, brief).
custody::AuditOutput stdout_output(std::string_view bytes);
std::vector<custody::AuditOutput> written_outputs(const std::filesystem::path& file_or_folder);

}  // namespace flgraph::commands
