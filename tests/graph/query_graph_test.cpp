// tests/graph/query_graph_test.cpp: the CSR graph and its parallel edge arrays agree with the input.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <random>
#include <set>
#include <tuple>

#include "graph/query_graph.h"

namespace flgraph::graph {
namespace {

std::vector<VertexInput> vertices(std::size_t count) {
  std::vector<VertexInput> out;
  for (std::size_t i = 0; i < count; ++i) out.push_back({fmt::format("v{:04d}", i), EntityKind::Company, false, static_cast<EntityRowId>(i + 1)});
  return out;
}

TEST(QueryGraph, EdgeArraysLineUpWithTheCsrInBothDirections) {
  std::mt19937 random(7);
  const std::size_t n = 50;
  std::vector<EdgeInput> edges;
  for (std::size_t i = 0; i < 400; ++i) {
    const auto src = static_cast<VertexId>(random() % n);
    const auto dst = static_cast<VertexId>(random() % n);
    edges.push_back({src, dst, static_cast<RelationKind>(random() % kRelationKindCount), static_cast<std::int32_t>(i),
                     static_cast<std::int32_t>(i + 10), 0.5f, static_cast<RelationRowId>(1000 + i)});
  }
  const auto g = QueryGraph::build(vertices(n), edges);
  ASSERT_EQ(g.edge_count(), edges.size());
  std::multiset<std::tuple<VertexId, VertexId, RelationRowId, std::int32_t>> expected;
  for (const auto& e : edges) expected.insert({e.src, e.dst, e.relation_row, e.date_from});
  std::multiset<std::tuple<VertexId, VertexId, RelationRowId, std::int32_t>> forward;
  std::multiset<std::tuple<VertexId, VertexId, RelationRowId, std::int32_t>> backward;
  for (VertexId v = 0; v < n; ++v) {
    g.for_each_out_edge(v, [&](VertexId target, EdgeIdx e) {
      EXPECT_EQ(g.edge_source(e), v);
      EXPECT_EQ(g.edge_target(e), target);
      forward.insert({v, target, g.relation_row(e), g.edge_from(e)});
    });
    g.for_each_in_edge(v, [&](VertexId source, EdgeIdx e) {
      EXPECT_EQ(g.edge_target(e), v);
      backward.insert({source, v, g.relation_row(e), g.edge_from(e)});
    });
  }
  EXPECT_EQ(forward, expected);
  EXPECT_EQ(backward, expected);
}

TEST(QueryGraph, FindsVerticesByIdInByteOrder) {
  const auto g = QueryGraph::build(vertices(20), {});
  EXPECT_EQ(g.find("v0000"), 0u);
  EXPECT_EQ(g.find("v0013"), 13u);
  EXPECT_FALSE(g.find("v0020"));
  EXPECT_FALSE(g.find(""));
  EXPECT_EQ(g.id(7), "v0007");
}

}  // namespace
}  // namespace flgraph::graph
