// tests/importers/import_snapshot_test.cpp: an import whose query graph snapshot cannot be saved
// keeps its data, says so in its summary and on stderr, and leaves no partial file.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "graph/query_graph.h"
#include "graph/store.h"
#include "graph/warnings.h"
#include "importers/import.h"
#include "test_support.h"

namespace flgraph::importers {
namespace {

TEST(ImportSnapshot, SnapshotThatCannotBeSavedIsReportedInsteadOfItsTime) {
  testing::TempDir temp;
  const auto db = temp / "store.db";
  // A folder where the snapshot goes makes its rename fail, as a full disk fails its write.
  std::filesystem::create_directory(graph::QueryGraph::snapshot_path(db));
  std::vector<std::string> warnings;
  const auto previous =
      graph::set_warning_sink([&](std::string_view line) { warnings.emplace_back(line); });
  const auto summary = import_into_database(db, {testing::sample_dataset()}, {});
  graph::set_warning_sink(previous);

  EXPECT_GT(summary.entities.inserted, 0);
  EXPECT_EQ(graph::Store::open(db, graph::Store::OpenMode::ReadOnlyExisting).entity_count(),
            summary.entities.inserted);
  EXPECT_EQ(summary.query_graph_seconds, 0.0);
  EXPECT_NE(summary.query_graph_problem.find("cannot write the query graph snapshot"),
            std::string::npos)
      << summary.query_graph_problem;
  ASSERT_FALSE(warnings.empty());
  EXPECT_NE(warnings.back().find(summary.query_graph_problem), std::string::npos)
      << warnings.back();
  for (const auto& entry : std::filesystem::directory_iterator(temp.path())) {
    EXPECT_EQ(entry.path().filename().string().find(".partial"), std::string::npos) << entry.path();
  }
}

TEST(ImportSnapshot, SavedSnapshotLeavesNoProblemInTheSummary) {
  testing::TempDir temp;
  const auto summary = import_into_database(temp / "store.db", {testing::sample_dataset()}, {});
  EXPECT_EQ(summary.query_graph_problem, "");
  EXPECT_GT(summary.query_graph_seconds, 0.0);
}

}  // namespace
}  // namespace flgraph::importers
