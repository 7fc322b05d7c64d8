// tests/graph/query_graph_test.cpp: the CSR graph and its parallel edge arrays agree with the
// input.
#include "graph/query_graph.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/range/iterator_range.hpp>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <tuple>

#include "graph/writable_block.h"
#include "test_support.h"

namespace flgraph::graph {
namespace {

std::vector<VertexInput> vertices(std::size_t count) {
  std::vector<VertexInput> out;
  for (std::size_t i = 0; i < count; ++i)
    out.push_back(
        {fmt::format("v{:04d}", i), EntityKind::Company, false, static_cast<EntityRowId>(i + 1)});
  return out;
}

TEST(QueryGraph, EdgeArraysLineUpWithTheCsrInBothDirections) {
  std::mt19937 random(7);
  const std::size_t n = 50;
  std::vector<EdgeInput> edges;
  for (std::size_t i = 0; i < 400; ++i) {
    const auto src = static_cast<VertexId>(random() % n);
    const auto dst = static_cast<VertexId>(random() % n);
    edges.push_back({src, dst, static_cast<RelationKind>(random() % kRelationKindCount),
                     static_cast<std::int32_t>(i), static_cast<std::int32_t>(i + 10), 0.5f,
                     static_cast<RelationRowId>(1000 + i)});
  }
  const auto g = QueryGraph::build(vertices(n), edges);
  ASSERT_EQ(g.edge_count(), edges.size());
  std::multiset<std::tuple<VertexId, VertexId, RelationRowId, std::int32_t>> expected;
  for (const auto& e : edges) expected.insert({e.src, e.dst, e.relation_row, e.date_from});
  std::multiset<std::tuple<VertexId, VertexId, RelationRowId, std::int32_t>> forward;
  std::multiset<std::tuple<VertexId, VertexId, RelationRowId, std::int32_t>> backward;
  for (VertexId v = 0; v < n; ++v) {
    g.for_each_out_edge(v, [&](VertexId target, EdgeIdx e) {
      EXPECT_EQ(g.edge_source(e), v);
      EXPECT_EQ(g.edge_target(e), target);
      forward.insert({v, target, g.relation_row(e), g.edge_from(e)});
    });
    g.for_each_in_edge(v, [&](VertexId source, EdgeIdx e) {
      EXPECT_EQ(g.edge_target(e), v);
      backward.insert({source, v, g.relation_row(e), g.edge_from(e)});
    });
  }
  EXPECT_EQ(forward, expected);
  EXPECT_EQ(backward, expected);
}

TEST(QueryGraph, FindsVerticesByIdInByteOrder) {
  const auto g = QueryGraph::build(vertices(20), {});
  EXPECT_EQ(g.find("v0000"), 0u);
  EXPECT_EQ(g.find("v0013"), 13u);
  EXPECT_FALSE(g.find("v0020"));
  EXPECT_FALSE(g.find(""));
  EXPECT_EQ(g.id(7), "v0007");
}

// Every array of a graph, vertex by vertex and edge by edge in order.
std::string dump(const QueryGraph& g) {
  std::string out;
  for (VertexId v = 0; v < g.vertex_count(); ++v) {
    out += fmt::format("{} {} {} {}:", g.id(v), static_cast<int>(g.kind(v)), g.is_protected(v),
                       g.entity_row(v));
    g.for_each_out_edge(v, [&](VertexId target, EdgeIdx e) {
      out += fmt::format(" >{} {} {} {} {} {}", target, static_cast<int>(g.edge_kind(e)),
                         g.edge_from(e), g.edge_to(e), g.edge_confidence(e), g.relation_row(e));
    });
    g.for_each_in_edge(v, [&](VertexId source, EdgeIdx e) {
      out += fmt::format(" <{} {}", source, g.relation_row(e));
    });
    out += "\n";
  }
  return out;
}

TEST(QueryGraph, AGraphExtendedByAddedRowsIsTheGraphBuiltFromAllOfThem) {
  // 100 entities with ids in shuffled order: the first 60 rows are the base's, the rest added.
  std::mt19937 random(11);
  std::vector<std::size_t> order(100);
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), random);
  std::vector<VertexInput> all;
  for (std::size_t row = 1; row <= 100; ++row)
    all.push_back({fmt::format("e{:03d}", order[row - 1]),
                   static_cast<EntityKind>(row % kEntityKindCount), row % 7 == 0,
                   static_cast<EntityRowId>(row)});
  // Edges between rows, in relation row order: the base's join base rows only.
  std::vector<EdgeInput> edges;
  for (std::size_t i = 0; i < 700; ++i) {
    const bool in_base = i < 400;
    const auto end = [&] { return static_cast<VertexId>(1 + random() % (in_base ? 60 : 100)); };
    edges.push_back({end(), end(), static_cast<RelationKind>(random() % kRelationKindCount),
                     static_cast<std::int32_t>(i), static_cast<std::int32_t>(i + 5),
                     static_cast<float>(i % 10) / 10.0f, static_cast<RelationRowId>(i + 1)});
  }
  auto numbered = [](std::vector<VertexInput> vertices, std::vector<EdgeInput> row_edges) {
    std::sort(vertices.begin(), vertices.end(),
              [](const auto& a, const auto& b) { return a.id < b.id; });
    std::map<EntityRowId, VertexId> vertex_of_row;
    for (std::size_t v = 0; v < vertices.size(); ++v)
      vertex_of_row[vertices[v].entity_row] = static_cast<VertexId>(v);
    for (auto& edge : row_edges) {
      edge.src = vertex_of_row.at(edge.src);
      edge.dst = vertex_of_row.at(edge.dst);
    }
    return QueryGraph::build(std::move(vertices), std::move(row_edges));
  };
  const auto base = numbered({all.begin(), all.begin() + 60}, {edges.begin(), edges.begin() + 400});
  const auto extended =
      QueryGraph::extended(base, {all.begin() + 60, all.end()}, {edges.begin() + 400, edges.end()});
  ASSERT_TRUE(extended);
  EXPECT_EQ(dump(*extended), dump(numbered(all, edges)));
  EXPECT_EQ(extended->edge_count(), 700u);
}

