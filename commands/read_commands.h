// commands/read_commands.h: stats, show, trace, paths, export and verify, from database path to
// finished report.
#pragma once
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commands/read_options.h"
#include "queries/paths.h"
#include "queries/trace.h"
#include "viz/reports.h"

namespace flgraph::commands {

// The most hops a trace or a path search may walk, for every front end.
inline constexpr int kMaxWalkHops = 20;

nlohmann::json stats_command(const ReadOptions& read);
// With relations_per_kind, at most that many relations of each kind and direction
// (viz::show_report): the explorer's neighbours of an entity.
nlohmann::json show_command(const ReadOptions& read, const std::string& id,
                            std::size_t relations_per_kind = viz::kAllRelations);
nlohmann::json trace_command(const ReadOptions& read, const std::string& from,
                             const queries::TraceOptions& options);
nlohmann::json paths_command(const ReadOptions& read, const std::string& from,
                             const std::string& to, const queries::PathsOptions& options);

// What `export` and `trace --format` can write.
enum class ExportFormat { Json, Bundle, Dot, Svg, Png, Graphml, Gexf, Ftm, Csv };
// "bundle" -> ExportFormat::Bundle; nothing for an unknown name.
std::optional<ExportFormat> parse_export_format(std::string_view name);

// Which facts an export covers: a trace (trace_from), a neighbourhood (around + radius), listed
// ids, or, when none is given, the whole store.
struct SelectionSpec {
  std::string trace_from;
  queries::TraceOptions trace;
  std::string around;
  int radius = 1;
  std::vector<std::string> ids;
};

struct ExportRequest {
  ExportFormat format = ExportFormat::Json;
  SelectionSpec selection;
  std::filesystem::path output;  // a file, or the folder of bundle and csv; empty: stdout
  bool force = false;            // replace an existing file, or the files of a non-empty folder
  std::optional<graph::Date> as_of;
  double weak_below = 0.5;
  bool with_documents =
      false;  // bundle: the sources' documents in custody (never a protected source's)
  bool network_scores =
      false;  // each entity's broker score, and a trace's choke points (viz/network_scores.h)
};

struct ExportResult {
  std::string bytes;  // for standard output, when request.output is empty
  nlohmann::json
      sourcing;  // an evidence bundle's sourcing report (viz/bundle_sourcing.h), else null
};

// Writes the export to request.output, or returns its bytes for stdout when output is empty
// (formats that are folders or binary need an output). Records it in the audit log with the
// hashes of what it wrote (commands/audit_recording.h).
ExportResult export_selection_command(const ReadOptions& read, const ExportRequest& request);

// `trace --format dot|svg|png`: the trace's evidence subgraph as a diagram's bytes.
std::string trace_diagram_command(const ReadOptions& read, const std::string& from,
                                  const queries::TraceOptions& options, ExportFormat format,
                                  double weak_below);

// `verify DIR`: integrity decides the exit code, sourcing is reported after it; with
// require_sources a sourcing gap exits 2 (viz/bundle_verify.h has the report's shape).
nlohmann::json verify_command(const std::filesystem::path& folder, bool require_sources);

// "ships,consigned_to" -> mask of trace kinds; throws UsageError naming the bad kind.
queries::KindMask parse_trace_kinds(const std::string& list);

}  // namespace flgraph::commands
