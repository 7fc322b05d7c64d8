// tests/queries/exposure_test.cpp: exposure scores, recomputed by hand from their contributions.
#include "queries/exposure.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>

#include "graph_builder.h"
#include "queries/paths.h"

namespace flgraph::queries {
namespace {

using graph::EntityKind;
using graph::RelationKind;
using testing::GraphBuilder;

// case-1 documents a site whose operator ships to the buyer (4 hops, strength 0.72); the buyer's
// parent owns it; case-2 (2012) documents a supplier of the maker (4 hops via supplies).
GraphBuilder chain() {
  GraphBuilder b;
  b.node("buyer", EntityKind::Company)
      .node("parent", EntityKind::Company)
      .node("maker", EntityKind::Company)
      .node("upstream", EntityKind::Company)
      .node("ship-1", EntityKind::Shipment)
      .node("fish", EntityKind::Product)
      .node("site", EntityKind::Site)
      .node("bureau", EntityKind::StateEntity)
      .node("case-1", EntityKind::Case)
      .node("case-2", EntityKind::Case)
      .edge("bureau", "site", RelationKind::DispatchesWorkers, 0.9f, "2016-01-01", "2019-12-31")
      .edge("site", "maker", RelationKind::OperatedBy, 0.8f, "2015-01-01", "")
      .edge("maker", "ship-1", RelationKind::Ships, 1.0f, "2018-05-01", "2018-05-01")
      .edge("ship-1", "buyer", RelationKind::ConsignedTo, 1.0f, "2018-05-01", "2018-05-01")
      .edge("ship-1", "fish", RelationKind::Carries, 1.0f, "2018-05-01", "2018-05-01")
      .edge("buyer", "parent", RelationKind::OwnedBy, 0.9f, "2010-01-01", "")
      .edge("case-1", "site", RelationKind::Documents, 0.9f, "2017-03-01", "2018-02-28")
      .edge("upstream", "maker", RelationKind::Supplies, 0.5f, "2012-01-01", "2013-12-31")
      .edge("case-2", "upstream", RelationKind::Documents, 0.8f, "2012-06-01", "2012-12-31");
  return b;
}

double recomputed_score(const ExposureResult& result) {
  double none = 1.0;
  for (const auto& row : result.contributions) {
    if (row.counted_in_score) none *= 1.0 - row.contribution;
  }
  return 1.0 - none;
}

const CaseContribution* row_for(const graph::QueryGraph& g, const ExposureResult& result,
                                const std::string& case_id, ExposureChannel channel) {
  for (const auto& row : result.contributions) {
    if (g.id(row.case_vertex) == case_id && row.channel == channel) return &row;
  }
  return nullptr;
}

TEST(Exposure, ContributionIsStrengthTimesDecayPerHopTimesTemporalFactor) {
  const auto g = chain().build();
  const auto result = score_exposure(g, *g.find("buyer"), {});
  const auto* row = row_for(g, result, "case-1", ExposureChannel::Supply);
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->hops, 4);
  EXPECT_NEAR(row->strength, 0.9 * 0.8, 1e-6);
  EXPECT_NEAR(row->decay_factor, std::pow(kDefaultDecayPerHop, 3), 1e-12);
  EXPECT_TRUE(
      row->temporally_consistent);  // shipped 2018-05-01, case period to 2018-02-28 + 365 days
  EXPECT_DOUBLE_EQ(row->temporal_factor, 1.0);
  EXPECT_NEAR(row->contribution, 0.72 * 0.512, 1e-6);
  EXPECT_EQ(row->tier, 1);  // the maker ships to the buyer: a direct supplier
}

TEST(Exposure, ScoreCombinesCasesAsIndependentEvidenceAndCanBeRecomputed) {
  const auto g = chain().build();
  const auto result = score_exposure(g, *g.find("buyer"), {});
  ASSERT_EQ(result.contributions.size(), 2u);
  const auto* first = row_for(g, result, "case-1", ExposureChannel::Supply);
  const auto* second = row_for(g, result, "case-2", ExposureChannel::Supply);
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  EXPECT_NEAR(result.score, 1.0 - (1.0 - first->contribution) * (1.0 - second->contribution),
              1e-12);
  EXPECT_DOUBLE_EQ(result.score, recomputed_score(result));
  EXPECT_DOUBLE_EQ(result.supply_score, result.score);
  EXPECT_EQ(result.ownership_score, 0.0);
  // Largest contribution first.
  EXPECT_GE(result.contributions[0].contribution, result.contributions[1].contribution);
  EXPECT_EQ(result.closest_tier, 1);
}

TEST(Exposure, ARouteOutsideTheCasePeriodCountsHalf) {
  const auto g = chain().build();
  const auto result = score_exposure(g, *g.find("buyer"), {});
  const auto* row = row_for(g, result, "case-2", ExposureChannel::Supply);
  ASSERT_NE(row, nullptr);
  // The 2018 shipment is far outside case-2's window (2012 + 365 days).
  EXPECT_FALSE(row->temporally_consistent);
  EXPECT_DOUBLE_EQ(row->temporal_factor, kInconsistentFactor);
  EXPECT_NEAR(row->contribution, row->strength * row->decay_factor * 0.5, 1e-12);
  EXPECT_EQ(row->tier, 2);  // upstream supplies the maker, which ships to the buyer
  ExposureOptions wide;
  wide.tolerance_days = 3650;
  const auto widened = score_exposure(g, *g.find("buyer"), wide);
  EXPECT_TRUE(row_for(g, widened, "case-2", ExposureChannel::Supply)->temporally_consistent);
  EXPECT_GT(widened.score, result.score);
}

TEST(Exposure, AParentIsExposedThroughItsSubsidiaryOnTheOwnershipChannelOnly) {
  const auto g = chain().build();
  const auto result = score_exposure(g, *g.find("parent"), {});
  EXPECT_EQ(result.supply_score, 0.0);
  EXPECT_GT(result.ownership_score, 0.0);
  EXPECT_DOUBLE_EQ(result.score, result.ownership_score);
  const auto* row = row_for(g, result, "case-1", ExposureChannel::Ownership);
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->hops, 5);
  EXPECT_TRUE(row->counted_in_score);
  EXPECT_EQ(row_for(g, result, "case-1", ExposureChannel::Supply), nullptr);
}

