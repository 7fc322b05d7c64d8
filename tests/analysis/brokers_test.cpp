// tests/analysis/brokers_test.cpp: restricted betweenness against every shortest route listed
// one by one, against Boost's own Brandes when every vertex is a source and a target, and the
// sampled estimate against the exact answer.
#include "analysis/brokers.h"

#include <gtest/gtest.h>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/betweenness_centrality.hpp>
#include <cmath>
#include <functional>

#include "random_network.h"

namespace flgraph::analysis {
namespace {

using testing::random_network;
using testing::RandomNetwork;

struct Expected {
  std::vector<double> score;
  std::vector<double> routes;
};

// Sources and targets as the model defines them, worked out from the relations directly.
bool passes_window(const QueryGraph& g, graph::EdgeIdx e, const queries::TraceOptions& walk) {
  if (g.edge_confidence(e) < walk.min_confidence) return false;
  if (walk.from_date && g.edge_to(e) < walk.from_date->days) return false;
  if (walk.to_date && g.edge_from(e) > walk.to_date->days) return false;
  return true;
}
std::vector<VertexId> parties_by_hand(const RandomNetwork& network,
                                      const queries::TraceOptions& walk) {
  std::vector<bool> party(network.kinds.size(), false);
  for (graph::EdgeIdx e = 0; e < network.graph.edge_count(); ++e) {
    if (network.graph.edge_kind(e) == graph::RelationKind::Documents &&
        network.graph.kind(network.graph.edge_source(e)) == graph::EntityKind::Case &&
        passes_window(network.graph, e, walk)) {
      party[network.graph.edge_target(e)] = true;
    }
  }
  std::vector<VertexId> out;
  for (VertexId v = 0; v < party.size(); ++v) {
    if (party[v]) out.push_back(v);
  }
  return out;
}
std::vector<VertexId> buyers_by_hand(const RandomNetwork& network,
                                     const queries::TraceOptions& walk) {
  std::vector<bool> buyer(network.kinds.size(), false);
  for (graph::EdgeIdx e = 0; e < network.graph.edge_count(); ++e) {
    const auto kind = network.graph.edge_kind(e);
    const VertexId to = network.graph.edge_target(e);
    if ((kind == graph::RelationKind::ConsignedTo || kind == graph::RelationKind::Supplies) &&
        network.graph.kind(to) == graph::EntityKind::Company &&
        passes_window(network.graph, e, walk)) {
      buyer[to] = true;
    }
  }
  std::vector<VertexId> out;
  for (VertexId v = 0; v < buyer.size(); ++v) {
    if (buyer[v]) out.push_back(v);
  }
  return out;
}

// Lists every shortest route (within the hop limit) from each source to each target and credits
// the vertices strictly inside it: 1/sigma_st to the score, 1 to the route count.
Expected every_route_by_hand(const RandomNetwork& network, const std::vector<VertexId>& sources,
                             const std::vector<VertexId>& targets,
                             const queries::TraceOptions& walk) {
  const std::size_t n = network.kinds.size();
  const auto steps = testing::plain_steps(network, walk);
  Expected expected{std::vector<double>(n, 0.0), std::vector<double>(n, 0.0)};
  for (const VertexId s : sources) {
    std::vector<int> hops(n, -1);
    std::vector<VertexId> frontier = {s};
    hops[s] = 0;
    for (int depth = 0; depth < walk.max_hops && !frontier.empty(); ++depth) {
      std::vector<VertexId> next;
      for (const VertexId u : frontier) {
        for (const VertexId w : steps[u]) {
          if (hops[w] < 0) {
            hops[w] = depth + 1;
            next.push_back(w);
          }
        }
      }
      frontier = next;
    }
    for (const VertexId t : targets) {
      if (t == s || hops[t] < 0) continue;
      std::vector<std::vector<VertexId>> routes;
      std::vector<VertexId> route = {s};
      std::function<void(VertexId)> extend = [&](VertexId u) {
        if (u == t) {
          routes.push_back(route);
          return;
        }
        for (const VertexId w : steps[u]) {
          if (hops[w] != hops[u] + 1 || hops[w] > hops[t]) continue;
          route.push_back(w);
          extend(w);
          route.pop_back();
        }
      };
      extend(s);
      for (const auto& found : routes) {
        for (std::size_t i = 1; i + 1 < found.size(); ++i) {
          expected.score[found[i]] += 1.0 / static_cast<double>(routes.size());
          expected.routes[found[i]] += 1.0;
        }
      }
    }
  }
  return expected;
}

void expect_same_scores(const std::vector<double>& actual, const std::vector<double>& expected,
                        const std::string& what) {
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t v = 0; v < actual.size(); ++v) {
    EXPECT_NEAR(actual[v], expected[v], 1e-9 * std::max(1.0, expected[v]))
        << what << " vertex " << v;
  }
}

TEST(Brokers, ScoresAndRoutesEqualEveryShortestRouteListedByHand) {
  for (unsigned seed = 1; seed <= 24; ++seed) {
    const auto network = random_network(seed, 30, 70);
    for (const int max_hops : {6, 2, 3}) {
      BrokerOptions options;
      options.walk.max_hops = max_hops;
      if (seed % 3 == 0) options.walk.min_confidence = 0.5;
      if (seed % 4 == 0) options.walk.from_date = graph::Date{18500};
      const auto parties = parties_by_hand(network, options.walk);
      const auto buyers_found = buyers_by_hand(network, options.walk);
      EXPECT_EQ(documented_parties(network.graph, options.walk), parties);
      EXPECT_EQ(buyers(network.graph, options.walk), buyers_found);
      const auto expected = every_route_by_hand(network, parties, buyers_found, options.walk);
      const auto actual = restricted_betweenness(network.graph, parties, buyers_found, options);
      const std::string what =
          "seed " + std::to_string(seed) + " max_hops " + std::to_string(max_hops);
      expect_same_scores(actual.score, expected.score, what + " score");
      expect_same_scores(actual.routes, expected.routes, what + " routes");
      expect_same_scores(broker_scores(network.graph, options), expected.score,
                         what + " broker_scores");
    }
  }
}

TEST(Brokers, KindsLeftOutAreNotWalked) {
  const auto network = random_network(7, 30, 80);
  BrokerOptions options;
  options.walk.kinds = static_cast<queries::KindMask>(
      options.walk.kinds & ~queries::kind_bit(graph::RelationKind::SameAs) &
      ~queries::kind_bit(graph::RelationKind::Ships));
  const auto parties = parties_by_hand(network, options.walk);
  const auto buyers_found = buyers_by_hand(network, options.walk);
  const auto expected = every_route_by_hand(network, parties, buyers_found, options.walk);
  expect_same_scores(restricted_betweenness(network.graph, parties, buyers_found, options).score,
                     expected.score, "kinds");
}

TEST(Brokers, EveryVertexAsSourceAndTargetEqualsBoostBrandes) {
  for (unsigned seed = 1; seed <= 10; ++seed) {
    const auto network = random_network(100 + seed, 35, 90);
    const std::size_t n = network.kinds.size();
    BrokerOptions options;
    options.walk.max_hops = static_cast<int>(n);  // no limit
    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS> copy(n);
    const auto steps = testing::plain_steps(network, options.walk);
    for (VertexId u = 0; u < n; ++u) {
      for (const VertexId w : steps[u]) boost::add_edge(u, w, copy);
    }
    std::vector<double> by_boost(n, 0.0);
    boost::brandes_betweenness_centrality(copy,
                                          boost::centrality_map(boost::make_iterator_property_map(
                                              by_boost.begin(), get(boost::vertex_index, copy))));
    std::vector<VertexId> everyone(n);
    for (VertexId v = 0; v < n; ++v) everyone[v] = v;
    const auto ours = restricted_betweenness(network.graph, everyone, everyone, options);
    expect_same_scores(ours.score, by_boost, "seed " + std::to_string(seed));
  }
}

TEST(Brokers, RowsAreTheTopScoresThenIdOrderWithoutZeros) {
  const auto network = random_network(11, 40, 110);
  BrokerOptions options;
  options.top = 5;
  const auto result = find_brokers(network.graph, options);
  const auto scores = broker_scores(network.graph, options);
  ASSERT_FALSE(result.rows.empty());
  EXPECT_LE(result.rows.size(), 5u);
  EXPECT_FALSE(result.sampled);
  EXPECT_EQ(result.sources, result.sources_used);
  for (std::size_t i = 0; i < result.rows.size(); ++i) {
    EXPECT_GT(result.rows[i].score, 0.0);
    EXPECT_EQ(result.rows[i].score, scores[result.rows[i].vertex]);
    EXPECT_EQ(result.rows[i].score_error, 0.0);
    if (i > 0) {
      const auto& before = result.rows[i - 1];
      EXPECT_TRUE(before.score > result.rows[i].score ||
                  (before.score == result.rows[i].score && before.vertex < result.rows[i].vertex));
    }
  }
  std::size_t above = 0;
  for (const double score : scores) above += score > result.rows.back().score ? 1u : 0u;
  EXPECT_LT(above, result.rows.size());
}

TEST(BrokersSampled, SamplingEverySourceIsTheExactAnswer) {
  const auto network = random_network(21, 60, 200);
  BrokerOptions exact;
  auto all = exact;
  all.sample = documented_parties(network.graph, exact.walk).size();
  ASSERT_GT(all.sample, 2u);
  const auto a = find_brokers(network.graph, exact);
  const auto b = find_brokers(network.graph, all);
  EXPECT_FALSE(b.sampled);
  ASSERT_EQ(a.rows.size(), b.rows.size());
  for (std::size_t i = 0; i < a.rows.size(); ++i) {
    EXPECT_EQ(a.rows[i].vertex, b.rows[i].vertex);
    EXPECT_EQ(a.rows[i].score, b.rows[i].score);
    EXPECT_EQ(a.rows[i].routes, b.rows[i].routes);
  }
}

TEST(BrokersSampled, EstimateIsWithinFourStandardErrorsAndRepeatsExactly) {
  // Enough parties (about 450) that each top score gathers many per-party contributions: with a
  // few dominant ones the sample's own spread understates the error.
  const auto network = random_network(5, 4000, 12000);
  BrokerOptions exact;
  exact.top = 10;
  const auto truth = broker_scores(network.graph, exact);
  const auto exact_rows = find_brokers(network.graph, exact);
  auto sampled = exact;
  const auto sources = documented_parties(network.graph, exact.walk).size();
  ASSERT_GT(sources, 20u);
  sampled.sample = sources / 2;
  const auto estimate = find_brokers(network.graph, sampled);
  const auto again = find_brokers(network.graph, sampled);
  EXPECT_TRUE(estimate.sampled);
  EXPECT_EQ(estimate.sources_used, sources / 2);
  EXPECT_EQ(estimate.sources, sources);
  ASSERT_EQ(estimate.rows.size(), again.rows.size());
  for (std::size_t i = 0; i < estimate.rows.size(); ++i) {
    EXPECT_EQ(estimate.rows[i].vertex, again.rows[i].vertex);
    EXPECT_EQ(estimate.rows[i].score, again.rows[i].score);
    EXPECT_EQ(estimate.rows[i].score_error, again.rows[i].score_error);
  }
  // The exact top rows, each estimated within four of its standard errors.
  sampled.top = 1000;
  const auto every_estimate = find_brokers(network.graph, sampled);
  std::size_t checked = 0;
  for (const auto& row : exact_rows.rows) {
    const auto found = std::find_if(every_estimate.rows.begin(), every_estimate.rows.end(),
                                    [&](const BrokerRow& r) { return r.vertex == row.vertex; });
    ASSERT_NE(found, every_estimate.rows.end()) << "vertex " << row.vertex << " lost in the sample";
    EXPECT_GT(found->score_error, 0.0);
    EXPECT_LE(std::abs(found->score - truth[row.vertex]), 4.0 * found->score_error)
        << "vertex " << row.vertex;
    ++checked;
  }
  EXPECT_GE(checked, 5u);
}

TEST(BrokersSampled, AnotherSeedDrawsAnotherSample) {
  const auto network = random_network(5, 600, 1800);
  BrokerOptions options;
  options.sample = documented_parties(network.graph, options.walk).size() / 3;
  const auto first = broker_scores(network.graph, options);
  options.seed = 2;
  EXPECT_NE(broker_scores(network.graph, options), first);
}

}  // namespace
}  // namespace flgraph::analysis
