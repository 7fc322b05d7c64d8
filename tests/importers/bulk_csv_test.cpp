// tests/importers/bulk_csv_test.cpp: bulk CSV import of sample and generated data; re-imports.
#include "importers/bulk_csv.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "graph/protection.h"
#include "graph/query_graph.h"
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

template <typename Key>
std::int64_t sum_of(const std::map<Key, std::int64_t>& counts) {
  std::int64_t total = 0;
  for (const auto& [key, count] : counts) total += count;
  return total;
}

Store open_existing(const std::filesystem::path& db) {
  return Store::open(db, Store::OpenMode::ReadOnlyExisting);
}

graph::Date date(std::string_view text) { return graph::parse_date(text).value(); }

// Data rows of a CSV file that has one record per line and no comment lines.
std::int64_t data_rows(const std::filesystem::path& csv) {
  const std::string text = testing::read_file(csv);
  return static_cast<std::int64_t>(std::count(text.begin(), text.end(), '\n')) - 1;
}

std::string text_of(const std::optional<graph::Date>& date) {
  return date ? graph::format_date(*date) : std::string("open");
}

// Every record in the store as text, to compare a store's whole content before and after.
std::string dump(const Store& store) {
  std::ostringstream out;
  store.for_each_entity([&](const graph::StoredEntity& stored) {
    const auto& e = stored.record;
    out << "entity " << e.id << '|' << graph::to_string(e.kind) << '|' << e.name << '|' << e.country
        << '|' << text_of(e.valid.from) << '|' << text_of(e.valid.to) << '|' << e.is_protected
        << '|' << e.attributes_json;
    for (const auto& alias : e.aliases) out << '|' << alias;
    out << '\n';
  });
  store.for_each_relation([&](const graph::StoredRelation& stored) {
    const auto& r = stored.record;
    out << "relation " << r.id << '|' << r.src << '|' << r.dst << '|' << graph::to_string(r.kind)
        << '|' << text_of(r.valid.from) << '|' << text_of(r.valid.to) << '|'
        << r.confidence.value_or(-1) << '|' << r.attributes_json << '\n';
  });
  for (const auto& source : store.sources()) {
    out << "source " << source.id << '|' << source.title << '|' << source.publisher << '|'
        << text_of(source.published_on) << '|' << source.url << '|' << source.sha256 << '|'
        << graph::to_string(source.kind) << '|' << graph::to_char(source.reliability) << '|'
        << graph::to_string(source.access) << '\n';
  }
  for (const auto& [claim, source, sealed] : store.claims()) {
    out << "claim " << claim.fact << '|' << claim.source << '|' << claim.locator << '|'
        << claim.credibility << '|' << claim.quote << '|' << claim.recorded_by << '|'
        << text_of(claim.recorded_on) << '\n';
  }
  for (const auto& designation : store.designations()) {
    out << "designation " << designation.entity << '|' << designation.authority << '|'
        << designation.program << '|' << text_of(designation.listed_on) << '|'
        << designation.list_id << '\n';
  }
  return out.str();
}

void expect_no_inserts_or_updates(const UpsertCounts& counts, const char* what) {
  EXPECT_EQ(counts.inserted, 0) << what;
  EXPECT_EQ(counts.updated, 0) << what;
}

// The sample's numbers, as its README states them.
constexpr std::int64_t kSampleEntities = 43;
constexpr std::int64_t kSampleRelations = 54;
constexpr std::int64_t kSampleSources = 12;
constexpr std::int64_t kSampleClaims = 85;
constexpr std::int64_t kSampleDesignations = 7;

