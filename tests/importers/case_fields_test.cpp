// tests/importers/case_fields_test.cpp: a case's legal mapping read from both native formats.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "graph/legal_mapping.h"
#include "graph/store.h"
#include "importers/import.h"
#include "test_support.h"

namespace flgraph::importers {
namespace {

using graph::Store;
using nlohmann::json;
using testing::TempDir;

json attributes_of(const std::filesystem::path& db, const std::string& id) {
  const auto store = Store::open(db, Store::OpenMode::ReadOnlyExisting);
  const auto entity = store.entity(id);
  EXPECT_TRUE(entity.has_value()) << id;
  return entity ? json::parse(entity->record.attributes_json) : json();
}

TEST(CaseFields, CsvColumnsAreStoredAsCanonicalCodesAndNumbers) {
  TempDir temp;
  testing::write_file(
      temp / "nodes.csv",
      "id,kind,name,country,date_from,date_to,ilo_indicators,rome_statute,victim_count,location\n"
      "ca-1,case,Seafood plant case (illustrative),CN,2018-03-01,2020-06-30,"
      "\"Withholding of wages; 7; excessive-overtime; withholding_of_wages\",\"art. "
      "7(1)(c);k\",120,"
      "\"Dandong, Liaoning\"\n");
  import_into_database(temp / "db", {temp / "nodes.csv"}, {});
  const auto attributes = attributes_of(temp / "db", "ca-1");
  EXPECT_EQ(
      attributes["ilo_indicators"],
      json({"withholding_of_wages", "retention_of_identity_documents", "excessive_overtime"}));
  EXPECT_EQ(attributes["rome_statute"], json({"7(1)(c)", "7(1)(k)"}));
  EXPECT_EQ(attributes["victim_count"], 120);
  EXPECT_EQ(attributes["location"], "Dandong, Liaoning");

  const auto mapping = graph::case_legal_mapping(attributes.dump());
  ASSERT_EQ(mapping.ilo_indicators.size(), 3u);
  EXPECT_EQ(mapping.ilo_indicators.front()->number, 7);  // read back in the ILO's order
  EXPECT_EQ(mapping.victim_count, 120);
}

TEST(CaseFields, JsonBundleAcceptsArraysTopLevelOrInAttributes) {
  TempDir temp;
  testing::write_file(temp / "bundle.json", R"json({
  "entities": [
    {"id": "ca-1", "kind": "case", "name": "Case one (illustrative)", "country": "RU",
     "ilo_indicators": ["debt bondage", "4"], "rome_statute": ["enslavement"], "victim_count": 40,
     "location": "Logging camp"},
    {"id": "ca-2", "kind": "case", "name": "Case two (illustrative)", "country": "RU",
     "attributes": {"ilo_indicators": ["isolation"], "victim_count": 3}}
  ]
})json");
  import_into_database(temp / "db", {temp / "bundle.json"}, {});
  const auto first = attributes_of(temp / "db", "ca-1");
  EXPECT_EQ(first["ilo_indicators"], json({"debt_bondage", "isolation"}));
  EXPECT_EQ(first["rome_statute"], json({"7(1)(c)"}));
  EXPECT_EQ(first["victim_count"], 40);
  const auto second = attributes_of(temp / "db", "ca-2");
  EXPECT_EQ(second["ilo_indicators"], json({"isolation"}));
  EXPECT_EQ(second["victim_count"], 3);
}

TEST(CaseFields, TheSampleCasesCarryTheirMapping) {
  TempDir temp;
  import_into_database(temp / "db", {testing::sample_dataset()}, {});
  const auto mapping =
      graph::case_legal_mapping(attributes_of(temp / "db", "ca-construction-2018").dump());
  EXPECT_EQ(mapping.victim_count, 200);
  ASSERT_EQ(mapping.rome_statute.size(), 2u);
  EXPECT_EQ(mapping.rome_statute[0]->slug, "enslavement");
  EXPECT_FALSE(mapping.ilo_indicators.empty());
}

}  // namespace
}  // namespace flgraph::importers
