// viz/resolve_reports.h: what match, resolve and judge print (their JSON is built by
// commands/resolve_commands.h). Names are printed as the store holds them.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace flgraph::viz {

std::string match_text(const nlohmann::json& report);
std::string resolve_text(const nlohmann::json& report);
std::string judge_text(const nlohmann::json& report);

}  // namespace flgraph::viz