TEST(BulkCsvImport, SampleInsertsEveryRecordOnce) {
  TempDir temp;
  const auto summary = import_into_database(temp / "flgraph.db", {testing::sample_dataset()}, {});
  EXPECT_EQ(summary.files.size(), 5u);
  EXPECT_EQ(summary.entities.inserted, kSampleEntities);
  EXPECT_EQ(summary.relations.inserted, kSampleRelations);
  EXPECT_EQ(summary.sources.inserted, kSampleSources);
  EXPECT_EQ(summary.claims.inserted, kSampleClaims);
  EXPECT_EQ(summary.designations.inserted, kSampleDesignations);
  for (const auto* counts : {&summary.entities, &summary.relations, &summary.sources,
                             &summary.claims, &summary.designations}) {
    EXPECT_EQ(counts->updated, 0);
    EXPECT_EQ(counts->unchanged, 0);
  }

  const auto store = open_existing(temp / "flgraph.db");
  const auto stats = store.stats();
  EXPECT_EQ(sum_of(stats.entities_by_kind), kSampleEntities);
  EXPECT_EQ(stats.entities_by_kind.size(), graph::kEntityKindCount);  // all eight kinds
  EXPECT_EQ(sum_of(stats.relations_by_kind), kSampleRelations);
  EXPECT_EQ(stats.relations_by_kind.size(), graph::kRelationKindCount);  // all ten kinds
  EXPECT_EQ(stats.sources_by_access.at(Access::Public), 7);
  EXPECT_EQ(stats.sources_by_access.at(Access::Restricted), 3);
  EXPECT_EQ(stats.sources_by_access.at(Access::Protected), 2);
  EXPECT_EQ(stats.claims, kSampleClaims);
  EXPECT_EQ(stats.designations, kSampleDesignations);
  EXPECT_EQ(stats.entities_by_kind.at(EntityKind::Case), 5);
  EXPECT_EQ(stats.relations_by_kind.at(RelationKind::SameAs), 1);
}

TEST(BulkCsvImport, SampleKeepsEntityFieldsAliasesAndDesignations) {
  TempDir temp;
  testing::import_sample(temp / "flgraph.db");
  const auto store = open_existing(temp / "flgraph.db");

  const auto bureau = store.entity("se-bureau-7");
  ASSERT_TRUE(bureau.has_value());
  EXPECT_EQ(bureau->record.kind, EntityKind::StateEntity);
  EXPECT_EQ(bureau->record.name, "Sample State Trading Bureau No. 7 (illustrative)");
  EXPECT_EQ(bureau->record.country, "KP");
  EXPECT_EQ(bureau->record.aliases,
            (std::vector<std::string>{"Bureau Seven (illustrative)", "STB No. 7 (illustrative)"}));
  EXPECT_EQ(bureau->record.valid.from, date("2005-01-01"));
  EXPECT_FALSE(bureau->record.valid.to.has_value());
  EXPECT_FALSE(bureau->record.is_protected);

  const auto designations = store.designations_of(bureau->row);
  ASSERT_EQ(designations.size(), 2u);
  EXPECT_EQ(designations[0].authority, "OFAC");
  EXPECT_EQ(designations[0].program, "DPRK2");
  EXPECT_EQ(designations[0].list_id, "OFAC-ILLUS-1001");
  EXPECT_EQ(designations[0].listed_on, date("2016-03-16"));
  EXPECT_EQ(designations[1].authority, "UN");
  EXPECT_EQ(designations[1].program, "DPRK");
  EXPECT_EQ(designations[1].list_id, "KPe.ILLUS.01");

  // A quoted name with a comma, and a closed validity interval.
  const auto workshop = store.entity("si-garment-workshop-east");
  ASSERT_TRUE(workshop.has_value());
  EXPECT_EQ(workshop->record.name, "Example Garment Workshop, East Zone (illustrative)");
  const auto site = store.entity("si-construction-site-12");
  ASSERT_TRUE(site.has_value());
  EXPECT_EQ(site->record.valid.to, date("2021-03-31"));

  // Columns beyond the known ones are kept as attributes; empty cells are not.
  const auto product = store.entity("pr-030489");
  ASSERT_TRUE(product.has_value());
  const auto attributes = nlohmann::json::parse(product->record.attributes_json);
  EXPECT_EQ(attributes.at("hs_code"), "030489");  // leading zero kept: attributes are text
  EXPECT_FALSE(attributes.contains("victim_count"));
  EXPECT_TRUE(product->record.country.empty());

  const auto witness = store.entity("pe-canary-kim");
  ASSERT_TRUE(witness.has_value());
  EXPECT_TRUE(witness->record.is_protected);
}

