// queries/case_distances.cpp: least hops to the cases or to given targets, walking from them.
#include "queries/case_distances.h"

#include <deque>
#include <limits>

namespace flgraph::queries {
namespace {

constexpr std::int8_t kFar = std::numeric_limits<std::int8_t>::max();

std::vector<VertexId> all_cases(const graph::QueryGraph& g) {
  std::vector<VertexId> cases;
  for (VertexId v = 0; v < g.vertex_count(); ++v) {
    if (g.kind(v) == graph::EntityKind::Case) cases.push_back(v);
  }
  return cases;
}

}  // namespace

// By a forward 0-1 walk from the targets.
std::vector<std::int8_t> hops_to_targets(const graph::QueryGraph& g, const std::vector<VertexId>& targets,
                                         const WalkFilter& filter, int max_hops) {
  std::vector<std::int8_t> hops(g.vertex_count(), kFar);
  std::deque<VertexId> queue;
  auto reach = [&](VertexId v, int depth, bool free_step) {
    if (depth > max_hops || hops[v] <= depth) return;
    hops[v] = static_cast<std::int8_t>(depth);
    if (free_step) queue.push_front(v); else queue.push_back(v);
  };
  for (VertexId t : targets) reach(t, 0, true);
  while (!queue.empty()) {
    const VertexId v = queue.front();
    queue.pop_front();
    const int depth = hops[v];
    g.for_each_out_edge(v, [&](VertexId x, EdgeIdx e) {
      if (!edge_admissible(g, e, filter)) return;
      const bool free_step = g.edge_kind(e) == graph::RelationKind::SameAs;
      reach(x, depth + (free_step ? 0 : 1), free_step);
    });
    g.for_each_in_edge(v, [&](VertexId x, EdgeIdx e) {
      if (g.edge_kind(e) == graph::RelationKind::SameAs && edge_admissible(g, e, filter)) reach(x, depth, true);
    });
  }
  return hops;
}

std::vector<std::int8_t> hops_to_cases(const graph::QueryGraph& g, const WalkFilter& filter, int max_hops) {
  return hops_to_targets(g, all_cases(g), filter, max_hops);
}

CaseDistances hops_to_any_case(const graph::QueryGraph& g, int max_hops) {
  return {max_hops, hops_to_cases(g, WalkFilter{}, max_hops)};
}

}  // namespace flgraph::queries
