// tests/graph/model_test.cpp: invariants of kinds, dates and the confidence table.
#include "graph/model.h"

#include <gtest/gtest.h>

#include "graph/errors.h"
#include "graph/records.h"

namespace flgraph::graph {
namespace {

TEST(Model, EveryKindNameRoundTrips) {
  for (std::size_t i = 0; i < kEntityKindCount; ++i) {
    const auto kind = static_cast<EntityKind>(i);
    EXPECT_EQ(parse_entity_kind(to_string(kind)), kind);
  }
  for (std::size_t i = 0; i < kRelationKindCount; ++i) {
    const auto kind = static_cast<RelationKind>(i);
    EXPECT_EQ(parse_relation_kind(to_string(kind)), kind);
  }
  EXPECT_FALSE(parse_entity_kind("factory"));
  EXPECT_FALSE(parse_relation_kind("Ships"));
}

TEST(Model, StoredCodesOutsideTheirEnumAreDamageNotKinds) {
  for (std::size_t i = 0; i < kEntityKindCount; ++i) {
    EXPECT_EQ(enum_from_code<EntityKind>(static_cast<std::int64_t>(i)), static_cast<EntityKind>(i));
  }
  EXPECT_FALSE(enum_from_code<EntityKind>(kEntityKindCount));
  EXPECT_FALSE(enum_from_code<EntityKind>(-1));
  EXPECT_FALSE(enum_from_code<EntityKind>(256 + 1));  // would wrap to a valid uint8_t kind
  EXPECT_EQ(enum_from_code<RelationKind>(9), RelationKind::SameAs);
  EXPECT_FALSE(enum_from_code<RelationKind>(kRelationKindCount));
  EXPECT_EQ(enum_from_code<SourceKind>(5), SourceKind::CourtRecord);
  EXPECT_FALSE(enum_from_code<SourceKind>(6));
  EXPECT_EQ(enum_from_code<Access>(2), Access::Protected);
  EXPECT_FALSE(enum_from_code<Access>(3));
  try {
    enum_from_stored_code<RelationKind>(42);
    ADD_FAILURE() << "no error for relation kind code 42";
  } catch (const Error& e) {
    EXPECT_STREQ(
        e.what(),
        "the database is damaged: relation kind code 42 is not one flgraph knows (0 to 9); was "
        "the file edited outside flgraph?");
  }
  EXPECT_EQ(enum_from_stored_code<Access>(1), Access::Restricted);
}

TEST(Model, DatesRejectImpossibleDays) {
  EXPECT_TRUE(parse_date("2024-02-29"));
  EXPECT_FALSE(parse_date("2023-02-29"));
  EXPECT_FALSE(parse_date("2023-02-30"));
  EXPECT_FALSE(parse_date("2023-13-01"));
  EXPECT_FALSE(parse_date("2023-04-31"));
  EXPECT_FALSE(parse_date("2023-4-1"));
  EXPECT_FALSE(parse_date("23-04-01"));
  EXPECT_FALSE(parse_date("2023-04-01T00:00"));
  EXPECT_FALSE(parse_date(""));
  EXPECT_TRUE(parse_date("1900-02-28"));
  EXPECT_FALSE(parse_date("1900-02-29"));  // not a leap year
  EXPECT_TRUE(parse_date("2000-02-29"));   // a leap year
}

TEST(Model, DatesCountCalendarDaysAndFormatBack) {
  EXPECT_EQ(parse_date("1970-01-01")->days, 0);
  EXPECT_EQ(parse_date("2024-03-01")->days - parse_date("2024-02-28")->days, 2);
  EXPECT_EQ(parse_date("2023-03-01")->days - parse_date("2023-02-28")->days, 1);
  for (const char* text : {"0001-01-01", "0999-10-05", "1955-07-14", "2000-02-29", "2019-12-31",
                           "2024-01-01", "9999-12-31"}) {
    EXPECT_EQ(format_date(*parse_date(text)), text);
  }
  EXPECT_EQ(format_date(Date{parse_date("9999-12-31")->days + 1}), "10000-01-01");
}

TEST(Model, OpenEndedRangesOverlapEverythingOnTheirOpenSide) {
  const DateRange open_start{std::nullopt, parse_date("2019-01-01")};
  const DateRange open_end{parse_date("2018-06-01"), std::nullopt};
  const DateRange later{parse_date("2020-01-01"), parse_date("2020-12-31")};
  EXPECT_TRUE(open_start.overlaps(open_end));
  EXPECT_FALSE(open_start.overlaps(later));
  EXPECT_TRUE(open_end.overlaps(later));
  EXPECT_TRUE(DateRange{}.overlaps(later));
}

TEST(Model, RelationEndpointsFollowTheDesignTable) {
  EXPECT_TRUE(
      relation_allowed(RelationKind::DispatchesWorkers, EntityKind::StateEntity, EntityKind::Site));
  EXPECT_FALSE(
      relation_allowed(RelationKind::DispatchesWorkers, EntityKind::Company, EntityKind::Site));
  EXPECT_TRUE(relation_allowed(RelationKind::Ships, EntityKind::Company, EntityKind::Shipment));
  EXPECT_FALSE(relation_allowed(RelationKind::Ships, EntityKind::Site, EntityKind::Shipment));
  EXPECT_TRUE(relation_allowed(RelationKind::Documents, EntityKind::Case, EntityKind::Site));
  EXPECT_FALSE(relation_allowed(RelationKind::Documents, EntityKind::Site, EntityKind::Case));
  EXPECT_TRUE(relation_allowed(RelationKind::OwnedBy, EntityKind::Company, EntityKind::Person));
  EXPECT_TRUE(relation_allowed(RelationKind::SameAs, EntityKind::Person, EntityKind::Person));
  EXPECT_EQ(describe_endpoints(RelationKind::Carries), "shipment -> product");
}

TEST(Model, ConfidenceTableIsInUnitIntervalAndFallsWithWorseGrades) {
  for (int r = 0; r < 6; ++r) {
    for (int c = kMinCredibility; c <= kMaxCredibility; ++c) {
      const double value = confidence_from_evidence(static_cast<Reliability>(r), c);
      EXPECT_GT(value, 0.0);
      EXPECT_LE(value, 1.0);
    }
  }
  // Among judged grades (A-E, 1-5) a worse grade never raises the confidence.
  for (int r = 0; r < 4; ++r) {
    for (int c = 1; c < 5; ++c) {
      EXPECT_GE(confidence_from_evidence(static_cast<Reliability>(r), c),
                confidence_from_evidence(static_cast<Reliability>(r), c + 1));
      EXPECT_GE(confidence_from_evidence(static_cast<Reliability>(r), c),
                confidence_from_evidence(static_cast<Reliability>(r + 1), c));
    }
  }
  EXPECT_DOUBLE_EQ(confidence_from_evidence(Reliability::A, 1), 1.0);
  EXPECT_DOUBLE_EQ(confidence_from_evidence(Reliability::F, 6), kUnjudgedConfidence);
}

TEST(Model, DerivedRelationIdsAreStableAndIncludeTheStartDate) {
  RelationRecord relation;
  relation.src = "co-a";
  relation.dst = "sh-1";
  relation.kind = RelationKind::Ships;
  EXPECT_EQ(derive_relation_id(relation), "co-a-ships->sh-1");
  relation.valid.from = parse_date("2020-05-01");
  EXPECT_EQ(derive_relation_id(relation), "co-a-ships->sh-1@2020-05-01");
}

TEST(Model, ARelationHasItsDerivedIdOnlyWhenItsIdIsExactlyThatText) {
  RelationRecord relation;
  relation.src = "co-a";
  relation.dst = "sh-1";
  relation.kind = RelationKind::Ships;
  relation.valid.from = parse_date("2020-05-01");
  relation.id = derive_relation_id(relation);
  EXPECT_TRUE(has_derived_id(relation));
  for (const char* other :
       {"co-a-ships->sh-1", "co-a-ships->sh-1@2020-05-0", "co-a-ships->sh-1@2020-05-01x",
        "co-a-supplies->sh-1@2020-05-01", "bol-42", ""}) {
    relation.id = other;
    EXPECT_FALSE(has_derived_id(relation)) << other;
  }
  relation.valid.from.reset();
  relation.id = "co-a-ships->sh-1";
  EXPECT_TRUE(has_derived_id(relation));
}

}  // namespace
}  // namespace flgraph::graph
