// analysis/chokepoints.cpp: route subgraphs, minimum vertex cuts by max-flow, and the
// articulation points that separate the cases from the start.
#include "analysis/chokepoints.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/biconnected_components.hpp>
#include <boost/graph/boykov_kolmogorov_max_flow.hpp>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <cmath>
#include <deque>
#include <limits>
#include <stdexcept>
#include <utility>

#include "queries/walk.h"

namespace flgraph::analysis {
namespace {

using graph::EntityKind;
using graph::RelationKind;
using Local = std::uint32_t;  // a vertex's position in RouteSubgraph::vertices

constexpr int kFar = std::numeric_limits<int>::max() / 4;

bool is_free_step(const QueryGraph& g, EdgeIdx e) { return g.edge_kind(e) == RelationKind::SameAs; }

// The route subgraph with its own dense numbering, for the flow network and the searches.
struct LocalRoutes {
  RouteSubgraph routes;
  std::vector<Local> edge_from;  // by position in routes.edges
  std::vector<Local> edge_to;
  // Steps a route may take, by local vertex (a same_as relation gives one each way): compressed
  // rows forward and backward.
  std::vector<std::uint32_t> out_offsets, in_offsets;
  std::vector<Local> out_targets, in_sources;
  std::vector<std::uint8_t> is_case;    // by local vertex
  std::vector<std::uint8_t> is_origin;  // by local vertex