TEST(BulkCsvImport, SampleKeepsRelationsWithTheirClaims) {
  TempDir temp;
  testing::import_sample(temp / "flgraph.db");
  const auto store = open_existing(temp / "flgraph.db");

  const auto ref = store.find_relation("e-dw-01");
  ASSERT_TRUE(ref.has_value());
  const auto relation = store.relation_by_row(ref->row);
  ASSERT_TRUE(relation.has_value());
  EXPECT_EQ(relation->record.src, "se-bureau-7");
  EXPECT_EQ(relation->record.dst, "si-seafood-plant-north");
  EXPECT_EQ(relation->record.kind, RelationKind::DispatchesWorkers);
  EXPECT_EQ(relation->record.valid.from, date("2016-05-01"));
  EXPECT_EQ(relation->record.valid.to, date("2020-12-31"));
  EXPECT_FALSE(relation->record.confidence.has_value());  // derived from claims, not given

  const auto claims = store.claims_of_relation(ref->row);
  ASSERT_EQ(claims.size(), 2u);
  // The testimony is kept under its pseudonym; the key opens it.
  const bool testimony_first = claims[0].source.access == Access::Protected;
  const auto& report = claims[testimony_first ? 1 : 0];
  const auto& testimony = claims[testimony_first ? 0 : 1];
  EXPECT_EQ(report.claim.source, "src-ngo-report-2021");
  EXPECT_EQ(report.claim.locator, "p. 15");
  EXPECT_EQ(report.claim.credibility, 2);
  EXPECT_EQ(report.claim.recorded_by, "sample-curator-a");
  EXPECT_EQ(report.claim.recorded_on, date("2024-03-11"));
  EXPECT_EQ(testimony.source.access, Access::Protected);
  EXPECT_TRUE(graph::is_pseudonym(testimony.claim.source));
  EXPECT_EQ(store.revealed_source(testimony.source).id, "src-testimony-kim");
  EXPECT_EQ(store.revealed_claim(testimony).recorded_by, "sample-curator-a");

  const auto weak = store.find_relation("e-su-02");
  ASSERT_TRUE(weak.has_value());
  EXPECT_EQ(store.relation_by_row(weak->row)->record.confidence, 0.3);
  const auto same_as = store.find_relation("e-sa-01");
  ASSERT_TRUE(same_as.has_value());
  const auto same_as_record = store.relation_by_row(same_as->row)->record;
  EXPECT_EQ(same_as_record.confidence, 0.95);
  EXPECT_FALSE(same_as_record.valid.from.has_value());
  EXPECT_FALSE(same_as_record.valid.to.has_value());

  // Doubled quotes inside a quoted quote come back as one quote.
  const auto golden_shell = store.find_entity("co-golden-shell");
  ASSERT_TRUE(golden_shell.has_value());
  const auto entity_claims = store.claims_of_entity(golden_shell->row);
  ASSERT_EQ(entity_claims.size(), 2u);
  EXPECT_EQ(entity_claims[0].claim.source, "src-court-judgment");
  EXPECT_EQ(entity_claims[0].claim.quote,
            "The court found that Golden Shell acted \"on behalf of\" Bureau No. 7.");
}

TEST(BulkCsvImport, ReimportingTheSameFilesChangesNothing) {
  TempDir temp;
  const auto db = temp / "flgraph.db";
  testing::import_sample(db);
  const auto stats_before = open_existing(db).stats();
  const auto content_before = dump(open_existing(db));

  const auto summary = import_into_database(db, {testing::sample_dataset()}, {});
  expect_no_inserts_or_updates(summary.entities, "entities");
  expect_no_inserts_or_updates(summary.relations, "relations");
  expect_no_inserts_or_updates(summary.sources, "sources");
  expect_no_inserts_or_updates(summary.claims, "claims");
  expect_no_inserts_or_updates(summary.designations, "designations");
  EXPECT_EQ(summary.entities.unchanged, kSampleEntities);
  EXPECT_EQ(summary.relations.unchanged, kSampleRelations);
  EXPECT_EQ(summary.sources.unchanged, kSampleSources);
  EXPECT_EQ(summary.claims.unchanged, kSampleClaims);
  EXPECT_EQ(summary.designations.unchanged, kSampleDesignations);

  const auto stats_after = open_existing(db).stats();
  EXPECT_EQ(stats_after.entities_by_kind, stats_before.entities_by_kind);
  EXPECT_EQ(stats_after.relations_by_kind, stats_before.relations_by_kind);
  EXPECT_EQ(stats_after.sources_by_access, stats_before.sources_by_access);
  EXPECT_EQ(stats_after.claims, stats_before.claims);
  EXPECT_EQ(stats_after.designations, stats_before.designations);
  EXPECT_EQ(stats_after.aliases, stats_before.aliases);
  EXPECT_EQ(dump(open_existing(db)), content_before);
}