TEST(Exposure, OwnershipIsListedOnlyWhereItAddsToSupply) {
  auto b = chain();
  // The parent also buys directly from the maker: supply now reaches case-1 more strongly.
  b.node("ship-2", EntityKind::Shipment)
      .edge("maker", "ship-2", RelationKind::Ships, 1.0f, "2018-06-01", "2018-06-01")
      .edge("ship-2", "parent", RelationKind::ConsignedTo, 1.0f, "2018-06-01", "2018-06-01");
  const auto g = b.build();
  const auto result = score_exposure(g, *g.find("parent"), {});
  EXPECT_NE(row_for(g, result, "case-1", ExposureChannel::Supply), nullptr);
  EXPECT_EQ(row_for(g, result, "case-1", ExposureChannel::Ownership), nullptr);
  EXPECT_DOUBLE_EQ(result.score, recomputed_score(result));
}

TEST(Exposure, TierIsZeroWhenTheCaseDocumentsTheEntityItself) {
  const auto g = chain().build();
  const auto result = score_exposure(g, *g.find("upstream"), {});
  ASSERT_EQ(result.contributions.size(), 1u);
  EXPECT_EQ(result.contributions[0].tier, 0);
  EXPECT_EQ(result.contributions[0].hops, 1);
  EXPECT_DOUBLE_EQ(result.contributions[0].decay_factor, 1.0);
  EXPECT_NEAR(result.score, 0.8, 1e-6);
  EXPECT_EQ(result.band, ExposureBand::High);
}

TEST(Exposure, AProductIsScoredFromTheShipmentsThatCarryIt) {
  const auto g = chain().build();
  const auto result = score_exposure(g, *g.find("fish"), {});
  const auto* row = row_for(g, result, "case-1", ExposureChannel::Supply);
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->hops, 3);  // case -> site -> maker -> shipment
  EXPECT_EQ(row->tier, 1);
}

TEST(Exposure, NothingReachableMeansZeroNoBandAndNoTier) {
  const auto g = chain().build();
  const auto result = score_exposure(g, *g.find("bureau"), {});
  EXPECT_TRUE(result.contributions.empty());
  EXPECT_EQ(result.score, 0.0);
  EXPECT_EQ(result.band, ExposureBand::None);
  EXPECT_FALSE(result.closest_tier.has_value());
}

