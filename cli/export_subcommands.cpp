// cli/export_subcommands.cpp: export and brief, which write files for someone else to read.
#include "cli/common_options.h"
#include "cli/subcommand.h"
#include "commands/output.h"

namespace flgraph::cli {
namespace {

class Export : public Subcommand {
 public:
  explicit Export(CLI::App& app)
      : Subcommand(
            app.add_subcommand("export",
                               "Write the graph or a selection: JSON bundle, evidence bundle, "
                               "diagram, GraphML, GEXF, FtM, CSV")) {
    command_
        ->add_option("--format", format_,
                     "json (JSON bundle), bundle (evidence folder), dot, svg, png, graphml, gexf, "
                     "ftm (FollowTheMoney "
                     "JSON lines), csv (Kùzu/Neo4j folder)")
        ->check(
            CLI::IsMember({"json", "bundle", "dot", "svg", "png", "graphml", "gexf", "ftm", "csv"}))
        ->capture_default_str();
    command_->add_option("-o,--output", output_,
                         "Output file, or folder for bundle and csv (default: standard output)");
    add_selection_options();
    command_
        ->add_option("--as-of", as_of_, "Bundle: the date written into INDEX.md and the manifest")
        ->check(kIsoDate);
    command_
        ->add_option("--weak-below", request_.weak_below,
                     "Diagrams: dash relations below this confidence")
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str();
    command_->add_flag("--force", request_.force,
                       "Replace an existing output file, or the files of a non-empty folder");
    reveal_.add(*command_);
    command_->add_flag("--with-documents", request_.with_documents,
                       "Bundle: carry the sources' documents in custody under documents/ (never a "
                       "protected source's)");
    command_->add_flag(
        "--network-scores", request_.network_scores,
        "Add each entity's broker score and, for --trace-from, which entities are choke points");
    json_.add(*command_,
              "Bundle: print the sourcing summary as JSON (the data itself: --format json)");
  }
  int run(const GlobalOptions& globals) override {
    walk_.apply(request_.selection.trace);
    commands::export_and_print(reveal_.applied_to(globals.read), request_, format_, output_, ids_,
                               as_of_, json_.on);
    return 0;
  }

 private:
  // --trace-from with the trace options, --around with --radius, or --ids.
  void add_selection_options() {
    auto& selection = request_.selection;
    command_->add_option(
        "--trace-from", selection.trace_from,
        "Select the evidence subgraph of a trace from this entity (takes the trace options)");
    walk_.add(*command_, selection.trace);
    command_
        ->add_option("--paths-per-case", selection.trace.paths_per_case,
                     "Trace: evidence paths per case")
        ->check(CLI::Range(0, 1000));
    command_->add_flag("--temporal", selection.trace.temporal,
                       "Trace: only temporally consistent paths");
    command_
        ->add_option("--tolerance-days", selection.trace.tolerance_days,
                     "Trace: --temporal widening")
        ->check(CLI::Range(0, 36500));
    command_->add_option(
        "--around,--subgraph", selection.around,
        "Select the subgraph of the entities within --radius relations of this entity");
    command_->add_option("--radius", selection.radius, "Relations from --around (either direction)")
        ->check(CLI::Range(0, 20))
        ->capture_default_str();
    command_->add_option("--ids", ids_,
                         "Select these comma-separated entities and the relations among them");
  }

  std::string format_ = "json";
  std::string output_;
  commands::ExportRequest request_;
  WalkOptionGroup walk_;
  std::string ids_;
  std::string as_of_;
  RevealFlags reveal_;
  JsonFlag json_;
};

class Brief : public Subcommand {
 public:
  explicit Brief(CLI::App& app)
      : Subcommand(app.add_subcommand(
            "brief", "Due-diligence brief on a company or product: printable HTML or Markdown")) {
    command_->add_option("id", id_, "Entity id (a product starts from the shipments carrying it)")
        ->required();
    command_
        ->add_option("-o,--output", output_,
                     "Folder for brief.html, or brief.md and flow-chart.svg")
        ->required();
    command_
        ->add_option("--format", format_,
                     "html (one printable, self-contained file) or md (Markdown)")
        ->check(CLI::IsMember({"html", "md"}))
        ->capture_default_str();
    add_exposure_options(*command_, request_.exposure);
    command_->add_option("--as-of", as_of_, "The date written into the brief (none unless given)")
        ->check(kIsoDate);
    command_
        ->add_option("--weak-below", request_.weak_below,
                     "Flow chart: dash relations below this confidence")
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str();
    command_->add_flag("--force", request_.force,
                       "Replace the files of an existing non-empty output folder");
    reveal_.add(*command_);
  }
  int run(const GlobalOptions& globals) override {
    request_.output_dir = output_;
    commands::brief_and_print(reveal_.applied_to(globals.read), id_, request_, format_, as_of_);
    return 0;
  }

 private:
  std::string id_;
  std::string output_;
  std::string format_ = "html";
  std::string as_of_;
  viz::BriefRequest request_;
  RevealFlags reveal_;
};

}  // namespace

std::unique_ptr<Subcommand> export_subcommand(CLI::App& app) {
  return std::make_unique<Export>(app);
}
std::unique_ptr<Subcommand> brief_subcommand(CLI::App& app) { return std::make_unique<Brief>(app); }

}  // namespace flgraph::cli
