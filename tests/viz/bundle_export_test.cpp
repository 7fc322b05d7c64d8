// tests/viz/bundle_export_test.cpp: CSV -> store -> JSON bundle keeps the facts and hides
// witnesses.
#include "viz/bundle_export.h"

#include <gtest/gtest.h>

#include "importers/import.h"
#include "test_support.h"

namespace flgraph::viz {
namespace {

using nlohmann::json;
using testing::TempDir;

const json* find_by_id(const json& list, const std::string& id) {
  for (const auto& item : list) {
    if (item["id"] == id) return &item;
  }
  return nullptr;
}

TEST(BundleExport, CsvImportRoundTripsIntoTheJsonBundle) {
  TempDir dir;
  testing::import_sample(dir / "a.db");
  const auto store = graph::Store::open(dir / "a.db", graph::Store::OpenMode::ReadOnlyExisting);
  const json bundle = export_bundle(store, {&store, false, false});
  EXPECT_EQ(bundle["entities"].size(), 43u);
  EXPECT_EQ(bundle["relations"].size(), 54u);
  EXPECT_EQ(bundle["sources"].size(), 12u);
  EXPECT_EQ(bundle["claims"].size(), 85u);
  const json* buyer = find_by_id(bundle["entities"], "co-harbor-retail");
  ASSERT_NE(buyer, nullptr);
  EXPECT_EQ((*buyer)["kind"], "company");
  EXPECT_EQ((*buyer)["name"], "Harbor Retail Group (illustrative)");
  const json* bureau = find_by_id(bundle["entities"], "se-bureau-7");
  ASSERT_NE(bureau, nullptr);
  EXPECT_FALSE((*bureau)["designations"].empty());
  const std::string text = bundle.dump();
  EXPECT_EQ(text.find("Canary Witness"), std::string::npos);
  EXPECT_EQ(text.find("pe-canary"), std::string::npos);
  EXPECT_EQ(text.find("src-testimony"), std::string::npos);
  EXPECT_EQ(text.find("Interview with canary witness"), std::string::npos);
}

TEST(BundleExport, ExportedBundleImportsIntoAnEmptyDatabaseAndExportsTheSameFacts) {
  TempDir dir;
  testing::import_sample(dir / "a.db");
  const auto first_store =
      graph::Store::open(dir / "a.db", graph::Store::OpenMode::ReadOnlyExisting);
  const json first = export_bundle(first_store, {&first_store, false, false});
  testing::write_file(dir / "bundle.json", first.dump(2));
  importers::import_into_database(dir / "b.db", {dir / "bundle.json"}, {});
  const auto second_store =
      graph::Store::open(dir / "b.db", graph::Store::OpenMode::ReadOnlyExisting);
  const json second = export_bundle(second_store, {&second_store, false, false});
  // Unprotected facts come back identical; counts match overall.
  for (const char* section : {"entities", "relations", "sources", "claims"}) {
    EXPECT_EQ(first[section].size(), second[section].size()) << section;
  }
  for (const auto& entity : first["entities"]) {
    if (entity["protected"].get<bool>()) continue;
    const json* again = find_by_id(second["entities"], entity["id"]);
    ASSERT_NE(again, nullptr) << entity["id"];
    EXPECT_EQ(*again, entity);
  }
}

// A bill of lading's relations get ids derived from their ends, which the store does not keep as
// text: their claims still name them in the bundle, and come back from it.
TEST(BundleExport, ClaimsOnRelationsWithDerivedIdsNameThemAndImportBack) {
  TempDir dir;
  importers::ImportOptions bill_of_lading;
  bill_of_lading.format = importers::InputFormat::BillOfLading;
  importers::import_into_database(dir / "a.db", {testing::fixture("bol/shipments.csv")},
                                  bill_of_lading);
  const auto first_store =
      graph::Store::open(dir / "a.db", graph::Store::OpenMode::ReadOnlyExisting);
  const json first = export_bundle(first_store, {&first_store, false, false});
  std::size_t on_relations = 0;
  for (const auto& claim : first["claims"]) {
    const std::string fact = claim["fact"];
    if (find_by_id(first["relations"], fact) != nullptr) {
      ++on_relations;
      continue;
    }
    EXPECT_NE(find_by_id(first["entities"], fact), nullptr) << "a claim names nothing: " << fact;
  }
  EXPECT_GT(on_relations, 0u);
  testing::write_file(dir / "bundle.json", first.dump(2));
  importers::import_into_database(dir / "b.db", {dir / "bundle.json"}, {});
  const auto second_store =
      graph::Store::open(dir / "b.db", graph::Store::OpenMode::ReadOnlyExisting);
  EXPECT_EQ(export_bundle(second_store, {&second_store, false, false})["claims"], first["claims"]);
}

TEST(BundleExport, SameStoreGivesTheSameBytes) {
  TempDir dir;
  testing::import_sample(dir / "a.db");
  const auto store = graph::Store::open(dir / "a.db", graph::Store::OpenMode::ReadOnlyExisting);
  EXPECT_EQ(export_bundle(store, {&store, false, false}).dump(),
            export_bundle(store, {&store, false, false}).dump());
}

}  // namespace
}  // namespace flgraph::viz
