// queries/case_distances.h: least hop counts to cases or other targets.
#pragma once
#include <cstdint>
#include <vector>

#include "graph/query_graph.h"
#include "queries/walk_filter.h"

namespace flgraph::queries {

// Least backward hops from every vertex to any case over all trace kinds, for vertices within
// max_hops (the others get a larger value). Filters only remove edges, so this bounds every
// query whose own bound is at most max_hops.
struct CaseDistances {
  int max_hops = 0;
  std::vector<std::int8_t> hops;
};
CaseDistances hops_to_any_case(const graph::QueryGraph& graph, int max_hops);

// Least backward hops from every vertex to one of the targets (or to any case) over the
// relations the filter admits, for vertices within max_hops (the others get a larger value).
std::vector<std::int8_t> hops_to_targets(const graph::QueryGraph& graph, const std::vector<VertexId>& targets,
                                         const WalkFilter& filter, int max_hops);
std::vector<std::int8_t> hops_to_cases(const graph::QueryGraph& graph, const WalkFilter& filter, int max_hops);

}  // namespace flgraph::queries
