// tests/importers/fresh_import_test.cpp: a first import appears whole or not at all, leaves a
// snapshot, and the pipelined import writes what the row-by-row import writes.

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
#include "table_dump.h"
#include "test_support.h"

namespace flgraph::importers {
namespace {

using graph::Store;
using testing::TempDir;

std::vector<std::string> files_in(const std::filesystem::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder))
    names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(FreshImport, ANewDatabaseAppearsOnlyCompleteAsAnOrdinaryWalFileWithEveryIndex) {
  TempDir temp;
  const auto db = temp / "new.db";
  import_into_database(db, {testing::sample_dataset()}, {});
  // The database, and beside it the query graph snapshot the import prepared.
  EXPECT_EQ(files_in(temp.path()), (std::vector<std::string>{"new.db", "new.db.qgraph"}));
  const auto store = Store::open(db, Store::OpenMode::ReadOnlyExisting);
  EXPECT_GT(store.stats().relations_by_kind.size(), 0u);
  // The indexes a bulk load defers are there, and the file is in WAL mode like any other.
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  auto one_text = [&](const char* sql) {
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(raw, sql, -1, &statement, nullptr);
    std::string out;
    if (sqlite3_step(statement) == SQLITE_ROW)
      out = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    sqlite3_finalize(statement);
    return out;
  };
  EXPECT_EQ(one_text("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(one_text("SELECT count(*) FROM sqlite_schema WHERE name IN "
                     "('relation_ext_id','relation_by_ends','relation_by_dst',"
                     "'relation_recent_by_ends','relation_recent_by_dst')"),
            "5");
  // Every relation of a new store is in the settled part of the indexes on its ends.
  EXPECT_EQ(one_text("SELECT count(*) FROM relation WHERE recent IS NOT NULL"), "0");
  EXPECT_EQ(one_text("PRAGMA integrity_check"), "ok");
  // The load wrote without SQLite's reference checks (the session checked every reference):
  // not one row points at nothing.
  EXPECT_EQ(one_text("PRAGMA foreign_key_check"), "");
  sqlite3_close(raw);
}

TEST(FreshImport, ALoadThatIsNotPipelinedLeavesNoDanglingReferenceEither) {
  // An evidence bundle goes row by row through the session, into a new path like any bulk load.
  TempDir temp;
  const auto db = temp / "bundle.db";
  import_into_database(db, {testing::fixture("json/bundle.json")}, {});
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* check = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(raw, "PRAGMA foreign_key_check", -1, &check, nullptr), SQLITE_OK);
  EXPECT_EQ(sqlite3_step(check), SQLITE_DONE);
  sqlite3_finalize(check);
  sqlite3_close(raw);
  EXPECT_EQ(Store::open(db, Store::OpenMode::ReadOnlyExisting).stats().claims, 4);
}

TEST(ImportSnapshot, EveryImportLeavesASnapshotOfTheNewGenerationSoTheFirstQueryNeedsNoBuild) {
  TempDir temp;
  const auto db = temp / "store.db";
  const auto first = import_into_database(db, {testing::sample_dataset()}, {});
  EXPECT_GT(first.query_graph_seconds, 0.0);
  auto check_snapshot_is_current = [&] {
    const auto store = Store::open(db, Store::OpenMode::ReadOnlyExisting);
    const auto mapped =
        graph::QueryGraph::map_snapshot(graph::QueryGraph::snapshot_path(db), store.generation());
    if (!mapped) {
      ADD_FAILURE() << "no current snapshot beside " << db;
      return std::size_t{0};
    }
    EXPECT_TRUE(mapped->is_mapped());
    EXPECT_EQ(mapped->vertex_count(), static_cast<std::size_t>(store.entity_count()));
    return mapped->edge_count();
  };
  const auto edges_before = check_snapshot_is_current();
  // A later import into the existing store moves the generation on; the snapshot follows it.
  testing::write_file(
      temp / "more.csv",
      "src,dst,kind,date_from,date_to,confidence\nco-golden-shell-2,co-golden-shell,owned_by,,,\n");
  testing::write_file(temp / "more_nodes.csv",
                      "id,kind,name,country\nco-golden-shell-2,company,Golden Shell Two,CN\n");
  import_into_database(db, {temp / "more_nodes.csv", temp / "more.csv"}, {});
  EXPECT_EQ(check_snapshot_is_current(), edges_before + 1);
}