TEST(Exposure, BandsFollowTheDocumentedCutOffs) {
  EXPECT_EQ(band_of(0.0), ExposureBand::None);
  EXPECT_EQ(band_of(1e-9), ExposureBand::Low);
  EXPECT_EQ(band_of(kMediumBandFrom - 1e-9), ExposureBand::Low);
  EXPECT_EQ(band_of(kMediumBandFrom), ExposureBand::Medium);
  EXPECT_EQ(band_of(kHighBandFrom - 1e-9), ExposureBand::Medium);
  EXPECT_EQ(band_of(kHighBandFrom), ExposureBand::High);
  EXPECT_EQ(band_of(1.0), ExposureBand::High);
}

TEST(Exposure, HopLimitAndMinimumConfidenceApply) {
  const auto g = chain().build();
  ExposureOptions options;
  options.max_hops = 3;  // both cases are 4 hops from the buyer
  EXPECT_TRUE(score_exposure(g, *g.find("buyer"), options).contributions.empty());
  options.max_hops = 6;
  options.min_confidence = 0.6;  // drops the 0.5 supplies tie to case-2
  const auto result = score_exposure(g, *g.find("buyer"), options);
  ASSERT_EQ(result.contributions.size(), 1u);
  EXPECT_EQ(g.id(result.contributions[0].case_vertex), "case-1");
}

// Random graphs: the invariants a reader relies on hold whatever the shape.
TEST(Exposure, OnRandomGraphsScoresAreRecomputableBoundedAndDeterministic) {
  std::mt19937 random(20261124);
  for (int round = 0; round < 200; ++round) {
    GraphBuilder b;
    const int companies = 8;
    for (int i = 0; i < companies; ++i) b.node("co-" + std::to_string(i), EntityKind::Company);
    for (int i = 0; i < 3; ++i) b.node("case-" + std::to_string(i), EntityKind::Case);
    auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
    auto confidence = [&] { return 0.1f + 0.9f * static_cast<float>(random() % 1000) / 1000.0f; };
    auto year = [&] { return std::to_string(2010 + pick(12)); };
    for (int i = 0; i < 3; ++i) {
      const auto y = year();
      b.edge("case-" + std::to_string(i), "co-" + std::to_string(pick(companies)),
             RelationKind::Documents, confidence(), y + "-01-01", y + "-12-31");
    }
    for (int e = 0; e < 14; ++e) {
      const int a = pick(companies), c = pick(companies);
      if (a == c) continue;
      const auto kind = pick(3) == 0 ? RelationKind::OwnedBy : RelationKind::Supplies;
      const auto y = year();
      b.edge("co-" + std::to_string(a), "co-" + std::to_string(c), kind, confidence(), y + "-01-01",
             y + "-12-31");
    }
    const auto g = b.build();
    const auto case_distances = hops_to_any_case(g, kDefaultMaxHops);
    for (int i = 0; i < companies; ++i) {
      const auto v = *g.find("co-" + std::to_string(i));
      const auto result = score_exposure(g, v, {});
      ASSERT_GE(result.score, 0.0);
      ASSERT_LE(result.score, 1.0);
      ASSERT_NEAR(result.score, recomputed_score(result), 1e-12);
      std::set<graph::VertexId> counted;
      for (const auto& row : result.contributions) {
        ASSERT_NEAR(row.contribution, row.strength * row.decay_factor * row.temporal_factor, 1e-12);
        ASSERT_GT(row.contribution, 0.0);
        if (row.counted_in_score) {
          ASSERT_TRUE(counted.insert(row.case_vertex).second) << "a case counted twice";
        }
      }
      ASSERT_EQ(result.band, band_of(result.score));
      const auto again = score_exposure(g, v, {});
      ASSERT_EQ(again.score, result.score);
      ASSERT_EQ(again.contributions.size(), result.contributions.size());
      // The shared distance-to-case bound prunes work, never results.
      ExposureOptions bounded;
      bounded.case_distances = &case_distances;
      const auto pruned = score_exposure(g, v, bounded);
      ASSERT_EQ(pruned.score, result.score);
      ASSERT_EQ(pruned.contributions.size(), result.contributions.size());
      for (std::size_t k = 0; k < pruned.contributions.size(); ++k) {
        ASSERT_EQ(pruned.contributions[k].path.edges, result.contributions[k].path.edges);
      }
    }
  }
}

}  // namespace
}  // namespace flgraph::queries
