// analysis/remediation.h: a remediation plan for one buyer or good: the choke-point cut of its
// routes to documented cases, with its exposure before and after the cut, scored the same way.
#pragma once
#include "analysis/chokepoints.h"
#include "queries/exposure.h"

namespace flgraph::analysis {

struct RemediationPlan {
  ChokepointResult cut;
  double exposure_before = 0.0;
  double exposure_after = 0.0;  // 0 unless some case cannot be cut (cut.uncuttable_cases)
};

// The cut under the exposure's hop limit and least confidence. Both scores come from
// score_exposure on the route subgraph (route_graph_without), which holds every route the
// exposure counts; so `before` equals the exposure on the whole graph.
RemediationPlan plan_remediation(const QueryGraph& graph, VertexId subject, const queries::ExposureOptions& exposure,
                                 CutCost cost = CutCost::Uniform);

}  // namespace flgraph::analysis
