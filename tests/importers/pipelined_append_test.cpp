// tests/importers/pipelined_append_test.cpp: nodes and edges added to a store with a current
// snapshot are read and checked on one thread and written on another (the entities the store
// held come from its snapshot). Whatever the rows, the store, the snapshot, the counts and the
// errors are those of the same import written row by row.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "graph/query_graph.h"
#include "graph/store.h"
#include "importers/import.h"
#include "snapshot_check.h"
#include "table_dump.h"
#include "test_support.h"

namespace flgraph::importers {
namespace {

using testing::TempDir;

// The curated public dataset (no protected record) as the store a later year is added to.
std::filesystem::path public_store(const TempDir& temp, const std::string& name) {
  const auto db = temp / name;
  import_into_database(db, {std::filesystem::path(FLGRAPH_DATASETS) / "dprk-public"}, {});
  return db;
}

// A later year of shipments: more rows than the writer takes in one batch, tied to companies
// the store holds, with a company renamed, a relation the store holds given again unchanged,
// a shipment given twice, and `extra_nodes` and `extra_edges` after them.
void write_later_year(const std::filesystem::path& folder, const std::string& extra_nodes = "",
                      const std::string& extra_edges = "") {
  std::filesystem::create_directories(folder);
  std::string nodes = "id,kind,name,country,aliases,protected\n";
  std::string edges = "id,src,dst,kind,date_from,date_to,confidence\n";
  for (int i = 0; i < 3000; ++i) {
    nodes += fmt::format("sh-2025-{:04},shipment,Frozen pollock lot {},,Lot {},\n", i, i, i);
    edges += fmt::format(",co-dalian-haiqing,sh-2025-{:04},ships,2025-0{}-01,,0.{}\n", i, 1 + i % 9,
                         1 + i % 9);
    edges += fmt::format(",sh-2025-{:04},co-high-liner,consigned_to,2025-0{}-01,,\n", i, 1 + i % 9);
  }
  nodes += "co-trident,company,Trident Seafoods Corp. (renamed),US,,\n";
  nodes += "sh-2025-0007,shipment,Frozen pollock lot 7,,Seventh lot,\n";
  edges +=
      "e-dw-mansudae-namibia,se-mansudae-overseas,si-namibia-military-sites,dispatches_workers,,,"
      "\n";
  testing::write_file(folder / "nodes.csv", nodes + extra_nodes);
  testing::write_file(folder / "edges.csv", edges + extra_edges);
}

ImportOptions row_by_row() {
  ImportOptions options;
  options.pipelined = false;
  return options;
}

void expect_same_counts(const ImportSummary& a, const ImportSummary& b) {
  for (auto [x, y] : {std::pair{a.entities, b.entities}, {a.relations, b.relations}}) {
    EXPECT_EQ(x.inserted, y.inserted);
    EXPECT_EQ(x.updated, y.updated);
    EXPECT_EQ(x.unchanged, y.unchanged);
  }
}

// Imports `folder` into both stores, pipelined and row by row, checks that they end equal, with
// equal counts, and gives the pipelined import's summary.
ImportSummary import_both_ways(const std::filesystem::path& pipelined_db,
                               const std::filesystem::path& row_db,
                               const std::filesystem::path& folder) {
  const auto pipelined = import_into_database(pipelined_db, {folder}, {});
  const auto row = import_into_database(row_db, {folder}, row_by_row());
  EXPECT_TRUE(pipelined.rows_written_while_reading);
  EXPECT_EQ(dump_tables(pipelined_db), dump_tables(row_db));
  expect_same_counts(pipelined, row);
  return pipelined;
}

void expect_relations(const ImportSummary& summary, int inserted, int updated, int unchanged) {
  EXPECT_EQ(summary.relations.inserted, inserted);
  EXPECT_EQ(summary.relations.updated, updated);
  EXPECT_EQ(summary.relations.unchanged, unchanged);
}

TEST(PipelinedAppend, WritesTheStoreAndSnapshotTheRowByRowAppendWrites) {
  TempDir temp;
  const auto pipelined_db = public_store(temp, "pipelined.db");
  const auto row_db = public_store(temp, "row.db");
  write_later_year(temp / "later");

  const auto pipelined = import_into_database(pipelined_db, {temp / "later"}, {});
  const auto row = import_into_database(row_db, {temp / "later"}, row_by_row());

  EXPECT_EQ(dump_tables(pipelined_db), dump_tables(row_db));
  expect_same_counts(pipelined, row);
  EXPECT_EQ(pipelined.entities.inserted, 3000);
  EXPECT_EQ(pipelined.entities.updated, 2);  // the renamed company, the shipment's new alias
  EXPECT_EQ(pipelined.relations.inserted, 6000);
  EXPECT_EQ(pipelined.relations.unchanged, 1);
  EXPECT_TRUE(pipelined.rows_written_while_reading);
  EXPECT_FALSE(row.rows_written_while_reading);
  EXPECT_TRUE(pipelined.query_graph_from_rows);
  EXPECT_EQ(foreign_key_violations(pipelined_db), "");
  expect_snapshot_as_read_back(temp, pipelined_db);
  EXPECT_TRUE(testing::read_file(graph::QueryGraph::snapshot_path(pipelined_db)).size() ==
              testing::read_file(graph::QueryGraph::snapshot_path(row_db)).size());
}

// Imports `input` into two copies of `original` (store and snapshot), pipelined and row by row.
// Both must fail and leave their copy byte-identical; gives the two messages, pipelined first.
std::pair<std::string, std::string> failures_both_ways(const std::filesystem::path& original,
                                                       const std::filesystem::path& input,
                                                       const std::string& copy_name) {
  std::string messages[2];
  for (const bool pipelined : {true, false}) {
    const auto db = original.parent_path() / fmt::format("{}-{}.db", copy_name, pipelined);
    std::filesystem::copy_file(original, db);
    std::filesystem::copy_file(graph::QueryGraph::snapshot_path(original),
                               graph::QueryGraph::snapshot_path(db));
    const auto before = testing::file_sha256(db);
    ImportOptions options;
    options.pipelined = pipelined;
    try {
      import_into_database(db, {input}, options);
      ADD_FAILURE() << "the import succeeded";
    } catch (const InputError& error) {
      messages[pipelined ? 0 : 1] = error.what();
    }
    EXPECT_EQ(testing::file_sha256(db), before) << "the failed import changed the store";
  }
  return {messages[0], messages[1]};
}

// Each bad row comes after more rows than a batch, so the writer is busy when it is read.
struct BadRow {
  std::string nodes;
  std::string edges;
  std::string where;  // file:line: field "name"
  std::string says;
};

TEST(PipelinedAppend, ABadRowFailsAtTheSameLineAsRowByRowAndLeavesTheStoreAsItWas) {
  const std::vector<BadRow> bad_rows = {
      {"", ",co-dalian-haiqing,co-nowhere,ships,,,\n", "edges.csv:6003: field \"dst\"",
       "unknown entity"},
      {"co-trident,site,Trident as a site,US,,\n", "", "nodes.csv:3004: field \"kind\"",
       "one id cannot name two kinds"},
      // Only the store knows its relation ids: the writing thread finds these two.
      {"e-dw-mansudae-namibia,company,A company named as a relation,CN,,\n", "",
       "nodes.csv:3004: field \"id\"", "already names a relation"},
      {"", "e-dw-mansudae-namibia,co-dalian-haiqing,sh-2025-0001,ships,,,\n",
       "edges.csv:6003: field \"id\"", "already names a different relation"},
      {"", "co-trident,co-dalian-haiqing,sh-2025-0001,ships,,,\n", "edges.csv:6003: field \"id\"",
       "already names an entity"},
      // An entity of this import whose id reads as the derived id of a relation after it.
      {"co-dalian-haiqing-ships->sh-2025-0002,company,An id that reads as a relation's,CN,,\n",
       ",co-dalian-haiqing,sh-2025-0002,ships,,,\n", "edges.csv:6003: field \"id\"",
       "already names an entity"},
      // A derived id that an earlier row gave as its own id, with other ends.
      {"",
       "co-dalian-haiqing-ships->sh-2025-0002@2025-07-07,co-dalian-haiqing,sh-2025-0001,ships,,,\n"
       ",co-dalian-haiqing,sh-2025-0002,ships,2025-07-07,,\n",
       "edges.csv:6004: field \"id\"", "already names a different relation"},
      // A dated derived id that also reads as the undated one of a relation written before it.
      {"sh-odd@2025-07-07,shipment,Odd lot,,,\nsh-odd,shipment,Odd lot,,,\n",
       ",co-dalian-haiqing,sh-odd@2025-07-07,ships,,,\n,co-dalian-haiqing,sh-odd,ships,2025-07-07,,"
       "\n",
       "edges.csv:6004: field \"id\"", "already names a different relation"},
  };
  TempDir temp;
  const auto original = public_store(temp, "original.db");
  for (std::size_t i = 0; i < bad_rows.size(); ++i) {
    SCOPED_TRACE(bad_rows[i].where);
    const auto later = temp / fmt::format("later-{}", i);
    write_later_year(later, bad_rows[i].nodes, bad_rows[i].edges);
    const auto [pipelined, row_wise] = failures_both_ways(original, later, std::to_string(i));
    EXPECT_EQ(pipelined, row_wise);
    EXPECT_NE(pipelined.find(bad_rows[i].where), std::string::npos) << pipelined;
    EXPECT_NE(pipelined.find(bad_rows[i].says), std::string::npos) << pipelined;
  }
}

TEST(PipelinedAppend, RelationsTheStoreHoldsByTheirEndsAreFoundAsRowByRowFindsThem) {
  // The first append leaves relations with derived ids and a current snapshot; the second gives
  // some again (one with a new confidence, one twice) among new ones.
  TempDir temp;
  const auto pipelined_db = public_store(temp, "pipelined.db");
  const auto row_db = public_store(temp, "row.db");
  write_later_year(temp / "later");
  import_into_database(pipelined_db, {temp / "later"}, {});
  import_into_database(row_db, {temp / "later"}, row_by_row());
  std::filesystem::create_directories(temp / "again");
  testing::write_file(temp / "again" / "nodes.csv",
                      "id,kind,name,country\nsh-2026-0001,shipment,Frozen pollock lot 2026-1,\n");
  testing::write_file(temp / "again" / "edges.csv",
                      "src,dst,kind,date_from,date_to,confidence\n"
                      "co-dalian-haiqing,sh-2025-0000,ships,2025-01-01,,0.9\n"
                      "co-dalian-haiqing,sh-2025-0001,ships,2025-02-01,,0.2\n"
                      "co-dalian-haiqing,sh-2026-0001,ships,2026-01-01,,0.5\n"
                      "co-dalian-haiqing,sh-2026-0001,ships,2026-01-01,,0.5\n"
                      "co-dalian-haiqing,sh-2025-0000,ships,2025-01-31,,0.1\n");

  const auto pipelined = import_both_ways(pipelined_db, row_db, temp / "again");
  expect_relations(pipelined, 2, 1, 2);
  expect_snapshot_as_read_back(temp, pipelined_db);
}

TEST(PipelinedAppend, ARelationWhoseDerivedIdAnEntityHeldBeforeHasFailsAsRowByRow) {
  // The first append leaves the store, and its snapshot, an entity whose id reads as the id the
  // second append's relation derives from its ends.
  TempDir temp;
  const auto original = public_store(temp, "original.db");
  std::filesystem::create_directories(temp / "first");
  testing::write_file(temp / "first" / "nodes.csv",
                      "id,kind,name,country\nsh-2026-0001,shipment,Frozen pollock lot 2026-1,\n"
                      "co-dalian-haiqing-ships->sh-2026-0001,company,An odd id,CN\n");
  import_into_database(original, {temp / "first"}, {});
  std::filesystem::create_directories(temp / "second");
  testing::write_file(temp / "second" / "edges.csv",
                      "src,dst,kind,date_from,date_to,confidence\n"
                      "co-dalian-haiqing,sh-2026-0001,ships,2026-01-01,,0.9\n"
                      "co-dalian-haiqing,sh-2026-0001,ships,,,0.5\n");
  const auto [pipelined, row_wise] = failures_both_ways(original, temp / "second", "second");
  EXPECT_EQ(pipelined, row_wise);
  EXPECT_NE(pipelined.find("edges.csv:3: field \"id\""), std::string::npos) << pipelined;
  EXPECT_NE(pipelined.find("already names an entity"), std::string::npos) << pipelined;
}

TEST(PipelinedAppend, AddedRelationsWaitInTheRecentPartUntilTheyAreAQuarterOfAll) {
  // Small appends leave their relations in the recent part of the indexes on the ends, where
  // the next append finds them again; the later year (6,000 relations) settles them all.
  TempDir temp;
  const auto pipelined_db = public_store(temp, "pipelined.db");
  const auto row_db = public_store(temp, "row.db");
  const char* const recent = "SELECT count(*) FROM relation WHERE recent IS NOT NULL";
  std::filesystem::create_directories(temp / "first");
  testing::write_file(temp / "first" / "nodes.csv",
                      "id,kind,name,country\nsh-2026-0001,shipment,Frozen pollock lot 2026-1,\n");
  testing::write_file(temp / "first" / "edges.csv",
                      "src,dst,kind,date_from,date_to,confidence\n"
                      "co-dalian-haiqing,sh-2026-0001,ships,2026-01-01,,0.5\n"
                      "sh-2026-0001,co-high-liner,consigned_to,2026-01-01,,\n");
  std::filesystem::create_directories(temp / "second");
  testing::write_file(temp / "second" / "edges.csv",
                      "src,dst,kind,date_from,date_to,confidence\n"
                      "co-dalian-haiqing,sh-2026-0001,ships,2026-01-01,,0.5\n"
                      "sh-2026-0001,co-high-liner,consigned_to,2026-01-01,,0.7\n"
                      "co-dalian-haiqing,sh-2026-0001,ships,2026-02-01,,0.5\n");
  write_later_year(temp / "later");
  for (const auto& db : {pipelined_db, row_db}) {
    const auto options = db == row_db ? row_by_row() : ImportOptions{};
    import_into_database(db, {temp / "first"}, options);
    EXPECT_EQ(first_value(db, recent), "2");
    const auto second = import_into_database(db, {temp / "second"}, options);
    EXPECT_EQ(second.relations.inserted, 1);
    EXPECT_EQ(second.relations.updated, 1);
    EXPECT_EQ(second.relations.unchanged, 1);
    EXPECT_EQ(first_value(db, recent), "3");
    import_into_database(db, {temp / "later"}, options);
    EXPECT_EQ(first_value(db, recent), "0");
    EXPECT_EQ(first_value(db, "PRAGMA integrity_check"), "ok");
  }
  EXPECT_EQ(dump_tables(pipelined_db), dump_tables(row_db));
  expect_snapshot_as_read_back(temp, pipelined_db);
}

TEST(PipelinedAppend, RelationsHeldForABatchAreWrittenBeforeARelationThatMightNameThem) {
  // New relations wait to be inserted 64 to a statement. A relation given again among them must
  // find its first row, and a new relation with an id of its own takes the row after theirs.
  TempDir temp;
  const auto pipelined_db = public_store(temp, "pipelined.db");
  const auto row_db = public_store(temp, "row.db");
  std::filesystem::create_directories(temp / "mixed");
  std::string nodes = "id,kind,name,country\n";
  std::string edges = "id,src,dst,kind,date_from,date_to,confidence\n";
  const auto shipped = [&](int i, const char* confidence) {
    edges += fmt::format(",co-dalian-haiqing,sh-2027-{:03},ships,2027-01-01,,{}\n", i, confidence);
  };
  for (int i = 0; i < 200; ++i) {
    nodes += fmt::format("sh-2027-{:03},shipment,Frozen pollock lot 2027-{},\n", i, i);
    shipped(i, "0.9");
    if (i == 100) edges += "e-2027-own-id,sh-2027-005,co-high-liner,consigned_to,2027-02-01,,\n";
    if (i == 30) shipped(5, "0.3");
    if (i == 40) shipped(7, "0.9");
  }
  testing::write_file(temp / "mixed" / "nodes.csv", nodes);
  testing::write_file(temp / "mixed" / "edges.csv", edges);

  const auto pipelined = import_both_ways(pipelined_db, row_db, temp / "mixed");
  expect_relations(pipelined, 201, 1, 1);
  EXPECT_EQ(first_value(pipelined_db,
                        "SELECT confidence FROM relation_named WHERE ext_id = "
                        "'co-dalian-haiqing-ships->sh-2027-005@2027-01-01'"),
            "0.3");
  EXPECT_EQ(first_value(pipelined_db, "PRAGMA integrity_check"), "ok");
  expect_snapshot_as_read_back(temp, pipelined_db);
}

TEST(PipelinedAppend, AProtectedRowIsWrittenRowByRowWithTheRowsAfterIt) {
  // Only the store can tell whether a witness is held already, under its pseudonym.
  TempDir temp;
  const auto pipelined_db = public_store(temp, "pipelined.db");
  const auto row_db = public_store(temp, "row.db");
  write_later_year(temp / "later",
                   "pe-later-witness,person,Later Witness (illustrative),KP,,true\n"
                   "co-later-buyer,company,Later Buyer (illustrative),DE,,\n",
                   ",co-later-buyer,pe-later-witness,owned_by,,,0.5\n"
                   ",sh-2025-0001,co-later-buyer,consigned_to,2025-02-01,,\n");

  const auto pipelined = import_into_database(pipelined_db, {temp / "later"}, {});
  const auto row = import_into_database(row_db, {temp / "later"}, row_by_row());

  EXPECT_EQ(dump_tables(pipelined_db), dump_tables(row_db));
  expect_same_counts(pipelined, row);
  EXPECT_EQ(pipelined.entities.inserted, 3002);
  EXPECT_TRUE(pipelined.rows_written_while_reading);
  expect_snapshot_as_read_back(temp, pipelined_db);
  const auto graph = graph::QueryGraph::load(
      graph::Store::open(pipelined_db, graph::Store::OpenMode::ReadOnlyExisting));
  EXPECT_FALSE(graph.find("pe-later-witness")) << "a witness is in the graph by its real id";
  EXPECT_TRUE(graph.find("co-later-buyer"));
}

TEST(NodesAndEdgesAppend, AWitnessSealedByALaterFileTakesTheClaimsOfItsSameAsWithIt) {
  // Such an import writes with SQLite's reference checks off: the claims on the same_as that
  // leaves the relation table must go with it all the same, as the foreign key says.
  TempDir temp;
  const auto db = temp / "store.db";
  std::filesystem::create_directory(temp / "first");
  testing::write_file(temp / "first" / "nodes.csv",
                      "id,kind,name,country,protected\n"
                      "pe-later,person,Later Witness (illustrative),KP,false\n"
                      "pe-owner,person,Named Owner (illustrative),CN,false\n");
  testing::write_file(temp / "first" / "edges.csv",
                      "id,src,dst,kind,date_from,date_to,confidence\n"
                      "e-same,pe-later,pe-owner,same_as,,,0.9\n");
  testing::write_file(temp / "first" / "sources.csv",
                      "id,title,publisher,published_on,url,sha256,kind,reliability,access\n"
                      "src-report,Field report (illustrative),NGO,2024-01-01,,,report,B,"
                      "public\n");
  testing::write_file(temp / "first" / "claims.csv",
                      "fact,source,locator,credibility,quote\ne-same,src-report,p. 3,2,\n");
  import_into_database(db, {temp / "first"}, {});
  std::filesystem::create_directory(temp / "later");
  testing::write_file(temp / "later" / "nodes.csv",
                      "id,kind,name,country,protected\n"
                      "pe-later,person,Later Witness (illustrative),KP,true\n");

  import_into_database(db, {temp / "later"}, {});

  EXPECT_EQ(foreign_key_violations(db), "");
  EXPECT_EQ(dump_tables(db).find("e-same"), std::string::npos) << "the same_as is still a relation";
  EXPECT_EQ(first_value(db, "SELECT count(*) FROM relation"), "0");
  EXPECT_EQ(first_value(db, "SELECT count(*) FROM sealed_link"), "1");
  EXPECT_EQ(first_value(db, "SELECT count(*) FROM claim"), "0");
}

TEST(NodesAndEdgesAppend, TheStoreChecksReferencesAgainOnceTheImportEnds) {
  TempDir temp;
  const auto db = public_store(temp, "store.db");
  write_later_year(temp / "good");
  write_later_year(temp / "bad", "", ",co-dalian-haiqing,co-nowhere,ships,,,\n");
  auto store = graph::Store::open(db, graph::Store::OpenMode::CreateIfMissing);
  auto references_checked = [&] {
    sqlite3_stmt* query = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(store.handle(), "PRAGMA foreign_keys", -1, &query, nullptr),
              SQLITE_OK);
    const bool on = sqlite3_step(query) == SQLITE_ROW && sqlite3_column_int(query, 0) == 1;
    sqlite3_finalize(query);
    return on;
  };
  ASSERT_TRUE(references_checked());
  EXPECT_THROW(import_files(store, {temp / "bad"}, {}), InputError);
  EXPECT_TRUE(references_checked()) << "after a failed import";
  import_files(store, {temp / "good"}, {});
  EXPECT_TRUE(references_checked()) << "after an import that committed";
  EXPECT_TRUE(import_files(store, {temp / "good"}, {}).already_imported);
  EXPECT_TRUE(references_checked()) << "after an import with nothing to do";
}

TEST(PipelinedAppend, ASnapshotMissingAnEntityOfTheStoreIsNotTrustedWithTheRows) {
  // Written behind the store's back, so its generation still names the snapshot.
  TempDir temp;
  const auto db = public_store(temp, "store.db");
  testing::exec_sql(db,
                    "INSERT INTO entity(ext_id, kind) SELECT 'co-behind-the-back', code FROM "
                    "entity_kind WHERE name = 'company'");
  write_later_year(temp / "later", "", ",co-behind-the-back,sh-2025-0001,ships,,,\n");
  const auto summary = import_into_database(db, {temp / "later"}, {});
  EXPECT_FALSE(summary.rows_written_while_reading);
  EXPECT_EQ(summary.relations.inserted, 6001);
  EXPECT_EQ(foreign_key_violations(db), "");
}

}  // namespace
}  // namespace flgraph::importers
