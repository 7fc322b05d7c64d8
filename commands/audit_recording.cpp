// commands/audit_recording.cpp: the read commands' entries in the audit log.
#include "commands/audit_recording.h"

#include <fmt/format.h>

#include "custody/sha256.h"
#include "graph/errors.h"
#include "viz/evidence_bundle.h"

namespace flgraph::commands {
namespace {

using nlohmann::json;

std::string hash_of(const std::filesystem::path& file) {
  auto hash = custody::sha256_of_file(file);
  if (!hash)
    throw Error(fmt::format("cannot read \"{}\" back to hash it for the audit log", file.string()));
  return *hash;
}

}  // namespace

bool reveals(const ReadOptions& read) { return read.reveal_protected || read.reveal_witness; }

void record_read_command(graph::Store& store, const ReadOptions& read, std::string command,
                         std::string selection, std::vector<custody::AuditOutput> outputs) {
  custody::AuditEntry entry;
  entry.command = std::move(command);
  if (read.reveal_protected) entry.command += " --reveal-protected";
  if (read.reveal_witness) entry.command += " --reveal-witness";
  entry.selection = std::move(selection);
  entry.outputs = std::move(outputs);
  custody::record_command(
      store, std::move(entry),
      reveals(read) ? custody::WhenUnrecordable::Refuse : custody::WhenUnrecordable::Warn);
}

void record_if_revealing(graph::Store& store, const ReadOptions& read, std::string command,
                         std::string selection) {
  if (reveals(read)) record_read_command(store, read, std::move(command), std::move(selection), {});
}

custody::AuditOutput stdout_output(std::string_view bytes) {
  return {"stdout", custody::sha256_hex(bytes)};
}

std::vector<custody::AuditOutput> written_outputs(const std::filesystem::path& file_or_folder) {
  std::vector<custody::AuditOutput> outputs;
  if (!std::filesystem::is_directory(file_or_folder)) {
    outputs.push_back({file_or_folder.string(), hash_of(file_or_folder)});
    return outputs;
  }
  // The command refused a non-empty folder or emptied it (--force): every file in it is one it
  // wrote.
  for (const auto& item : std::filesystem::recursive_directory_iterator(file_or_folder)) {
    if (!item.is_regular_file()) continue;
    outputs.push_back({item.path().string(), hash_of(item.path())});
  }
  std::sort(
      outputs.begin(), outputs.end(),
      [](const custody::AuditOutput& a, const custody::AuditOutput& b) { return a.name < b.name; });
  return outputs;
}

}  // namespace flgraph::commands
