// cli/common_options.h: the options several subcommands share, each declared in one place: the
// date and country checks, --json, --reveal-protected, the walk options and the exposure options.
#pragma once
#include <CLI/CLI.hpp>
#include <string>

#include "commands/read_options.h"
#include "queries/exposure.h"
#include "queries/trace.h"

namespace flgraph::cli {

// Checks a YYYY-MM-DD option with the model's own date rules.
extern const CLI::Validator kIsoDate;
// A country option as an ISO 3166 alpha-2 code, from a code or a name ("China", "Korea, North").
extern const CLI::Validator kCountry;

// --json: what it prints differs by subcommand, so the help line may too.
struct JsonFlag {
  bool on = false;
  void add(CLI::App& command, const std::string& help = "Print JSON");
};

// --reveal-protected (every command that shows sources) and, for show only, --reveal-witness.
struct RevealFlags {
  bool reveal_protected = false;
  bool reveal_witness = false;
  void add(CLI::App& command);
  void add_witness(CLI::App& command);
  // The global read options with these flags set.
  commands::ReadOptions applied_to(commands::ReadOptions read) const;
};

// --max-hops, --min-confidence, --kinds, --from-date and --to-date: add() declares them on a
// subcommand, apply() turns what was given into the options once CLI11 has parsed.
struct WalkOptionGroup {
  // What --max-hops means for the command; empty: the command takes no hop limit.
  std::string max_hops_help = "Most hops walked (same_as steps are free)";
  std::string kinds;
  std::string from_date;
  std::string to_date;
  void add(CLI::App& command, queries::TraceOptions& options);
  // Throws commands::UsageError for a window that ends before it starts.
  void apply(queries::TraceOptions& options) const;
};

// --max-hops, --min-confidence, --decay and --tolerance-days of exposure, screen and brief.
void add_exposure_options(CLI::App& command, queries::ExposureOptions& options);

}  // namespace flgraph::cli