TEST(QueryGraph, AnExtensionThatRepeatsAnIdOrARowOrNamesNoRowIsRefused) {
  const auto base = QueryGraph::build(vertices(3), {{0, 1, RelationKind::Supplies}});
  const auto added = [](std::string id, EntityRowId row) {
    return std::vector<VertexInput>{{std::move(id), EntityKind::Company, false, row}};
  };
  EXPECT_TRUE(QueryGraph::extended(base, added("v0003", 4), {{4, 1, RelationKind::Supplies}}));
  EXPECT_FALSE(QueryGraph::extended(base, added("v0001", 4), {})) << "an id the base holds";
  EXPECT_FALSE(QueryGraph::extended(base, added("v0003", 2), {})) << "a row the base holds";
  EXPECT_FALSE(QueryGraph::extended(base, added("v0003", 4), {{4, 9, RelationKind::Supplies}}))
      << "an edge to no row";
  auto twice = added("v0003", 4);
  twice.push_back({"v0003", EntityKind::Company, false, 5});
  EXPECT_FALSE(QueryGraph::extended(base, twice, {})) << "an added id given twice";
}

}  // namespace
}  // namespace flgraph::graph

namespace flgraph::graph {
namespace {

std::vector<EdgeInput> random_edges(std::size_t n, std::size_t m, unsigned seed) {
  std::mt19937 random(seed);
  std::vector<EdgeInput> edges;
  for (std::size_t i = 0; i < m; ++i) {
    edges.push_back({static_cast<VertexId>(random() % n), static_cast<VertexId>(random() % n),
                     static_cast<RelationKind>(random() % kRelationKindCount),
                     static_cast<std::int32_t>(random() % 9000), kOpenEnd,
                     static_cast<float>(random() % 100 + 1) / 100.0f,
                     static_cast<RelationRowId>(i + 1)});
  }
  return edges;
}

TEST(QueryGraph, AdjacencyMatchesBoostCompressedSparseRowGraph) {
  using BoostCsr = boost::compressed_sparse_row_graph<boost::bidirectionalS>;
  const std::size_t n = 200;
  const auto edges = random_edges(n, 3000, 11);
  std::vector<std::pair<std::size_t, std::size_t>> endpoints;
  for (const auto& e : edges) endpoints.emplace_back(e.src, e.dst);
  const BoostCsr oracle(boost::edges_are_unsorted_multi_pass, endpoints.begin(), endpoints.end(),
                        n);
  const auto g = QueryGraph::build(vertices(n), edges);
  for (VertexId v = 0; v < n; ++v) {
    std::vector<std::size_t> ours_out;
    std::vector<std::size_t> ours_in;
    g.for_each_out_edge(v, [&](VertexId t, EdgeIdx) { ours_out.push_back(t); });
    g.for_each_in_edge(v, [&](VertexId s, EdgeIdx) { ours_in.push_back(s); });
    std::vector<std::size_t> boost_out;
    std::vector<std::size_t> boost_in;
    for (auto e : boost::make_iterator_range(boost::out_edges(static_cast<std::size_t>(v), oracle)))
      boost_out.push_back(boost::target(e, oracle));
    for (auto e : boost::make_iterator_range(boost::in_edges(static_cast<std::size_t>(v), oracle)))
      boost_in.push_back(boost::source(e, oracle));
    std::sort(ours_in.begin(), ours_in.end());
    std::sort(boost_in.begin(), boost_in.end());
    EXPECT_EQ(ours_out, boost_out) << v;  // both keep input order within a source
    EXPECT_EQ(ours_in, boost_in) << v;
  }
}

class Snapshot : public ::testing::Test {
 protected:
  testing::TempDir dir_;
};

TEST_F(Snapshot, MapsBackExactlyWhatWasWritten) {
  const auto g = QueryGraph::build(vertices(300), random_edges(300, 5000, 3));
  g.write_snapshot(dir_ / "g.qgraph", "gen-1");
  auto mapped = QueryGraph::map_snapshot(dir_ / "g.qgraph", "gen-1");
  ASSERT_TRUE(mapped);
  EXPECT_TRUE(mapped->is_mapped());
  ASSERT_EQ(mapped->vertex_count(), g.vertex_count());
  ASSERT_EQ(mapped->edge_count(), g.edge_count());
  EXPECT_EQ(mapped->memory_bytes(), g.memory_bytes());
  for (VertexId v = 0; v < g.vertex_count(); ++v) {
    EXPECT_EQ(mapped->id(v), g.id(v));
    std::vector<std::pair<VertexId, EdgeIdx>> a;
    std::vector<std::pair<VertexId, EdgeIdx>> b;
    g.for_each_in_edge(v, [&](VertexId s, EdgeIdx e) { a.emplace_back(s, e); });
    mapped->for_each_in_edge(v, [&](VertexId s, EdgeIdx e) { b.emplace_back(s, e); });
    EXPECT_EQ(a, b);
  }
  for (EdgeIdx e = 0; e < g.edge_count(); ++e) {
    EXPECT_EQ(mapped->edge_source(e), g.edge_source(e));
    EXPECT_EQ(mapped->edge_confidence(e), g.edge_confidence(e));
    EXPECT_EQ(mapped->relation_row(e), g.relation_row(e));
  }
}

// Whether this process holds `file` open (a graph built in its snapshot's file keeps it). An
// unnamed file given a name keeps its first path under /proc, so inodes are compared.
bool held_open(const std::filesystem::path& file) {
  struct stat wanted {};
  if (::stat(file.c_str(), &wanted) != 0) return false;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
    struct stat held {};
    if (::stat(entry.path().c_str(), &held) == 0 && held.st_ino == wanted.st_ino &&
        held.st_dev == wanted.st_dev)
      return true;
  }
  return false;
}

// Whether graphs can be built in an unnamed file here (ext4, XFS or tmpfs with O_TMPFILE).
bool unnamed_files_in(const std::filesystem::path& folder) {
  return WritableBlock::create(4096, &folder)->can_publish();
}

TEST_F(Snapshot, AGraphBuiltBesideItsSnapshotBecomesItByNameWithTheBytesOfACopy) {
  const auto folder = dir_.path();
  if (!unnamed_files_in(folder)) GTEST_SKIP() << "no unnamed files in " << folder;
  const auto beside = QueryGraph::build(vertices(300), random_edges(300, 5000, 3), &folder);
  EXPECT_TRUE(std::filesystem::is_empty(folder)) << "built in an unnamed file";
  beside.write_snapshot(dir_ / "named.qgraph", "gen-1");
  EXPECT_TRUE(held_open(dir_ / "named.qgraph")) << "the file it was built in, not a copy";

  const auto in_memory = QueryGraph::build(vertices(300), random_edges(300, 5000, 3));
  in_memory.write_snapshot(dir_ / "copied.qgraph", "gen-1");
  EXPECT_FALSE(held_open(dir_ / "copied.qgraph"));
  EXPECT_EQ(testing::read_file(dir_ / "named.qgraph"), testing::read_file(dir_ / "copied.qgraph"));
  EXPECT_TRUE(QueryGraph::map_snapshot(dir_ / "named.qgraph", "gen-1"));
  EXPECT_EQ(dump(beside), dump(in_memory));
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(folder)) ++files;
  EXPECT_EQ(files, 2u) << "no partial file left";

