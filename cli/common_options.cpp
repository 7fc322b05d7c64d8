// cli/common_options.cpp: the option groups several subcommands share.
#include "cli/common_options.h"

#include "commands/exposure_commands.h"
#include "commands/read_commands.h"
#include "graph/errors.h"
#include "graph/model.h"
#include "importers/country_names.h"

namespace flgraph::cli {

const CLI::Validator kIsoDate = CLI::Validator(
    [](std::string& text) {
      return graph::parse_date(text) ? std::string() : "expected a real date as YYYY-MM-DD";
    },
    "DATE");

const CLI::Validator kCountry = CLI::Validator(
    [](std::string& text) {
      const auto code = importers::country_code(text);
      if (!code) return std::string("expected an ISO 3166 country code or name");
      text = *code;
      return std::string();
    },
    "COUNTRY");

void JsonFlag::add(CLI::App& command, const std::string& help) {
  command.add_flag("--json", on, help);
}

void RevealFlags::add(CLI::App& command) {
  command.add_flag("--reveal-protected", reveal_protected,
                   "Name protected sources (witnesses stay pseudonymous)");
}

void RevealFlags::add_witness(CLI::App& command) {
  command.add_flag("--reveal-witness", reveal_witness,
                   "Open a protected person's own sealed record (needs the protection key)");
}

commands::ReadOptions RevealFlags::applied_to(commands::ReadOptions read) const {
  read.reveal_protected = reveal_protected;
  read.reveal_witness = reveal_witness;
  return read;
}

void WalkOptionGroup::add(CLI::App& command, queries::TraceOptions& options) {
  if (!max_hops_help.empty())
    command.add_option("--max-hops", options.max_hops, max_hops_help)
        ->check(CLI::Range(1, commands::kMaxWalkHops));
  command
      .add_option("--min-confidence", options.min_confidence,
                  "Skip relations below this confidence")
      ->check(CLI::Range(0.0, 1.0));
  command.add_option("--kinds", kinds,
                     "Comma-separated relation kinds to walk (default: all trace kinds)");
  command.add_option("--from-date", from_date, "Drop relations that end before this date")
      ->check(kIsoDate);
  command.add_option("--to-date", to_date, "Drop relations that start after this date")
      ->check(kIsoDate);
}

void WalkOptionGroup::apply(queries::TraceOptions& options) const {
  if (!kinds.empty()) options.kinds = commands::parse_trace_kinds(kinds);
  if (!from_date.empty()) options.from_date = graph::parse_date(from_date);
  if (!to_date.empty()) options.to_date = graph::parse_date(to_date);
  if (options.from_date && options.to_date && *options.to_date < *options.from_date) {
    throw commands::UsageError("--to-date " + to_date + " is before --from-date " + from_date);
  }
}

void add_exposure_options(CLI::App& command, queries::ExposureOptions& options) {
  command.add_option("--max-hops", options.max_hops, "Most hops walked from the entity")
      ->check(CLI::Range(1, commands::kMaxExposureHops))
      ->capture_default_str();
  command
      .add_option("--min-confidence", options.min_confidence,
                  "Relations below this confidence are not walked")
      ->check(CLI::Range(0.0, 1.0));
  command.add_option("--decay", options.decay_per_hop, "Weight kept per hop beyond the first")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  command
      .add_option("--tolerance-days", options.tolerance_days,
                  "Widening of a case's period for temporal consistency")
      ->check(CLI::Range(0, commands::kMaxToleranceDays))
      ->capture_default_str();
}

}  // namespace flgraph::cli
