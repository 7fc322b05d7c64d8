// queries/trace.h: how is this buyer or good linked to documented forced labour? (docs/COMMANDS.md,
// "trace") Includes the walk vocabulary (walk_filter.h, temporal_rule.h, evidence_path.h,
// case_distances.h, walk.h) through its own headers, so a caller needs only this one.
#pragma once
#include <vector>

#include "graph/query_graph.h"
#include "queries/evidence_path.h"
#include "queries/trace_options.h"

namespace flgraph::queries {

struct CaseResult {
  VertexId case_vertex = 0;
  int hops = 0;                     // minimum hop distance (under the options)
  std::vector<EvidencePath> paths;  // strongest first, then fewest hops
  bool search_truncated = false;    // the path search hit its work limit: paths may not be the best
};

struct TraceResult {
  VertexId start = 0;
  std::vector<VertexId> origins;  // where walking began: the start, or a product's shipments
  std::vector<CaseResult> cases;  // strongest best path first, then fewest hops, then id
};

// Walks against the arrows from `start` over the allowed kinds, at most max_hops hops. Starting
// at a product starts from every shipment that carries it.
TraceResult trace_to_cases(const graph::QueryGraph& graph, VertexId start,
                           const TraceOptions& options);

}  // namespace flgraph::queries
