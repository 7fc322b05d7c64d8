// viz/audit_report.cpp: `flgraph audit` as a table.
#include "viz/audit_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "graph/errors.h"

namespace flgraph::viz {
namespace {

using nlohmann::json;

// Enough of a hash to tell outputs apart at a glance; --json gives all 64 digits.
constexpr std::size_t kShortHashDigits = 12;

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
