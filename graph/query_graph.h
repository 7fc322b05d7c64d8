// graph/query_graph.h: the in-memory graph queries run on: compressed sparse rows both ways.
#pragma once
#include <cstdint>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/column.h"
#include "graph/model.h"
#include "graph/store.h"

namespace flgraph::graph {

class WritableBlock;

using VertexId = std::uint32_t;
inline constexpr VertexId kNoVertex = std::numeric_limits<VertexId>::max();  // no such vertex
using EdgeIdx = std::uint32_t;
using StoredRowId = std::uint32_t;  // an entity or relation row id as the query graph keeps it

// Dates as plain day numbers so the hot loops compare integers; open ends become the extremes.
inline constexpr std::int32_t kOpenStart = std::numeric_limits<std::int32_t>::min();
inline constexpr std::int32_t kOpenEnd = std::numeric_limits<std::int32_t>::max();

// One edge as the builder receives it, in store terms.
struct EdgeInput {
  VertexId src = 0;
  VertexId dst = 0;
  RelationKind kind = RelationKind::Supplies;
  std::int32_t date_from = kOpenStart;
  std::int32_t date_to = kOpenEnd;
  float confidence = 1.0f;
  RelationRowId relation_row = 0;
};

struct VertexInput {
  std::string id;
  EntityKind kind = EntityKind::Company;
  bool is_protected = false;
  EntityRowId entity_row = 0;
};

// Compressed sparse rows in both directions, with per-edge kind, dates and confidence in
// parallel arrays indexed by edge (edges sorted by source). Loaded either by building from the
// store or by mapping the snapshot file beside it, which makes a cold start cheap.
class QueryGraph {
 public:
  QueryGraph();
  ~QueryGraph();
  QueryGraph(QueryGraph&&) noexcept;
  QueryGraph& operator=(QueryGraph&&) noexcept;

  // What load() did about the snapshot file, for callers that report it (an import's summary).
  struct SnapshotOutcome {
    bool mapped = false;      // the graph came from a current snapshot
    bool written = false;     // it was built and saved as a new snapshot
    std::string not_written;  // why a built graph could not be saved; empty otherwise
  };
  // The graph of the store: from its snapshot when that is current and checks out, else built
  // from the store and saved as a new snapshot. A damaged snapshot, and a snapshot that cannot be
  // saved (a full disk, a read-only folder), are reported through warn(): the graph is then
  // built in memory for this command, and the answer is the same.
  static QueryGraph load(const Store& store);
  static QueryGraph load(const Store& store, SnapshotOutcome& outcome);
  // Built from the store's rows, no snapshot involved. Vertex ids follow byte-wise id order, so
  // "smallest id" comparisons are integer comparisons.
  // A graph built here is laid out as its snapshot file; given the folder the snapshot will be
  // saved in, it is built in an unnamed file there, which save_snapshot() then names.
  static QueryGraph build_from_store(const Store& store,
                                     const std::filesystem::path* snapshot_folder = nullptr);
  // Vertices must be sorted by id; edges in any order.
  static QueryGraph build(std::vector<VertexInput> vertices, std::vector<EdgeInput> edges,
                          const std::filesystem::path* snapshot_folder = nullptr);
  // The graph of `base` with `vertices` and `edges` added, the edges between entity rows (as an
  // import captures them, importers/graph_capture.h) and each kept after the base's edges of
  // its source. Nothing when an added vertex repeats an id or a row of the graph, or an edge
  // names a row no vertex has. The same graph as a build from the store holding both.
  static std::optional<QueryGraph> extended(const QueryGraph& base,
                                            std::vector<VertexInput> vertices,
                                            std::vector<EdgeInput> edges,
                                            const std::filesystem::path* snapshot_folder = nullptr);
  // Saves this graph, built from the store at `generation` (read before the build, so a commit
  // meanwhile leaves a snapshot that is stale, never one mislabelled), as the store's snapshot.
  // A snapshot that cannot be saved is reported through warn() and outcome.not_written.
  void save_snapshot(const Store& store, std::string_view generation,
                     SnapshotOutcome& outcome) const;

  std::size_t vertex_count() const { return kinds_.size(); }
  std::size_t edge_count() const { return edge_kind_.size(); }

  std::string_view id(VertexId v) const {
    return {id_chars_.data() + id_offsets_[v],
            static_cast<std::size_t>(id_offsets_[v + 1] - id_offsets_[v])};
  }
  EntityKind kind(VertexId v) const { return kinds_[v]; }
  bool is_protected(VertexId v) const { return protected_[v] != 0; }
  EntityRowId entity_row(VertexId v) const { return entity_rows_[v]; }
  std::optional<VertexId> find(std::string_view id) const;

  RelationKind edge_kind(EdgeIdx e) const { return edge_kind_[e]; }
  std::int32_t edge_from(EdgeIdx e) const { return edge_from_[e]; }
  std::int32_t edge_to(EdgeIdx e) const { return edge_to_[e]; }
  float edge_confidence(EdgeIdx e) const { return edge_confidence_[e]; }
  RelationRowId relation_row(EdgeIdx e) const { return relation_rows_[e]; }
  VertexId edge_target(EdgeIdx e) const { return out_targets_[e]; }
  VertexId edge_source(EdgeIdx e) const;  // a binary search: edges are sorted by source
  bool has_same_as() const { return same_as_edges_ > 0; }

