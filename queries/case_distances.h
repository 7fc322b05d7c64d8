// queries/case_distances.h: least hop counts to cases or other targets, and the 0-1
// breadth-first search every such count uses.
#pragma once
#include <cstdint>
#include <deque>
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

  // Whether these distances bound a query that walks at most `query_max_hops` hops.
  bool bounds(int query_max_hops) const { return max_hops >= query_max_hops; }
};
CaseDistances hops_to_any_case(const graph::QueryGraph& graph, int max_hops);

// Least backward hops from every vertex to one of the targets (or to any case) over the
// relations the filter admits, for vertices within max_hops (the others get a larger value).
std::vector<std::int8_t> hops_to_targets(const graph::QueryGraph& graph,
                                         const std::vector<VertexId>& targets,
                                         const WalkFilter& filter, int max_hops);
std::vector<std::int8_t> hops_to_cases(const graph::QueryGraph& graph, const WalkFilter& filter,
                                       int max_hops);

// Which way a counted step follows its relation; same_as steps go both ways.
enum class StepDirection { AgainstArrows, AlongArrows };

// 0-1 breadth-first search for least hop counts: a same_as step is free and walked both ways,
// any other step costs one hop. `queue` starts with the sources, already counted at 0 hops.
// `admissible(edge)` says whether a relation may be walked, `improve(v, hops)` records a count
// for v and says whether it was better than v's last, and `hops_of(v)` reads the count back.
template <StepDirection kDirection, typename Admissible, typename Improve, typename HopsOf>
void walk_zero_one(const graph::QueryGraph& graph, std::deque<VertexId>& queue,
                   Admissible&& admissible, Improve&& improve, HopsOf&& hops_of) {
  auto reach = [&](VertexId v, int hops, bool free_step) {
    if (!improve(v, hops)) return;
    if (free_step)
      queue.push_front(v);
    else
      queue.push_back(v);
  };
  while (!queue.empty()) {
    const VertexId v = queue.front();
    queue.pop_front();
    const int hops = hops_of(v);
    auto counted_step = [&](VertexId u, EdgeIdx e) {
      if (!admissible(e)) return;
      const bool free_step = graph.edge_kind(e) == graph::RelationKind::SameAs;
      reach(u, hops + (free_step ? 0 : 1), free_step);
    };
    auto reverse_same_as = [&](VertexId u, EdgeIdx e) {
      if (graph.edge_kind(e) == graph::RelationKind::SameAs && admissible(e)) reach(u, hops, true);
    };
    if constexpr (kDirection == StepDirection::AgainstArrows) {
      graph.for_each_in_edge(v, counted_step);
      graph.for_each_out_edge(v, reverse_same_as);
    } else {
      graph.for_each_out_edge(v, counted_step);
      graph.for_each_in_edge(v, reverse_same_as);
    }
  }
}

}  // namespace flgraph::queries
