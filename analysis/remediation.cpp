// analysis/remediation.cpp: the cut, then the exposure on the route subgraph with and without it.
#include "analysis/remediation.h"

namespace flgraph::analysis {

RouteExposure exposure_on_routes(const QueryGraph& graph, const ChokepointResult& result,
                                 const std::vector<VertexId>& removed,
                                 queries::ExposureOptions options) {
  const QueryGraph route_graph = route_graph_without(graph, result.routes, removed);
  const auto start = route_graph.find(graph.id(result.start));
  if (!start) return {};
  options.case_distances = nullptr;  // a bound of the whole graph, not of this one
  const auto scored = queries::score_exposure(route_graph, *start, options);
  RouteExposure out{scored.score, scored.band, 0};
  for (const auto& row : scored.contributions) out.cases += row.counted_in_score ? 1 : 0;
  return out;
}

RemediationPlan plan_remediation(const QueryGraph& graph, VertexId subject,
                                 const queries::ExposureOptions& exposure, CutCost cost) {
  ChokepointOptions options;
  options.walk.max_hops = exposure.max_hops;
  options.walk.min_confidence = exposure.min_confidence;
  options.cost = cost;
  RemediationPlan plan;
  plan.cut = find_chokepoints(graph, subject, options);
  if (plan.cut.routes.cases.empty()) return plan;
  std::vector<VertexId> removed;
  for (const auto& member : plan.cut.cut) removed.push_back(member.vertex);
  plan.before = exposure_on_routes(graph, plan.cut, {}, exposure);
  plan.after = exposure_on_routes(graph, plan.cut, removed, exposure);
  return plan;
}

}  // namespace flgraph::analysis