TEST(FreshImport, AFailedImportIntoANewPathLeavesNoFileBehind) {
  TempDir temp;
  std::filesystem::create_directory(temp / "in");
  testing::write_file(temp / "in" / "nodes.csv",
                      "id,kind,name,country\nco-1,company,One,CN\nco-2,factory,Two,CN\n");
  EXPECT_THROW(import_into_database(temp / "new.db", {temp / "in"}, {}), InputError);
  EXPECT_EQ(files_in(temp.path()), std::vector<std::string>{"in"});
}

// A new database filled from bulk CSV writes its rows on a second thread (importers/
// store_writer.h). Whatever the rows, it must hold exactly what the row-by-row import into an
// existing, empty store holds: repeated rows merged, aliases, attributes, protection, counts.
TEST(PipelinedImport, WritesExactlyWhatTheRowByRowImportWrites) {
  TempDir temp;
  std::filesystem::create_directory(temp / "in");
  std::string nodes = "id,kind,name,country,aliases,protected,date_from\n";
  std::string edges = "id,src,dst,kind,date_from,date_to,confidence\n";
  // Enough rows for many batches, with repeats the writer must merge as an upsert would.
  for (int i = 0; i < 5000; ++i)
    nodes += fmt::format("co-{},company,Company {},CN,Alias {};Other {},0,\n", i, i, i, i);
  nodes += "co-7,company,Company Seven Renamed,,Seventh,1,2019-01-01\n";  // repeated: name, alias,
                                                                          // flag, date
  nodes += "co-8,company,,KP,,0,\n";  // repeated: empty name keeps the old
  for (int i = 0; i + 1 < 5000; ++i)
    edges +=
        fmt::format(",co-{},co-{},supplies,2020-01-0{},,0.{}\n", i, i + 1, 1 + i % 9, 1 + i % 9);
  edges += ",co-3,co-4,supplies,2020-01-04,2021-01-01,0.9\n";  // the same derived id again, now
                                                               // with an end
  edges += "r-1,co-1,co-9,owned_by,,,\n";
  edges +=
      "r-1,co-1,co-9,owned_by,2018-05-05,,0.5\n";  // an explicit id repeated with the same ends
  testing::write_file(temp / "in" / "nodes.csv", nodes);
  testing::write_file(temp / "in" / "edges.csv", edges);

  const auto pipelined = import_into_database(temp / "new.db", {temp / "in"}, {});
  { auto empty = Store::open(temp / "rowwise.db", Store::OpenMode::CreateIfMissing); }
  const auto row_by_row = import_into_database(temp / "rowwise.db", {temp / "in"}, {});

  EXPECT_TRUE(pipelined.rows_written_while_reading);
  EXPECT_FALSE(row_by_row.rows_written_while_reading) << "an empty store without a snapshot";
  EXPECT_EQ(dump_tables(temp / "new.db"), dump_tables(temp / "rowwise.db"));
  for (auto [a, b] : {std::pair{pipelined.entities, row_by_row.entities},
                      {pipelined.relations, row_by_row.relations}}) {
    EXPECT_EQ(a.inserted, b.inserted);
    EXPECT_EQ(a.updated, b.updated);
    EXPECT_EQ(a.unchanged, b.unchanged);
  }
  EXPECT_EQ(pipelined.entities.inserted, 5000);
  EXPECT_EQ(pipelined.entities.updated, 2);
  EXPECT_EQ(pipelined.relations.updated, 2);
}

