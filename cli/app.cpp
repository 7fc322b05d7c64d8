// cli/app.cpp: subcommands and their options.
#include "cli/app.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <iostream>

#include "graph/errors.h"
#include "graph/model.h"
#include "importers/country_names.h"
#include "importers/import.h"
#include "importers/resolve/commands.h"
#include "importers/resolve/name_list.h"
#include "cli/import_summary.h"
#include "cli/key_source.h"
#include "cli/common_options.h"
#include "cli/network_commands.h"
#include "viz/audit_commands.h"
#include "viz/commands.h"
#include "viz/custody_commands.h"
#include "viz/protect_commands.h"
#include "viz/brief_command.h"
#include "viz/bundle_sourcing.h"
#include "viz/bundle_verify.h"
#include "viz/exposure_reports.h"
#include "viz/reports.h"

namespace flgraph::cli {
namespace {

constexpr int kUsageError = 2;

// A country option as an ISO 3166 alpha-2 code, from a code or a name ("China", "Korea, North").
const auto kCountry = CLI::Validator(
    [](std::string& text) {
      const auto code = importers::country_code(text);
      if (!code) return std::string("expected an ISO 3166 country code or name");
      text = *code;
      return std::string();
    },
    "COUNTRY");

void add_exposure_options(CLI::App& command, queries::ExposureOptions& options) {
  command.add_option("--max-hops", options.max_hops, "Most hops walked from the entity")->check(CLI::Range(1, 64))
      ->capture_default_str();
  command.add_option("--min-confidence", options.min_confidence, "Relations below this confidence are not walked")
      ->check(CLI::Range(0.0, 1.0));
  command.add_option("--decay", options.decay_per_hop, "Weight kept per hop beyond the first")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  command.add_option("--tolerance-days", options.tolerance_days, "Widening of a case's period for temporal consistency")
      ->check(CLI::Range(0, 36500))
      ->capture_default_str();
}

queries::Resolution to_resolution(const importers::resolve::RowResolution& found) {
  using Method = importers::resolve::RowResolution::Method;
  queries::Resolution out;
  out.method = found.method == Method::Id     ? queries::Resolution::Method::Id
               : found.method == Method::Name ? queries::Resolution::Method::Name
                                              : queries::Resolution::Method::Unmatched;
  out.entity_id = found.entity_id;
  out.match_score = found.score;
  out.nearest_id = found.nearest_id;
  out.nearest_score = found.nearest_score;
  return out;
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"flgraph: link goods and companies to documented DPRK forced-labour cases, with evidence"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "flgraph 0.1.0");
  viz::ReadOptions read;
  std::string database = "flgraph.db";
  app.add_option("--db", database, "SQLite database file")->capture_default_str();
  std::string key_file;
  app.add_option("--key-file", key_file,
                 "File holding the protection key (created on the first protected import if missing); or set "
                 "FLGRAPH_KEY_FILE or FLGRAPH_PASSPHRASE, or be asked on a terminal");

  // import
  auto* import = app.add_subcommand("import", "Import files or directories in one all-or-nothing transaction");
  std::vector<std::string> inputs;
  std::string format = "auto";
  bool import_as_json = false;
  bool all_programs = false;
  import->add_option("inputs", inputs, "Files or directories (*.csv, *.json; an OFAC folder; *.xml; FtM *.json)")
      ->required();
  import->add_option("--format", format,
                     "auto, csv, json, ofac (SDN CSV set: folder or sdn.csv), un (UN consolidated XML), ftm "
                     "(FollowTheMoney JSON lines) or bol (bills of lading CSV)")
      ->check(CLI::IsMember({"auto", "csv", "json", "ofac", "un", "ftm", "bol"}))
      ->capture_default_str();
  import->add_flag("--all-programs", all_programs,
                   "Sanctions lists: import every entry, not only those tied to North Korea");
  import->add_flag("--json", import_as_json, "Print the summary as JSON");

  // stats
  auto* stats = app.add_subcommand("stats", "Counts by kind, and sources by access level");
  bool stats_json = false;
  stats->add_flag("--json", stats_json, "Print JSON");

