// queries/walk.h: the walks every query shares: backward balls and per-case temporal distances.
#pragma once
#include <cstdint>
#include <limits>
#include <vector>

#include "graph/query_graph.h"
#include "queries/trace.h"

namespace flgraph::queries {

// Every vertex within max_hops backward steps of the origins, with its least hop count.
// same_as edges are walked both ways at no hop cost (0-1 breadth-first search).
struct BackwardBall {
  static constexpr std::uint32_t kAbsent = std::numeric_limits<std::uint32_t>::max();

  std::vector<VertexId> origins;
  std::vector<VertexId> vertices;     // discovery order; local index = position
  std::vector<std::int8_t> hops;      // by local index
  std::vector<std::uint8_t> origin;   // by local index: 1 for an origin
  std::vector<std::uint32_t> local_of;  // by vertex: local index or kAbsent

  bool contains(VertexId v) const { return local_of[v] != kAbsent; }
  std::uint32_t local(VertexId v) const { return local_of[v]; }
  int distance(VertexId v) const { return hops[local_of[v]]; }
  bool is_origin(VertexId v) const { return origin[local_of[v]] != 0; }
};

// The start itself, or for a product every shipment that carries it.
std::vector<VertexId> trace_origins(const graph::QueryGraph& graph, VertexId start);

BackwardBall walk_backward(const graph::QueryGraph& graph, const std::vector<VertexId>& origins,
                           const TraceOptions& options);

// Least hops from a case to the origins over edges valid for the case's window (Q3 of
// ../shared/bench/WORKLOAD.md). The ball's distances bound the search: a vertex entered at
// depth k is kept only if k + distance(v) <= max_hops, which keeps it small and exact.
class TemporalDistances {
 public:
  TemporalDistances(const graph::QueryGraph& graph, const BackwardBall& ball, const TraceOptions& options);
  // -1 when no valid path of at most max_hops hops exists.
  int distance_from_case(VertexId case_vertex);

 private:
  int distance_in_window(VertexId case_vertex, VertexId first, EdgeIdx documents_edge);

  const graph::QueryGraph& graph_;
  const BackwardBall& ball_;
  const TraceOptions& options_;
  std::vector<std::uint32_t> stamp_;  // == epoch_: seen in the current search
  std::vector<std::int8_t> depth_;
  std::uint32_t epoch_ = 0;
};

}  // namespace flgraph::queries
