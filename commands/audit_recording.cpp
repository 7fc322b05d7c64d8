// viz/audit_commands.cpp: the read commands' entries in the audit log, and `flgraph audit`.
#include "viz/audit_commands.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "custody/sha256.h"
#include "graph/errors.h"
#include "viz/evidence_bundle.h"

namespace flgraph::viz {
namespace {

using nlohmann::json;

// Enough of a hash to tell outputs apart at a glance; --json gives all 64 digits.
constexpr std::size_t kShortHashDigits = 12;

std::string hash_of(const std::filesystem::path& file) {
  auto hash = custody::sha256_of_file(file);
  if (!hash) throw Error(fmt::format("cannot read \"{}\" back to hash it for the audit log", file.string()));
  return *hash;
}

std::string outputs_text(const json& outputs) {
  std::string out;
  for (const auto& output : outputs) {
    out += fmt::format("{}{} {}", out.empty() ? "" : ", ",
                       escape_controls(output["name"].get<std::string>()),
                       output["sha256"].get<std::string>().substr(0, kShortHashDigits));
  }
  return out.empty() ? "-" : out;
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

custody::AuditOutput stdout_output(std::string_view bytes) { return {"stdout", custody::sha256_hex(bytes)}; }

std::vector<custody::AuditOutput> written_outputs(const std::filesystem::path& file_or_folder) {
  std::vector<custody::AuditOutput> outputs;
  if (!std::filesystem::is_directory(file_or_folder)) {
    outputs.push_back({file_or_folder.string(), hash_of(file_or_folder)});
    return outputs;
  }
  // The command refused a non-empty folder or emptied it (--force): every file in it is one it wrote.
  for (const auto& item : std::filesystem::recursive_directory_iterator(file_or_folder)) {
    if (!item.is_regular_file()) continue;
    outputs.push_back({item.path().string(), hash_of(item.path())});
  }
  std::sort(
      outputs.begin(), outputs.end(),
      [](const custody::AuditOutput& a, const custody::AuditOutput& b) { return a.name < b.name; });
  return outputs;
}

std::string audit_text(const json& report) {
  if (report.empty()) return "no entries in the audit log\n";
  // Values come from the log, which holds what users typed: escaped so none breaks a line.
  std::vector<std::array<std::string, 6>> rows = {
      {"id", "at", "who", "command", "selection", "outputs"}};
  for (const auto& entry : report) {
    rows.push_back({std::to_string(entry["id"].get<std::int64_t>()),
                    escape_controls(entry["at"].get<std::string>()),
                    escape_controls(entry["who"].get<std::string>()),
                    escape_controls(entry["command"].get<std::string>()),
                    escape_controls(entry["selection"].get<std::string>()),
                    outputs_text(entry["outputs"])});
  }
  std::array<std::size_t, 6> widths{};
  for (const auto& row : rows) {
    for (std::size_t column = 0; column < row.size(); ++column)
      widths[column] = std::max(widths[column], row[column].size());
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t column = 0; column + 1 < row.size(); ++column)
      line += fmt::format("{:<{}}  ", row[column], widths[column]);
    out += line + row.back() + "\n";
  }
  return out;
}

}  // namespace flgraph::viz
