// queries/case_distances.cpp: least hops to the cases or to given targets, walking from them.
#include "queries/case_distances.h"

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

// Walks from the targets along the arrows: the backward hops from a vertex to a target.
std::vector<std::int8_t> hops_to_targets(const graph::QueryGraph& g,
                                         const std::vector<VertexId>& targets,
                                         const WalkFilter& filter, int max_hops) {
  std::vector<std::int8_t> hops(g.vertex_count(), kFar);
  auto improve = [&](VertexId v, int depth) {
    if (depth > max_hops || hops[v] <= depth) return false;
    hops[v] = static_cast<std::int8_t>(depth);
    return true;
  };
  std::deque<VertexId> queue;
  for (VertexId target : targets) {
    if (improve(target, 0)) queue.push_front(target);
  }
  walk_zero_one<StepDirection::AlongArrows>(
      g, queue, [&](EdgeIdx e) { return edge_admissible(g, e, filter); }, improve,
      [&](VertexId v) { return static_cast<int>(hops[v]); });
  return hops;
}

std::vector<std::int8_t> hops_to_cases(const graph::QueryGraph& g, const WalkFilter& filter,
                                       int max_hops) {
  return hops_to_targets(g, all_cases(g), filter, max_hops);
}

CaseDistances hops_to_any_case(const graph::QueryGraph& g, int max_hops) {
  return {max_hops, hops_to_cases(g, WalkFilter{}, max_hops)};
}

}  // namespace flgraph::queries