  // show
  auto* show = app.add_subcommand("show", "An entity with its relations, designations, aliases and claims");
  std::string show_id;
  bool show_json = false;
  show->add_option("id", show_id, "Entity or source id (or a witness pseudonym W-...)")->required();
  show->add_flag("--json", show_json, "Print JSON");
  show->add_flag("--reveal-protected", read.reveal_protected, "Name protected sources (witnesses stay pseudonymous)");
  show->add_flag("--reveal-witness", read.reveal_witness,
                 "Open a protected person's own sealed record (needs the protection key)");

  // trace
  auto* trace = app.add_subcommand("trace", "Documented forced-labour cases reachable from an entity, with evidence paths");
  std::string trace_from;
  queries::TraceOptions trace_options;
  bool trace_json = false;
  trace->add_option("--from", trace_from, "Start entity id (a product starts from the shipments carrying it)")->required();
  WalkOptionGroup trace_walk;
  trace_walk.add(*trace, trace_options);
  trace->add_option("--paths-per-case", trace_options.paths_per_case, "Evidence paths listed per case")
      ->check(CLI::Range(0, 1000));
  trace->add_flag("--temporal", trace_options.temporal, "Only paths consistent with each case's dates");
  trace->add_option("--tolerance-days", trace_options.tolerance_days, "Widening of a case's period for --temporal")
      ->check(CLI::Range(0, 36500));
  trace->add_flag("--json", trace_json, "Print JSON");
  std::string trace_format = "text";
  std::string trace_output;
  double trace_weak_below = 0.5;
  trace->add_option("--format", trace_format, "text, json, or a diagram of the evidence subgraph: dot, svg, png")
      ->check(CLI::IsMember({"text", "json", "dot", "svg", "png"}))
      ->capture_default_str();
  trace->add_option("-o,--output", trace_output, "Write to this file instead of standard output (png needs it)");
  bool trace_force = false;
  trace->add_flag("--force", trace_force, "Replace an existing output file");
  trace->add_option("--weak-below", trace_weak_below, "Diagrams: dash relations below this confidence")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  trace->add_flag("--reveal-protected", read.reveal_protected, "Name protected sources (witnesses stay pseudonymous)");

  // paths
  auto* paths = app.add_subcommand("paths", "Count and list all simple paths to a target or to any case");
  std::string paths_from;
  std::string paths_to;
  queries::PathsOptions paths_options;
  bool paths_json = false;
  paths->add_option("--from", paths_from, "Start entity id")->required();
  paths->add_option("--to", paths_to, "Target entity id (default: any case)");
  WalkOptionGroup paths_walk;
  paths_walk.add(*paths, paths_options.walk);
  paths->add_option("--limit", paths_options.limit, "Paths listed (the count is always exact)")
      ->check(CLI::Range(0, 100000));
  paths->add_flag("--json", paths_json, "Print JSON");
  paths->add_flag("--reveal-protected", read.reveal_protected, "Name protected sources (witnesses stay pseudonymous)");

  // export
  // match
  auto* match = app.add_subcommand("match", "Screen a name (or a CSV list of names) against the entities in the store");
  std::string match_name;
  std::string match_file;
  importers::resolve::MatchOptions match_options;
  bool match_json = false;
  match->add_option("name", match_name, "The name to screen (any script)");
  match->add_option("--file", match_file, "CSV with a name column, optional country and id: one result per row")
      ->check(CLI::ExistingFile);
  match->add_option("--country", match_options.country, "Country of the name(s): ISO code or name")->transform(kCountry);
  match->add_option("--limit", match_options.limit, "Candidates listed per name")->check(CLI::Range(1, 1000))
      ->capture_default_str();
  match->add_option("--threshold", match_options.threshold, "Score from which a candidate is a match")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  match->add_flag("--json", match_json, "Print JSON");

  // resolve
  auto* resolve = app.add_subcommand("resolve", "Propose pairs of entities in the store that may be one entity");
  bool resolve_auto = false;
  importers::resolve::ResolveOptions resolve_options;
  bool resolve_json = false;
  resolve->add_flag("--auto", resolve_auto, "Score every entity against the others (after blocking)")->required();
  resolve->add_option("--threshold", resolve_options.threshold, "Least score proposed")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  resolve->add_option("--limit", resolve_options.limit, "Pairs listed, best first")->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  resolve->add_flag("--json", resolve_json, "Print JSON");

