// analysis/chokepoints.h: the fewest entities whose removal cuts every route from a start to the
// documented cases within the hop limit (a minimum vertex cut by max-flow), and the articulation
// points of those routes.
#pragma once
#include <optional>
#include <string_view>
#include <vector>

#include "graph/query_graph.h"
#include "queries/trace.h"

namespace flgraph::analysis {

using graph::EdgeIdx;
using graph::QueryGraph;
using graph::VertexId;

// What removing an entity costs the buyer, i.e. the capacity of its vertex in the flow network.
// uniform: 1 per entity (the fewest entities). shipments: 1 + the shipment relations (ships,
// consigned_to) it takes part in on the routes (spare the suppliers carrying most trade).
// confidence: 1 + round(100 x (1 - the best confidence of its route relations)) (cut first
// where the evidence is firmest).
enum class CutCost { Uniform, Shipments, Confidence };
std::string_view to_string(CutCost cost);
std::optional<CutCost> parse_cut_cost(std::string_view text);

struct ChokepointOptions {
  // max_hops, kinds, min_confidence and the date window apply as in trace; the temporal and
  // path options of TraceOptions are not used.
  queries::TraceOptions walk;
  CutCost cost = CutCost::Uniform;
};

// Every vertex and relation on some route from a case to the start's origins of at most
// max_hops hops (same_as steps free, walked both ways), as trace counts them. A route is a walk
// that ends at the first origin it meets; an edge u -> v is on one exactly when
// hops(case, u) + cost(edge) + hops(v, origin) <= max_hops, so the subgraph may also hold the
// odd relation that only a walk revisiting a vertex uses (a same_as twin beside a route).
struct RouteSubgraph {
  VertexId start = 0;              // kept so the subgraph can be rebuilt around it
  std::vector<VertexId> origins;   // the start, or a product's shipments
  std::vector<VertexId> vertices;  // ascending
  std::vector<EdgeIdx> edges;      // ascending
  std::vector<VertexId> cases;     // cases with at least one route, ascending
};
RouteSubgraph route_subgraph(const QueryGraph& graph, VertexId start,
                             const queries::TraceOptions& walk);

struct CutMember {
  VertexId vertex = 0;
  long cost = 1;
  std::vector<VertexId> cases;  // the cases some route of which passes through it, ascending
};

struct ChokepointResult {
  VertexId start = 0;
  RouteSubgraph routes;
  // A least-cost set of entities, never the start, a case or a shipment, whose removal leaves no
  // route in the route subgraph; ascending by vertex. Empty when no case is in reach or none can be
  // cut.
  std::vector<CutMember> cut;
  long cut_cost = 0;
  // Cases joined to an origin by a route with no entity that may be cut (a case documenting the
  // start itself); the cut leaves these routes in place.
  std::vector<VertexId> uncuttable_cases;
  // Entities whose removal alone disconnects every cuttable case from the origins in the route
  // subgraph taken as undirected: the articulation points (Boost's biconnected_components) on the
  // block tree's path from a super node joined to those cases to one joined to the origins.
  // Never the start, a case or a shipment; ascending.
  std::vector<VertexId> articulation_points;
};

ChokepointResult find_chokepoints(const QueryGraph& graph, VertexId start,
                                  const ChokepointOptions& options);

// The route subgraph as a graph of its own, with the start (and a product's carries relations
// from its kept shipments), less `removed` and the relations touching them: the
// exposure and trace of the start on it are those of the whole graph within the hop limit, so
// the exposure before and after a cut can be computed on it cheaply.
QueryGraph route_graph_without(const QueryGraph& graph, const RouteSubgraph& routes,
                               const std::vector<VertexId>& removed);

}  // namespace flgraph::analysis
