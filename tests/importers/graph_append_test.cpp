// tests/importers/graph_append_test.cpp: an import of nodes and edges into an existing store adds
// its rows to the store's snapshot, and the result is the graph read back from the store, down to
// the snapshot's bytes; anything else an import may change reads the graph back.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "graph/query_graph.h"
#include "graph/store.h"
#include "importers/import.h"
#include "snapshot_check.h"
#include "test_support.h"

namespace flgraph::importers {
namespace {

using graph::QueryGraph;
using graph::Store;
using testing::TempDir;

// The sample dataset (witnesses, claims, designations) as the store a later file is added to.
std::filesystem::path sample_store(const TempDir& temp) {
  const auto db = temp / "store.db";
  import_into_database(db, {testing::sample_dataset()}, {});
  return db;
}

// A later shipment, a new buyer and a new witness, tied to entities the store holds (a witness
// among them, named by its real id), and one relation given again exactly as the store has it;
// `node_row`, when given, is one more row of the nodes file.
void write_later_year(const TempDir& temp, const std::string& node_row = "") {
  std::filesystem::create_directory(temp / "later");
  testing::write_file(temp / "later" / "nodes.csv",
                      "id,kind,name,country,protected\n"
                      "sh-2024-02-01-nws,shipment,Later shipment (illustrative),,false\n"
                      "co-later-importer,company,Later Importer (illustrative),DE,false\n"
                      "pe-later-witness,person,Later Witness (illustrative),KP,true\n" +
                          node_row);
  testing::write_file(
      temp / "later" / "edges.csv",
      "id,src,dst,kind,date_from,date_to,confidence\n"
      "e-later-1,co-northwind-seafood,sh-2024-02-01-nws,ships,2024-02-01,,0.8\n"
      "e-later-2,sh-2024-02-01-nws,co-later-importer,consigned_to,2024-02-01,,\n"
      "e-later-3,co-later-importer,pe-later-witness,owned_by,,,0.5\n"
      "e-later-4,pe-later-witness,pe-owner-chen,same_as,,,0.9\n"
      "e-later-5,co-later-importer,pe-canary-kim,owned_by,2023-01-01,,\n"
      "e-dw-01,se-bureau-7,si-seafood-plant-north,dispatches_workers,2016-05-01,2020-12-31,\n");
}

TEST(GraphAppend, NodesAndEdgesAddedToAStoreExtendItsSnapshotAsTheStoreWouldReadIt) {
  TempDir temp;
  const auto db = sample_store(temp);
  write_later_year(temp);
  const auto before = QueryGraph::load(Store::open(db, Store::OpenMode::ReadOnlyExisting));
  const auto summary = import_into_database(db, {temp / "later"}, {});
  EXPECT_EQ(summary.entities.inserted, 3);
  EXPECT_EQ(summary.relations.inserted, 5);
  EXPECT_EQ(summary.relations.unchanged, 1);
  EXPECT_TRUE(summary.query_graph_from_rows);
  EXPECT_EQ(summary.query_graph_problem, "");
  expect_snapshot_as_read_back(temp, db);
  const auto after = QueryGraph::load(Store::open(db, Store::OpenMode::ReadOnlyExisting));
  EXPECT_EQ(after.vertex_count(), before.vertex_count() + 3);
  // e-later-4, a witness's same_as to a named person, is kept sealed outside the graph.
  EXPECT_EQ(after.edge_count(), before.edge_count() + 4);
  EXPECT_FALSE(after.find("pe-later-witness")) << "a witness is in the graph by its real id";
}

TEST(GraphAppend, ACompanyRenamedOnTheWayKeepsTheGraphFromTheRows) {
  TempDir temp;
  const auto db = sample_store(temp);
  write_later_year(temp);
  testing::write_file(
      temp / "later" / "nodes.csv",
      "id,kind,name,country,protected\n"
      "sh-2024-02-01-nws,shipment,Later shipment (illustrative),,false\n"
      "co-later-importer,company,Later Importer (illustrative),DE,false\n"
      "pe-later-witness,person,Later Witness (illustrative),KP,true\n"
      "co-northwind-seafood,company,Northwind Seafood Renamed (illustrative),,false\n");
  const auto summary = import_into_database(db, {temp / "later"}, {});
  EXPECT_EQ(summary.entities.updated, 1);
  EXPECT_TRUE(summary.query_graph_from_rows);
  expect_snapshot_as_read_back(temp, db);
}

TEST(GraphAppend, AWitnessGivenAgainWithoutItsProtectionReadsTheGraphBack) {
  // The store keeps it sealed whatever the file says; its row is not the file's id.
  TempDir temp;
  const auto db = sample_store(temp);
  write_later_year(temp, "pe-canary-kim,person,Canary Witness Kim (renamed),KP,false\n");
  const auto summary = import_into_database(db, {temp / "later"}, {});
  EXPECT_EQ(summary.entities.updated, 1);
  EXPECT_FALSE(summary.query_graph_from_rows);
  expect_snapshot_as_read_back(temp, db);
  const auto graph = QueryGraph::load(Store::open(db, Store::OpenMode::ReadOnlyExisting));
  EXPECT_FALSE(graph.find("pe-canary-kim")) << "a witness is in the graph by its real id";
}

TEST(GraphAppend, AnAppendThatChangesARowTheStoreHeldReadsTheGraphBack) {
  TempDir temp;
  const auto db = sample_store(temp);
  write_later_year(temp);
  // The same relation with another confidence: the stored row changes.
  testing::write_file(temp / "later" / "edges.csv",
                      "id,src,dst,kind,date_from,date_to,confidence\n"
                      "e-later-1,co-northwind-seafood,sh-2024-02-01-nws,ships,2024-02-01,,0.8\n"
                      "e-dw-01,se-bureau-7,si-seafood-plant-north,dispatches_workers,2016-05-01,"
                      "2020-12-31,0.4\n");
  const auto summary = import_into_database(db, {temp / "later"}, {});
  EXPECT_EQ(summary.relations.updated, 1);
  EXPECT_FALSE(summary.query_graph_from_rows);
  expect_snapshot_as_read_back(temp, db);
}

TEST(GraphAppend, AnAppendWithClaimsReadsTheGraphBack) {
  TempDir temp;
  const auto db = sample_store(temp);
  write_later_year(temp);
  // A claim may change the confidence of a relation the snapshot holds.
  testing::write_file(
      temp / "later" / "claims.csv",
      "fact,source,locator,credibility,quote\ne-dw-01,src-ngo-report-2021,p. 9,1,\n");
  const auto summary = import_into_database(db, {temp / "later"}, {});
  EXPECT_EQ(summary.claims.inserted, 1);
  EXPECT_FALSE(summary.query_graph_from_rows);
  expect_snapshot_as_read_back(temp, db);
}

TEST(GraphAppend, AStoreWithoutACurrentSnapshotHasItsGraphReadBack) {
  TempDir temp;
  const auto db = sample_store(temp);
  write_later_year(temp);
  std::filesystem::remove(QueryGraph::snapshot_path(db));
  const auto summary = import_into_database(db, {temp / "later"}, {});
  EXPECT_FALSE(summary.query_graph_from_rows);
  expect_snapshot_as_read_back(temp, db);
}

TEST(GraphAppend, ASnapshotOfAnEarlierGenerationIsNotExtended) {
  TempDir temp;
  const auto db = sample_store(temp);
  write_later_year(temp);
  const auto earlier = testing::read_file(QueryGraph::snapshot_path(db));
  testing::write_file(temp / "between.csv",
                      "id,kind,name,country\nco-between,company,Between (illustrative),DE\n");
  EXPECT_TRUE(import_into_database(db, {temp / "between.csv"}, {}).query_graph_from_rows);
  // The snapshot of the store before co-between, which the store no longer matches.
  testing::write_file(QueryGraph::snapshot_path(db), earlier);
  const auto summary = import_into_database(db, {temp / "later"}, {});
  EXPECT_FALSE(summary.query_graph_from_rows);
  expect_snapshot_as_read_back(temp, db);
}

TEST(GraphAppend, AnAppendThatAddsNothingLeavesTheSnapshotFileAsItWas) {
  TempDir temp;
  const auto db = sample_store(temp);
  write_later_year(temp);
  import_into_database(db, {temp / "later"}, {});
  const auto snapshot = testing::read_file(QueryGraph::snapshot_path(db));
  // Not the last import's files (those are not read again at all): their edges alone.
  const auto summary = import_into_database(db, {temp / "later" / "edges.csv"}, {});
  EXPECT_FALSE(summary.already_imported);
  EXPECT_EQ(summary.relations.unchanged, 6);
  EXPECT_EQ(summary.entities.inserted + summary.relations.inserted, 0);
  EXPECT_FALSE(summary.query_graph_from_rows);
  EXPECT_TRUE(testing::read_file(QueryGraph::snapshot_path(db)) == snapshot);
}

}  // namespace
}  // namespace flgraph::importers
