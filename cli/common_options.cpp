// cli/common_options.cpp: the option groups and the printing several subcommands share.
#include "cli/common_options.h"

#include <iostream>

#include "graph/errors.h"
#include "graph/model.h"
#include "viz/commands.h"

namespace flgraph::cli {

const CLI::Validator kIsoDate = CLI::Validator(
    [](std::string& text) { return graph::parse_date(text) ? std::string() : "expected a real date as YYYY-MM-DD"; },
    "DATE");

void WalkOptionGroup::add(CLI::App& command, queries::TraceOptions& options) {
  if (!max_hops_help.empty()) command.add_option("--max-hops", options.max_hops, max_hops_help)->check(CLI::Range(1, 20));
  command.add_option("--min-confidence", options.min_confidence, "Skip relations below this confidence")
      ->check(CLI::Range(0.0, 1.0));
  command.add_option("--kinds", kinds, "Comma-separated relation kinds to walk (default: all trace kinds)");
  command.add_option("--from-date", from_date, "Drop relations that end before this date")->check(kIsoDate);
  command.add_option("--to-date", to_date, "Drop relations that start after this date")->check(kIsoDate);
}

void WalkOptionGroup::apply(queries::TraceOptions& options) const {
  if (!kinds.empty()) options.kinds = viz::parse_trace_kinds(kinds);
  if (!from_date.empty()) options.from_date = graph::parse_date(from_date);
  if (!to_date.empty()) options.to_date = graph::parse_date(to_date);
  if (options.from_date && options.to_date && *options.to_date < *options.from_date) {
    throw viz::UsageError("--to-date " + to_date + " is before --from-date " + from_date);
  }
}

void print(const nlohmann::json& report, bool as_json, std::string (*to_text)(const nlohmann::json&)) {
  if (as_json) {
    std::cout << report.dump(2) << '\n';
  } else {
    std::cout << escape_controls(to_text(report), /*keep_layout=*/true);  // no terminal control from the data
  }
}

}  // namespace flgraph::cli
