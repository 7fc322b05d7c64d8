// cli/common_options.h: what several subcommands share: the date check, the walk options as one
// group, and printing a report as JSON or escaped text.
#pragma once
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "queries/trace.h"

namespace flgraph::cli {

// Checks a YYYY-MM-DD option with the model's own date rules.
extern const CLI::Validator kIsoDate;

// --max-hops, --min-confidence, --kinds, --from-date and --to-date: add() declares them on a
// subcommand, apply() turns what was given into the options once CLI11 has parsed.
struct WalkOptionGroup {
  // What --max-hops means for the command; empty: the command takes no hop limit.
  std::string max_hops_help = "Most hops walked (same_as steps are free)";
  std::string kinds;
  std::string from_date;
  std::string to_date;
  void add(CLI::App& command, queries::TraceOptions& options);
  // Throws viz::UsageError for a window that ends before it starts.
  void apply(queries::TraceOptions& options) const;
};

// JSON as it is, or the text rendering with every control character from the data escaped.
void print(const nlohmann::json& report, bool as_json, std::string (*to_text)(const nlohmann::json&));

}  // namespace flgraph::cli
