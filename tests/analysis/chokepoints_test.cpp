// tests/analysis/chokepoints_test.cpp: route subgraphs, minimum cuts and articulation points
// against brute force on small random graphs, and the route graph against the whole graph.
#include "analysis/chokepoints.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <random>
#include <set>

#include "queries/exposure.h"
#include "queries/walk.h"

namespace flgraph::analysis {
namespace {

using graph::EdgeInput;
using graph::EntityKind;
using graph::RelationKind;
using graph::VertexInput;

struct Built {
  std::vector<VertexInput> vertices;
  std::vector<EdgeInput> edges;
  QueryGraph graph;
};

// Vertices named so that id order is creation order; every relation valid under the model.
Built random_graph(unsigned seed, unsigned spread_of_relations = 20) {
  std::mt19937 random(seed);
  const std::vector<EntityKind> kinds = {
      EntityKind::Case,    EntityKind::Case,     EntityKind::StateEntity, EntityKind::Site,
      EntityKind::Site,    EntityKind::Company,  EntityKind::Company,     EntityKind::Company,
      EntityKind::Company, EntityKind::Shipment, EntityKind::Shipment,    EntityKind::Shipment,
      EntityKind::Product, EntityKind::Person,   EntityKind::Vessel};
  Built built;
  const std::size_t n = 10 + random() % 6;
  for (std::size_t i = 0; i < n; ++i) {
    const auto kind = kinds[random() % kinds.size()];
    built.vertices.push_back({fmt::format("v{:02d}", i), kind, kind == EntityKind::Person,
                              static_cast<graph::EntityRowId>(i + 1)});
  }
  const std::size_t m = 18 + random() % spread_of_relations;
  std::size_t row = 0;
  for (std::size_t tries = 0; built.edges.size() < m && tries < 20000; ++tries) {
    const auto a = static_cast<VertexId>(random() % n);
    const auto b = static_cast<VertexId>(random() % n);
    const auto kind = static_cast<RelationKind>(random() % graph::kRelationKindCount);
    if (a == b || !graph::relation_allowed(kind, built.vertices[a].kind, built.vertices[b].kind))
      continue;
    if (kind == RelationKind::SameAs && random() % 3 != 0) continue;  // rarer, as in real data
    EdgeInput edge{a,
                   b,
                   kind,
                   graph::kOpenStart,
                   graph::kOpenEnd,
                   1.0f,
                   static_cast<graph::RelationRowId>(++row)};
    const std::int32_t base = 18000 + static_cast<std::int32_t>(random() % 2000);
    if (random() % 2 == 0) edge.date_from = base;
    if (random() % 3 == 0) edge.date_to = base + static_cast<std::int32_t>(random() % 900);
    edge.confidence = 0.3f + 0.1f * static_cast<float>(random() % 8);
    built.edges.push_back(edge);
  }
  built.graph = QueryGraph::build(built.vertices, built.edges);
  return built;
}

// The graph without some vertices and their relations (ids kept, so results compare by id).
QueryGraph without(const Built& built, const std::set<VertexId>& removed) {
  std::vector<VertexInput> vertices;
  std::vector<VertexId> renumber(built.vertices.size(), 0);
  for (VertexId v = 0; v < built.vertices.size(); ++v) {
    if (removed.count(v) != 0) continue;
    renumber[v] = static_cast<VertexId>(vertices.size());
    vertices.push_back(built.vertices[v]);
  }
  std::vector<EdgeInput> edges;
  for (auto edge : built.edges) {
    if (removed.count(edge.src) != 0 || removed.count(edge.dst) != 0) continue;
    edge.src = renumber[edge.src];
    edge.dst = renumber[edge.dst];
    edges.push_back(edge);
  }
  return QueryGraph::build(std::move(vertices), std::move(edges));
}

std::set<std::string> case_ids(const QueryGraph& g, const queries::TraceResult& trace) {
  std::set<std::string> ids;
  for (const auto& found : trace.cases) ids.insert(std::string(g.id(found.case_vertex)));
  return ids;
}

// Every walk from a case that ends at the first origin it meets, of at most max_hops counted
// hops. A shortest walk through a given relation joins two shortest paths, so letting each
// vertex appear at most twice finds every relation any route uses.
struct RouteEnumeration {
  std::set<VertexId> vertices;
  std::set<EdgeIdx> edges;
};
RouteEnumeration enumerate_routes(const QueryGraph& g, VertexId start,
                                  const queries::TraceOptions& walk) {
  const auto origins = queries::trace_origins(g, start);
  const std::set<VertexId> origin_set(origins.begin(), origins.end());
  // Least hops to an origin (Bellman-Ford), only to stop walks that cannot arrive in time.
  std::vector<int> to_origin(g.vertex_count(), 1000);
  for (VertexId o : origins) to_origin[o] = 0;
  for (std::size_t round = 0; round < g.vertex_count(); ++round) {
    for (VertexId u = 0; u < g.vertex_count(); ++u) {
      g.for_each_out_edge(u, [&](VertexId x, EdgeIdx e) {
        if (!queries::edge_admissible(g, e, walk)) return;
        const int cost = g.edge_kind(e) == RelationKind::SameAs ? 0 : 1;
        to_origin[u] = std::min(to_origin[u], cost + to_origin[x]);
        if (cost == 0) to_origin[x] = std::min(to_origin[x], to_origin[u]);
      });
    }
  }
  RouteEnumeration found;
  std::vector<int> visits(g.vertex_count(), 0);
  std::vector<VertexId> path_vertices;
  std::vector<EdgeIdx> path_edges;
  std::function<void(VertexId, int)> extend = [&](VertexId v, int hops) {
    if (origin_set.count(v) != 0) {
      found.vertices.insert(path_vertices.begin(), path_vertices.end());
      found.edges.insert(path_edges.begin(), path_edges.end());
      return;
    }
    auto step = [&](VertexId next, EdgeIdx e, int cost) {
      if (!queries::edge_admissible(g, e, walk) || hops + cost + to_origin[next] > walk.max_hops ||
          visits[next] >= 2) {
        return;
      }
      ++visits[next];
      path_vertices.push_back(next);
      path_edges.push_back(e);
      extend(next, hops + cost);
      path_vertices.pop_back();
      path_edges.pop_back();
      --visits[next];
    };
    g.for_each_out_edge(v, [&](VertexId x, EdgeIdx e) {
      step(x, e, g.edge_kind(e) == RelationKind::SameAs ? 0 : 1);
    });
    g.for_each_in_edge(v, [&](VertexId x, EdgeIdx e) {
      if (g.edge_kind(e) == RelationKind::SameAs) step(x, e, 0);
    });
  };
  for (VertexId c = 0; c < g.vertex_count(); ++c) {
    if (g.kind(c) != EntityKind::Case || origin_set.count(c) != 0) continue;
    visits[c] = 1;
    path_vertices.assign(1, c);
    extend(c, 0);
    visits[c] = 0;
  }
  return found;
}

// A start worth analysing: a company or product with a case in reach, chosen by the seed.
std::optional<VertexId> pick_start(const Built& built, unsigned seed,
                                   const queries::TraceOptions& walk) {
  std::vector<VertexId> candidates;
  for (VertexId v = 0; v < built.vertices.size(); ++v) {
    const auto kind = built.vertices[v].kind;
    if ((kind == EntityKind::Company || kind == EntityKind::Product) &&
        !queries::trace_to_cases(built.graph, v, walk).cases.empty()) {
      candidates.push_back(v);
    }
  }
  if (candidates.empty()) return std::nullopt;
  return candidates[seed % candidates.size()];
}

queries::TraceOptions walk_for(unsigned seed) {
  queries::TraceOptions walk;
  walk.max_hops = 2 + static_cast<int>(seed % 4);
  return walk;
}

TEST(RouteSubgraph, EqualsTheRelationsOfEveryEnumeratedRoute) {
  int checked = 0;
  for (unsigned seed = 1; seed < 400 && checked < 40; ++seed) {
    const auto built = random_graph(seed, 8);  // walks are enumerated: keep the graphs sparse
    const auto walk = walk_for(seed);
    const auto start = pick_start(built, seed, walk);
    if (!start) continue;
    ++checked;
    const auto routes = route_subgraph(built.graph, *start, walk);
    const auto expected = enumerate_routes(built.graph, *start, walk);
    EXPECT_EQ(std::set<EdgeIdx>(routes.edges.begin(), routes.edges.end()), expected.edges)
        << "seed " << seed;
    EXPECT_EQ(std::set<VertexId>(routes.vertices.begin(), routes.vertices.end()), expected.vertices)
        << "seed " << seed;
    std::set<std::string> cases;
    for (VertexId c : routes.cases) cases.insert(std::string(built.graph.id(c)));
    EXPECT_EQ(cases, case_ids(built.graph, queries::trace_to_cases(built.graph, *start, walk)))
        << "seed " << seed;
  }
  EXPECT_GE(checked, 30);
}

// The brute force's view of the route subgraph: directed steps (same_as both ways).
struct RouteSteps {
  std::map<VertexId, std::vector<VertexId>> next;
  std::set<VertexId> origins;
  std::set<VertexId> cases;
  std::set<VertexId> cuttable;
};
RouteSteps steps_of(const QueryGraph& g, const RouteSubgraph& routes, VertexId start) {
  RouteSteps steps;
  for (EdgeIdx e : routes.edges) {
    steps.next[g.edge_source(e)].push_back(g.edge_target(e));
    if (g.edge_kind(e) == RelationKind::SameAs)
      steps.next[g.edge_target(e)].push_back(g.edge_source(e));
  }
  for (VertexId o : routes.origins) steps.origins.insert(o);
  for (VertexId c : routes.cases) steps.cases.insert(c);
  for (VertexId v : routes.vertices) {
    if (v != start && g.kind(v) != EntityKind::Case && g.kind(v) != EntityKind::Shipment)
      steps.cuttable.insert(v);
  }
  return steps;
}

bool reaches_origin(const RouteSteps& steps, VertexId from, const std::set<VertexId>& removed) {
  std::set<VertexId> seen{from};
  std::vector<VertexId> stack{from};
  while (!stack.empty()) {
    const VertexId v = stack.back();
    stack.pop_back();
    if (steps.origins.count(v) != 0) return true;
    const auto at = steps.next.find(v);
    if (at == steps.next.end()) continue;
    for (VertexId w : at->second) {
      if (removed.count(w) == 0 && seen.insert(w).second) stack.push_back(w);
    }
  }
  return false;
}

long brute_cost(const QueryGraph& g, const RouteSubgraph& routes, VertexId v, CutCost cost) {
  long shipments = 1;
  double best = 0.0;
  for (EdgeIdx e : routes.edges) {
    if (g.edge_source(e) != v && g.edge_target(e) != v) continue;
    const auto kind = g.edge_kind(e);
    if (kind == RelationKind::Ships || kind == RelationKind::ConsignedTo) ++shipments;
    best = std::max(best, static_cast<double>(g.edge_confidence(e)));
  }
  if (cost == CutCost::Uniform) return 1;
  if (cost == CutCost::Shipments) return shipments;
  return 1 + std::lround(100.0 * (1.0 - best));
}

void for_each_subset(const std::vector<VertexId>& items, std::size_t most,
                     const std::function<void(const std::set<VertexId>&)>& visit) {
  std::set<VertexId> chosen;
  std::function<void(std::size_t)> grow = [&](std::size_t from) {
    visit(chosen);
    if (chosen.size() == most) return;
    for (std::size_t i = from; i < items.size(); ++i) {
      chosen.insert(items[i]);
      grow(i + 1);
      chosen.erase(items[i]);
    }
  };
  grow(0);
}

TEST(Chokepoints, CutIsALeastCostCutOfTheRouteSubgraphAndCutsEveryHopBoundedRoute) {
  int checked = 0;
  int hop_bounded_cheaper = 0;
  std::size_t cut_members = 0;
  std::size_t uncuttable_total = 0;
  for (unsigned seed = 1; seed < 600 && checked < 40; ++seed) {
    const auto built = random_graph(seed);
    const auto walk = walk_for(seed);
    const auto start = pick_start(built, seed, walk);
    if (!start) continue;
    const auto& g = built.graph;
    const auto routes = route_subgraph(g, *start, walk);
    const auto steps = steps_of(g, routes, *start);
    std::set<VertexId> uncuttable;
    for (VertexId c : steps.cases) {
      if (reaches_origin(steps, c, steps.cuttable)) uncuttable.insert(c);
    }
    const std::vector<VertexId> cuttable(steps.cuttable.begin(), steps.cuttable.end());
    // Subsets that leave no route in the route subgraph, and those that leave no route of at most
    // max_hops in the whole graph (by trace), for the cuttable cases.
    std::vector<std::set<VertexId>> cuts_subgraph;
    std::vector<std::set<VertexId>> cuts_hop_bounded;
    std::set<std::string> uncuttable_ids;
    for (VertexId c : uncuttable) uncuttable_ids.insert(std::string(g.id(c)));
    for_each_subset(cuttable, 4, [&](const std::set<VertexId>& removed) {
      const bool cuts = std::none_of(steps.cases.begin(), steps.cases.end(), [&](VertexId c) {
        return uncuttable.count(c) == 0 && reaches_origin(steps, c, removed);
      });
      if (cuts) cuts_subgraph.push_back(removed);
      const auto rest = without(built, removed);
      const auto left =
          case_ids(rest, queries::trace_to_cases(rest, *rest.find(g.id(*start)), walk));
      if (std::includes(uncuttable_ids.begin(), uncuttable_ids.end(), left.begin(), left.end())) {
        cuts_hop_bounded.push_back(removed);
      }
    });
    ++checked;
    for (const auto cost : {CutCost::Uniform, CutCost::Shipments, CutCost::Confidence}) {
      const auto result = find_chokepoints(g, *start, {walk, cost});
      EXPECT_EQ(std::set<VertexId>(result.uncuttable_cases.begin(), result.uncuttable_cases.end()),
                uncuttable)
          << "seed " << seed;
      auto total = [&](const std::set<VertexId>& members) {
        long sum = 0;
        for (VertexId v : members) sum += brute_cost(g, routes, v, cost);
        return sum;
      };
      std::set<VertexId> cut;
      long member_costs = 0;
      for (const auto& member : result.cut) {
        cut.insert(member.vertex);
        member_costs += member.cost;
        EXPECT_EQ(member.cost, brute_cost(g, routes, member.vertex, cost)) << "seed " << seed;
        EXPECT_FALSE(member.cases.empty()) << "seed " << seed;
      }
      EXPECT_EQ(member_costs, result.cut_cost);
      cut_members += result.cut.size();
      uncuttable_total += result.uncuttable_cases.size();
      // Exact for the route subgraph: no cut of at most four vertices is cheaper, and one of at
      // most four vertices is the cheapest such. A cut of the route subgraph it must be.
      EXPECT_TRUE(std::none_of(
          steps.cases.begin(), steps.cases.end(),
          [&](VertexId c) { return uncuttable.count(c) == 0 && reaches_origin(steps, c, cut); }))
          << "seed " << seed;
      if (cuts_subgraph.empty()) {
        EXPECT_GT(cut.size(), 4u) << "seed " << seed;
      } else {
        long best = std::numeric_limits<long>::max();
        for (const auto& candidate : cuts_subgraph) best = std::min(best, total(candidate));
        EXPECT_LE(result.cut_cost, best) << "seed " << seed << " cost " << to_string(cost);
        if (cut.size() <= 4) {
          EXPECT_EQ(result.cut_cost, best) << "seed " << seed << " cost " << to_string(cost);
        }
      }
      // The cut really cuts: trace finds only the uncuttable cases once it is gone.
      const auto rest = without(built, cut);
      const auto left =
          case_ids(rest, queries::trace_to_cases(rest, *rest.find(g.id(*start)), walk));
      EXPECT_TRUE(
          std::includes(uncuttable_ids.begin(), uncuttable_ids.end(), left.begin(), left.end()))
          << "seed " << seed;
      // An upper bound for the hop-bounded problem.
      if (!cuts_hop_bounded.empty()) {
        long best = std::numeric_limits<long>::max();
        for (const auto& candidate : cuts_hop_bounded) best = std::min(best, total(candidate));
        if (best < result.cut_cost) ++hop_bounded_cheaper;
        if (cut.size() <= 4) {
          EXPECT_LE(best, result.cut_cost) << "seed " << seed;
        }
      }
    }
  }
  EXPECT_GE(checked, 30);
  std::cout << fmt::format(
      "{} graphs x 3 costs: {} cut members, {} uncuttable cases; a hop-bounded cut cheaper than "
      "the route subgraph's in {}\n",
      checked, cut_members, uncuttable_total, hop_bounded_cheaper);
}

TEST(Chokepoints, ArticulationPointsAreTheVerticesWhoseRemovalSeparatesTheCasesFromTheStart) {
  int checked = 0;
  for (unsigned seed = 1; seed < 600 && checked < 40; ++seed) {
    const auto built = random_graph(seed);
    const auto walk = walk_for(seed);
    const auto start = pick_start(built, seed, walk);
    if (!start) continue;
    const auto& g = built.graph;
    const auto result = find_chokepoints(g, *start, {walk, CutCost::Uniform});
    std::map<VertexId, std::vector<VertexId>> neighbours;
    for (EdgeIdx e : result.routes.edges) {
      neighbours[g.edge_source(e)].push_back(g.edge_target(e));
      neighbours[g.edge_target(e)].push_back(g.edge_source(e));
    }
    const std::set<VertexId> origins(result.routes.origins.begin(), result.routes.origins.end());
    std::set<VertexId> sources;
    for (VertexId c : result.routes.cases) {
      if (std::find(result.uncuttable_cases.begin(), result.uncuttable_cases.end(), c) ==
          result.uncuttable_cases.end()) {
        sources.insert(c);
      }
    }
    if (sources.empty()) continue;
    ++checked;
    auto connected_without = [&](VertexId removed) {
      std::set<VertexId> seen;
      std::vector<VertexId> stack;
      for (VertexId c : sources) seen.insert(c), stack.push_back(c);
      while (!stack.empty()) {
        const VertexId v = stack.back();
        stack.pop_back();
        if (origins.count(v) != 0) return true;
        for (VertexId w : neighbours[v]) {
          if (w != removed && seen.insert(w).second) stack.push_back(w);
        }
      }
      return false;
    };
    std::vector<VertexId> expected;
    for (VertexId v : result.routes.vertices) {
      if (v == *start || g.kind(v) == EntityKind::Case || g.kind(v) == EntityKind::Shipment)
        continue;
      if (!connected_without(v)) expected.push_back(v);
    }
    EXPECT_EQ(result.articulation_points, expected) << "seed " << seed;
  }
  EXPECT_GE(checked, 30);
}

void expect_same_exposure(const QueryGraph& whole, const QueryGraph& part, VertexId start,
                          unsigned seed) {
  queries::ExposureOptions options;
  options.max_hops = walk_for(seed).max_hops;
  const auto expected = queries::score_exposure(whole, start, options);
  const auto found = queries::score_exposure(part, *part.find(whole.id(start)), options);
  EXPECT_DOUBLE_EQ(found.score, expected.score) << "seed " << seed;
  EXPECT_DOUBLE_EQ(found.supply_score, expected.supply_score) << "seed " << seed;
  EXPECT_DOUBLE_EQ(found.ownership_score, expected.ownership_score) << "seed " << seed;
  ASSERT_EQ(found.contributions.size(), expected.contributions.size()) << "seed " << seed;
  for (std::size_t i = 0; i < found.contributions.size(); ++i) {
    const auto& a = found.contributions[i];
    const auto& b = expected.contributions[i];
    EXPECT_EQ(part.id(a.case_vertex), whole.id(b.case_vertex)) << "seed " << seed;
    EXPECT_DOUBLE_EQ(a.contribution, b.contribution) << "seed " << seed;
    ASSERT_EQ(a.path.vertices.size(), b.path.vertices.size()) << "seed " << seed;
    for (std::size_t k = 0; k < a.path.vertices.size(); ++k) {
      EXPECT_EQ(part.id(a.path.vertices[k]), whole.id(b.path.vertices[k])) << "seed " << seed;
    }
  }
}

TEST(RouteGraph, ExposureAndTraceOfTheStartAreThoseOfTheWholeGraph) {
  int checked = 0;
  for (unsigned seed = 1; seed < 400 && checked < 40; ++seed) {
    const auto built = random_graph(seed);
    const auto walk = walk_for(seed);
    const auto start = pick_start(built, seed, walk);
    if (!start) continue;
    ++checked;
    const auto routes = route_subgraph(built.graph, *start, walk);
    const auto part = route_graph_without(built.graph, routes, {});
    expect_same_exposure(built.graph, part, *start, seed);
    for (const bool temporal : {false, true}) {
      auto options = walk;
      options.temporal = temporal;
      const auto whole_trace = queries::trace_to_cases(built.graph, *start, options);
      const auto part_trace =
          queries::trace_to_cases(part, *part.find(built.graph.id(*start)), options);
      ASSERT_EQ(part_trace.cases.size(), whole_trace.cases.size()) << "seed " << seed;
      for (std::size_t i = 0; i < part_trace.cases.size(); ++i) {
        EXPECT_EQ(part.id(part_trace.cases[i].case_vertex),
                  built.graph.id(whole_trace.cases[i].case_vertex));
        EXPECT_EQ(part_trace.cases[i].hops, whole_trace.cases[i].hops) << "seed " << seed;
        EXPECT_EQ(part_trace.cases[i].paths.size(), whole_trace.cases[i].paths.size())
            << "seed " << seed;
      }
    }
  }
  EXPECT_GE(checked, 30);
}

TEST(RouteGraph, RemovingTheCutLeavesOnlyUncuttableCases) {
  int checked = 0;
  for (unsigned seed = 1; seed < 400 && checked < 40; ++seed) {
    const auto built = random_graph(seed);
    const auto walk = walk_for(seed);
    const auto start = pick_start(built, seed, walk);
    if (!start) continue;
    ++checked;
    const auto result = find_chokepoints(built.graph, *start, {walk, CutCost::Uniform});
    std::vector<VertexId> cut;
    for (const auto& member : result.cut) cut.push_back(member.vertex);
    const auto part = route_graph_without(built.graph, result.routes, cut);
    std::set<std::string> uncuttable;
    for (VertexId c : result.uncuttable_cases) uncuttable.insert(std::string(built.graph.id(c)));
    EXPECT_EQ(
        case_ids(part, queries::trace_to_cases(part, *part.find(built.graph.id(*start)), walk)),
        uncuttable)
        << "seed " << seed;
  }
  EXPECT_GE(checked, 30);
}

// Two cases at two sites of one operator, which ships three consignments to the buyer: the fewest
// entities is the operator; sparing the trade, the two sites.
TEST(Chokepoints, UniformCutsTheOperatorWhileShipmentsCostSparesItsTrade) {
  std::vector<VertexInput> vertices;
  const std::vector<std::pair<std::string, EntityKind>> named = {
      {"a-case-1", EntityKind::Case},   {"a-case-2", EntityKind::Case},
      {"b-buyer", EntityKind::Company}, {"c-operator", EntityKind::Company},
      {"s-site-1", EntityKind::Site},   {"s-site-2", EntityKind::Site},
      {"x-1", EntityKind::Shipment},    {"x-2", EntityKind::Shipment},
      {"x-3", EntityKind::Shipment}};
  for (const auto& [id, kind] : named) {
    vertices.push_back({id, kind, false, static_cast<graph::EntityRowId>(vertices.size() + 1)});
  }
  std::vector<EdgeInput> edges;
  auto relate = [&](VertexId from, VertexId to, RelationKind kind) {
    edges.push_back({from, to, kind, graph::kOpenStart, graph::kOpenEnd, 0.9f,
                     static_cast<graph::RelationRowId>(edges.size() + 1)});
  };
  relate(0, 4, RelationKind::Documents);
  relate(1, 5, RelationKind::Documents);
  relate(4, 3, RelationKind::OperatedBy);
  relate(5, 3, RelationKind::OperatedBy);
  for (VertexId shipment : {6u, 7u, 8u}) {
    relate(3, shipment, RelationKind::Ships);
    relate(shipment, 2, RelationKind::ConsignedTo);
  }
  const auto g = QueryGraph::build(vertices, edges);
  const VertexId buyer = *g.find("b-buyer");
  auto cut_ids = [&](CutCost cost) {
    const auto result = find_chokepoints(g, buyer, {queries::TraceOptions{}, cost});
    std::vector<std::string> ids;
    for (const auto& member : result.cut) ids.emplace_back(g.id(member.vertex));
    return std::pair(ids, result.cut_cost);
  };
  EXPECT_EQ(cut_ids(CutCost::Uniform), std::pair(std::vector<std::string>{"c-operator"}, 1L));
  // The operator costs 1 + 3 ships; each site 1; each consignment 1 + 2.
  EXPECT_EQ(cut_ids(CutCost::Shipments),
            std::pair(std::vector<std::string>{"s-site-1", "s-site-2"}, 2L));
  // All relations at 0.9: every entity costs 1 + 10, so the single operator again.
  EXPECT_EQ(cut_ids(CutCost::Confidence), std::pair(std::vector<std::string>{"c-operator"}, 11L));
  const auto result = find_chokepoints(g, buyer, {queries::TraceOptions{}, CutCost::Uniform});
  ASSERT_EQ(result.cut.size(), 1u);
  EXPECT_EQ(result.cut[0].cases, (std::vector<VertexId>{*g.find("a-case-1"), *g.find("a-case-2")}));
  EXPECT_EQ(result.articulation_points, std::vector<VertexId>{*g.find("c-operator")});
  EXPECT_TRUE(result.uncuttable_cases.empty());
}

TEST(Chokepoints, ACaseDocumentingTheStartIsUncuttableAndTheRestIsStillCut) {
  std::vector<VertexInput> vertices = {{"a-case-1", EntityKind::Case, false, 1},
                                       {"a-case-2", EntityKind::Case, false, 2},
                                       {"b-buyer", EntityKind::Company, false, 3},
                                       {"c-supplier", EntityKind::Company, false, 4}};
  std::vector<EdgeInput> edges = {
      {0, 2, RelationKind::Documents, graph::kOpenStart, graph::kOpenEnd, 1.0f, 1},
      {1, 3, RelationKind::Documents, graph::kOpenStart, graph::kOpenEnd, 1.0f, 2},
      {3, 2, RelationKind::Supplies, graph::kOpenStart, graph::kOpenEnd, 1.0f, 3}};
  const auto g = QueryGraph::build(vertices, edges);
  const auto result =
      find_chokepoints(g, *g.find("b-buyer"), {queries::TraceOptions{}, CutCost::Uniform});
  EXPECT_EQ(result.uncuttable_cases, std::vector<VertexId>{*g.find("a-case-1")});
  ASSERT_EQ(result.cut.size(), 1u);
  EXPECT_EQ(g.id(result.cut[0].vertex), "c-supplier");
  EXPECT_EQ(result.cut_cost, 1);
  EXPECT_EQ(parse_cut_cost("shipments"), CutCost::Shipments);
  EXPECT_EQ(parse_cut_cost("cheapest"), std::nullopt);
}

}  // namespace
}  // namespace flgraph::analysis
