// tests/importers/new_derived_relations_test.cpp: which relations of an append are taken as new
// by the ids derived from their ends (the writer then skips the look-ups of their ends and of
// their ids' other readings). A relation taken as new must be one no look-up could find.
#include "importers/new_derived_relations.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace flgraph::importers {
namespace {

using graph::EntityKind;
using graph::RelationKind;

// The store as its snapshot shows it: a company (row 3) ships to a shipment (row 5) from
// 2024-03-01, and row 7 is a shipment whose id holds an '@'.
graph::QueryGraph held_before(std::vector<graph::EntityRowId> rows = {3, 5, 7}) {
  std::vector<graph::VertexInput> vertices = {
      {"co-a", EntityKind::Company, false, rows[0]},
      {"sh-1", EntityKind::Shipment, false, rows[1]},
      {"sh-2@2024-03-01", EntityKind::Shipment, false, rows[2]},
  };
  std::vector<graph::EdgeInput> edges = {
      {0, 1, RelationKind::Ships, graph::parse_date("2024-03-01")->days, graph::kOpenEnd, 1.0f, 1},
  };
  return graph::QueryGraph::build(std::move(vertices), std::move(edges));
}

graph::RelationRecord ships(std::string src, std::string dst, const char* from = nullptr) {
  graph::RelationRecord relation;
  relation.src = std::move(src);
  relation.dst = std::move(dst);
  relation.kind = RelationKind::Ships;
  if (from) relation.valid.from = graph::parse_date(from);
  relation.id = graph::derive_relation_id(relation);
  return relation;
}

struct Known {
  std::set<std::string, std::less<>> ids = {"co-a", "sh-1", "sh-2@2024-03-01", "sh-2", "sh-3"};
  bool operator()(std::string_view id) const { return ids.contains(id); }
};

TEST(NewDerivedRelations, ARelationWithEndsNoneHeldIsNewTheFirstTimeOnly) {
  const auto graph = held_before();
  NewDerivedRelations check(graph);
  const auto relation = ships("co-a", "sh-3", "2025-01-01");
  EXPECT_TRUE(check.is_new(relation, 3, 9, Known{}));
  EXPECT_FALSE(check.is_new(relation, 3, 9, Known{})) << "a repeat in the same import";
  EXPECT_TRUE(check.is_new(ships("co-a", "sh-3", "2025-02-01"), 3, 9, Known{}))
      << "another start date is another relation";
}

TEST(NewDerivedRelations, ARelationWhoseEndsKindAndDateAreHeldIsNotNew) {
  const auto graph = held_before();
  NewDerivedRelations check(graph);
  EXPECT_FALSE(check.is_new(ships("co-a", "sh-1", "2024-03-01"), 3, 5, Known{}));
  EXPECT_TRUE(check.is_new(ships("co-a", "sh-1", "2024-04-01"), 3, 5, Known{}));
  EXPECT_TRUE(check.is_new(ships("co-a", "sh-1"), 3, 5, Known{}));
  auto carries = ships("co-a", "sh-1", "2024-03-01");
  carries.kind = RelationKind::Carries;
  carries.id = graph::derive_relation_id(carries);
  EXPECT_TRUE(check.is_new(carries, 3, 5, Known{}));
}

TEST(NewDerivedRelations, ARelationWithAnIdTheDataGaveIsNeverTakenAsNew) {
  const auto graph = held_before();
  NewDerivedRelations check(graph);
  auto relation = ships("co-a", "sh-3", "2025-01-01");
  relation.id = "e-shipment-2025-0001";
  EXPECT_FALSE(check.is_new(relation, 3, 9, Known{}));
}

TEST(NewDerivedRelations, AnIdThatAlsoReadsAsDerivedFromKnownEntitiesIsNotNew) {
  const auto graph = held_before();
  NewDerivedRelations check(graph);
  // "co-a-ships->sh-2@2024-03-01" also reads as an undated relation to "sh-2@2024-03-01".
  EXPECT_FALSE(check.is_new(ships("co-a", "sh-2", "2024-03-01"), 3, 9, Known{}));
  // Without such an entity, only its own reading is left.
  NewDerivedRelations again(graph);
  EXPECT_TRUE(again.is_new(ships("co-a", "sh-2", "2024-03-01"), 3, 9, Known{{"co-a", "sh-2"}}));
}

TEST(NewDerivedRelations, AGraphNumberedInIdOrderFindsItsRelationsByRow) {
  // A snapshot read back from the store numbers its vertices in id order, not row order.
  const auto graph = held_before({8, 2, 5});
  NewDerivedRelations check(graph);
  EXPECT_FALSE(check.is_new(ships("co-a", "sh-1", "2024-03-01"), 8, 2, Known{}));
  EXPECT_TRUE(check.is_new(ships("co-a", "sh-3", "2024-03-01"), 8, 9, Known{}));
}

TEST(NewDerivedRelations, AGraphWithRowsTooSparseToIndexTakesNothingAsNew) {
  const auto graph = held_before({3, 5, 1'000'000});
  NewDerivedRelations check(graph);
  EXPECT_FALSE(check.is_new(ships("co-a", "sh-3", "2025-01-01"), 3, 9, Known{}));
}

TEST(NewDerivedRelations, EndsHeldAreFoundFromTheEndWithFewerEdges) {
  // Row 1 ships to rows 2..6; rows 7 and 8 ship to row 6 too. So row 1 has more edges out than
  // row 6 has in (searched from row 6), and row 7 fewer out than row 6 in (searched from row 7).
  std::vector<graph::VertexInput> vertices;
  for (graph::EntityRowId row = 1; row <= 8; ++row)
    vertices.push_back({"v" + std::to_string(row), EntityKind::Company, false, row});
  std::vector<graph::EdgeInput> edges;
  const auto day = graph::parse_date("2024-03-01")->days;
  for (graph::VertexId to = 1; to <= 5; ++to)
    edges.push_back({0, to, RelationKind::Ships, day, graph::kOpenEnd, 1.0f, to});
  edges.push_back({6, 5, RelationKind::Ships, day, graph::kOpenEnd, 1.0f, 6});
  edges.push_back({7, 5, RelationKind::Ships, day, graph::kOpenEnd, 1.0f, 7});
  const auto graph = graph::QueryGraph::build(std::move(vertices), std::move(edges));
  NewDerivedRelations check(graph);
  const Known none{{}};
  EXPECT_FALSE(check.is_new(ships("v1", "v6", "2024-03-01"), 1, 6, none));
  EXPECT_FALSE(check.is_new(ships("v7", "v6", "2024-03-01"), 7, 6, none));
  EXPECT_TRUE(check.is_new(ships("v7", "v6", "2024-03-02"), 7, 6, none));
  EXPECT_TRUE(check.is_new(ships("v7", "v5", "2024-03-01"), 7, 5, none));
  EXPECT_TRUE(check.is_new(ships("v8", "v2", "2024-03-01"), 8, 2, none));
}

}  // namespace
}  // namespace flgraph::importers
