// tests/importers/curated_dataset_test.cpp: datasets/dprk-public: every fact on a public source.
#include <gtest/gtest.h>

#include <set>

#include "graph/legal_mapping.h"
#include "graph/store.h"
#include "importers/import.h"
#include "test_support.h"

namespace flgraph::importers {
namespace {

using graph::Store;

std::filesystem::path curated() { return std::filesystem::path(FLGRAPH_DATASETS) / "dprk-public"; }

class CuratedDataset : public ::testing::Test {
 protected:
  void SetUp() override { import_into_database(temp_ / "db", {curated()}, {}); }
  Store store() const { return Store::open(temp_ / "db", Store::OpenMode::ReadOnlyExisting); }
  testing::TempDir temp_;
};

TEST_F(CuratedDataset, EveryEntityAndRelationRestsOnAtLeastOneClaim) {
  const auto db = store();
  std::size_t entities = 0, relations = 0;
  db.for_each_entity([&](const graph::StoredEntity& entity) {
    ++entities;
    EXPECT_FALSE(db.claims_of_entity(entity.row).empty()) << entity.record.id;
  });
  db.for_each_relation([&](const graph::StoredRelation& relation) {
    ++relations;
    EXPECT_FALSE(db.claims_of_relation(relation.row).empty()) << relation.record.id;
  });
  EXPECT_GT(entities, 30u);
  EXPECT_GT(relations, 20u);
}

TEST_F(CuratedDataset, EverySourceIsPublicAndNamesTitlePublisherAndAddress) {
  const auto db = store();
  const auto sources = db.sources();
  ASSERT_FALSE(sources.empty());
  std::set<std::string> cited;
  for (const auto& stored : db.claims()) cited.insert(stored.claim.source);
  for (const auto& source : sources) {
    EXPECT_EQ(source.access, graph::Access::Public) << source.id;
    EXPECT_FALSE(source.title.empty()) << source.id;
    EXPECT_FALSE(source.publisher.empty()) << source.id;
    EXPECT_EQ(source.url.rfind("http", 0), 0u) << source.id << ": " << source.url;
    EXPECT_NE(source.reliability, graph::Reliability::F)
        << source.id << ": reliability must be judged";
    EXPECT_TRUE(cited.contains(source.id)) << source.id << " is cited by no claim";
  }
}

TEST_F(CuratedDataset, CasesRecordIloIndicatorsOrSayWhyNotAndNothingIsInvented) {
  const auto db = store();
  std::size_t cases = 0, with_indicators = 0;
  db.for_each_entity([&](const graph::StoredEntity& entity) {
    // The curated set is real facts only: nothing marked illustrative or fictional.
    EXPECT_EQ(entity.record.name.find("illustrative"), std::string::npos) << entity.record.id;
    EXPECT_EQ(entity.record.id.rfind("fict-", 0), std::string::npos) << entity.record.id;
    if (entity.record.kind != graph::EntityKind::Case) return;
    ++cases;
    // An enforcement finding may describe no working conditions: then its note must say so.
    const auto mapping = graph::case_legal_mapping(entity.record.attributes_json);
    if (!mapping.ilo_indicators.empty()) {
      ++with_indicators;
    } else {
      EXPECT_NE(entity.record.attributes_json.find("\"note\""), std::string::npos)
          << entity.record.id << " records no ILO indicator and no note saying why";
    }
  });
  EXPECT_GE(cases, 5u);
  EXPECT_GE(with_indicators, 3u) << "the reported cases describe their conditions";
}

}  // namespace
}  // namespace flgraph::importers
