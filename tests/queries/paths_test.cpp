// tests/queries/paths_test.cpp: counting and listing simple paths.
#include "queries/paths.h"

#include <gtest/gtest.h>

#include "graph_builder.h"

namespace flgraph::queries {
namespace {

using graph::EntityKind;
using graph::RelationKind;
using testing::GraphBuilder;

TEST(Paths, CountsEverySimplePathEvenWhenTheListIsCut) {
  GraphBuilder b;
  b.node("buyer", EntityKind::Company)
      .node("m1", EntityKind::Company)
      .node("m2", EntityKind::Company);
  b.node("m3", EntityKind::Company)
      .node("case-1", EntityKind::Case)
      .node("case-2", EntityKind::Case);
  b.edge("m1", "buyer", RelationKind::Supplies, 0.5f)
      .edge("m2", "buyer", RelationKind::Supplies, 0.9f)
      .edge("m3", "m1", RelationKind::Supplies)
      .edge("m3", "m2", RelationKind::Supplies)
      .edge("case-1", "m3", RelationKind::Documents)
      .edge("case-2", "m1", RelationKind::Documents);
  const auto g = b.build();
  PathsOptions options;
  options.limit = 1;
  const auto result = find_paths(g, *g.find("buyer"), options);
  EXPECT_EQ(result.count, 3u);  // case-1 via m1, case-1 via m2, case-2 via m1
  ASSERT_EQ(result.paths.size(), 1u);
  EXPECT_NEAR(result.paths[0].strength, 0.9, 1e-6);
  options.target = *g.find("m3");
  EXPECT_EQ(find_paths(g, *g.find("buyer"), options).count, 2u);
  options.walk.max_hops = 1;
  EXPECT_EQ(find_paths(g, *g.find("buyer"), options).count, 0u);
}

TEST(Paths, SameAsStepsAreFreeAndNeverRevisitAVertex) {
  GraphBuilder b;
  b.node("buyer", EntityKind::Company)
      .node("m1", EntityKind::Company)
      .node("m1-dup", EntityKind::Company);
  b.node("case-1", EntityKind::Case);
  b.edge("m1", "buyer", RelationKind::Supplies)
      .edge("m1", "m1-dup", RelationKind::SameAs)
      .edge("m1-dup", "m1", RelationKind::SameAs)
      .edge("case-1", "m1-dup", RelationKind::Documents);
  const auto g = b.build();
  PathsOptions options;
  options.walk.max_hops = 2;
  // buyer <- m1 <-same_as- m1-dup <- case-1, through either same_as edge.
  EXPECT_EQ(find_paths(g, *g.find("buyer"), options).count, 2u);
}

}  // namespace
}  // namespace flgraph::queries
