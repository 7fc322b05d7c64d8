// tests/importers/graph_capture_test.cpp: the query graph a new store's import builds from the rows
// it wrote is the graph read back from the store, down to the snapshot's bytes.
#include <fmt/format.h>
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

TEST(GraphFromRows, ANewStoresSnapshotIsByteForByteTheOneReadBackFromTheStore) {
  // Protected witnesses (stored under pseudonyms), a same_as between two companies, relations
  // whose confidence comes from their claims, designations.
  for (const auto& dataset :
       {testing::sample_dataset(), testing::sample_dataset().parent_path() / "dprk-public"}) {
    SCOPED_TRACE(dataset.string());
    TempDir temp;
    const auto db = temp / "store.db";
    const auto summary = import_into_database(db, {dataset}, {});
    EXPECT_TRUE(summary.query_graph_from_rows);
    EXPECT_EQ(summary.query_graph_problem, "");
    expect_snapshot_as_read_back(temp, db);
  }
}

TEST(GraphFromRows, AWitnessLinkedToANamedRecordStaysOutOfTheGraphAsInTheStore) {
  TempDir temp;
  testing::write_file(temp / "nodes.csv",
                      "id,kind,name,country,protected\n"
                      "pe-witness,person,Witness (illustrative),KP,true\n"
                      "pe-witness-2,person,Second Witness (illustrative),KP,true\n"
                      "pe-named,person,Named Person (illustrative),KP,false\n"
                      "co-plant,company,Plant (illustrative),CN,false\n");
  // e-1 is kept sealed outside the relations; e-2 and e-4 are sealed relations in the graph.
  testing::write_file(temp / "edges.csv",
                      "id,src,dst,kind,date_from,date_to,confidence\n"
                      "e-1,pe-witness,pe-named,same_as,,,0.9\n"
                      "e-2,co-plant,pe-witness,owned_by,2019-01-01,2020-06-30,\n"
                      "e-3,co-plant,pe-named,owned_by,,,0.7\n"
                      "e-4,pe-witness,pe-witness-2,same_as,,,0.6\n");
  const auto db = temp / "store.db";
  const auto summary = import_into_database(db, {temp / "nodes.csv", temp / "edges.csv"}, {});
  EXPECT_TRUE(summary.query_graph_from_rows);
  expect_snapshot_as_read_back(temp, db);
  const auto store = Store::open(db, Store::OpenMode::ReadOnlyExisting);
  EXPECT_EQ(QueryGraph::load(store).edge_count(), 3U);
}

TEST(GraphFromRows, ANewStoreOfEntitiesAloneHasAGraphWithoutEdges) {
  TempDir temp;
  testing::write_file(temp / "nodes.csv",
                      "id,kind,name,country\nco-b,company,B,CN\nco-a,company,A,KP\n");
  const auto db = temp / "store.db";
  const auto summary = import_into_database(db, {temp / "nodes.csv"}, {});
  EXPECT_TRUE(summary.query_graph_from_rows);
  expect_snapshot_as_read_back(temp, db);
  const auto graph = QueryGraph::load(Store::open(db, Store::OpenMode::ReadOnlyExisting));
  ASSERT_EQ(graph.vertex_count(), 2U);
  EXPECT_EQ(graph.id(0), "co-a");  // vertices in id order, not in the file's
  EXPECT_EQ(graph.edge_count(), 0U);
}

TEST(GraphFromRows, RepeatedRowsLeaveTheGraphToTheStoreWithTheSameResult) {
  TempDir temp;
  std::string nodes = "id,kind,name,country\n";
  for (int i = 0; i < 3000; ++i) nodes += fmt::format("co-{},company,Company {},CN\n", i, i);
  std::string edges = "id,src,dst,kind,date_from,date_to,confidence\n";
  for (int i = 0; i + 1 < 3000; ++i)
    edges += fmt::format("r-{},co-{},co-{},supplies,,,0.8\n", i, i, i + 1);
  // A later row of the same relation moves its dates and confidence: the stored row changes.
  edges += "r-5,co-5,co-6,supplies,2020-01-01,,0.3\n";
  testing::write_file(temp / "nodes.csv", nodes);
  testing::write_file(temp / "edges.csv", edges);
  const auto db = temp / "store.db";
  const auto summary = import_into_database(db, {temp / "nodes.csv", temp / "edges.csv"}, {});
  EXPECT_EQ(summary.relations.updated, 1);
  EXPECT_FALSE(summary.query_graph_from_rows);
  expect_snapshot_as_read_back(temp, db);
}

TEST(GraphFromRows, RowsPastTheCaptureBudgetLeaveTheGraphToTheStoreWithTheSameResult) {
  TempDir temp;
  std::string nodes = "id,kind,name,country\n";
  for (int i = 0; i < 3000; ++i) nodes += fmt::format("co-{},company,Company {},CN\n", i, i);
  std::string edges = "src,dst,kind,date_from,date_to,confidence\n";
  for (int i = 0; i + 1 < 3000; ++i)
    edges += fmt::format("co-{},co-{},supplies,2019-0{}-01,,0.8\n", i, i + 1, 1 + i % 9);
  testing::write_file(temp / "nodes.csv", nodes);
  testing::write_file(temp / "edges.csv", edges);
  // 3,000 entities take 144 KB in the capture, and 2,999 edges 96 KB.
  for (const std::size_t budget :
       {std::size_t{64} << 10, std::size_t{200} << 10, std::size_t{1} << 20}) {
    SCOPED_TRACE(budget);
    const auto db = temp / fmt::format("store-{}.db", budget);
    ImportOptions options;
    options.graph_capture_bytes = budget;
    const auto summary =
        import_into_database(db, {temp / "nodes.csv", temp / "edges.csv"}, options);
    EXPECT_EQ(summary.query_graph_from_rows, budget == (std::size_t{1} << 20));
    EXPECT_EQ(summary.query_graph_problem, "");
    expect_snapshot_as_read_back(temp, db);
  }
}

TEST(GraphFromRows, AnImportIntoAnExistingStoreReadsItsGraphBack) {
  TempDir temp;
  const auto db = temp / "store.db";
  { auto empty = Store::open(db, Store::OpenMode::CreateIfMissing); }
  const auto summary = import_into_database(db, {testing::sample_dataset()}, {});
  EXPECT_FALSE(summary.query_graph_from_rows);
  expect_snapshot_as_read_back(temp, db);
}

TEST(GraphFromRows, AnImportThatFailsAfterItsRelationsLeavesNoFileBehind) {
  TempDir temp;
  std::filesystem::create_directory(temp / "in");
  std::string nodes = "id,kind,name,country\n";
  for (int i = 0; i < 3000; ++i) nodes += fmt::format("co-{},company,Company {},CN\n", i, i);
  std::string edges = "id,src,dst,kind,date_from,date_to,confidence\n";
  for (int i = 0; i + 1 < 3000; ++i)
    edges += fmt::format("r-{},co-{},co-{},supplies,,,\n", i, i, i + 1);
  testing::write_file(temp / "in" / "nodes.csv", nodes);
  testing::write_file(temp / "in" / "edges.csv", edges);
  // The claims come after the graph's build has started; their source does not exist.
  testing::write_file(temp / "in" / "claims.csv",
                      "fact,source,locator,credibility,quote\nr-1,src-nowhere,p. 1,2,\n");
  EXPECT_THROW(import_into_database(temp / "store.db", {temp / "in"}, {}), InputError);
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(temp.path()))
    ++files;
  EXPECT_EQ(files, 1U);  // the input folder alone
}

}  // namespace
}  // namespace flgraph::importers
