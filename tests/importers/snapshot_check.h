// tests/importers/snapshot_check.h: the snapshot an import left beside a database, compared with
// one built by reading the store back.
#pragma once
#include <gtest/gtest.h>

#include <filesystem>

#include "graph/query_graph.h"
#include "graph/store.h"
#include "test_support.h"

namespace flgraph::importers {

// The snapshot beside `db` is byte for byte the one built from the store's rows, with the same
// generation (written into `temp` for the comparison).
inline void expect_snapshot_as_read_back(const testing::TempDir& temp,
                                         const std::filesystem::path& db) {
  const auto store = graph::Store::open(db, graph::Store::OpenMode::ReadOnlyExisting);
  const auto read_back = temp / "read-back.qgraph";
  graph::QueryGraph::build_from_store(store).write_snapshot(read_back, store.generation());
  const auto imported = testing::read_file(graph::QueryGraph::snapshot_path(db));
  EXPECT_GT(imported.size(), 0U);
  EXPECT_TRUE(imported == testing::read_file(read_back))
      << "the snapshot the import left differs from the one read back from the store";
}

}  // namespace flgraph::importers
