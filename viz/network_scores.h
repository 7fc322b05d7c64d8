// viz/network_scores.h: the network scores an export can carry (export --network-scores): each
// selected entity's broker score and, for a trace, which entities form its remediation cut.
#pragma once
#include <optional>

#include "graph/query_graph.h"
#include "graph/store.h"
#include "queries/trace.h"
#include "viz/selection.h"

namespace flgraph::viz {

// Beyond this many case parties the broker scores are estimated from this many sampled sources
// (analysis/brokers.h states the error), so an export of a large store stays quick.
inline constexpr std::size_t kExportBrokerSample = 500;

void add_network_scores(const graph::QueryGraph& graph, const queries::TraceOptions& walk,
                        std::optional<graph::VertexId> trace_start, Selection& selection);

}  // namespace flgraph::viz