TEST(BulkCsvImport, ChangedNameUpdatesTheEntityAndKeepsItsClaims) {
  TempDir temp;
  const auto db = temp / "flgraph.db";
  testing::import_sample(db);
  std::size_t claims_before = 0;
  std::string content_before;
  {
    const auto store = open_existing(db);
    claims_before = store.claims_of_entity(store.find_entity("co-golden-shell")->row).size();
    content_before = dump(store);
  }
  ASSERT_EQ(claims_before, 2u);

  const std::string old_name = "Golden Shell General Trading Company (illustrative)";
  const std::string new_name = "Golden Shell Holding Trading Company (illustrative)";
  std::string nodes = testing::read_file(testing::sample_dataset() / "nodes.csv");
  const auto at = nodes.find(old_name);
  ASSERT_NE(at, std::string::npos);
  nodes.replace(at, old_name.size(), new_name);
  std::filesystem::create_directories(temp / "changed");
  testing::write_file(temp / "changed" / "nodes.csv", nodes);

  const auto summary = import_into_database(db, {temp / "changed" / "nodes.csv"}, {});
  EXPECT_EQ(summary.entities.updated, 1);
  EXPECT_EQ(summary.entities.inserted, 0);
  EXPECT_EQ(summary.entities.unchanged, kSampleEntities - 1);

  const auto store = open_existing(db);
  const auto entity = store.entity("co-golden-shell");
  ASSERT_TRUE(entity.has_value());
  EXPECT_EQ(entity->record.name, new_name);
  EXPECT_EQ(entity->record.aliases.size(), 2u);
  EXPECT_EQ(store.claims_of_entity(entity->row).size(), claims_before);
  EXPECT_EQ(store.relations_of(entity->row).size(),
            4u);  // two supplies and owned_by out, documents in
  EXPECT_EQ(store.designations_of(entity->row).size(), 1u);
  EXPECT_EQ(store.stats().claims, kSampleClaims);

  // The name is the only thing that changed anywhere in the store.
  std::string content_after = dump(store);
  const auto renamed = content_after.find(new_name);
  ASSERT_NE(renamed, std::string::npos);
  content_after.replace(renamed, new_name.size(), old_name);
  EXPECT_EQ(content_after, content_before);
}

TEST(BulkCsvImport, FileRoleComesFromTheHeaderNotTheFileName) {
  TempDir temp;
  testing::write_file(
      temp / "a.csv",
      "src,dst,kind,date_from,date_to,confidence\nco-one,co-two,supplies,2020-01-01,,0.7\n");
  testing::write_file(temp / "z.csv",
                      "id,kind,name,country\nco-one,company,One (illustrative),CN\n"
                      "co-two,company,Two (illustrative),US\n");
  // Edges are listed first, yet their endpoints come from the later file: phases run in dependency
  // order.
  const auto summary =
      import_into_database(temp / "flgraph.db", {temp / "a.csv", temp / "z.csv"}, {});
  EXPECT_EQ(summary.entities.inserted, 2);
  EXPECT_EQ(summary.relations.inserted, 1);
}

TEST(BulkCsvImport, DerivesAStableRelationIdWhenTheFileGivesNone) {
  TempDir temp;
  const auto db = temp / "flgraph.db";
  testing::write_file(temp / "nodes.csv",
                      "id,kind,name,country\nco-one,company,One (illustrative),CN\n"
                      "co-two,company,Two (illustrative),US\n");
  testing::write_file(
      temp / "edges.csv",
      "src,dst,kind,date_from,date_to,confidence\nco-one,co-two,supplies,2020-01-01,,0.7\n"
      "co-two,co-one,supplies,,,\n");
  import_into_database(db, {temp / "nodes.csv", temp / "edges.csv"}, {});

  graph::RelationRecord dated;
  dated.src = "co-one";
  dated.dst = "co-two";
  dated.kind = RelationKind::Supplies;
  dated.valid.from = date("2020-01-01");
  graph::RelationRecord undated;
  undated.src = "co-two";
  undated.dst = "co-one";
  undated.kind = RelationKind::Supplies;
  EXPECT_EQ(graph::derive_relation_id(dated), "co-one-supplies->co-two@2020-01-01");
  {
    const auto store = open_existing(db);
    EXPECT_TRUE(store.find_relation(graph::derive_relation_id(dated)).has_value());
    EXPECT_TRUE(store.find_relation(graph::derive_relation_id(undated)).has_value());
  }
  // The edges alone, so that they are read again (the same files would be found already imported).
  const auto again = import_into_database(db, {temp / "edges.csv"}, {});
  EXPECT_EQ(again.relations.unchanged, 2);
  EXPECT_EQ(again.relations.inserted, 0);
}

