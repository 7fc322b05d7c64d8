// cli/trace_subcommands.cpp: trace, paths and exposure, and what is written from them: export,
// screen and brief.
#include "cli/common_options.h"
#include "cli/subcommand.h"
#include "commands/exposure_commands.h"
#include "commands/output.h"
#include "resolve/name_matcher.h"
#include "viz/reports.h"

namespace flgraph::cli {
namespace {

class Trace : public Subcommand {
 public:
  explicit Trace(CLI::App& app)
      : Subcommand(app.add_subcommand(
            "trace",
            "Documented forced-labour cases reachable from an entity, with evidence paths")) {
    command_
        ->add_option("--from", from_,
                     "Start entity id (a product starts from the shipments carrying it)")
        ->required();
    walk_.add(*command_, options_);
    command_
        ->add_option("--paths-per-case", options_.paths_per_case, "Evidence paths listed per case")
        ->check(CLI::Range(0, 1000));
    command_->add_flag("--temporal", options_.temporal,
                       "Only paths consistent with each case's dates");
    command_
        ->add_option("--tolerance-days", options_.tolerance_days,
                     "Widening of a case's period for --temporal")
        ->check(CLI::Range(0, 36500));
    json_.add(*command_);
    command_
        ->add_option("--format", output_.format,
                     "text, json, or a diagram of the evidence subgraph: dot, svg, png")
        ->check(CLI::IsMember({"text", "json", "dot", "svg", "png"}))
        ->capture_default_str();
    command_->add_option("-o,--output", output_.file,
                         "Write to this file instead of standard output (png needs it)");
    command_->add_flag("--force", output_.force, "Replace an existing output file");
    command_
        ->add_option("--weak-below", output_.weak_below,
                     "Diagrams: dash relations below this confidence")
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str();
    reveal_.add(*command_);
  }
  int run(const GlobalOptions& globals) override {
    walk_.apply(options_);
    if (json_.on) output_.format = "json";
    commands::trace_and_print(reveal_.applied_to(globals.read), from_, options_, output_);
    return 0;
  }

 private:
  std::string from_;
  queries::TraceOptions options_;
  WalkOptionGroup walk_;
  JsonFlag json_;
  commands::TraceOutput output_;
  RevealFlags reveal_;
};

class Paths : public Subcommand {
 public:
  explicit Paths(CLI::App& app)
      : Subcommand(app.add_subcommand(
            "paths", "Count and list all simple paths to a target or to any case")) {
    command_->add_option("--from", from_, "Start entity id")->required();
    command_->add_option("--to", to_, "Target entity id (default: any case)");
    walk_.add(*command_, options_.walk);
    command_->add_option("--limit", options_.limit, "Paths listed (the count is always exact)")
        ->check(CLI::Range(0, 100000));
    json_.add(*command_);
    reveal_.add(*command_);
  }
  int run(const GlobalOptions& globals) override {
    walk_.apply(options_.walk);
    commands::print(commands::paths_command(reveal_.applied_to(globals.read), from_, to_, options_),
                    json_.on, viz::paths_text);
    return 0;
  }

 private:
  std::string from_;
  std::string to_;
  queries::PathsOptions options_;
  WalkOptionGroup walk_;
  JsonFlag json_;
  RevealFlags reveal_;
};

class Exposure : public Subcommand {
 public:
  explicit Exposure(CLI::App& app)
      : Subcommand(app.add_subcommand(
            "exposure", "Exposure score of an entity or product, with every case's contribution")) {
    command_->add_option("id", id_, "Entity id (a product starts from the shipments carrying it)")
        ->required();
    add_exposure_options(*command_, options_);
    json_.add(*command_);
    reveal_.add(*command_);
  }
  int run(const GlobalOptions& globals) override {
    commands::print(commands::exposure_command(reveal_.applied_to(globals.read), id_, options_),
                    json_.on, viz::exposure_text);
    return 0;
  }

 private:
  std::string id_;
  queries::ExposureOptions options_;
  JsonFlag json_;
  RevealFlags reveal_;
};

class Screen : public Subcommand {
 public:
  explicit Screen(CLI::App& app)
      : Subcommand(app.add_subcommand(
            "screen", "Screen a supplier list: resolve each row, score its exposure")) {
    request_.match_threshold = resolve::kDefaultMatchThreshold;
    command_
        ->add_option("suppliers", request_.file,
                     "CSV with a name column, optional country, id, kind, dob and id_number")
        ->required();
    command_
        ->add_option("--country", output_.country,
                     "Country of rows that give none: ISO code or name")
        ->transform(kCountry);
    command_
        ->add_option("--threshold", request_.match_threshold,
                     "Name score from which a row is matched")
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str();
    command_
        ->add_option("--lookalikes", output_.lookalikes,
                     "A list of legitimate look-alike organisations (TSV or .csv, the columns of "
                     "resolve/data/lookalikes.tsv), added to the shipped one")
        ->check(CLI::ExistingFile);
    add_exposure_options(*command_, request_.exposure);
    json_.add(*command_);
    command_->add_flag("--csv", output_.csv, "Print CSV, one line per supplier row");
    command_->add_option("-o,--output", output_.file,
                         "Write to this file instead of standard output");
    command_->add_flag("--force", output_.force, "Replace an existing output file");
    reveal_.add(*command_);
  }
  int run(const GlobalOptions& globals) override {
    output_.json = json_.on;
    commands::screen_and_print(reveal_.applied_to(globals.read), request_, output_);
    return 0;
  }

 private:
  viz::ScreenRequest request_;
  commands::ScreenOutput output_;
  JsonFlag json_;
  RevealFlags reveal_;
};

}  // namespace

std::unique_ptr<Subcommand> trace_subcommand(CLI::App& app) { return std::make_unique<Trace>(app); }
std::unique_ptr<Subcommand> paths_subcommand(CLI::App& app) { return std::make_unique<Paths>(app); }
std::unique_ptr<Subcommand> exposure_subcommand(CLI::App& app) {
  return std::make_unique<Exposure>(app);
}
std::unique_ptr<Subcommand> screen_subcommand(CLI::App& app) {
  return std::make_unique<Screen>(app);
}

}  // namespace flgraph::cli
