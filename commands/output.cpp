// commands/output.cpp: what the multi-part subcommands print, and where.
#include "commands/output.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <iostream>

#include "commands/brief_command.h"
#include "commands/exposure_commands.h"
#include "commands/import_summary.h"
#include "graph/errors.h"
#include "graph/model.h"
#include "importers/name_list.h"
#include "resolve/qualifiers.h"
#include "viz/bundle_sourcing.h"
#include "viz/bundle_verify.h"
#include "viz/custody_reports.h"
#include "viz/reports.h"
#include "viz/resolve_reports.h"

namespace flgraph::commands {
namespace {

// "a,,b" -> {"a", "b"}: empty items are dropped.
std::vector<std::string> split_ids(const std::string& ids) {
  std::vector<std::string> out;
  for (std::size_t start = 0; !ids.empty() && start <= ids.size();) {
    const auto end = std::min(ids.find(',', start), ids.size());
    if (end > start) out.push_back(ids.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

void print(const nlohmann::json& report, bool as_json,
           std::string (*to_text)(const nlohmann::json&)) {
  if (as_json) {
    std::cout << report.dump(2) << '\n';
  } else {
    std::cout << escape_controls(to_text(report),
                                 /*keep_layout=*/true);  // no terminal control from the data
  }
}

void import_and_print(const std::string& database, const std::vector<std::string>& inputs,
                      const importers::ImportOptions& options, bool as_json) {
  const auto started = std::chrono::steady_clock::now();
  const auto summary =
      importers::import_into_database(database, {inputs.begin(), inputs.end()}, options);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (as_json) {
    std::cout << import_json(summary, seconds).dump(2) << '\n';
  } else {
    std::cout << import_text(summary, database, seconds);
  }
}

void trace_and_print(const ReadOptions& read, const std::string& from,
                     const queries::TraceOptions& options, const TraceOutput& output) {
  std::string bytes;
  if (output.format == "text" || output.format == "json") {
    const auto report = trace_command(read, from, options);
    bytes = output.format == "json" ? report.dump(2) + "\n" : viz::trace_text(report);
  } else {
    if (output.format == "png" && output.file.empty())
      throw UsageError("--format png needs -o/--output");
    bytes = trace_diagram_command(read, from, options, *parse_export_format(output.format),
                                  output.weak_below);
  }
  if (output.file.empty()) {
    std::cout << bytes;
  } else {
    commands::write_text_file(output.file, bytes, {read.database, output.force});
  }
}

void match_and_print(const std::filesystem::path& database, const std::string& name,
                     const std::string& file, const MatchOptions& options, bool as_json) {
  if (name.empty() == file.empty())
    throw UsageError("match takes a NAME or --file FILE (one of them)");
  if (!resolve::is_known_kind(options.kind)) {
    throw UsageError(fmt::format("match: --kind must be one of {}, not {}", resolve::kKindNames,
                                 quote_for_message(options.kind)));
  }
  if (!options.dob.empty() && !resolve::is_birth_date(options.dob)) {
    throw UsageError(fmt::format("match: --dob must be YYYY, YYYY-MM or YYYY-MM-DD, not {}",
                                 quote_for_message(options.dob)));
  }
  if (!file.empty() &&
      (!options.kind.empty() || !options.dob.empty() || !options.id_numbers.empty())) {
    throw UsageError("match --file: give kind, dob and id_number as columns of the file");
  }
  if (file.empty()) {
    print(match_command(database, name, options), as_json, viz::match_text);
  } else {
    print(match_file_command(database, file, options), as_json, viz::match_text);
  }
}

void judge_and_print(const std::filesystem::path& database, const JudgeRequest& judge,
                     const graph::KeySource& keys, bool as_json) {
  if (judge.undo) {
    if (!judge.pair.empty()) throw UsageError("judge --undo ID takes no pair");
    print(undo_judgement_command(database, *judge.undo, judge.by, keys), as_json, viz::judge_text);
    return;
  }
  if (judge.pair.size() != 3)
    throw UsageError("judge takes A B positive|negative|unsure, or --undo ID");
  const auto decision = graph::parse_decision(judge.pair[2]);
  if (!decision) {
    throw UsageError(fmt::format("judge: decision must be positive, negative or unsure, not {}",
                                 quote_for_message(judge.pair[2])));
  }
  print(judge_command(database, judge.pair[0], judge.pair[1], *decision, judge.by, keys), as_json,
        viz::judge_text);
}

void export_and_print(const ReadOptions& read, ExportRequest request, const std::string& format,
                      const std::string& output, const std::string& ids, const std::string& as_of,
                      bool as_json) {
  request.format = *parse_export_format(format);
  request.output = output;
  if (!as_of.empty()) request.as_of = graph::parse_date(as_of);
  const auto listed = split_ids(ids);
  request.selection.ids.insert(request.selection.ids.end(), listed.begin(), listed.end());
  if (request.with_documents && request.format != ExportFormat::Bundle) {
    throw UsageError("--with-documents is for --format bundle");
  }
  if (as_json && request.format != ExportFormat::Bundle) {
    throw UsageError(
        "export --json prints the sourcing summary of --format bundle; for the data as JSON use "
        "--format json");
  }
  const auto result = export_selection_command(read, request);
  std::cout << result.bytes;
  if (request.format != ExportFormat::Bundle) return;
  const nlohmann::json summary = {{"folder", output}, {"sourcing", result.sourcing}};
  if (as_json) {
    std::cout << summary.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  } else {
    std::cout << fmt::format("wrote {}\n", escape_controls(output))
              << viz::sourcing_text(result.sourcing);
  }
}

void screen_and_print(const ReadOptions& read, const viz::ScreenRequest& request,
                      const ScreenOutput& output) {
  if (output.json && output.csv) throw UsageError("screen: choose --json or --csv, not both");
  const auto list = importers::read_name_list(request.file, output.country);
  const auto report = screen_list_command(read, list, output.lookalikes, request);
  const std::string bytes = output.json  ? report.dump(2) + "\n"
                            : output.csv ? viz::screen_csv(report)
                                         : viz::screen_text(report);
  if (output.file.empty()) {
    std::cout << bytes;
  } else {
    commands::write_text_file(output.file, bytes, {read.database, output.force});
    const auto summary = viz::screen_text(report);  // its first line: the counts per band
    std::cerr << summary.substr(0, summary.find('\n') + 1);
  }
}

void brief_and_print(const ReadOptions& read, const std::string& id, viz::BriefRequest request,
                     const std::string& format, const std::string& as_of) {
  request.format = *viz::parse_brief_format(format);
  if (!as_of.empty()) request.as_of = graph::parse_date(as_of);
  const auto summary = brief_command(read, id, request);
  for (const auto& file : summary.files) std::cout << "wrote " << file.string() << '\n';
  std::cout << fmt::format("{}: exposure {:.4f} ({}), {} documented case(s)\n", summary.subject,
                           summary.score, queries::to_string(summary.band), summary.cases);
}

void protect_rekey_and_print(const ReadOptions& read, const graph::KeySource& new_keys) {
  const auto report = protect_rekey_command(read, new_keys);
  std::cout << fmt::format(
      "{}: {} sealed values re-encrypted under the new {}\n", report["database"].get<std::string>(),
      report["resealed"].get<std::int64_t>(), report["key"].get<std::string>());
}

void protect_export_key_and_print(const ReadOptions& read, const std::string& output) {
  protect_export_key_command(read, output);
  std::cout << fmt::format("wrote {} (keep it apart from the database)\n", output);
}

int verify_and_print(const std::filesystem::path& folder, bool require_sources, bool as_json) {
  const auto report = verify_command(folder, require_sources);
  if (as_json) {
    // File names come from the folder: replace bytes that are not UTF-8 rather than fail.
    std::cout << report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  } else {
    std::cout << viz::verify_text(report);
    std::cerr << viz::verify_errors_text(report);
  }
  return report["exit_code"].get<int>();
}

}  // namespace flgraph::commands
