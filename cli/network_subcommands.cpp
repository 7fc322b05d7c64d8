// cli/network_subcommands.cpp: brokers, components and chokepoints. None shows a source, so none
// takes --reveal-protected.
#include "cli/common_options.h"
#include "cli/subcommand.h"
#include "commands/network_commands.h"
#include "commands/output.h"
#include "viz/chokepoint_report.h"
#include "viz/network_reports.h"

namespace flgraph::cli {
namespace {

class Brokers : public Subcommand {
 public:
  explicit Brokers(CLI::App& app)
      : Subcommand(app.add_subcommand(
            "brokers",
            "Intermediaries on the shortest routes from documented cases' parties to buyers")) {
    walk_.max_hops_help =
        "Longest route counted, in relations from the documented party (a same_as counts as one)";
    walk_.add(*command_, options_.walk);
    command_->add_option("--top", options_.top, "Rows listed")
        ->check(CLI::Range(1, 100000))
        ->capture_default_str();
    command_->add_option("--sample", options_.sample,
                         "Estimate from this many parties drawn at random (0: all, exact)");
    json_.add(*command_);
  }
  int run(const GlobalOptions& globals) override {
    walk_.apply(options_.walk);
    commands::print(commands::brokers_command(globals.read, options_), json_.on, viz::brokers_text);
    return 0;
  }

 private:
  analysis::BrokerOptions options_;
  WalkOptionGroup walk_;
  JsonFlag json_;
};

class Components : public Subcommand {
 public:
  explicit Components(CLI::App& app)
      : Subcommand(app.add_subcommand(
            "components", "Connected parts of the network holding a case or a designated entity")) {
    walk_.max_hops_help.clear();  // a component has no start to count hops from
    walk_.add(*command_, options_.walk);
    command_->add_option("--central", options_.central, "Most central members listed per component")
        ->capture_default_str();
    json_.add(*command_);
  }
  int run(const GlobalOptions& globals) override {
    walk_.apply(options_.walk);
    commands::print(commands::components_command(globals.read, options_), json_.on,
                    viz::components_text);
    return 0;
  }

 private:
  analysis::ComponentOptions options_;
  WalkOptionGroup walk_;
  JsonFlag json_;
};

class Chokepoints : public Subcommand {
 public:
  explicit Chokepoints(CLI::App& app)
      : Subcommand(
            app.add_subcommand("chokepoints",
                               "The least-cost set of entities whose removal cuts every route "
                               "from an entity to documented cases")) {
    command_
        ->add_option("--from", from_,
                     "Start entity id (a product starts from the shipments carrying it)")
        ->required();
    walk_.add(*command_, options_.walk);
    command_
        ->add_option("--cost", cost_,
                     "What removing an entity costs: uniform (1 each), shipments (1 + its shipment "
                     "relations on "
                     "the routes) or confidence (1 + 100 x (1 - the highest confidence of its "
                     "relations on the "
                     "routes))")
        ->capture_default_str();
    json_.add(*command_);
  }
  int run(const GlobalOptions& globals) override {
    walk_.apply(options_.walk);
    const auto cost = analysis::parse_cut_cost(cost_);
    if (!cost)
      throw commands::UsageError("--cost: expected uniform, shipments or confidence, not '" +
                                 cost_ + "'");
    options_.cost = *cost;
    commands::print(commands::chokepoints_command(globals.read, from_, options_), json_.on,
                    viz::chokepoints_text);
    return 0;
  }

 private:
  std::string from_;
  analysis::ChokepointOptions options_;
  WalkOptionGroup walk_;
  std::string cost_ = "uniform";
  JsonFlag json_;
};

}  // namespace

std::unique_ptr<Subcommand> brokers_subcommand(CLI::App& app) {
  return std::make_unique<Brokers>(app);
}
std::unique_ptr<Subcommand> components_subcommand(CLI::App& app) {
  return std::make_unique<Components>(app);
}
std::unique_ptr<Subcommand> chokepoints_subcommand(CLI::App& app) {
  return std::make_unique<Chokepoints>(app);
}

}  // namespace flgraph::cli
