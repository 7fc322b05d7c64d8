// tests/graph/sealed_record_test.cpp: the payloads sealed for protected records round-trip, and a
// payload of the wrong shape is refused as a SealError, never as a stray JSON exception.
#include "graph/sealed_record.h"

#include <gtest/gtest.h>

#include "graph/sealing.h"

namespace flgraph::graph {
namespace {

TEST(SealedRecord, SourcePayloadRoundTripsEveryIdentifyingField) {
  SourceRecord source;
  source.id = "SRC-TESTIMONY-7";
  source.title = "Interview 7, Vladivostok";
  source.publisher = "NKDB";
  source.published_on = parse_date("2019-03-02");
  source.url = "file:///interviews/7.pdf";
  source.sha256 = std::string(64, 'a');
  const SourceRecord back = source_from_payload(source_payload(source), {});
  EXPECT_EQ(back.id, source.id);
  EXPECT_EQ(back.title, source.title);
  EXPECT_EQ(back.publisher, source.publisher);
  EXPECT_EQ(back.published_on, source.published_on);
  EXPECT_EQ(back.url, source.url);
  EXPECT_EQ(back.sha256, source.sha256);
}

// Found by fuzzing: a date given as a number escaped as nlohmann's type_error and ended the
// process.
TEST(SealedRecord, DateOfTheWrongTypeIsRefusedAsSealError) {
  EXPECT_THROW((void)source_from_payload(R"({"id":"S","published_on":20190302})", {}), SealError);
  EXPECT_THROW((void)claim_part_from_payload(R"({"recorded_on":[2019]})"), SealError);
  EXPECT_THROW((void)relation_from_payload(R"({"date_from":true})"), SealError);
  EXPECT_THROW((void)SealedEntity::from_json(R"({"id":"W","date_to":{"y":1}})"), SealError);
  EXPECT_THROW((void)SealedEntity::from_json(R"({"id":"W","designations":[{"listed_on":7}]})"),
               SealError);
}

TEST(SealedRecord, OtherMisshapenFieldsAreRefusedOrIgnoredNeverThrownRaw) {
  EXPECT_THROW((void)SealedEntity::from_json(R"({"aliases":"not a list"})"), SealError);
  EXPECT_THROW((void)SealedEntity::from_json("[1,2]"), SealError);
  EXPECT_THROW((void)relation_from_payload("not json"), SealError);
  const RelationRecord relation =
      relation_from_payload(R"({"id":3,"confidence":"high","attributes":[1]})");
  EXPECT_EQ(relation.id, "");
  EXPECT_FALSE(relation.confidence);
  EXPECT_EQ(relation.attributes_json, "{}");
  const SealedEntity entity =
      SealedEntity::from_json(R"({"id":"W-1","designations":"x","date_from":null})");
  EXPECT_EQ(entity.record.id, "W-1");
  EXPECT_FALSE(entity.record.valid.from);
}

}  // namespace
}  // namespace flgraph::graph
