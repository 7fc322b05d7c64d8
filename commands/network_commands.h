// commands/network_commands.h: brokers, components and chokepoints, from database path to report.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "analysis/brokers.h"
#include "analysis/chokepoints.h"
#include "analysis/components.h"
#include "commands/read_options.h"

namespace flgraph::commands {

nlohmann::json brokers_command(const ReadOptions& read, const analysis::BrokerOptions& options);
// Designated members are the entities on a sanctions list in the store (never a protected person).
nlohmann::json components_command(const ReadOptions& read,
                                  const analysis::ComponentOptions& options);
nlohmann::json chokepoints_command(const ReadOptions& read, const std::string& from,
                                   const analysis::ChokepointOptions& options);

}  // namespace flgraph::commands
