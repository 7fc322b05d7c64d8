// cli/app.cpp: subcommands and their options.
#include "cli/app.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <iostream>

#include "graph/model.h"
#include "importers/import.h"
#include "viz/commands.h"
#include "viz/reports.h"

namespace flgraph::cli {
namespace {

constexpr int kUsageError = 2;

// Checks a YYYY-MM-DD option with the model's own date rules.
const auto kIsoDate = CLI::Validator(
    [](std::string& text) { return graph::parse_date(text) ? std::string() : "expected a real date as YYYY-MM-DD"; },
    "DATE");

void print(const nlohmann::json& report, bool as_json, std::string (*to_text)(const nlohmann::json&)) {
  if (as_json) {
    std::cout << report.dump(2) << '\n';
  } else {
    std::cout << to_text(report);
  }
}

std::string import_text(const importers::ImportSummary& summary, const std::string& database, double seconds) {
  auto line = [](std::string_view what, const importers::UpsertCounts& counts) {
    return fmt::format("  {:<13} {:>9} new {:>9} updated {:>9} unchanged\n", what, counts.inserted, counts.updated,
                       counts.unchanged);
  };
  std::string out = fmt::format("imported {} file(s) into {} in {:.2f} s\n", summary.files.size(), database, seconds);
  out += line("entities", summary.entities) + line("relations", summary.relations) + line("sources", summary.sources) +
         line("claims", summary.claims) + line("designations", summary.designations);
  for (const auto& list : summary.lists) out += importers::list_counts_text(list);
  if (!summary.unmapped.empty()) {
    out += "  unmapped (kept as attributes):\n";
    for (const auto& [what, count] : summary.unmapped) out += fmt::format("    {:<40} {:>7}\n", what, count);
  }
  return out;
}

nlohmann::json import_json(const importers::ImportSummary& summary, double seconds) {
  auto counts = [](const importers::UpsertCounts& c) {
    return nlohmann::json{{"inserted", c.inserted}, {"updated", c.updated}, {"unchanged", c.unchanged}};
  };
  nlohmann::json lists = nlohmann::json::array();
  for (const auto& list : summary.lists) lists.push_back(importers::list_counts_json(list));
  return {{"files", summary.files},         {"seconds", seconds},
          {"entities", counts(summary.entities)}, {"relations", counts(summary.relations)},
          {"sources", counts(summary.sources)},   {"claims", counts(summary.claims)},
          {"designations", counts(summary.designations)},
          {"lists", std::move(lists)},            {"unmapped", summary.unmapped}};
}

void add_walk_options(CLI::App& command, queries::TraceOptions& options, std::string& kinds, std::string& from_date,
                      std::string& to_date) {
  command.add_option("--max-hops", options.max_hops, "Most hops walked (same_as steps are free)")
      ->check(CLI::Range(1, 20));
  command.add_option("--min-confidence", options.min_confidence, "Skip relations below this confidence")
      ->check(CLI::Range(0.0, 1.0));
  command.add_option("--kinds", kinds, "Comma-separated relation kinds to walk (default: all trace kinds)");
  command.add_option("--from-date", from_date, "Drop relations that end before this date")->check(kIsoDate);
  command.add_option("--to-date", to_date, "Drop relations that start after this date")->check(kIsoDate);
}

void apply_walk_options(queries::TraceOptions& options, const std::string& kinds, const std::string& from_date,
                        const std::string& to_date) {
  if (!kinds.empty()) options.kinds = viz::parse_trace_kinds(kinds);
  if (!from_date.empty()) options.from_date = graph::parse_date(from_date);
  if (!to_date.empty()) options.to_date = graph::parse_date(to_date);
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"flgraph: link goods and companies to documented DPRK forced-labour cases, with evidence"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "flgraph 0.1.0");
  viz::ReadOptions read{"flgraph.db", false};
  std::string database = "flgraph.db";
  app.add_option("--db", database, "SQLite database file")->capture_default_str();

