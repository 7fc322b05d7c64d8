// cli/network_commands.h: the brokers, components and chokepoints subcommands (analysis/).
#pragma once
#include <CLI/CLI.hpp>
#include <string>

#include "analysis/brokers.h"
#include "analysis/chokepoints.h"
#include "analysis/components.h"
#include "cli/common_options.h"
#include "viz/commands.h"

namespace flgraph::cli {

class NetworkCommands {
 public:
  // Declares the three subcommands. None shows a source, so none takes --reveal-protected.
  explicit NetworkCommands(CLI::App& app);
  // Runs the one that was given; false when none of them was.
  bool run_parsed(const viz::ReadOptions& read);

 private:
  CLI::App* brokers_ = nullptr;
  analysis::BrokerOptions broker_options_;
  WalkOptionGroup broker_walk_;
  bool brokers_json_ = false;

  CLI::App* components_ = nullptr;
  analysis::ComponentOptions component_options_;
  WalkOptionGroup component_walk_;
  bool components_json_ = false;

  CLI::App* chokepoints_ = nullptr;
  std::string chokepoints_from_;
  analysis::ChokepointOptions chokepoint_options_;
  WalkOptionGroup chokepoint_walk_;
  std::string chokepoint_cost_ = "uniform";
  bool chokepoints_json_ = false;
};

}  // namespace flgraph::cli