  // judge
  auto* judge = app.add_subcommand("judge", "Record (or undo) an entity-resolution decision on a pair of entities");
  std::vector<std::string> judge_args;
  std::int64_t judge_undo = 0;
  std::string judge_by;
  bool judge_json = false;
  judge->add_option("pair", judge_args, "A B positive|negative|unsure (ids or witness pseudonyms)")->expected(0, 3);
  auto* undo_option = judge->add_option("--undo", judge_undo, "Undo judgement ID (removes the same_as it created)")
                          ->check(CLI::PositiveNumber);
  judge->add_option("--by", judge_by, "Who judges (default: $USER)");
  judge->add_flag("--json", judge_json, "Print JSON");

  auto* exporter = app.add_subcommand(
      "export", "Write the graph or a selection: JSON bundle, evidence bundle, diagram, GraphML, GEXF, FtM, CSV");
  std::string export_format = "json";
  std::string export_output;
  viz::ExportRequest export_request;
  std::string export_ids;
  std::string export_as_of;
  exporter
      ->add_option("--format", export_format,
                   "json (JSON bundle), bundle (evidence folder), dot, svg, png, graphml, gexf, ftm (FollowTheMoney "
                   "JSON lines), csv (Kùzu/Neo4j folder)")
      ->check(CLI::IsMember({"json", "bundle", "dot", "svg", "png", "graphml", "gexf", "ftm", "csv"}))
      ->capture_default_str();
  exporter->add_option("-o,--output", export_output,
                       "Output file, or folder for bundle and csv (default: standard output)");
  exporter->add_option("--trace-from", export_request.selection.trace_from,
                       "Select the evidence subgraph of a trace from this entity (takes the trace options)");
  WalkOptionGroup export_walk;
  export_walk.add(*exporter, export_request.selection.trace);
  exporter->add_option("--paths-per-case", export_request.selection.trace.paths_per_case, "Trace: evidence paths per case")
      ->check(CLI::Range(0, 1000));
  exporter->add_flag("--temporal", export_request.selection.trace.temporal, "Trace: only temporally consistent paths");
  exporter->add_option("--tolerance-days", export_request.selection.trace.tolerance_days, "Trace: --temporal widening")
      ->check(CLI::Range(0, 36500));
  exporter->add_option("--around,--subgraph", export_request.selection.around,
                       "Select the subgraph of the entities within --radius relations of this entity");
  exporter->add_option("--radius", export_request.selection.radius, "Relations from --around (either direction)")
      ->check(CLI::Range(0, 20))
      ->capture_default_str();
  exporter->add_option("--ids", export_ids, "Select these comma-separated entities and the relations among them");
  exporter->add_option("--as-of", export_as_of, "Bundle: the date written into INDEX.md and the manifest")
      ->check(kIsoDate);
  exporter->add_option("--weak-below", export_request.weak_below, "Diagrams: dash relations below this confidence")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  exporter->add_flag("--force", export_request.force, "Replace an existing output file, or the files of a non-empty folder");
  exporter->add_flag("--reveal-protected", read.reveal_protected, "Name protected sources (witnesses stay pseudonymous)");
  exporter->add_flag("--with-documents", export_request.with_documents,
                     "Bundle: carry the sources' documents in custody under documents/ (never a protected source's)");
  exporter->add_flag("--network-scores", export_request.network_scores,
                     "Add each entity's broker score and, for --trace-from, which entities are choke points");
  bool export_json = false;
  exporter->add_flag("--json", export_json, "Bundle: print the sourcing summary as JSON (the data itself: --format json)");

  // exposure
  auto* exposure = app.add_subcommand("exposure", "Exposure score of an entity or product, with every case's contribution");
  std::string exposure_id;
  queries::ExposureOptions exposure_options;
  bool exposure_json = false;
  exposure->add_option("id", exposure_id, "Entity id (a product starts from the shipments carrying it)")->required();
  add_exposure_options(*exposure, exposure_options);
  exposure->add_flag("--json", exposure_json, "Print JSON");
  exposure->add_flag("--reveal-protected", read.reveal_protected, "Name protected sources (witnesses stay pseudonymous)");

  // brokers, components, chokepoints
  NetworkCommands network(app);

