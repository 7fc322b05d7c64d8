// viz/network_scores.cpp: broker scores and the choke points of a trace, keyed by real id for
// show_selection. Entities are matched to vertices by store row, which holds whether or not a
// protected record was opened with the key.
#include "viz/network_scores.h"

#include <unordered_map>

#include "analysis/brokers.h"
#include "analysis/chokepoints.h"

namespace flgraph::viz {

void add_network_scores(const graph::QueryGraph& graph, const queries::TraceOptions& walk,
                        std::optional<graph::VertexId> trace_start, Selection& selection) {
  std::unordered_map<graph::EntityRowId, graph::VertexId> vertex_of_row;
  for (graph::VertexId v = 0; v < graph.vertex_count(); ++v)
    vertex_of_row.emplace(graph.entity_row(v), v);

  analysis::BrokerOptions brokers;
  brokers.walk = walk;
  brokers.sample = kExportBrokerSample;  // used only when there are more sources than this
  const auto scores = analysis::broker_scores(graph, brokers);
  std::set<graph::EntityRowId> cut_rows;
  if (trace_start) {
    analysis::ChokepointOptions options;
    options.walk = walk;
    for (const auto& member : analysis::find_chokepoints(graph, *trace_start, options).cut) {
      cut_rows.insert(graph.entity_row(member.vertex));
    }
  }
  if (trace_start) selection.chokepoints.emplace();
  std::map<std::string, double> by_id;
  for (const auto& entity : selection.entities) {
    const auto vertex = vertex_of_row.find(entity.row);
    by_id[entity.record.id] = vertex == vertex_of_row.end() ? 0.0 : scores[vertex->second];
    if (cut_rows.count(entity.row) != 0) selection.chokepoints->insert(entity.record.id);
  }
  selection.broker_scores = std::move(by_id);
}

}  // namespace flgraph::viz
