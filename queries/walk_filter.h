// queries/walk_filter.h: which relations a walk may take (kind, least confidence, date window).
#pragma once
#include <cstdint>
#include <optional>

#include "graph/query_graph.h"

namespace flgraph::queries {

using graph::EdgeIdx;
using graph::VertexId;

// Bit i set: relation kind i may be walked.
using KindMask = std::uint16_t;
constexpr KindMask kind_bit(graph::RelationKind kind) {
  return static_cast<KindMask>(1u << static_cast<unsigned>(kind));
}
// dispatches_workers, operated_by, ships, consigned_to, supplies, owned_by, documents, same_as.
KindMask trace_kinds();

struct WalkFilter {
  double min_confidence = 0.0;  // edges below are not walked
  KindMask kinds = trace_kinds();
  std::optional<graph::Date> from_date;  // relations entirely outside the window are dropped
  std::optional<graph::Date> to_date;
};

// Whether the edge may be walked at all under the filter (kind, confidence, date window).
// Inline: it runs once per edge of every walk.
inline bool edge_admissible(const graph::QueryGraph& graph, EdgeIdx edge,
                            const WalkFilter& filter) {
  if ((filter.kinds & kind_bit(graph.edge_kind(edge))) == 0) return false;
  if (graph.edge_confidence(edge) < filter.min_confidence) return false;
  if (filter.from_date && graph.edge_to(edge) < filter.from_date->days) return false;
  if (filter.to_date && graph.edge_from(edge) > filter.to_date->days) return false;
  return true;
}

}  // namespace flgraph::queries