  // screen
  auto* screen = app.add_subcommand("screen", "Screen a supplier list: resolve each row, score its exposure");
  std::string screen_file;
  std::string screen_country;
  std::string screen_output;
  bool screen_json = false;
  bool screen_csv = false;
  viz::ScreenRequest screen_request;
  screen_request.match_threshold = importers::resolve::kDefaultMatchThreshold;
  screen->add_option("suppliers", screen_file, "CSV with a name column, optional country and id")->required();
  screen->add_option("--country", screen_country, "Country of rows that give none: ISO code or name")->transform(kCountry);
  screen->add_option("--threshold", screen_request.match_threshold, "Name score from which a row is matched")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  add_exposure_options(*screen, screen_request.exposure);
  screen->add_flag("--json", screen_json, "Print JSON");
  screen->add_flag("--csv", screen_csv, "Print CSV, one line per supplier row");
  screen->add_option("-o,--output", screen_output, "Write to this file instead of standard output");
  bool screen_force = false;
  screen->add_flag("--force", screen_force, "Replace an existing output file");
  screen->add_flag("--reveal-protected", read.reveal_protected, "Name protected sources (witnesses stay pseudonymous)");

  // brief
  auto* brief = app.add_subcommand("brief", "Due-diligence brief on a company or product: printable HTML or Markdown");
  std::string brief_id;
  std::string brief_format = "html";
  std::string brief_output;
  std::string brief_as_of;
  viz::BriefRequest brief_request;
  brief->add_option("id", brief_id, "Entity id (a product starts from the shipments carrying it)")->required();
  brief->add_option("-o,--output", brief_output, "Folder for brief.html, or brief.md and flow-chart.svg")->required();
  brief->add_option("--format", brief_format, "html (one printable, self-contained file) or md (Markdown)")
      ->check(CLI::IsMember({"html", "md"}))
      ->capture_default_str();
  add_exposure_options(*brief, brief_request.exposure);
  brief->add_option("--as-of", brief_as_of, "The date written into the brief (none unless given)")->check(kIsoDate);
  brief->add_option("--weak-below", brief_request.weak_below, "Flow chart: dash relations below this confidence")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  brief->add_flag("--force", brief_request.force, "Replace the files of an existing non-empty output folder");
  brief->add_flag("--reveal-protected", read.reveal_protected, "Name protected sources (witnesses stay pseudonymous)");

  // audit
  auto* audit = app.add_subcommand("audit", "Who exported, briefed, judged or revealed what, and when (append-only log)");
  std::string audit_since;
  bool audit_json = false;
  audit->add_option("--since", audit_since, "Only entries on or after this date")->check(kIsoDate);
  audit->add_flag("--json", audit_json, "Print JSON");

  auto* verify = app.add_subcommand(
      "verify", "Check an evidence bundle: exit 1 when tampered or incomplete; then report facts without good sources");
  std::string verify_folder;
  verify->add_option("folder", verify_folder, "The bundle folder")->required();
  bool verify_require_sources = false;
  verify->add_flag("--require-sources", verify_require_sources,
                   "Exit 2 when an intact bundle has a fact on no source, only on sources graded E or F, or only on "
                   "protected sources");
  bool verify_json = false;
  verify->add_flag("--json", verify_json, "Print the integrity and sourcing report as JSON");

  // protect
  auto* attach = app.add_subcommand("attach", "Take a document into custody for a source: hashed, kept unchanged, recorded");
  std::string attach_source;
  std::string attach_file;
  viz::AttachOptions attach_options;
  bool attach_json = false;
  attach->add_option("source", attach_source, "Source id")->required();
  attach->add_option("file", attach_file, "The document (kept as DB.documents/<sha256>)")->required();
  attach->add_option("--by", attach_options.by, "Who brings it into custody (default: $USER)");
  attach->add_option("--note", attach_options.note, "Where it came from, how it was obtained");
  attach->add_flag("--json", attach_json, "Print JSON");
  auto* protect = app.add_subcommand("protect", "The protection key: status, rekey, export-key");
  protect->require_subcommand(1);
  auto* protect_status = protect->add_subcommand("status", "What is sealed, under which kind of key");
  bool protect_json = false;
  protect_status->add_flag("--json", protect_json, "Print JSON");
  auto* protect_rekey = protect->add_subcommand(
      "rekey", "Re-encrypt everything under a new key (--new-key-file, FLGRAPH_NEW_PASSPHRASE or a prompt)");
  std::string new_key_file;
  protect_rekey->add_option("--new-key-file", new_key_file, "A new key file (created if missing)");
  auto* protect_export = protect->add_subcommand("export-key", "Write the protection key to a new key file");
  std::string key_output;
  protect_export->add_option("-o,--output", key_output, "The key file to write (never overwritten)")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kUsageError;
  }
  read.database = database;
  read.keys = key_source(key_file);

