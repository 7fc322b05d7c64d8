// tests/importers/json_bundle_test.cpp: JSON bundle import: every section, derived ids, lines.
#include "importers/json_bundle.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "graph/store.h"
#include "importers/import.h"
#include "test_support.h"

namespace flgraph::importers {
namespace {

using graph::Access;
using graph::EntityKind;
using graph::RelationKind;
using graph::Store;
using testing::TempDir;

Store open_existing(const std::filesystem::path& db) {
  return Store::open(db, Store::OpenMode::ReadOnlyExisting);
}

graph::Date date(std::string_view text) { return graph::parse_date(text).value(); }

std::filesystem::path bundle_fixture() { return testing::fixture("json/bundle.json"); }

TEST(JsonBundleImport, ImportsEverySection) {
  TempDir temp;
  const auto summary = import_into_database(temp / "flgraph.db", {bundle_fixture()}, {});
  EXPECT_EQ(summary.sources.inserted, 2);
  EXPECT_EQ(summary.entities.inserted, 5);
  EXPECT_EQ(summary.designations.inserted, 2);
  EXPECT_EQ(summary.relations.inserted, 3);
  EXPECT_EQ(summary.claims.inserted, 4);
  ASSERT_EQ(summary.files.size(), 1u);

  const auto stats = open_existing(temp / "flgraph.db").stats();
  EXPECT_EQ(stats.entities_by_kind.at(EntityKind::Company), 2);
  EXPECT_EQ(stats.relations_by_kind.at(RelationKind::Supplies), 1);
  EXPECT_EQ(stats.aliases, 2);
  EXPECT_EQ(stats.claims, 4);
  EXPECT_EQ(stats.designations, 2);
}

TEST(JsonBundleImport, KeepsAliasesAttributesAndDesignations) {
  TempDir temp;
  import_into_database(temp / "flgraph.db", {bundle_fixture()}, {});
  const auto store = open_existing(temp / "flgraph.db");

  const auto bureau = store.entity("se-json-bureau");
  ASSERT_TRUE(bureau.has_value());
  EXPECT_EQ(bureau->record.kind, EntityKind::StateEntity);
  EXPECT_EQ(bureau->record.name, "JSON Trading Bureau (illustrative)");
  EXPECT_EQ(bureau->record.country, "KP");
  EXPECT_EQ(bureau->record.aliases,
            (std::vector<std::string>{"Bureau J (illustrative)", "JTB (illustrative)"}));
  EXPECT_EQ(bureau->record.valid.from, date("2005-01-01"));
  const auto designations = store.designations_of(bureau->row);
  ASSERT_EQ(designations.size(), 2u);
  EXPECT_EQ(designations[0].entity,
            "se-json-bureau");  // nested designations belong to their entity
  EXPECT_EQ(designations[0].authority, "OFAC");
  EXPECT_EQ(designations[0].program, "DPRK3");
  EXPECT_EQ(designations[1].authority, "UN");
  EXPECT_EQ(designations[1].list_id, "KPe.JSON.01");
  EXPECT_EQ(designations[1].listed_on, date("2017-08-05"));

  const auto plant = store.entity("si-json-plant");
  ASSERT_TRUE(plant.has_value());
  const auto attributes = nlohmann::json::parse(plant->record.attributes_json);
  EXPECT_EQ(attributes.at("site_type"), "seafood processing plant");
  EXPECT_EQ(attributes.at("workers"), 120);  // JSON attributes keep their types

  const auto buyer = store.entity("co-json-buyer");
  ASSERT_TRUE(buyer.has_value());
  EXPECT_FALSE(buyer->record.valid.to.has_value());  // null is an open end
  EXPECT_TRUE(store.entity("co-json-operator")->record.aliases.empty());
  EXPECT_TRUE(store.entity("pe-json-witness")->record.is_protected);
}

TEST(JsonBundleImport, TestimonyWithoutAccessIsProtected) {
  TempDir temp;
  import_into_database(temp / "flgraph.db", {bundle_fixture()}, {});
  const auto store = open_existing(temp / "flgraph.db");
  const auto sources = store.sources();
  ASSERT_EQ(sources.size(), 2u);
  const bool witness_first = sources[0].access == Access::Protected;  // pseudonyms sort first
  const auto& report = sources[witness_first ? 1 : 0];
  const auto& witness = sources[witness_first ? 0 : 1];
  EXPECT_EQ(report.id, "src-json-report");
  EXPECT_EQ(report.access, Access::Public);
  EXPECT_EQ(report.reliability, graph::Reliability::B);
  EXPECT_EQ(report.published_on, date("2021-09-14"));
  EXPECT_EQ(witness.kind, graph::SourceKind::Testimony);
  EXPECT_EQ(witness.access, Access::Protected);
  EXPECT_EQ(store.revealed_source(witness).id, "src-json-witness");
}

TEST(JsonBundleImport, DerivesRelationIdWhenAbsent) {
  TempDir temp;
  import_into_database(temp / "flgraph.db", {bundle_fixture()}, {});
  const auto store = open_existing(temp / "flgraph.db");

  graph::RelationRecord expected;
  expected.src = "co-json-operator";
  expected.dst = "co-json-buyer";
  expected.kind = RelationKind::Supplies;
  expected.valid.from = date("2019-01-01");
  const auto ref = store.find_relation(graph::derive_relation_id(expected));
  ASSERT_TRUE(ref.has_value());
  const auto relation = store.relation_by_row(ref->row);
  ASSERT_TRUE(relation.has_value());
  EXPECT_EQ(relation->record.confidence, 0.3);
  // The bundle's claim names the derived id, and attaches to this relation.
  const auto claims = store.claims_of_relation(ref->row);
  ASSERT_EQ(claims.size(), 1u);
  EXPECT_EQ(claims[0].claim.locator, "p. 9");
  EXPECT_EQ(claims[0].claim.credibility, 4);
}

TEST(JsonBundleImport, KeepsRelationsWithTheirClaimsAndAttributes) {
  TempDir temp;
  import_into_database(temp / "flgraph.db", {bundle_fixture()}, {});
  const auto store = open_existing(temp / "flgraph.db");

  const auto dispatch = store.find_relation("r-json-dw");
  ASSERT_TRUE(dispatch.has_value());
  const auto record = store.relation_by_row(dispatch->row)->record;
  EXPECT_EQ(record.kind, RelationKind::DispatchesWorkers);
  EXPECT_EQ(record.src, "se-json-bureau");
  EXPECT_EQ(record.dst, "si-json-plant");
  EXPECT_EQ(record.valid.from, date("2016-05-01"));
  EXPECT_EQ(record.valid.to, date("2020-12-31"));
  EXPECT_FALSE(record.confidence.has_value());
  const auto claims = store.claims_of_relation(dispatch->row);
  ASSERT_EQ(claims.size(), 2u);
  const bool witness_first = claims[0].source.access == Access::Protected;
  EXPECT_EQ(claims[witness_first ? 1 : 0].claim.source, "src-json-report");
  const auto& witness = claims[witness_first ? 0 : 1];
  EXPECT_EQ(store.revealed_source(witness.source).id, "src-json-witness");
  EXPECT_EQ(store.revealed_claim(witness).recorded_by, "sample-curator-a");
  EXPECT_EQ(store.revealed_claim(witness).recorded_on, date("2024-03-11"));

  const auto operated = store.find_relation("r-json-op");
  ASSERT_TRUE(operated.has_value());
  const auto operated_record = store.relation_by_row(operated->row)->record;
  EXPECT_EQ(operated_record.confidence, 0.9);
  EXPECT_EQ(nlohmann::json::parse(operated_record.attributes_json).at("share"), 0.51);

  const auto bureau_claims = store.claims_of_entity(store.find_entity("se-json-bureau")->row);
  ASSERT_EQ(bureau_claims.size(), 1u);
  EXPECT_EQ(bureau_claims[0].claim.quote, "The bureau \"dispatched\" the workers.");
  EXPECT_EQ(bureau_claims[0].claim.credibility, 2);
}

TEST(JsonBundleImport, ReimportingTheBundleChangesNothing) {
  TempDir temp;
  const auto db = temp / "flgraph.db";
  import_into_database(db, {bundle_fixture()}, {});
  const auto summary = import_into_database(db, {bundle_fixture()}, {});
  for (const auto* counts : {&summary.entities, &summary.relations, &summary.sources,
                             &summary.claims, &summary.designations}) {
    EXPECT_EQ(counts->inserted, 0);
    EXPECT_EQ(counts->updated, 0);
  }
  EXPECT_EQ(summary.entities.unchanged, 5);
  EXPECT_EQ(summary.relations.unchanged, 3);
  EXPECT_EQ(summary.claims.unchanged, 4);
}

TEST(JsonBundleImport, BundleAndCsvInOneImportReferToEachOther) {
  TempDir temp;
  // Relations in CSV between entities of the bundle, and a claim in CSV naming a bundle source.
  testing::write_file(temp / "edges.csv",
                      "id,src,dst,kind,date_from,date_to,confidence\n"
                      "e-csv-01,co-json-buyer,co-json-operator,owned_by,2020-01-01,,\n");
  testing::write_file(temp / "claims.csv",
                      "fact,source,locator,credibility,quote\ne-csv-01,src-json-report,p. 40,3,\n");
  const auto summary = import_into_database(
      temp / "flgraph.db", {temp / "claims.csv", temp / "edges.csv", bundle_fixture()}, {});
  EXPECT_EQ(summary.relations.inserted, 4);
  EXPECT_EQ(summary.claims.inserted, 5);
}

TEST(JsonBundleImport, FormatOptionReadsABundleWithoutTheJsonExtension) {
  TempDir temp;
  testing::write_file(temp / "bundle.txt", testing::read_file(bundle_fixture()));
  ImportOptions options;
  options.format = InputFormat::JsonBundle;
  const auto summary = import_into_database(temp / "flgraph.db", {temp / "bundle.txt"}, options);
  EXPECT_EQ(summary.entities.inserted, 5);
}

TEST(JsonBundleLines, FindsTheLineWhereEachElementStarts) {
  const std::string text =
      "{\n"
      "  \"sources\": [{\"id\": \"s\"}],\n"  // line 2
      "  \"entities\": [\n"                  // line 3
      "    {\"id\": \"a\", \"name\": \"x, [y] {z}\"},\n"
      "    {\"id\": \"b\",\n"  // line 5
      "     \"aliases\": [\"p\", \"q\"],\n"
      "     \"name\": \"quote \\\" and \\\\\"},\n"
      "\n"
      "    {\"id\": \"c\", \"attributes\": {\"entities\": [1, 2]}}\n"  // line 9
      "  ],\n"
      "  \"relations\": [ {\"src\": \"a\"}, {\"src\": \"b\"} ]\n"  // line 11
      "}\n";
  EXPECT_EQ(line_of_element(text, "sources", 0), 2u);
  EXPECT_EQ(line_of_element(text, "entities", 0), 4u);
  EXPECT_EQ(line_of_element(text, "entities", 1), 5u);
  EXPECT_EQ(line_of_element(text, "entities", 2), 9u);
  EXPECT_EQ(line_of_element(text, "entities", 3), 0u);  // no such element
  EXPECT_EQ(line_of_element(text, "relations", 1), 11u);
  EXPECT_EQ(line_of_element(text, "claims", 0), 0u);
}

TEST(JsonBundleLines, ElementLinesMatchTheFixture) {
  const auto text = testing::read_file(bundle_fixture());
  EXPECT_EQ(line_of_element(text, "sources", 1), 5u);
  EXPECT_EQ(line_of_element(text, "entities", 0), 9u);
  EXPECT_EQ(line_of_element(text, "entities", 4), 17u);
  EXPECT_EQ(line_of_element(text, "relations", 2), 24u);
  EXPECT_EQ(line_of_element(text, "claims", 3), 32u);
}

}  // namespace
}  // namespace flgraph::importers
