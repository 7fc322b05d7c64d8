// viz/commands.h: one call per read command, from database path to finished report.
#pragma once
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "graph/errors.h"
#include "queries/paths.h"
#include "queries/trace.h"

namespace flgraph::viz {

struct ReadOptions {
  std::filesystem::path database;
  bool reveal_protected = false;  // protected sources only; witnesses stay pseudonymous
};

nlohmann::json stats_command(const ReadOptions& read);
nlohmann::json show_command(const ReadOptions& read, const std::string& id);
nlohmann::json trace_command(const ReadOptions& read, const std::string& from, const queries::TraceOptions& options);
nlohmann::json paths_command(const ReadOptions& read, const std::string& from, const std::string& to,
                             const queries::PathsOptions& options);
nlohmann::json export_command(const ReadOptions& read);

// A bad option value: the command line is wrong, not the data (exit code 2).
class UsageError : public Error {
 public:
  using Error::Error;
};

// "ships,consigned_to" -> mask of trace kinds; throws UsageError naming the bad kind.
queries::KindMask parse_trace_kinds(const std::string& list);

// Writes through a temporary file and a rename, so a reader never sees half a file.
void write_text_file(const std::filesystem::path& path, const std::string& text);

}  // namespace flgraph::viz
