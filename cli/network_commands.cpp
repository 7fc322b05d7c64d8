// cli/network_commands.cpp: options of the network subcommands and one library call each.
#include "cli/network_commands.h"

#include "viz/chokepoint_report.h"
#include "viz/network_reports.h"

namespace flgraph::cli {

NetworkCommands::NetworkCommands(CLI::App& app) {
  brokers_ = app.add_subcommand("brokers", "Intermediaries on the shortest routes from documented cases' parties to buyers");
  broker_walk_.max_hops_help =
      "Longest route counted, in relations from the documented party (a same_as counts as one)";
  broker_walk_.add(*brokers_, broker_options_.walk);
  brokers_->add_option("--top", broker_options_.top, "Rows listed")->check(CLI::Range(1, 100000))->capture_default_str();
  brokers_->add_option("--sample", broker_options_.sample, "Estimate from this many parties drawn at random (0: all, exact)");
  brokers_->add_flag("--json", brokers_json_, "Print JSON");

  components_ = app.add_subcommand("components", "Connected parts of the network holding a case or a designated entity");
  component_walk_.max_hops_help.clear();  // a component has no start to count hops from
  component_walk_.add(*components_, component_options_.walk);
  components_->add_option("--central", component_options_.central, "Most central members listed per component")
      ->capture_default_str();
  components_->add_flag("--json", components_json_, "Print JSON");

  chokepoints_ = app.add_subcommand(
      "chokepoints", "The least-cost set of entities whose removal cuts every route from an entity to documented cases");
  chokepoints_->add_option("--from", chokepoints_from_, "Start entity id (a product starts from the shipments carrying it)")
      ->required();
  chokepoint_walk_.add(*chokepoints_, chokepoint_options_.walk);
  chokepoints_->add_option("--cost", chokepoint_cost_,
                           "What removing an entity costs: uniform (1 each), shipments (1 + its shipment relations on "
                           "the routes) or confidence (1 + 100 x (1 - the highest confidence of its relations on the routes))")
      ->capture_default_str();
  chokepoints_->add_flag("--json", chokepoints_json_, "Print JSON");
}

bool NetworkCommands::run_parsed(const viz::ReadOptions& read) {
  if (brokers_->parsed()) {
    broker_walk_.apply(broker_options_.walk);
    print(viz::brokers_command(read, broker_options_), brokers_json_, viz::brokers_text);
  } else if (components_->parsed()) {
    component_walk_.apply(component_options_.walk);
    print(viz::components_command(read, component_options_), components_json_, viz::components_text);
  } else if (chokepoints_->parsed()) {
    chokepoint_walk_.apply(chokepoint_options_.walk);
    const auto cost = analysis::parse_cut_cost(chokepoint_cost_);
    if (!cost) throw viz::UsageError("--cost: expected uniform, shipments or confidence, not '" + chokepoint_cost_ + "'");
    chokepoint_options_.cost = *cost;
    print(viz::chokepoints_command(read, chokepoints_from_, chokepoint_options_), chokepoints_json_,
          viz::chokepoints_text);
  } else {
    return false;
  }
  return true;
}

}  // namespace flgraph::cli