  try {
    if (import->parsed()) {
      const auto started = std::chrono::steady_clock::now();
      importers::ImportOptions options;
      options.format = importers::parse_input_format(format).value_or(importers::InputFormat::Auto);
      options.all_programs = all_programs;
      options.keys = read.keys;
      const auto summary = importers::import_into_database(database, {inputs.begin(), inputs.end()}, options);
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      if (import_as_json) {
        std::cout << import_json(summary, seconds).dump(2) << '\n';
      } else {
        std::cout << import_text(summary, database, seconds);
      }
    } else if (stats->parsed()) {
      print(viz::stats_command(read), stats_json, viz::stats_text);
    } else if (show->parsed()) {
      print(viz::show_command(read, show_id), show_json, viz::show_text);
    } else if (trace->parsed()) {
      trace_walk.apply(trace_options);
      if (trace_json) trace_format = "json";
      std::string bytes;
      if (trace_format == "text" || trace_format == "json") {
        const auto report = viz::trace_command(read, trace_from, trace_options);
        bytes = trace_format == "json" ? report.dump(2) + "\n" : viz::trace_text(report);
      } else {
        if (trace_format == "png" && trace_output.empty()) throw viz::UsageError("--format png needs -o/--output");
        bytes = viz::trace_diagram_command(read, trace_from, trace_options,
                                           *viz::parse_export_format(trace_format), trace_weak_below);
      }
      if (trace_output.empty()) {
        std::cout << bytes;
      } else {
        viz::write_text_file(trace_output, bytes, {database, trace_force});
      }
    } else if (paths->parsed()) {
      paths_walk.apply(paths_options.walk);
      print(viz::paths_command(read, paths_from, paths_to, paths_options), paths_json, viz::paths_text);
    } else if (match->parsed()) {
      if (match_name.empty() == match_file.empty()) throw viz::UsageError("match takes a NAME or --file FILE (one of them)");
      if (match_file.empty()) {
        print(importers::resolve::match_command(database, match_name, match_options), match_json,
              importers::resolve::match_text);
      } else {
        print(importers::resolve::match_file_command(database, match_file, match_options), match_json,
              importers::resolve::match_text);
      }
    } else if (resolve->parsed()) {
      print(importers::resolve::resolve_command(database, resolve_options), resolve_json,
            importers::resolve::resolve_text);
    } else if (judge->parsed()) {
      if (undo_option->count() > 0) {
        if (!judge_args.empty()) throw viz::UsageError("judge --undo ID takes no pair");
        print(importers::resolve::undo_judgement_command(database, judge_undo, judge_by, read.keys), judge_json,
              importers::resolve::judge_text);
      } else {
        if (judge_args.size() != 3) throw viz::UsageError("judge takes A B positive|negative|unsure, or --undo ID");
        const auto decision = graph::parse_decision(judge_args[2]);
        if (!decision) {
          throw viz::UsageError(fmt::format("judge: decision must be positive, negative or unsure, not {}",
                                            quote_for_message(judge_args[2])));
        }
        print(importers::resolve::judge_command(database, judge_args[0], judge_args[1], *decision, judge_by,
                                                  read.keys),
              judge_json, importers::resolve::judge_text);
      }
    } else if (exporter->parsed()) {
      export_walk.apply(export_request.selection.trace);
      export_request.format = *viz::parse_export_format(export_format);
      export_request.output = export_output;
      if (!export_as_of.empty()) export_request.as_of = graph::parse_date(export_as_of);
      for (std::size_t start = 0; !export_ids.empty() && start <= export_ids.size();) {
        const auto end = std::min(export_ids.find(',', start), export_ids.size());
        if (end > start) export_request.selection.ids.push_back(export_ids.substr(start, end - start));
        start = end + 1;
      }
      if (export_request.with_documents && export_request.format != viz::ExportFormat::Bundle) {
        throw viz::UsageError("--with-documents is for --format bundle");
      }
      if (export_json && export_request.format != viz::ExportFormat::Bundle) {
        throw viz::UsageError(
            "export --json prints the sourcing summary of --format bundle; for the data as JSON use --format json");
      }
      const auto result = viz::export_selection_command(read, export_request);
      std::cout << result.bytes;
      if (export_request.format == viz::ExportFormat::Bundle) {
        const nlohmann::json summary = {{"folder", export_output}, {"sourcing", result.sourcing}};
        if (export_json) {
          std::cout << summary.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
        } else {
          std::cout << fmt::format("wrote {}\n", escape_controls(export_output)) << viz::sourcing_text(result.sourcing);
        }
      }
    } else if (exposure->parsed()) {
      print(viz::exposure_command(read, exposure_id, exposure_options), exposure_json, viz::exposure_text);
    } else if (network.run_parsed(read)) {
    } else if (screen->parsed()) {
      if (screen_json && screen_csv) throw viz::UsageError("screen: choose --json or --csv, not both");
      const auto list = importers::resolve::read_name_list(screen_file, screen_country);
      std::vector<queries::SupplierRow> rows;
      rows.reserve(list.size());
      for (const auto& row : list) rows.push_back({row.line, row.name, row.country, row.id});
      const auto store = viz::open_store(read);
      const importers::resolve::NameListResolver resolver(store, screen_request.match_threshold);
      screen_request.file = screen_file;
      const auto report = viz::screen_command(read, rows, [&](const queries::SupplierRow& row) {
        return to_resolution(resolver.resolve({row.line, row.name, row.country, row.id}));
      }, screen_request);
      const std::string bytes = screen_json ? report.dump(2) + "\n" : screen_csv ? viz::screen_csv(report) : viz::screen_text(report);
      if (screen_output.empty()) {
        std::cout << bytes;
      } else {
        viz::write_text_file(screen_output, bytes, {database, screen_force});
        const auto summary = viz::screen_text(report);  // its first line: the counts per band
        std::cerr << summary.substr(0, summary.find('\n') + 1);
      }
    } else if (brief->parsed()) {
      brief_request.format = *viz::parse_brief_format(brief_format);
      brief_request.output_dir = brief_output;
      if (!brief_as_of.empty()) brief_request.as_of = graph::parse_date(brief_as_of);
      const auto summary = viz::brief_command(read, brief_id, brief_request);
      for (const auto& file : summary.files) std::cout << "wrote " << file.string() << '\n';
      std::cout << fmt::format("{}: exposure {:.4f} ({}), {} documented case(s)\n", summary.subject, summary.score,
                               queries::to_string(summary.band), summary.cases);
    } else if (audit->parsed()) {
      const auto since = audit_since.empty() ? std::nullopt : std::optional<std::string>(audit_since);
      print(viz::audit_command(read, since), audit_json, viz::audit_text);
    } else if (protect_status->parsed()) {
      print(viz::protect_status_command(read), protect_json, viz::protect_status_text);
    } else if (protect_rekey->parsed()) {
      const auto report = viz::protect_rekey_command(read, key_source(new_key_file, /*new_key=*/true));
      std::cout << fmt::format("{}: {} sealed values re-encrypted under the new {}\n",
                               report["database"].get<std::string>(), report["resealed"].get<std::int64_t>(),
                               report["key"].get<std::string>());
    } else if (protect_export->parsed()) {
      viz::protect_export_key_command(read, key_output);
      std::cout << fmt::format("wrote {} (keep it apart from the database)\n", key_output);
    } else if (attach->parsed()) {
      print(viz::attach_command(read, attach_source, attach_file, attach_options), attach_json, viz::attach_text);
    } else if (verify->parsed()) {
      const auto report = viz::verify_command(verify_folder, verify_require_sources);
      if (verify_json) {
        // File names come from the folder: replace bytes that are not UTF-8 rather than fail.
        std::cout << report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
      } else {
        std::cout << viz::verify_text(report);
        std::cerr << viz::verify_errors_text(report);
      }
      return report["exit_code"].get<int>();
    }
  } catch (const viz::UsageError& e) {
    std::cerr << "flgraph: " << e.what() << '\n';
    return kUsageError;
  }
  return 0;
}

}  // namespace flgraph::cli