TEST(BulkCsvImport, EdgesMayReferToEntitiesAlreadyInTheStore) {
  TempDir temp;
  const auto db = temp / "flgraph.db";
  testing::import_sample(db);
  testing::write_file(temp / "edges.csv",
                      "id,src,dst,kind,date_from,date_to,confidence\n"
                      "e-new-01,co-maple-hair,co-harbor-imports,supplies,2021-01-01,,0.4\n");
  const auto summary = import_into_database(db, {temp / "edges.csv"}, {});
  EXPECT_EQ(summary.relations.inserted, 1);
  EXPECT_EQ(sum_of(open_existing(db).stats().relations_by_kind), kSampleRelations + 1);
}

TEST(BulkCsvImport, AcceptsByteOrderMarkAndCrlfLineEnds) {
  TempDir temp;
  testing::write_file(
      temp / "nodes.csv",
      "\xEF\xBB\xBFid,kind,name,country\r\nco-one,company,One (illustrative),CN\r\n");
  const auto summary = import_into_database(temp / "flgraph.db", {temp / "nodes.csv"}, {});
  EXPECT_EQ(summary.entities.inserted, 1);
  const auto entity = open_existing(temp / "flgraph.db").entity("co-one");
  ASSERT_TRUE(entity.has_value());
  EXPECT_EQ(entity->record.country, "CN");  // no stray \r in the last column
}

TEST(BulkCsvImport, OpenRecognisesEachRoleByItsHeader) {
  const auto sample = testing::sample_dataset();
  EXPECT_EQ(open_bulk_csv(sample / "nodes.csv").role, CsvRole::Nodes);
  EXPECT_EQ(open_bulk_csv(sample / "edges.csv").role, CsvRole::Edges);
  EXPECT_EQ(open_bulk_csv(sample / "sources.csv").role, CsvRole::Sources);
  EXPECT_EQ(open_bulk_csv(sample / "claims.csv").role, CsvRole::Claims);
  EXPECT_EQ(open_bulk_csv(sample / "designations.csv").role, CsvRole::Designations);
}

TEST(BulkCsvImport, SharedGeneratorOutputImportsUnchanged) {
  const auto generator = testing::shared_dir() / "bench" / "gen_supply_graph.py";
  if (!std::filesystem::exists(generator)) GTEST_SKIP() << "no generator at " << generator;
  TempDir temp;
  const auto out = temp / "generated";
  // --queries 10: at scale 200 there are fewer than 100 importers with a supplier, and the
  // generator's default of 100 distinct query companies would never be reached.
  const std::string command = "python3 '" + generator.string() +
                              "' --scale 200 --queries 10 --out '" + out.string() +
                              "' >/dev/null 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;

  const auto db = temp / "flgraph.db";
  // Only the two graph files: queries.csv and manifest.json are not flgraph input.
  const auto summary = import_into_database(db, {out / "nodes.csv", out / "edges.csv"}, {});
  const std::int64_t node_rows = data_rows(out / "nodes.csv");
  const std::int64_t edge_rows = data_rows(out / "edges.csv");
  EXPECT_GT(node_rows, 0);
  EXPECT_EQ(summary.entities.inserted, node_rows);
  EXPECT_EQ(summary.relations.inserted, edge_rows);

  const auto stats = open_existing(db).stats();
  EXPECT_EQ(sum_of(stats.entities_by_kind), node_rows);
  EXPECT_EQ(sum_of(stats.relations_by_kind), edge_rows);
  const auto manifest = nlohmann::json::parse(testing::read_file(out / "manifest.json"));
  for (const auto& [kind_name, count] : manifest.at("node_kinds").items()) {
    const auto kind = graph::parse_entity_kind(kind_name);
    ASSERT_TRUE(kind.has_value()) << kind_name;
    EXPECT_EQ(stats.entities_by_kind.at(*kind), count.get<std::int64_t>()) << kind_name;
  }
  for (const auto& [kind_name, count] : manifest.at("edge_kinds").items()) {
    const auto kind = graph::parse_relation_kind(kind_name);
    ASSERT_TRUE(kind.has_value()) << kind_name;
    EXPECT_EQ(stats.relations_by_kind.at(*kind), count.get<std::int64_t>()) << kind_name;
  }
}

}  // namespace
}  // namespace flgraph::importers
