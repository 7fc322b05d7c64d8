// viz/reports.h: what stats, show, trace and paths print, as JSON and as readable text.
#pragma once
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

#include "queries/paths.h"
#include "queries/trace.h"
#include "viz/evidence_reader.h"

namespace flgraph::viz {

// A value as every text report (and the screening CSV) shows it: controls, bidi marks and line
// breaks from the data are escaped (escape_controls), so a name can neither drive the terminal
// nor forge a line; null is empty, and other values are their JSON text.
std::string text_of(const nlohmann::json& value);
// An entity of a report as text: `id "name"`, or the id alone when it has no name; escaped.
std::string entity_text(const nlohmann::json& entity);
// A score or a factor as the text reports print it.
std::string fixed(double value, int decimals = 3);

// Each report is built once as JSON (already redacted); the text form is rendered from it, so
// the two can never disagree.
nlohmann::json stats_report(const graph::StoreStats& stats);
std::string stats_text(const nlohmann::json& report);

// At most `relations_per_kind` relations of each kind and direction, in the store's order; when
// that cuts any, "relations_omitted" lists how many of each kind and direction were left out (a
// hub's thousands of shipments stay countable without being sent).
inline constexpr std::size_t kAllRelations = static_cast<std::size_t>(-1);
nlohmann::json show_report(const EvidenceReader& reader, const graph::StoredEntity& entity,
                           std::size_t relations_per_kind = kAllRelations);
std::string show_text(const nlohmann::json& report);

nlohmann::json trace_report(const EvidenceReader& reader, const graph::QueryGraph& graph,
                            const queries::TraceResult& result,
                            const queries::TraceOptions& options);
std::string trace_text(const nlohmann::json& report);

// Building blocks other reports (exposure, screening, briefs) share, so a path or an entity
// reads the same everywhere.
nlohmann::json entity_label_json(const EntityLabel& label);
nlohmann::json evidence_path_json(const EvidenceReader& reader, const graph::QueryGraph& graph,
                                  const queries::EvidencePath& path);
std::string evidence_path_text(const nlohmann::json& path, const std::string& indent);

nlohmann::json paths_report(const EvidenceReader& reader, const graph::QueryGraph& graph,
                            graph::VertexId from, const queries::PathsResult& result,
                            const queries::PathsOptions& options);
std::string paths_text(const nlohmann::json& report);

}  // namespace flgraph::viz