// The writer holds new relations and inserts them many to a statement (graph/detail/
// new_relation_rows.h): a relation given again while its first row is still held must be found
// and merged, and a relation to a witness, inserted at once, must take the row after them.
TEST(PipelinedImport, ARelationGivenAgainWhileItsFirstRowIsHeldIsMergedAsRowByRow) {
  TempDir temp;
  std::filesystem::create_directory(temp / "in");
  std::string nodes = "id,kind,name,country,aliases,protected\n";
  for (int i = 0; i < 20; ++i) nodes += fmt::format("co-{},company,Company {},CN,,0\n", i, i);
  nodes += "w-1,person,,KP,,1\n";
  std::string edges = "id,src,dst,kind,date_from,date_to,confidence\n";
  for (int i = 0; i + 1 < 10; ++i) edges += fmt::format(",co-{},co-{},supplies,,,\n", i, i + 1);
  edges += "r-1,co-11,co-12,owned_by,,,\n";
  edges += ",co-2,co-3,supplies,,,0.4\n";                 // held: a new confidence
  edges += "r-1,co-11,co-12,owned_by,2018-05-05,,0.5\n";  // held: a start date
  edges += ",co-5,w-1,owned_by,,,\n";                     // sealed, inserted at once
  edges += ",co-12,co-13,supplies,,,\n";
  edges += "r-2,co-13,co-14,owned_by,,,\n";
  edges += "r-2,co-14,co-13,owned_by,,,\n";  // held: other ends
  testing::write_file(temp / "in" / "nodes.csv", nodes);
  testing::write_file(temp / "in" / "edges.csv", edges);
  try {
    import_into_database(temp / "new.db", {temp / "in"}, {});
    FAIL() << "r-2 named two relations";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("edges.csv:17"), std::string::npos) << error.what();
  }
  edges.resize(edges.rfind("r-2,co-14"));
  testing::write_file(temp / "in" / "edges.csv", edges);
  const auto pipelined = import_into_database(temp / "new.db", {temp / "in"}, {});
  { auto empty = Store::open(temp / "rowwise.db", Store::OpenMode::CreateIfMissing); }
  const auto row_by_row = import_into_database(temp / "rowwise.db", {temp / "in"}, {});
  EXPECT_TRUE(pipelined.rows_written_while_reading);
  EXPECT_EQ(dump_tables(temp / "new.db"), dump_tables(temp / "rowwise.db"));
  EXPECT_EQ(pipelined.relations.inserted, 13);
  EXPECT_EQ(pipelined.relations.updated, 2);
  EXPECT_EQ(row_by_row.relations.updated, 2);
}

TEST(PipelinedImport, AnErrorOnlyTheWriterCanSeeIsReportedAtItsRowBeforeALaterOne) {
  TempDir temp;
  std::filesystem::create_directory(temp / "in");
  std::string nodes = "id,kind,name,country\n";
  for (int i = 0; i < 3000; ++i) nodes += fmt::format("co-{},company,Company {},CN\n", i, i);
  std::string edges = "id,src,dst,kind,date_from,date_to,confidence\n";
  for (int i = 0; i < 3000; ++i)
    edges += fmt::format("r-{},co-{},co-{},supplies,,,\n", i, i, (i + 1) % 3000);
  // Line 3002: r-5 again with other ends, which only the store knows (a conflict the writer
  // finds); line 3003: an unknown entity, which the reading thread finds first.
  edges += "r-5,co-7,co-9,supplies,,,\n";
  edges += "r-x,co-1,co-nowhere,supplies,,,\n";
  testing::write_file(temp / "in" / "nodes.csv", nodes);
  testing::write_file(temp / "in" / "edges.csv", edges);
  try {
    import_into_database(temp / "new.db", {temp / "in"}, {});
    FAIL() << "the import succeeded";
  } catch (const InputError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("edges.csv:3002: field \"id\""), std::string::npos) << message;
    EXPECT_NE(message.find("already names a different relation"), std::string::npos) << message;
  }
  EXPECT_EQ(files_in(temp.path()), std::vector<std::string>{"in"});
}

}  // namespace
}  // namespace flgraph::importers
