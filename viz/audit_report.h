// viz/audit_report.h: `flgraph audit` as a table.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace flgraph::viz {

// One line per entry: id, time, who, command, selection, and outputs with short hashes.
std::string audit_text(const nlohmann::json& report);

}  // namespace flgraph::viz
