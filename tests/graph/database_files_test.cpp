// tests/graph/database_files_test.cpp: the names of the files kept beside a database.
#include "graph/database_files.h"

#include <gtest/gtest.h>

#include "graph/query_graph.h"

namespace flgraph::graph {
namespace {

TEST(DatabaseFiles, BuildPathCarriesThePidAndReadsBack) {
  EXPECT_EQ(building_path("/data/x.db", 1234), std::filesystem::path("/data/x.db.importing-1234"));
  EXPECT_EQ(building_pid("x.db", "x.db.importing-1234"), 1234);
  EXPECT_EQ(building_pid("x.db", "x.db.importing-1234-journal"), 1234);
  EXPECT_EQ(building_pid("x.db", "x.db.importing-1234-wal"), 1234);
  for (const char* other :
       {"x.db", "x.db.importing-", "x.db.importing-12a", "x.db.importing--5", "x.db.importing-0",
        "x.db.importing-12.bak", "y.db.importing-12", "x.db.qgraph"}) {
    EXPECT_FALSE(building_pid("x.db", other).has_value()) << other;
  }
}

TEST(DatabaseFiles, CompanionsAreTheDatabaseSqliteSnapshotNameIndexAndBuildFiles) {
  const auto snapshot = QueryGraph::snapshot_path("x.db").filename().string();
  const auto names = name_index_path("x.db").filename().string();
  for (const std::string& name :
       {std::string("x.db"), std::string("x.db-wal"), std::string("x.db-shm"),
        std::string("x.db-journal"), snapshot, snapshot + ".partial", names, names + ".partial",
        std::string("x.db.importing-99"), std::string("x.db.importing-99-shm")}) {
    EXPECT_TRUE(is_database_file("x.db", name)) << name;
  }
  for (const char* other :
       {"x.db.json", "x.dbx", "y.db", "x.d", "x.db.qgraph.old", "x.db.names.old", "bundle.json"}) {
    EXPECT_FALSE(is_database_file("x.db", other)) << other;
  }
}

}  // namespace
}  // namespace flgraph::graph
