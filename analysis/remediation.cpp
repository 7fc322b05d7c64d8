// analysis/remediation.cpp: the cut, then the exposure on the route subgraph with and without it.
#include "analysis/remediation.h"

namespace flgraph::analysis {
namespace {

double exposure_on_routes(const QueryGraph& graph, VertexId subject, const RouteSubgraph& routes,
                          const std::vector<VertexId>& removed, queries::ExposureOptions options) {
  const QueryGraph route_graph = route_graph_without(graph, routes, removed);
  const auto subject_there = route_graph.find(graph.id(subject));
  if (!subject_there) return 0.0;
  options.case_distances = nullptr;  // computed for the whole graph, not this one
  return queries::score_exposure(route_graph, *subject_there, options).score;
}

}  // namespace

RemediationPlan plan_remediation(const QueryGraph& graph, VertexId subject, const queries::ExposureOptions& exposure,
                                 CutCost cost) {
  ChokepointOptions options;
  options.walk.max_hops = exposure.max_hops;
  options.walk.min_confidence = exposure.min_confidence;
  options.cost = cost;
  RemediationPlan plan;
  plan.cut = find_chokepoints(graph, subject, options);
  if (plan.cut.routes.cases.empty()) return plan;
  std::vector<VertexId> removed;
  for (const auto& member : plan.cut.cut) removed.push_back(member.vertex);
  plan.exposure_before = exposure_on_routes(graph, subject, plan.cut.routes, {}, exposure);
  plan.exposure_after = exposure_on_routes(graph, subject, plan.cut.routes, removed, exposure);
  return plan;
}

}  // namespace flgraph::analysis
