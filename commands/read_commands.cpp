// commands/read_commands.cpp: open the store, run the query, build the redacted report.
#include "commands/read_commands.h"

#include <fmt/format.h>

#include "commands/audit_recording.h"
#include "custody/audit_log.h"
#include "graph/errors.h"
#include "queries/entity_lookup.h"
#include "viz/bundle_export.h"
#include "viz/bundle_verify.h"
#include "viz/custody_reports.h"
#include "viz/diagram.h"
#include "viz/evidence_bundle.h"
#include "viz/graph_formats.h"
#include "viz/network_scores.h"
#include "viz/reports.h"
#include "viz/safe_output.h"
#include "viz/selection.h"

namespace flgraph::commands {

using namespace viz;  // this file hands every result to viz's renderers

namespace {

std::string trace_description(const std::string& shown_start,
                              const queries::TraceOptions& options) {
  std::string out =
      fmt::format("trace from {}: max hops {}, paths per case {}, min confidence {}", shown_start,
                  options.max_hops, options.paths_per_case, options.min_confidence);
  if (options.kinds != queries::trace_kinds()) {
    std::string kinds;
    for (std::size_t k = 0; k < graph::kRelationKindCount; ++k) {
      const auto kind = static_cast<graph::RelationKind>(k);
      if ((options.kinds & queries::kind_bit(kind)) != 0)
        kinds += (kinds.empty() ? "" : ",") + std::string(graph::to_string(kind));
    }
    out += ", kinds " + kinds;
  }
  if (options.from_date) out += ", from " + graph::format_date(*options.from_date);
  if (options.to_date) out += ", to " + graph::format_date(*options.to_date);
  if (options.temporal)
    out += fmt::format(", temporal (tolerance {} days)", options.tolerance_days);
  return out;
}

struct Selected {
  Selection selection;
  std::string description;  // redacted
};

Selected select(const graph::Store& store, const EvidenceReader& reader,
                const SelectionSpec& spec) {
  const int chosen = (spec.trace_from.empty() ? 0 : 1) + (spec.around.empty() ? 0 : 1) +
                     (spec.ids.empty() ? 0 : 1);
  if (chosen > 1) throw UsageError("choose one selection: --trace-from, --around or --ids");
  if (chosen == 0) return {select_all(store), "the whole database"};
  const auto graph = graph::QueryGraph::load(store);
  if (!spec.trace_from.empty()) {
    const auto start = queries::resolve_entity(store, graph, spec.trace_from);
    const auto result = queries::trace_to_cases(graph, start, spec.trace);
    return {select_trace(store, graph, result),
            trace_description(reader.entity(graph, start).id, spec.trace)};
  }
  if (!spec.around.empty()) {
    const auto center = queries::resolve_entity(store, graph, spec.around);
    return {select_around(store, graph, center, spec.radius),
            fmt::format("entities within {} relation(s) of {}, with the relations among them",
                        spec.radius, reader.entity(graph, center).id)};
  }
  std::vector<graph::VertexId> vertices;
  std::string listed;
  for (const auto& id : spec.ids) {
    vertices.push_back(queries::resolve_entity(store, graph, id));
    listed += (listed.empty() ? "" : ", ") + reader.entity(graph, vertices.back()).id;
  }
  return {select_vertices(store, graph, vertices),
          fmt::format("entities {} with the relations among them", listed)};
}

void require_output(const ExportRequest& request, const char* what) {
  if (request.output.empty()) throw UsageError(fmt::format("--format {} needs -o/--output", what));
}

constexpr std::pair<std::string_view, ExportFormat> kExportFormatNames[] = {
    {"json", ExportFormat::Json}, {"bundle", ExportFormat::Bundle},
    {"dot", ExportFormat::Dot},   {"svg", ExportFormat::Svg},
    {"png", ExportFormat::Png},   {"graphml", ExportFormat::Graphml},
    {"gexf", ExportFormat::Gexf}, {"ftm", ExportFormat::Ftm},
    {"csv", ExportFormat::Csv}};

std::string_view export_format_name(ExportFormat format) {
  for (const auto& [name, named] : kExportFormatNames) {
    if (named == format) return name;
  }
  return "?";
}

}  // namespace

nlohmann::json stats_command(const ReadOptions& read) {
  return stats_report(open_store(read).stats());
}

nlohmann::json show_command(const ReadOptions& read, const std::string& id,
                            std::size_t relations_per_kind) {
  auto store = open_store(read);
  if (!store.find_entity(id)) {
    if (auto source = source_report(store, disclosure_for(store, read), id)) {
      // Recorded under the id the store keeps: a protected source's pseudonym, even when revealed.
      record_if_revealing(store, read, "show", store.source(id)->record.id);
      return *source;
    }
  }
  const auto entity = queries::resolve_stored_entity(store, id);
  const EvidenceReader reader(store, disclosure_for(store, read));
  auto report = show_report(reader, entity, relations_per_kind);
  // Recorded under the id outputs show: a pseudonym even when the user typed a real id.
  record_if_revealing(store, read, "show", reader.entity(entity).id);
  return report;
}

nlohmann::json trace_command(const ReadOptions& read, const std::string& from,
                             const queries::TraceOptions& options) {
  auto store = open_store(read);
  const auto graph = graph::QueryGraph::load(store);
  const auto start = queries::resolve_entity(store, graph, from);
  const auto result = queries::trace_to_cases(graph, start, options);
  const EvidenceReader reader(store, disclosure_for(store, read));
  auto report = trace_report(reader, graph, result, options);
  record_if_revealing(store, read, "trace",
                      trace_description(reader.entity(graph, start).id, options));
  return report;
}

nlohmann::json paths_command(const ReadOptions& read, const std::string& from,
                             const std::string& to, const queries::PathsOptions& options) {
  auto store = open_store(read);
  const auto graph = graph::QueryGraph::load(store);
  const auto start = queries::resolve_entity(store, graph, from);
  auto resolved = options;
  if (!to.empty()) resolved.target = queries::resolve_entity(store, graph, to);
  const auto result = queries::find_paths(graph, start, resolved);
  const EvidenceReader reader(store, disclosure_for(store, read));
  auto report = paths_report(reader, graph, start, result, resolved);
  record_if_revealing(
      store, read, "paths",
      fmt::format("from {} to {}", reader.entity(graph, start).id,
                  resolved.target ? reader.entity(graph, *resolved.target).id : "any case"));
  return report;
}

std::optional<ExportFormat> parse_export_format(std::string_view name) {
  for (const auto& [text, format] : kExportFormatNames) {
    if (text == name) return format;
  }
  return std::nullopt;
}

ExportResult export_selection_command(const ReadOptions& read, const ExportRequest& request) {
  // Refuse a bad output before any work, and before a database is opened.
  if (request.format == ExportFormat::Bundle) require_output(request, "bundle");
  if (request.format == ExportFormat::Csv) require_output(request, "csv");
  if (request.format == ExportFormat::Png) require_output(request, "png");
  const OutputPolicy policy{read.database, request.force};
  const bool is_folder =
      request.format == ExportFormat::Bundle || request.format == ExportFormat::Csv;
  if (is_folder) check_output_folder(request.output, policy);
  if (!is_folder && !request.output.empty()) check_output_file(request.output, policy);
  auto store = open_store(read);
  const EvidenceReader reader(store, disclosure_for(store, read));
  auto [selection, description] = select(store, reader, request.selection);
  if (request.network_scores) {
    const auto graph = graph::QueryGraph::load(store);
    std::optional<graph::VertexId> start;
    if (!request.selection.trace_from.empty())
      start = queries::resolve_entity(store, graph, request.selection.trace_from);
    add_network_scores(graph, request.selection.trace, start, selection);
    description +=
        start ? ", with broker scores and the trace's choke points" : ", with broker scores";
  }
  std::string bytes;
  nlohmann::json sourcing;  // an evidence bundle's
  switch (request.format) {
    case ExportFormat::Bundle:
      sourcing = write_evidence_bundle(
          reader, selection, request.output,
          {description, request.as_of, request.weak_below, policy, request.with_documents});
      break;
    case ExportFormat::Csv: {
      const auto csv = to_property_csv(show_selection(reader, selection));
      OutputFolder folder(request.output, policy);
      folder.write(kCsvNodes, csv.nodes);
      folder.write(kCsvRelationships, csv.relationships);
      folder.write(kCsvKuzuScript, csv.kuzu_script);
      break;
    }
    case ExportFormat::Json:
      bytes = export_bundle(reader, selection).dump(2) + "\n";
      break;
    case ExportFormat::Dot:
      bytes = render_diagram(show_selection(reader, selection), DiagramFormat::Dot,
                             {request.weak_below, description});
      break;
    case ExportFormat::Svg:
      bytes = render_diagram(show_selection(reader, selection), DiagramFormat::Svg,
                             {request.weak_below, description});
      break;
    case ExportFormat::Png:
      bytes = render_diagram(show_selection(reader, selection), DiagramFormat::Png,
                             {request.weak_below, description});
      break;
    case ExportFormat::Graphml:
      bytes = to_graphml(show_selection(reader, selection));
      break;
    case ExportFormat::Gexf:
      bytes = to_gexf(show_selection(reader, selection));
      break;
    case ExportFormat::Ftm:
      bytes = to_ftm(show_selection(reader, selection));
      break;
  }
  if (!is_folder && !request.output.empty()) write_output_file(request.output, bytes, policy);
  // The description names entities as the export does (pseudonyms), so it is safe to log.
  record_read_command(
      store, read, fmt::format("export --format {}", export_format_name(request.format)),
      description,
      request.output.empty() ? std::vector{stdout_output(bytes)} : written_outputs(request.output));
  if (request.output.empty()) return {bytes, nullptr};
  return {std::string(), sourcing};
}

std::string trace_diagram_command(const ReadOptions& read, const std::string& from,
                                  const queries::TraceOptions& options, ExportFormat format,
                                  double weak_below) {
  auto store = open_store(read);
  const EvidenceReader reader(store, disclosure_for(store, read));
  const auto graph = graph::QueryGraph::load(store);
  const auto start = queries::resolve_entity(store, graph, from);
  const auto result = queries::trace_to_cases(graph, start, options);
  const auto shown = show_selection(reader, select_trace(store, graph, result));
  const DiagramFormat diagram = format == ExportFormat::Png   ? DiagramFormat::Png
                                : format == ExportFormat::Svg ? DiagramFormat::Svg
                                                              : DiagramFormat::Dot;
  const auto description = trace_description(reader.entity(graph, start).id, options);
  auto bytes = render_diagram(shown, diagram, {weak_below, description});
  record_if_revealing(store, read, fmt::format("trace --format {}", export_format_name(format)),
                      description);
  return bytes;
}

nlohmann::json verify_command(const std::filesystem::path& folder, bool require_sources) {
  return verify_report(folder, verify_bundle(folder), require_sources);
}

queries::KindMask parse_trace_kinds(const std::string& list) {
  queries::KindMask mask = 0;
  std::size_t start = 0;
  while (start <= list.size()) {
    const auto end = std::min(list.find(',', start), list.size());
    const auto name = list.substr(start, end - start);
    const auto kind = graph::parse_relation_kind(name);
    if (!kind || !graph::is_trace_kind(*kind)) {
      throw UsageError(
          fmt::format("--kinds: {} is not a trace kind (dispatches_workers, operated_by, ships, "
                      "consigned_to, supplies, owned_by, documents, same_as)",
                      quote_for_message(name)));
    }
    mask |= queries::kind_bit(*kind);
    start = end + 1;
  }
  return mask;
}

}  // namespace flgraph::commands