  // f(other_vertex, edge) for every edge other -> v.
  template <typename Visit>
  void for_each_in_edge(VertexId v, Visit&& visit) const {
    for (EdgeIdx i = in_offsets_[v], end = in_offsets_[v + 1]; i < end; ++i)
      visit(in_sources_[i], in_edges_[i]);
  }
  // f(other_vertex, edge) for every edge v -> other.
  template <typename Visit>
  void for_each_out_edge(VertexId v, Visit&& visit) const {
    for (EdgeIdx e = out_offsets_[v], end = out_offsets_[v + 1]; e < end; ++e)
      visit(out_targets_[e], e);
  }

  // Raw edge ranges, for adapters that iterate without a callback (analysis/bgl_view.h): edges
  // [out_begin(v), out_end(v)) leave v; positions [in_begin(v), in_end(v)) of the reverse rows
  // name the edges reaching v and where each comes from.
  EdgeIdx out_begin(VertexId v) const { return out_offsets_[v]; }
  EdgeIdx out_end(VertexId v) const { return out_offsets_[v + 1]; }
  EdgeIdx in_begin(VertexId v) const { return in_offsets_[v]; }
  EdgeIdx in_end(VertexId v) const { return in_offsets_[v + 1]; }
  VertexId in_source_at(EdgeIdx position) const { return in_sources_[position]; }
  EdgeIdx in_edge_at(EdgeIdx position) const { return in_edges_[position]; }

  // Bytes held by the graph's arrays (reported by benchmarks).
  std::size_t memory_bytes() const;
  // True when the arrays point into a mapped snapshot rather than owned memory.
  bool is_mapped() const { return mapping_ != nullptr; }

  // Snapshot files: `path` is normally the database path plus ".qgraph". Written beside it and
  // renamed into place; on failure (Error naming the cause) no partial file is left behind.
  void write_snapshot(const std::filesystem::path& path, std::string_view generation) const;
  // Nothing when the file is missing, not a regular file, stale (other generation), of another
  // format version or damaged: the caller then rebuilds. The checksum covers every byte, and
  // every offset and size is checked before the arrays are used.
  static std::optional<QueryGraph> map_snapshot(const std::filesystem::path& path,
                                                std::string_view generation);
  // The same, and `problem` says what was wrong with a file that is there but cannot be used
  // (empty when it is missing, stale or of an older format: those are rebuilt without a word).
  static std::optional<QueryGraph> map_snapshot(const std::filesystem::path& path,
                                                std::string_view generation, std::string& problem);
  static std::filesystem::path snapshot_path(const std::filesystem::path& database);

 private:
  // How many vertices, edges and bytes of id text a graph holds: the length of every array.
  struct Shape {
    std::size_t vertices = 0;
    std::size_t edges = 0;
    std::size_t id_bytes = 0;
  };
  // A graph of this shape with every array zeroed, in one block laid out as its snapshot file
  // (query_graph_snapshot.cpp): in an unnamed file in `snapshot_folder` when given. The builders
  // fill the arrays through writable().
  static QueryGraph allocate(const Shape& shape, const std::filesystem::path* snapshot_folder);
  template <typename T>
  static T* writable(const Column<T>& column) {
    return const_cast<T*>(column.data());  // the block is this graph's own until it is built
  }
  void put_edge(EdgeIdx e, const EdgeInput& edge);  // dst already a vertex number
  // Fills the in-edge rows from the out-edges, and counts the same_as edges.
  void link_in_edges();

  // One pass over a mapped snapshot whose section table checked out: the checksum of the whole
  // file (into `checksum`) and, on each block while it is still in cache, the checks that every
  // offset, vertex and edge number and kind code is in range. Returns what is out of range, or
  // nothing.
  std::string hash_and_check_mapped(const char* file, std::uint64_t& checksum) const;

  // The snapshot's sections, in file order; writer, reader and the memory count all walk this.
  template <typename Self, typename Visit>
  static void for_each_column(Self& g, Visit&& visit) {
    visit(g.id_offsets_);
    visit(g.id_chars_);
    visit(g.kinds_);
    visit(g.protected_);
    visit(g.entity_rows_);
    visit(g.out_offsets_);
    visit(g.out_targets_);
    visit(g.in_offsets_);
    visit(g.in_sources_);
    visit(g.in_edges_);
    visit(g.edge_kind_);
    visit(g.edge_from_);
    visit(g.edge_to_);
    visit(g.edge_confidence_);
    visit(g.relation_rows_);
  }

  struct Mapping;
  std::unique_ptr<Mapping> mapping_;
  std::unique_ptr<WritableBlock> block_;  // the arrays of a graph built here
  std::size_t same_as_edges_ = 0;

  Column<std::uint64_t> id_offsets_;
  Column<char> id_chars_;
  Column<EntityKind> kinds_;
  Column<std::uint8_t> protected_;
  // Row ids are held in 32 bits (4 bytes per edge less than the store's 64-bit ids): building
  // refuses a store with a row id beyond 2^32 - 1 rather than truncate it.
  Column<StoredRowId> entity_rows_;
  Column<EdgeIdx> out_offsets_;
  Column<VertexId> out_targets_;
  Column<EdgeIdx> in_offsets_;
  Column<VertexId> in_sources_;
  Column<EdgeIdx> in_edges_;
  Column<RelationKind> edge_kind_;
  Column<std::int32_t> edge_from_;
  Column<std::int32_t> edge_to_;
  Column<float> edge_confidence_;
  Column<StoredRowId> relation_rows_;
};

}  // namespace flgraph::graph
