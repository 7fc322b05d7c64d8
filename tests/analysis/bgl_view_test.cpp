// tests/analysis/bgl_view_test.cpp: Boost.Graph's algorithms run on the query graph itself and
// agree with the same algorithms on a copy in Boost's own adjacency_list.
#include "analysis/bgl_view.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <boost/concept/assert.hpp>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/graph_concepts.hpp>
#include <random>

namespace flgraph::analysis {
namespace {

using graph::EdgeInput;
using graph::EntityKind;
using graph::RelationKind;
using graph::VertexInput;

BOOST_CONCEPT_ASSERT((boost::VertexListGraphConcept<BglView>));
BOOST_CONCEPT_ASSERT((boost::IncidenceGraphConcept<BglView>));
BOOST_CONCEPT_ASSERT((boost::BidirectionalGraphConcept<BglView>));
BOOST_CONCEPT_ASSERT((boost::EdgeListGraphConcept<BglView>));
BOOST_CONCEPT_ASSERT((boost::IncidenceGraphConcept<FilteredView>));

struct RandomGraph {
  QueryGraph graph;
  std::vector<EdgeInput> edges;
};

RandomGraph random_graph(unsigned seed, std::size_t n, std::size_t m) {
  std::mt19937 random(seed);
  std::vector<VertexInput> vertices;
  for (std::size_t i = 0; i < n; ++i) {
    vertices.push_back({fmt::format("v{:03d}", i), EntityKind::Company, false,
                        static_cast<graph::EntityRowId>(i + 1)});
  }
  std::vector<EdgeInput> edges;
  for (std::size_t i = 0; i < m; ++i) {
    const auto kind = (random() % 4 == 0) ? RelationKind::Carries : RelationKind::Supplies;
    edges.push_back({static_cast<VertexId>(random() % n), static_cast<VertexId>(random() % n), kind,
                     graph::kOpenStart, graph::kOpenEnd, 1.0f,
                     static_cast<graph::RelationRowId>(i + 1)});
  }
  return {QueryGraph::build(vertices, edges), edges};
}

TEST(BglView, OutAndInEdgesListEveryRelationWithBothEnds) {
  const auto [g, edges] = random_graph(3, 30, 120);
  const BglView view(g);
  std::size_t out_total = 0;
  std::size_t in_total = 0;
  for (VertexId v = 0; v < num_vertices(view); ++v) {
    for (auto [e, end] = out_edges(v, view); e != end; ++e) {
      EXPECT_EQ(source(*e, view), v);
      EXPECT_EQ(target(*e, view), g.edge_target(e->index));
      ++out_total;
    }
    for (auto [e, end] = in_edges(v, view); e != end; ++e) {
      EXPECT_EQ(target(*e, view), v);
      EXPECT_EQ(source(*e, view), g.edge_source(e->index));
      ++in_total;
    }
    EXPECT_EQ(degree(v, view), out_degree(v, view) + in_degree(v, view));
  }
  EXPECT_EQ(out_total, edges.size());
  EXPECT_EQ(in_total, edges.size());
}

TEST(BglView, FilteredViewHidesWhatTraceMayNotWalk) {
  const auto [g, edges] = random_graph(5, 30, 120);
  const BglView view(g);
  const auto admissible = filtered(view, queries::TraceOptions{});
  std::size_t shown = 0;
  for (VertexId v = 0; v < num_vertices(view); ++v) {
    for (auto [e, end] = boost::out_edges(v, admissible); e != end; ++e) {
      EXPECT_EQ(g.edge_kind(e->index), RelationKind::Supplies);
      ++shown;
    }
  }
  std::size_t supplies = 0;
  for (const auto& e : edges) supplies += e.kind == RelationKind::Supplies ? 1 : 0;
  EXPECT_EQ(shown, supplies);
}

TEST(BglView, BrandesBetweennessOnTheViewEqualsItOnAnAdjacencyListCopy) {
  for (unsigned seed = 1; seed <= 5; ++seed) {
    const auto [g, edges] = random_graph(seed, 25, 70);
    const BglView view(g);
    std::vector<double> on_view(g.vertex_count());
    boost::brandes_betweenness_centrality(
        view, boost::centrality_map(boost::make_iterator_property_map(
                                        on_view.begin(), get(boost::vertex_index, view)))
                  .vertex_index_map(get(boost::vertex_index, view)));

    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS> copy(g.vertex_count());
    for (const auto& e : edges) boost::add_edge(e.src, e.dst, copy);
    std::vector<double> on_copy(g.vertex_count());
    boost::brandes_betweenness_centrality(copy,
                                          boost::centrality_map(boost::make_iterator_property_map(
                                              on_copy.begin(), get(boost::vertex_index, copy))));
    for (std::size_t v = 0; v < on_view.size(); ++v)
      EXPECT_NEAR(on_view[v], on_copy[v], 1e-9) << "seed " << seed;
  }
}

}  // namespace
}  // namespace flgraph::analysis