  // import
  auto* import = app.add_subcommand("import", "Import files or directories in one all-or-nothing transaction");
  std::vector<std::string> inputs;
  std::string format = "auto";
  bool import_as_json = false;
  bool all_programs = false;
  import->add_option("inputs", inputs, "Files or directories (*.csv, *.json; an OFAC folder; *.xml; FtM *.json)")
      ->required();
  import->add_option("--format", format,
                     "auto, csv, json, ofac (SDN CSV set: folder or sdn.csv), un (UN consolidated XML) or ftm "
                     "(FollowTheMoney JSON lines)")
      ->check(CLI::IsMember({"auto", "csv", "json", "ofac", "un", "ftm"}))
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
  show->add_option("id", show_id, "Entity id (or a witness pseudonym W-...)")->required();
  show->add_flag("--json", show_json, "Print JSON");
  show->add_flag("--reveal-protected", read.reveal_protected, "Name protected sources (witnesses stay pseudonymous)");

  // trace
  auto* trace = app.add_subcommand("trace", "Documented forced-labour cases reachable from an entity, with evidence paths");
  std::string trace_from;
  queries::TraceOptions trace_options;
  std::string trace_kinds;
  std::string trace_from_date;
  std::string trace_to_date;
  bool trace_json = false;
  trace->add_option("--from", trace_from, "Start entity id (a product starts from the shipments carrying it)")->required();
  add_walk_options(*trace, trace_options, trace_kinds, trace_from_date, trace_to_date);
  trace->add_option("--paths-per-case", trace_options.paths_per_case, "Evidence paths listed per case")
      ->check(CLI::Range(0, 1000));
  trace->add_flag("--temporal", trace_options.temporal, "Only paths consistent with each case's dates");
  trace->add_option("--tolerance-days", trace_options.tolerance_days, "Widening of a case's period for --temporal")
      ->check(CLI::Range(0, 36500));
  trace->add_flag("--json", trace_json, "Print JSON");
  trace->add_flag("--reveal-protected", read.reveal_protected, "Name protected sources (witnesses stay pseudonymous)");

  // paths
  auto* paths = app.add_subcommand("paths", "Count and list all simple paths to a target or to any case");
  std::string paths_from;
  std::string paths_to;
  queries::PathsOptions paths_options;
  std::string paths_kinds;
  std::string paths_from_date;
  std::string paths_to_date;
  bool paths_json = false;
  paths->add_option("--from", paths_from, "Start entity id")->required();
  paths->add_option("--to", paths_to, "Target entity id (default: any case)");
  add_walk_options(*paths, paths_options.walk, paths_kinds, paths_from_date, paths_to_date);
  paths->add_option("--limit", paths_options.limit, "Paths listed (the count is always exact)")
      ->check(CLI::Range(0, 100000));
  paths->add_flag("--json", paths_json, "Print JSON");
  paths->add_flag("--reveal-protected", read.reveal_protected, "Name protected sources (witnesses stay pseudonymous)");

  // export
  auto* exporter = app.add_subcommand("export", "Write the whole graph as a JSON bundle (protected records pseudonymised)");
  std::string export_format = "json";
  std::string export_output;
  exporter->add_option("--format", export_format, "json")->check(CLI::IsMember({"json"}))->capture_default_str();
  exporter->add_option("-o,--output", export_output, "Output file (default: standard output)");
  exporter->add_flag("--reveal-protected", read.reveal_protected, "Name protected sources (witnesses stay pseudonymous)");

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

  try {
    if (import->parsed()) {
      const auto started = std::chrono::steady_clock::now();
      importers::ImportOptions options;
      options.format = importers::parse_input_format(format).value_or(importers::InputFormat::Auto);
      options.all_programs = all_programs;
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
      apply_walk_options(trace_options, trace_kinds, trace_from_date, trace_to_date);
      print(viz::trace_command(read, trace_from, trace_options), trace_json, viz::trace_text);
    } else if (paths->parsed()) {
      apply_walk_options(paths_options.walk, paths_kinds, paths_from_date, paths_to_date);
      print(viz::paths_command(read, paths_from, paths_to, paths_options), paths_json, viz::paths_text);
    } else if (exporter->parsed()) {
      const std::string bundle = viz::export_command(read).dump(2) + "\n";
      if (export_output.empty()) {
        std::cout << bundle;
      } else {
        viz::write_text_file(export_output, bundle);
      }
    }
  } catch (const viz::UsageError& e) {
    std::cerr << "flgraph: " << e.what() << '\n';
    return kUsageError;
  }
  return 0;
}

}  // namespace flgraph::cli