  // Saved again elsewhere, it is copied: its own file has a name already, and keeps its bytes.
  const auto named = testing::read_file(dir_ / "named.qgraph");
  beside.write_snapshot(dir_ / "again.qgraph", "gen-2");
  EXPECT_FALSE(held_open(dir_ / "again.qgraph"));
  EXPECT_EQ(testing::read_file(dir_ / "named.qgraph"), named);
  EXPECT_TRUE(QueryGraph::map_snapshot(dir_ / "again.qgraph", "gen-2"));
  EXPECT_TRUE(QueryGraph::map_snapshot(dir_ / "named.qgraph", "gen-1"));
}

TEST_F(Snapshot, AGraphExtendedBesideItsSnapshotBecomesItByNameWithTheBytesOfACopy) {
  const auto base = QueryGraph::build(vertices(200), random_edges(200, 3000, 4));
  std::vector<VertexInput> added;
  for (std::size_t i = 0; i < 60; ++i)
    added.push_back({fmt::format("w{:04d}", (i * 37) % 60), EntityKind::Site, false,
                     static_cast<EntityRowId>(201 + i)});
  auto added_edges = random_edges(260, 900, 6);  // between rows 1 to 260
  for (auto& edge : added_edges) {
    ++edge.src;
    ++edge.dst;
    edge.relation_row += 3000;
  }
  const auto folder = dir_.path();
  if (!unnamed_files_in(folder)) GTEST_SKIP() << "no unnamed files in " << folder;
  const auto beside = QueryGraph::extended(base, added, added_edges, &folder);
  const auto in_memory = QueryGraph::extended(base, added, added_edges);
  ASSERT_TRUE(beside && in_memory);
  EXPECT_EQ(beside->edge_count(), 3900u);
  beside->write_snapshot(dir_ / "named.qgraph", "gen-2");
  in_memory->write_snapshot(dir_ / "copied.qgraph", "gen-2");
  EXPECT_TRUE(held_open(dir_ / "named.qgraph"));
  EXPECT_EQ(testing::read_file(dir_ / "named.qgraph"), testing::read_file(dir_ / "copied.qgraph"));
  EXPECT_EQ(dump(*beside), dump(*in_memory));
}

