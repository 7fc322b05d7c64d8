// analysis/remediation.h: a remediation plan for one buyer or good: the choke-point cut of its
// routes to documented cases, with its exposure before and after the cut, scored the same way.
#pragma once
#include <cstddef>
#include <vector>

#include "analysis/chokepoints.h"
#include "queries/exposure.h"

namespace flgraph::analysis {

struct RouteExposure {
  double score = 0.0;
  queries::ExposureBand band = queries::ExposureBand::None;
  std::size_t cases = 0;  // cases counted in the score
};

// The start's exposure on the route subgraph less `removed` (route_graph_without). The route
// subgraph holds every route of at most max_hops hops, so with nothing removed this is the
// exposure on the whole graph under the same kinds and window.
RouteExposure exposure_on_routes(const QueryGraph& graph, const ChokepointResult& result,
                                 const std::vector<VertexId>& removed,
                                 queries::ExposureOptions options);

struct RemediationPlan {
  ChokepointResult cut;
  RouteExposure before;
  RouteExposure after;  // none unless some case cannot be cut (cut.uncuttable_cases)
};

// The cut under the exposure's hop limit and least confidence, with the exposure before and
// after it.
RemediationPlan plan_remediation(const QueryGraph& graph, VertexId subject,
                                 const queries::ExposureOptions& exposure,
                                 CutCost cost = CutCost::Uniform);

}  // namespace flgraph::analysis