  std::size_t size() const { return routes.vertices.size(); }
  template <typename Visit>
  void for_each_step(Local v, Visit&& visit) const {
    for (auto i = out_offsets[v]; i < out_offsets[v + 1]; ++i) visit(out_targets[i]);
  }
  template <typename Visit>
  void for_each_step_into(Local v, Visit&& visit) const {
    for (auto i = in_offsets[v]; i < in_offsets[v + 1]; ++i) visit(in_sources[i]);
  }
};

using FoundEdge = std::pair<EdgeIdx, std::pair<VertexId, VertexId>>;  // edge, (from, to) as walked

// Forward 0-1 breadth-first search from every case of the backward ball, inside the ball, giving
// hops(case, u); when u is expanded its distance is final, so its steps are tested for being on a
// route right there (hops(case, u) + cost + hops(v, origin) <= max_hops) in the same pass over
// its edges. A vertex that cannot lie on a route is not entered: every vertex on a shortest route
// prefix to one that can, can too, so the distances used are exact.
std::vector<FoundEdge> route_edges(const QueryGraph& g, const queries::BackwardBall& ball,
                                   const queries::TraceOptions& walk) {
  const std::size_t n = ball.vertices.size();
  std::vector<int> from_case(n, kFar);
  std::deque<std::pair<Local, int>> queue;
  for (Local local = 0; local < n; ++local) {
    if (g.kind(ball.vertices[local]) == EntityKind::Case && ball.origin[local] == 0) {
      from_case[local] = 0;
      queue.emplace_back(local, 0);
    }
  }
  std::vector<FoundEdge> found;
  auto step = [&](VertexId from, VertexId x, EdgeIdx e, int hops, bool free_step) {
    if (!ball.contains(x)) return;
    const Local lx = ball.local(x);
    if (hops + ball.hops[lx] > walk.max_hops) return;
    found.push_back({e, {from, x}});
    if (from_case[lx] <= hops) return;
    from_case[lx] = hops;
    if (free_step)
      queue.emplace_front(lx, hops);
    else
      queue.emplace_back(lx, hops);
  };
  while (!queue.empty()) {
    // Named copies, not a structured binding: the lambdas below capture them.
    const Local local = queue.front().first;
    const int hops = queue.front().second;
    queue.pop_front();
    // Stale entries are skipped; a route ends at the first origin it meets.
    if (from_case[local] != hops || ball.origin[local] != 0) continue;
    const VertexId v = ball.vertices[local];
    g.for_each_out_edge(v, [&](VertexId x, EdgeIdx e) {
      if (!queries::edge_admissible(g, e, walk)) return;
      const bool free_step = is_free_step(g, e);
      step(v, x, e, hops + (free_step ? 0 : 1), free_step);
    });
    if (!g.has_same_as()) continue;
    g.for_each_in_edge(v, [&](VertexId x, EdgeIdx e) {
      if (is_free_step(g, e) && queries::edge_admissible(g, e, walk)) step(v, x, e, hops, true);
    });
  }
  // A same_as relation walked both ways is one relation of the subgraph.
  std::sort(found.begin(), found.end(),
            [](const FoundEdge& x, const FoundEdge& y) { return x.first < y.first; });
  found.erase(
      std::unique(found.begin(), found.end(),
                  [](const FoundEdge& x, const FoundEdge& y) { return x.first == y.first; }),
      found.end());
  for (auto& [e, ends] : found)
    ends = {g.edge_target(e) == ends.second ? ends.first : ends.second,
            g.edge_target(e) == ends.second ? ends.second : ends.first};
  return found;
}

void build_steps(const QueryGraph& g, LocalRoutes& out) {
  const std::size_t n = out.size();
  std::vector<std::pair<Local, Local>> steps;
  steps.reserve(out.routes.edges.size() + 4);
  for (std::size_t i = 0; i < out.routes.edges.size(); ++i) {
    steps.emplace_back(out.edge_from[i], out.edge_to[i]);
    if (is_free_step(g, out.routes.edges[i])) steps.emplace_back(out.edge_to[i], out.edge_from[i]);
  }
  out.out_offsets.assign(n + 1, 0);
  out.in_offsets.assign(n + 1, 0);
  for (const auto& [from, to] : steps) {
    ++out.out_offsets[from + 1];
    ++out.in_offsets[to + 1];
  }
  for (std::size_t v = 0; v < n; ++v) {
    out.out_offsets[v + 1] += out.out_offsets[v];
    out.in_offsets[v + 1] += out.in_offsets[v];
  }
  out.out_targets.resize(steps.size());
  out.in_sources.resize(steps.size());
  std::vector<std::uint32_t> out_fill(out.out_offsets.begin(), out.out_offsets.end() - 1);
  std::vector<std::uint32_t> in_fill(out.in_offsets.begin(), out.in_offsets.end() - 1);
  for (const auto& [from, to] : steps) {
    out.out_targets[out_fill[from]++] = to;
    out.in_sources[in_fill[to]++] = from;
  }
}

LocalRoutes local_routes(const QueryGraph& g, VertexId start, const queries::TraceOptions& walk) {
  LocalRoutes out;
  out.routes.start = start;
  out.routes.origins = queries::trace_origins(g, start);
  if (out.routes.origins.empty()) return out;
  const auto ball = queries::walk_backward(g, out.routes.origins, walk);
  const auto found = route_edges(g, ball, walk);
  // Route numbering through the ball's own (by ball index), not a search per endpoint.
  constexpr Local kOffRoute = std::numeric_limits<Local>::max();
  std::vector<Local> route_local(ball.vertices.size(), kOffRoute);
  auto& vertices = out.routes.vertices;
  for (const auto& [e, ends] : found) {
    out.routes.edges.push_back(e);
    for (const VertexId end : {ends.first, ends.second}) {
      auto& mark = route_local[ball.local(end)];
      if (mark == kOffRoute) mark = 0, vertices.push_back(end);
    }
  }
  std::sort(vertices.begin(), vertices.end());
  const std::size_t n = vertices.size();
  for (Local v = 0; v < n; ++v) route_local[ball.local(vertices[v])] = v;
  out.is_case.assign(n, 0);
  out.is_origin.assign(n, 0);
  for (VertexId origin : out.routes.origins) {
    const Local at = ball.contains(origin) ? route_local[ball.local(origin)] : kOffRoute;
    if (at != kOffRoute) out.is_origin[at] = 1;
  }
  for (Local v = 0; v < n; ++v) {
    if (g.kind(vertices[v]) == EntityKind::Case && out.is_origin[v] == 0) {
      out.is_case[v] = 1;
      out.routes.cases.push_back(vertices[v]);
    }
  }
  out.edge_from.reserve(found.size());
  out.edge_to.reserve(found.size());
  for (const auto& [e, ends] : found) {
    out.edge_from.push_back(route_local[ball.local(ends.first)]);
    out.edge_to.push_back(route_local[ball.local(ends.second)]);
  }
  build_steps(g, out);
  return out;
}

// The capacity of each route vertex under the chosen cost (chokepoints.h).
std::vector<long> vertex_costs(const QueryGraph& g, const LocalRoutes& routes, CutCost cost) {
  std::vector<long> costs(routes.size(), 1);
  if (cost == CutCost::Uniform) return costs;
  std::vector<double> best_confidence(routes.size(), 0.0);
  for (std::size_t i = 0; i < routes.routes.edges.size(); ++i) {
    const EdgeIdx e = routes.routes.edges[i];
    for (const Local end : {routes.edge_from[i], routes.edge_to[i]}) {
      const auto kind = g.edge_kind(e);
      if (kind == RelationKind::Ships || kind == RelationKind::ConsignedTo) ++costs[end];
      best_confidence[end] =
          std::max(best_confidence[end], static_cast<double>(g.edge_confidence(e)));
    }
  }
  if (cost == CutCost::Confidence) {
    for (std::size_t v = 0; v < costs.size(); ++v)
      costs[v] = 1 + std::lround(100.0 * (1.0 - best_confidence[v]));
  }
  return costs;
}

// Cases with a route through nothing that may be cut: backward from the origins that are the
// start, through uncuttable vertices only.
std::vector<std::uint8_t> uncuttable_case_marks(const LocalRoutes& routes,
                                                const std::vector<std::uint8_t>& fixed) {
  std::vector<std::uint8_t> seen(routes.size(), 0);
  std::vector<Local> stack;
  for (Local v = 0; v < routes.size(); ++v) {
    if (routes.is_origin[v] != 0 && fixed[v] != 0) seen[v] = 1, stack.push_back(v);
  }
  while (!stack.empty()) {
    const Local v = stack.back();
    stack.pop_back();
    routes.for_each_step_into(v, [&](Local u) {
      if (fixed[u] != 0 && seen[u] == 0) seen[u] = 1, stack.push_back(u);
    });
  }
  for (Local v = 0; v < routes.size(); ++v)
    seen[v] = seen[v] != 0 && routes.is_case[v] != 0 ? 1 : 0;
  return seen;
}

// Compressed rows: the network is built in a few allocations, not one list per vertex.
using FlowNetwork = boost::compressed_sparse_row_graph<boost::directedS>;
using FlowArc = boost::graph_traits<FlowNetwork>::edge_descriptor;

// Vertex splitting: v_in = 2v, v_out = 2v + 1; the cut is the split arcs entering the sink side.
std::vector<Local> minimum_vertex_cut(const LocalRoutes& routes, const std::vector<long>& costs,
                                      const std::vector<std::uint8_t>& fixed,
                                      const std::vector<std::uint8_t>& sources) {
  const std::size_t n = routes.size();
  long infinite = 1;
  for (Local v = 0; v < n; ++v) infinite += fixed[v] != 0 ? 0 : costs[v];
  const std::size_t source = 2 * n;
  const std::size_t sink = 2 * n + 1;
  const std::size_t node_count = 2 * n + 2;
  // Arcs in pairs (2k forward, 2k + 1 its reverse of capacity 0), then placed by source.
  std::vector<std::pair<std::size_t, std::size_t>> arcs;
  std::vector<long> amounts;
  auto add_arc = [&](std::size_t from, std::size_t to, long amount) {
    arcs.emplace_back(from, to);
    arcs.emplace_back(to, from);
    amounts.push_back(amount);
    amounts.push_back(0);
  };
  for (Local v = 0; v < n; ++v) {
    add_arc(2 * std::size_t{v}, 2 * std::size_t{v} + 1, fixed[v] != 0 ? infinite : costs[v]);
    routes.for_each_step(
        v, [&](Local w) { add_arc(2 * std::size_t{v} + 1, 2 * std::size_t{w}, infinite); });
    if (sources[v] != 0) add_arc(source, 2 * std::size_t{v}, infinite);
    if (routes.is_origin[v] != 0) add_arc(2 * std::size_t{v} + 1, sink, infinite);
  }
  std::vector<std::size_t> offsets(node_count + 1, 0);
  for (const auto& arc : arcs) ++offsets[arc.first + 1];
  for (std::size_t i = 0; i < node_count; ++i) offsets[i + 1] += offsets[i];
  std::vector<std::size_t> position(arcs.size());
  std::vector<std::pair<std::size_t, std::size_t>> sorted(arcs.size());
  for (std::size_t k = 0; k < arcs.size(); ++k) {
    position[k] = offsets[arcs[k].first]++;
    sorted[position[k]] = arcs[k];
  }
  FlowNetwork network(boost::edges_are_sorted, sorted.begin(), sorted.end(), node_count);
  std::vector<long> capacity(arcs.size());
  std::vector<long> residual(arcs.size());
  std::vector<FlowArc> reverse(arcs.size());
  for (std::size_t k = 0; k < arcs.size(); ++k) {
    capacity[position[k]] = amounts[k];
    reverse[position[k]] = FlowArc(arcs[k ^ 1].first, position[k ^ 1]);
  }
  const auto arc_index = boost::get(boost::edge_index, network);
  auto residual_map = boost::make_iterator_property_map(residual.begin(), arc_index);
  const auto reverse_map = boost::make_iterator_property_map(reverse.begin(), arc_index);
  const long flow = boost::boykov_kolmogorov_max_flow(
      network, boost::make_iterator_property_map(capacity.begin(), arc_index), residual_map,
      reverse_map, boost::get(boost::vertex_index, network), source, sink);
  if (flow >= infinite)
    throw std::logic_error("chokepoints: an uncuttable route was left in the flow network");
  // The sink side: what still reaches the sink in the residual network. Its boundary is the
  // minimum cut nearest the start, whichever max flow: among cuts of equal cost, the suppliers
  // a buyer deals with rather than the sites and state bodies nearest the cases.
  std::vector<std::uint8_t> reaches_sink(2 * n + 2, 0);
  std::vector<std::size_t> stack{sink};
  reaches_sink[sink] = 1;
  while (!stack.empty()) {
    const auto at = stack.back();
    stack.pop_back();
    for (const auto& arc : boost::make_iterator_range(boost::out_edges(at, network))) {
      const auto earlier =
          boost::target(arc, network);  // the arc back, earlier -> at, is reverse[arc]
      if (residual_map[reverse_map[arc]] > 0 && reaches_sink[earlier] == 0) {
        reaches_sink[earlier] = 1;
        stack.push_back(earlier);
      }
    }
  }
  std::vector<Local> cut;
  for (Local v = 0; v < n; ++v) {
    if (reaches_sink[2 * std::size_t{v} + 1] != 0 && reaches_sink[2 * std::size_t{v}] == 0)
      cut.push_back(v);
  }
  return cut;
}

// The cases that reach `v` by route steps.
std::vector<VertexId> cases_through(const LocalRoutes& routes, Local v,
                                    std::vector<std::uint32_t>& stamp, std::uint32_t epoch) {
  std::vector<VertexId> cases;
  std::vector<Local> stack{v};
  stamp[v] = epoch;
  while (!stack.empty()) {
    const Local at = stack.back();
    stack.pop_back();
    if (routes.is_case[at] != 0) cases.push_back(routes.routes.vertices[at]);
    routes.for_each_step_into(at, [&](Local u) {
      if (stamp[u] != epoch) stamp[u] = epoch, stack.push_back(u);
    });
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

struct BlockOfEdge {
  std::size_t block = 0;  // the biconnected component holding the edge
};
using UndirectedGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS,
                                              boost::no_property, BlockOfEdge>;

// Vertices whose removal alone separates every source case from the origins, undirected: on the
// path from the cases' super node to the origins' super node in the tree of vertices and
// biconnected blocks, every inner vertex is such an articulation point, and only those are.
std::vector<Local> separating_articulation_points(const LocalRoutes& routes,
                                                  const std::vector<std::uint8_t>& sources) {
  const std::size_t n = routes.size();
  const std::size_t cases_node = n;
  const std::size_t origins_node = n + 1;
  // Each pair once: Boost's biconnected_components splits parallel edges into blocks of their own.
  std::vector<std::pair<Local, Local>> pairs;
  pairs.reserve(routes.edge_from.size());
  for (std::size_t i = 0; i < routes.edge_from.size(); ++i) {
    const auto [low, high] = std::minmax(routes.edge_from[i], routes.edge_to[i]);
    if (low != high) pairs.emplace_back(low, high);
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  UndirectedGraph undirected(n + 2);
  for (const auto& [low, high] : pairs) boost::add_edge(low, high, undirected);
  for (Local v = 0; v < n; ++v) {
    if (sources[v] != 0) boost::add_edge(cases_node, v, undirected);
    if (routes.is_origin[v] != 0) boost::add_edge(v, origins_node, undirected);
  }
  auto component = boost::get(&BlockOfEdge::block, undirected);
  std::vector<std::size_t> articulation;
  const auto blocks =
      boost::biconnected_components(undirected, component, std::back_inserter(articulation)).first;
  // Block-vertex tree in compressed rows: node b + n + 2 stands for block b.
  const std::size_t nodes = n + 2 + blocks;
  std::vector<std::pair<std::size_t, std::size_t>> links;  // (vertex, block)
  links.reserve(2 * boost::num_edges(undirected));
  for (const auto& e : boost::make_iterator_range(boost::edges(undirected))) {
    links.emplace_back(boost::source(e, undirected), n + 2 + component[e]);
    links.emplace_back(boost::target(e, undirected), n + 2 + component[e]);
  }
  std::vector<std::size_t> offsets(nodes + 1, 0);
  for (const auto& [vertex, block] : links) ++offsets[vertex + 1], ++offsets[block + 1];
  for (std::size_t i = 0; i < nodes; ++i) offsets[i + 1] += offsets[i];
  std::vector<std::size_t> fill(offsets.begin(), offsets.end() - 1);
  std::vector<std::size_t> neighbours(2 * links.size());
  for (const auto& [vertex, block] : links)
    neighbours[fill[vertex]++] = block, neighbours[fill[block]++] = vertex;
  constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> parent(nodes, kNone);
  std::vector<std::size_t> queue{cases_node};
  parent[cases_node] = cases_node;
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const auto at = queue[head];
    for (auto i = offsets[at]; i < offsets[at + 1]; ++i) {
      const auto next = neighbours[i];
      if (parent[next] == kNone) parent[next] = at, queue.push_back(next);
    }
  }
  std::sort(articulation.begin(), articulation.end());
  std::vector<Local> separators;
  if (parent[origins_node] == kNone) return separators;
  for (auto at = parent[origins_node]; at != cases_node; at = parent[at]) {
    if (at < n && std::binary_search(articulation.begin(), articulation.end(), at)) {
      separators.push_back(static_cast<Local>(at));
    }
  }
  std::sort(separators.begin(), separators.end());
  return separators;
}

}  // namespace

std::string_view to_string(CutCost cost) {
  switch (cost) {
    case CutCost::Uniform:
      return "uniform";
    case CutCost::Shipments:
      return "shipments";
    case CutCost::Confidence:
      return "confidence";
  }
  return "uniform";
}

std::optional<CutCost> parse_cut_cost(std::string_view text) {
  for (const auto cost : {CutCost::Uniform, CutCost::Shipments, CutCost::Confidence}) {
    if (text == to_string(cost)) return cost;
  }
  return std::nullopt;
}

RouteSubgraph route_subgraph(const QueryGraph& graph, VertexId start,
                             const queries::TraceOptions& walk) {
  return local_routes(graph, start, walk).routes;
}

ChokepointResult find_chokepoints(const QueryGraph& graph, VertexId start,
                                  const ChokepointOptions& options) {
  ChokepointResult result;
  result.start = start;
  auto routes = local_routes(graph, start, options.walk);
  const std::size_t n = routes.size();
  if (!routes.routes.cases.empty()) {
    const auto costs = vertex_costs(graph, routes, options.cost);
    std::vector<std::uint8_t> fixed(n, 0);
    // A shipment is a past consignment, not a party a buyer can stop dealing with: the cut is
    // among the parties (its shipper and consignee stand next to it on every route).
    for (Local v = 0; v < n; ++v) {
      const VertexId vertex = routes.routes.vertices[v];
      fixed[v] = routes.is_case[v] != 0 || vertex == start ||
                         graph.kind(vertex) == graph::EntityKind::Shipment
                     ? 1
                     : 0;
    }
    const auto uncuttable = uncuttable_case_marks(routes, fixed);
    std::vector<std::uint8_t> sources(n, 0);
    bool any_source = false;
    for (Local v = 0; v < n; ++v) {
      if (uncuttable[v] != 0) result.uncuttable_cases.push_back(routes.routes.vertices[v]);
      sources[v] = routes.is_case[v] != 0 && uncuttable[v] == 0 ? 1 : 0;
      any_source = any_source || sources[v] != 0;
    }
    if (any_source) {
      std::vector<std::uint32_t> stamp(n, 0);
      std::uint32_t epoch = 0;
      for (const Local v : minimum_vertex_cut(routes, costs, fixed, sources)) {
        result.cut.push_back(
            {routes.routes.vertices[v], costs[v], cases_through(routes, v, stamp, ++epoch)});
        result.cut_cost += costs[v];
      }
      for (const Local v : separating_articulation_points(routes, sources)) {
        if (fixed[v] == 0 && routes.routes.vertices[v] != start)
          result.articulation_points.push_back(routes.routes.vertices[v]);
      }
    }
  }
  result.routes = std::move(routes.routes);
  return result;
}

QueryGraph route_graph_without(const QueryGraph& graph, const RouteSubgraph& routes,
                               const std::vector<VertexId>& removed) {
  std::vector<VertexId> gone = removed;
  std::sort(gone.begin(), gone.end());
  auto kept = [&](VertexId v) {
    return v == routes.start || !std::binary_search(gone.begin(), gone.end(), v);
  };
  std::vector<VertexId> vertices;
  vertices.reserve(routes.vertices.size() + 1);
  for (VertexId v : routes.vertices) {
    if (kept(v)) vertices.push_back(v);
  }
  if (!std::binary_search(vertices.begin(), vertices.end(), routes.start)) {
    vertices.insert(std::lower_bound(vertices.begin(), vertices.end(), routes.start), routes.start);
  }
  auto present = [&](VertexId v) {
    return std::binary_search(vertices.begin(), vertices.end(), v);
  };
  std::vector<EdgeIdx> edge_list;
  for (EdgeIdx e : routes.edges) {
    if (kept(graph.edge_source(e)) && kept(graph.edge_target(e))) edge_list.push_back(e);
  }
  // A product is reached through the shipments carrying it: keep those relations.
  if (graph.kind(routes.start) == EntityKind::Product) {
    graph.for_each_in_edge(routes.start, [&](VertexId shipment, EdgeIdx e) {
      if (graph.edge_kind(e) == RelationKind::Carries && present(shipment)) edge_list.push_back(e);
    });
  }
  // Ascending edge order keeps each vertex's relations in the whole graph's order (the build's
  // sort is stable), so searches visit them alike.
  std::sort(edge_list.begin(), edge_list.end());
  auto local = [&](VertexId v) {
    return static_cast<VertexId>(std::lower_bound(vertices.begin(), vertices.end(), v) -
                                 vertices.begin());
  };
  std::vector<graph::VertexInput> vertex_inputs;
  vertex_inputs.reserve(vertices.size());
  for (VertexId v : vertices) {
    vertex_inputs.push_back(
        {std::string(graph.id(v)), graph.kind(v), graph.is_protected(v), graph.entity_row(v)});
  }
  std::vector<graph::EdgeInput> edge_inputs;
  edge_inputs.reserve(edge_list.size());
  for (EdgeIdx e : edge_list) {
    edge_inputs.push_back({local(graph.edge_source(e)), local(graph.edge_target(e)),
                           graph.edge_kind(e), graph.edge_from(e), graph.edge_to(e),
                           graph.edge_confidence(e), graph.relation_row(e)});
  }
  return QueryGraph::build(std::move(vertex_inputs), std::move(edge_inputs));
}

}  // namespace flgraph::analysis
