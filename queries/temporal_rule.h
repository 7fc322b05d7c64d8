// queries/temporal_rule.h: when a relation is consistent with a case's dates (docs/COMMANDS.md,
// "trace", temporal consistency): shipments dated inside the case's window, other relations
// overlapping it.
#pragma once
#include <cstdint>

#include "graph/query_graph.h"
#include "queries/walk_filter.h"

namespace flgraph::queries {

inline constexpr int kDefaultToleranceDays = 365;

// The case's window is its documents relation's interval widened by the tolerance.
struct CaseWindow {
  std::int32_t from = graph::kOpenStart;
  std::int32_t to = graph::kOpenEnd;
};
CaseWindow case_window(const graph::QueryGraph& graph, EdgeIdx documents_edge, int tolerance_days);

// What a window must satisfy to hold one relation: window.from <= latest_start and
// window.to >= earliest_end. A shipment (ships, consigned_to) dated d must lie inside the window,
// so both are d, and an undated one fits no window; any other relation [f, t] must overlap it,
// so latest_start = t and earliest_end = f. A path fits a window exactly when each of its
// relations does, which lets the walks bound whole paths with the same numbers.
struct RelationFit {
  bool possible = true;
  std::int32_t latest_start = graph::kOpenEnd;  // these defaults fit every window
  std::int32_t earliest_end = graph::kOpenStart;
};

inline RelationFit relation_fit(const graph::QueryGraph& graph, EdgeIdx edge) {
  const auto kind = graph.edge_kind(edge);
  const auto from = graph.edge_from(edge);
  if (kind == graph::RelationKind::Ships || kind == graph::RelationKind::ConsignedTo) {
    if (from == graph::kOpenStart) return {false, 0, 0};
    return {true, from, from};
  }
  return {true, graph.edge_to(edge), from};
}

inline bool fits(const RelationFit& fit, const CaseWindow& window) {
  return fit.possible && window.from <= fit.latest_start && fit.earliest_end <= window.to;
}

// The temporal rule for one relation. Inline: it runs once per edge of every temporal walk.
inline bool edge_valid_in_window(const graph::QueryGraph& graph, EdgeIdx edge,
                                 const CaseWindow& window) {
  return fits(relation_fit(graph, edge), window);
}

}  // namespace flgraph::queries
