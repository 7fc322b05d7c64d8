// tests/queries/trace_test.cpp: each trace rule on a graph built by hand.
#include "queries/trace.h"

#include <gtest/gtest.h>

#include "graph_builder.h"

namespace flgraph::queries {
namespace {

using graph::EntityKind;
using graph::RelationKind;
using testing::GraphBuilder;

// A chain of the usual shape: case -> site <- state entity; site -> operator -> shipment -> buyer.
GraphBuilder supply_chain() {
  GraphBuilder b;
  b.node("buyer", EntityKind::Company)
      .node("maker", EntityKind::Company)
      .node("ship-1", EntityKind::Shipment)
      .node("site", EntityKind::Site)
      .node("bureau", EntityKind::StateEntity)
      .node("case-1", EntityKind::Case)
      .edge("bureau", "site", RelationKind::DispatchesWorkers, 0.9f, "2016-01-01", "2019-12-31")
      .edge("site", "maker", RelationKind::OperatedBy, 0.8f, "2015-01-01", "")
      .edge("maker", "ship-1", RelationKind::Ships, 1.0f, "2018-05-01", "2018-05-01")
      .edge("ship-1", "buyer", RelationKind::ConsignedTo, 1.0f, "2018-05-01", "2018-05-01")
      .edge("case-1", "site", RelationKind::Documents, 0.9f, "2017-03-01", "2018-02-28");
  return b;
}

TEST(Trace, FindsACaseAgainstTheArrowsWithHopsStrengthAndWeakestLink) {
  const auto g = supply_chain().build();
  const auto result = trace_to_cases(g, *g.find("buyer"), {});
  ASSERT_EQ(result.cases.size(), 1u);
  const auto& found = result.cases[0];
  EXPECT_EQ(g.id(found.case_vertex), "case-1");
  EXPECT_EQ(found.hops, 4);
  ASSERT_EQ(found.paths.size(), 1u);
  EXPECT_NEAR(found.paths[0].strength, 0.9 * 0.8, 1e-6);
  EXPECT_NEAR(found.paths[0].weakest_link, 0.8, 1e-6);
  ASSERT_EQ(found.paths[0].vertices.size(), 5u);
  EXPECT_EQ(g.id(found.paths[0].vertices.front()), "case-1");
  EXPECT_EQ(g.id(found.paths[0].vertices.back()), "buyer");
}

TEST(Trace, StopsAtTheHopLimit) {
  const auto g = supply_chain().build();
  TraceOptions options;
  options.max_hops = 3;
  EXPECT_TRUE(trace_to_cases(g, *g.find("buyer"), options).cases.empty());
  options.max_hops = 4;
  EXPECT_EQ(trace_to_cases(g, *g.find("buyer"), options).cases.size(), 1u);
}

TEST(Trace, NeverWalksWithTheArrows) {
  const auto g = supply_chain().build();
  // From the site, the case is one step against the documents arrow; the buyer is downstream.
  EXPECT_EQ(trace_to_cases(g, *g.find("site"), {}).cases.size(), 1u);
  const auto from_bureau = trace_to_cases(g, *g.find("bureau"), {});
  EXPECT_TRUE(from_bureau.cases.empty());
}

TEST(Trace, MinConfidenceDropsWeakRelations) {
  const auto g = supply_chain().build();
  TraceOptions options;
  options.min_confidence = 0.85;  // operated_by is 0.8
  EXPECT_TRUE(trace_to_cases(g, *g.find("buyer"), options).cases.empty());
  options.min_confidence = 0.8;
  EXPECT_EQ(trace_to_cases(g, *g.find("buyer"), options).cases.size(), 1u);
}

TEST(Trace, KindsFilterLimitsTheWalk) {
  const auto g = supply_chain().build();
  TraceOptions options;
  options.kinds = static_cast<KindMask>(trace_kinds() & ~kind_bit(RelationKind::OperatedBy));
  EXPECT_TRUE(trace_to_cases(g, *g.find("buyer"), options).cases.empty());
}

TEST(Trace, DateWindowDropsRelationsEntirelyOutsideIt) {
  const auto g = supply_chain().build();
  TraceOptions options;
  options.from_date = graph::parse_date("2019-01-01");  // the shipment (2018-05-01) ends before it
  EXPECT_TRUE(trace_to_cases(g, *g.find("buyer"), options).cases.empty());
  options.from_date =
      graph::parse_date("2018-02-28");  // the case's last day touches the window: enough
  EXPECT_EQ(trace_to_cases(g, *g.find("buyer"), options).cases.size(), 1u);
  options.from_date.reset();
  options.to_date = graph::parse_date("2018-04-30");
  EXPECT_TRUE(trace_to_cases(g, *g.find("buyer"), options).cases.empty());
}

TEST(Trace, TemporalModeKeepsShipmentsInsideTheWidenedCaseWindow) {
  TraceOptions options;
  options.temporal = true;
  // Case 2017-03-01..2018-02-28 widened by 365 days ends 2019-02-28: the 2018-05-01 shipment is in.
  auto inside = supply_chain().build();
  EXPECT_EQ(trace_to_cases(inside, *inside.find("buyer"), options).cases.size(), 1u);
  options.tolerance_days = 30;  // window ends 2018-03-30: the shipment is out
  EXPECT_TRUE(trace_to_cases(inside, *inside.find("buyer"), options).cases.empty());
  options.tolerance_days = 62;  // ends 2018-05-01 exactly: bounds are included
  EXPECT_EQ(trace_to_cases(inside, *inside.find("buyer"), options).cases.size(), 1u);
}

TEST(Trace, TemporalModeRejectsUndatedShipments) {
  GraphBuilder b = supply_chain();
  b.node("ship-2", EntityKind::Shipment)
      .edge("maker", "ship-2", RelationKind::Ships, 1.0f)
      .edge("ship-2", "buyer", RelationKind::ConsignedTo, 1.0f);
  const auto g = b.build();
  TraceOptions options;
  options.temporal = true;
  const auto result = trace_to_cases(g, *g.find("buyer"), options);
  ASSERT_EQ(result.cases.size(), 1u);
  for (const auto& path : result.cases[0].paths) {
    for (auto v : path.vertices) EXPECT_NE(g.id(v), "ship-2");
  }
}

TEST(Trace, TemporalModeRequiresOtherRelationsToOverlapTheWindow) {
  GraphBuilder b;
  b.node("buyer", EntityKind::Company)
      .node("site", EntityKind::Site)
      .node("case-1", EntityKind::Case)
      .edge("site", "buyer", RelationKind::OperatedBy, 1.0f, "2010-01-01", "2012-12-31")
      .edge("case-1", "site", RelationKind::Documents, 1.0f, "2015-01-01", "2016-01-01");
  const auto g = b.build();
  TraceOptions options;
  EXPECT_EQ(trace_to_cases(g, *g.find("buyer"), options).cases.size(), 1u);
  options.temporal = true;
  EXPECT_TRUE(trace_to_cases(g, *g.find("buyer"), options).cases.empty());
  options.tolerance_days =
      2 * 365 + 1;  // 2015-01-01 - 731 days = 2012-12-31: overlaps on the last day
  EXPECT_EQ(trace_to_cases(g, *g.find("buyer"), options).cases.size(), 1u);
}

TEST(Trace, SameAsIsWalkedBothWaysAtNoHopCost) {
  GraphBuilder b;
  b.node("buyer", EntityKind::Company)
      .node("maker", EntityKind::Company)
      .node("maker-dup", EntityKind::Company)
      .node("case-1", EntityKind::Case)
      .edge("maker", "buyer", RelationKind::Supplies, 1.0f)
      .edge("maker", "maker-dup", RelationKind::SameAs, 1.0f)  // points away from the buyer's side
      .edge("case-1", "maker-dup", RelationKind::Documents, 1.0f);
  const auto g = b.build();
  TraceOptions options;
  options.max_hops = 2;
  const auto result = trace_to_cases(g, *g.find("buyer"), options);
  ASSERT_EQ(result.cases.size(), 1u);
  EXPECT_EQ(result.cases[0].hops, 2);
  EXPECT_EQ(result.cases[0].paths[0].edges.size(), 3u);
  options.kinds = static_cast<KindMask>(trace_kinds() & ~kind_bit(RelationKind::SameAs));
  EXPECT_TRUE(trace_to_cases(g, *g.find("buyer"), options).cases.empty());
}

TEST(Trace, ProductStartsFromEveryShipmentCarryingIt) {
  GraphBuilder b = supply_chain();
  b.node("product", EntityKind::Product).node("ship-other", EntityKind::Shipment);
  b.edge("ship-1", "product", RelationKind::Carries)
      .edge("ship-other", "product", RelationKind::Carries);
  const auto g = b.build();
  const auto result = trace_to_cases(g, *g.find("product"), {});
  EXPECT_EQ(result.origins.size(), 2u);
  ASSERT_EQ(result.cases.size(), 1u);
  EXPECT_EQ(result.cases[0].hops, 3);  // case-1 -> site -> maker -> ship-1
  EXPECT_EQ(g.id(result.cases[0].paths[0].vertices.back()), "ship-1");
}

TEST(Trace, OwnershipLoopsNeverLoop) {
  GraphBuilder b;
  b.node("a", EntityKind::Company).node("b", EntityKind::Company).node("c", EntityKind::Company);
  b.node("case-1", EntityKind::Case);
  b.edge("a", "b", RelationKind::OwnedBy)
      .edge("b", "a", RelationKind::OwnedBy)
      .edge("b", "c", RelationKind::OwnedBy);
  b.edge("c", "b", RelationKind::OwnedBy).edge("case-1", "a", RelationKind::Documents);
  const auto g = b.build();
  TraceOptions options;
  options.paths_per_case = 10;
  const auto result = trace_to_cases(g, *g.find("c"), options);
  ASSERT_EQ(result.cases.size(), 1u);
  EXPECT_EQ(result.cases[0].hops, 3);
  ASSERT_EQ(result.cases[0].paths.size(), 1u);  // the only simple path
}

TEST(Trace, RanksSeveralPathsToOneCaseByStrengthThenHops) {
  GraphBuilder b;
  b.node("buyer", EntityKind::Company)
      .node("m1", EntityKind::Company)
      .node("m2", EntityKind::Company);
  b.node("m3", EntityKind::Company).node("site", EntityKind::Site).node("case-1", EntityKind::Case);
  b.edge("case-1", "site", RelationKind::Documents)
      .edge("site", "m1", RelationKind::OperatedBy)
      .edge("m1", "buyer", RelationKind::Supplies, 0.4f)  // short and weak
      .edge("m1", "m2", RelationKind::Supplies, 0.9f)
      .edge("m2", "buyer", RelationKind::Supplies, 0.9f)  // longer and strong: 0.81
      .edge("m1", "m3", RelationKind::Supplies, 0.9f)
      .edge("m3", "buyer", RelationKind::Supplies, 0.9f);  // tie with m2's route
  const auto g = b.build();
  TraceOptions options;
  options.paths_per_case = 5;
  const auto result = trace_to_cases(g, *g.find("buyer"), options);
  ASSERT_EQ(result.cases.size(), 1u);
  EXPECT_EQ(result.cases[0].hops, 3);  // the minimum, although the best path has 4
  const auto& paths = result.cases[0].paths;
  ASSERT_EQ(paths.size(), 3u);
  EXPECT_NEAR(paths[0].strength, 0.81, 1e-6);
  EXPECT_NEAR(paths[1].strength, 0.81, 1e-6);
  EXPECT_NEAR(paths[2].strength, 0.4, 1e-6);
  options.paths_per_case = 1;
  EXPECT_EQ(trace_to_cases(g, *g.find("buyer"), options).cases[0].paths.size(), 1u);
}

TEST(Trace, NoPathMeansNoCase) {
  GraphBuilder b;
  b.node("buyer", EntityKind::Company)
      .node("case-1", EntityKind::Case)
      .node("site", EntityKind::Site);
  b.edge("case-1", "site", RelationKind::Documents);
  const auto g = b.build();
  EXPECT_TRUE(trace_to_cases(g, *g.find("buyer"), {}).cases.empty());
}

TEST(Trace, CarriesAndTransportedByAreNeverWalked) {
  GraphBuilder b;
  b.node("buyer", EntityKind::Shipment)
      .node("product", EntityKind::Product)
      .node("case-1", EntityKind::Case);
  b.node("vessel", EntityKind::Vessel).node("site", EntityKind::Site);
  b.edge("buyer", "product", RelationKind::Carries)
      .edge("buyer", "vessel", RelationKind::TransportedBy);
  b.edge("case-1", "vessel", RelationKind::Documents);
  const auto g = b.build();
  EXPECT_TRUE(trace_to_cases(g, *g.find("product"), {}).cases.empty());
}

}  // namespace
}  // namespace flgraph::queries