TEST_F(Snapshot, StaleOrDamagedSnapshotsAreNotUsed) {
  const auto g = QueryGraph::build(vertices(50), random_edges(50, 400, 5));
  g.write_snapshot(dir_ / "g.qgraph", "gen-1");
  EXPECT_FALSE(QueryGraph::map_snapshot(dir_ / "g.qgraph", "gen-2"));
  EXPECT_FALSE(QueryGraph::map_snapshot(dir_ / "missing.qgraph", "gen-1"));
  std::string bytes = testing::read_file(dir_ / "g.qgraph");
  bytes[bytes.size() - 100] = static_cast<char>(bytes[bytes.size() - 100] ^ 0x01);
  testing::write_file(dir_ / "g.qgraph", bytes);
  EXPECT_FALSE(QueryGraph::map_snapshot(dir_ / "g.qgraph", "gen-1"));
  testing::write_file(dir_ / "g.qgraph", bytes.substr(0, bytes.size() / 2));
  EXPECT_FALSE(QueryGraph::map_snapshot(dir_ / "g.qgraph", "gen-1"));
}

TEST_F(Snapshot, LoadRebuildsAfterTheStoreChanges) {
  auto store = Store::open(dir_ / "a.db", Store::OpenMode::CreateIfMissing);
  auto add_company = [&](const std::string& id) {
    auto txn = store.begin();
    EntityRecord entity;
    entity.id = id;
    store.upsert_entity(entity);
    txn.commit();
  };
  add_company("co-1");
  const auto first = QueryGraph::load(store);
  EXPECT_FALSE(first.is_mapped());
  EXPECT_TRUE(std::filesystem::exists(QueryGraph::snapshot_path(store.path())));
  const auto second = QueryGraph::load(store);
  EXPECT_TRUE(second.is_mapped());
  EXPECT_EQ(second.vertex_count(), 1u);
  add_company("co-2");
  const auto third = QueryGraph::load(store);
  EXPECT_FALSE(third.is_mapped());
  EXPECT_EQ(third.vertex_count(), 2u);
}
}  // namespace
}  // namespace flgraph::graph
