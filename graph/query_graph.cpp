// graph/query_graph.cpp: building compressed sparse rows from the store, and choosing between
// the snapshot and a rebuild (the snapshot file itself is query_graph_snapshot.cpp).
#include "graph/query_graph.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "graph/errors.h"
#include "graph/warnings.h"

namespace flgraph::graph {
namespace {

StoredRowId narrow_row(std::int64_t row) {
  if (row < 0 || row > static_cast<std::int64_t>(std::numeric_limits<StoredRowId>::max())) {
    throw Error(fmt::format("row id {} does not fit the query graph's 32-bit row ids", row));
  }
  return static_cast<StoredRowId>(row);
}

// A kind code the store handed back that names no kind (a row edited outside flgraph) stops
// the build with a clear message, instead of an array index past a table of names later.
template <typename Kind>
Kind checked_kind(Kind kind, std::string_view what) {
  const auto code = static_cast<std::int64_t>(kind);
  if (enum_from_code<Kind>(code)) return kind;
  throw Error(fmt::format(
      "the database is damaged: {} has kind code {}, which is no kind flgraph knows; was the "
      "file edited outside flgraph?",
      what, code));
}

}  // namespace

QueryGraph QueryGraph::build(std::vector<VertexInput> vertices, std::vector<EdgeInput> edges) {
  QueryGraph g;
  const std::size_t n = vertices.size();
  std::vector<std::uint64_t> id_offsets;
  std::vector<char> id_chars;
  std::vector<EntityKind> kinds;
  std::vector<std::uint8_t> is_protected;
  std::vector<StoredRowId> entity_rows;
  id_offsets.reserve(n + 1);
  kinds.reserve(n);
  is_protected.reserve(n);
  entity_rows.reserve(n);
  id_offsets.push_back(0);
  for (const auto& vertex : vertices) {
    id_chars.insert(id_chars.end(), vertex.id.begin(), vertex.id.end());
    id_offsets.push_back(id_chars.size());
    kinds.push_back(vertex.kind);
    is_protected.push_back(vertex.is_protected ? 1 : 0);
    entity_rows.push_back(narrow_row(vertex.entity_row));
  }
  std::vector<VertexInput>().swap(vertices);  // freed now: the edge arrays are the peak

  // Edge index = position in a stable counting sort by source, so out-edges are contiguous
  // (no sort buffer: at 10M edges a merge sort's would be 400 MB); each vertex's in-edge list
  // is then filled in edge order.
  const std::size_t m = edges.size();
  std::vector<EdgeIdx> out_offsets(n + 1, 0);
  std::vector<EdgeIdx> in_offsets(n + 1, 0);
  for (const auto& edge : edges) {
    ++out_offsets[edge.src + 1];
    ++in_offsets[edge.dst + 1];
  }
  for (std::size_t v = 0; v < n; ++v) {
    out_offsets[v + 1] += out_offsets[v];
    in_offsets[v + 1] += in_offsets[v];
  }
  std::vector<VertexId> out_targets(m);
  std::vector<RelationKind> edge_kind(m);
  std::vector<std::int32_t> edge_from(m);
  std::vector<std::int32_t> edge_to(m);
  std::vector<float> edge_confidence(m);
  std::vector<StoredRowId> relation_rows(m);
  {
    std::vector<EdgeIdx> out_fill(out_offsets.begin(), out_offsets.end() - 1);
    for (const auto& edge : edges) {
      const EdgeIdx e = out_fill[edge.src]++;
      out_targets[e] = edge.dst;
      edge_kind[e] = edge.kind;
      edge_from[e] = edge.date_from;
      edge_to[e] = edge.date_to;
      edge_confidence[e] = edge.confidence;
      relation_rows[e] = narrow_row(edge.relation_row);
      if (edge.kind == RelationKind::SameAs) ++g.same_as_edges_;
    }
  }
  std::vector<EdgeInput>().swap(edges);
  std::vector<VertexId> in_sources(m);
  std::vector<EdgeIdx> in_edges(m);
  std::vector<EdgeIdx> in_fill(in_offsets.begin(), in_offsets.end() - 1);
  for (std::size_t v = 0; v < n; ++v) {
    for (EdgeIdx e = out_offsets[v]; e < out_offsets[v + 1]; ++e) {
      const EdgeIdx slot = in_fill[out_targets[e]]++;
      in_sources[slot] = static_cast<VertexId>(v);
      in_edges[slot] = e;
    }
  }
  g.id_offsets_ = Column(std::move(id_offsets));
  g.id_chars_ = Column(std::move(id_chars));
  g.kinds_ = Column(std::move(kinds));
  g.protected_ = Column(std::move(is_protected));
  g.entity_rows_ = Column(std::move(entity_rows));
  g.out_offsets_ = Column(std::move(out_offsets));
  g.out_targets_ = Column(std::move(out_targets));
  g.in_offsets_ = Column(std::move(in_offsets));
  g.in_sources_ = Column(std::move(in_sources));
  g.in_edges_ = Column(std::move(in_edges));
  g.edge_kind_ = Column(std::move(edge_kind));
  g.edge_from_ = Column(std::move(edge_from));
  g.edge_to_ = Column(std::move(edge_to));
  g.edge_confidence_ = Column(std::move(edge_confidence));
  g.relation_rows_ = Column(std::move(relation_rows));
  return g;
}

QueryGraph QueryGraph::build_from_store(const Store& store) {
  std::vector<VertexInput> vertices;
  vertices.reserve(static_cast<std::size_t>(store.entity_count()));
  // Row ids are dense (1, 2, ... as inserted), so a vector indexed by row maps them to vertices.
  std::vector<VertexId> vertex_of_row;
  vertex_of_row.reserve(vertices.capacity() + 1);
  store.for_each_entity_key([&](const Store::EntityKey& key) {
    const auto row = narrow_row(key.row);
    if (row >= vertex_of_row.size())
      vertex_of_row.resize(std::max<std::size_t>(row + 1, vertex_of_row.size() * 2), kNoVertex);
    vertex_of_row[row] = static_cast<VertexId>(vertices.size());
    vertices.push_back({std::string(key.id),
                        checked_kind(key.kind, fmt::format("entity {}", quote_for_message(key.id))),
                        key.is_protected, key.row});
  });
  auto vertex_at = [&](EntityRowId row) {
    if (row < 0 || static_cast<std::uint64_t>(row) >= vertex_of_row.size() ||
        vertex_of_row[static_cast<std::size_t>(row)] == kNoVertex) {
      throw Error(
          fmt::format("relation refers to entity row {}, which the store does not hold", row));
    }
    return vertex_of_row[static_cast<std::size_t>(row)];
  };
  std::vector<EdgeInput> edges;
  edges.reserve(static_cast<std::size_t>(store.max_relation_row()));
  store.for_each_relation_row([&](const RelationRow& row) {
    edges.push_back({vertex_at(row.src), vertex_at(row.dst),
                     checked_kind(row.kind, fmt::format("relation row {}", row.row)),
                     row.from ? row.from->days : kOpenStart, row.to ? row.to->days : kOpenEnd,
                     static_cast<float>(row.confidence), row.row});
  });
  return build(std::move(vertices), std::move(edges));
}

std::filesystem::path QueryGraph::snapshot_path(const std::filesystem::path& database) {
  return std::filesystem::path(database.string() + ".qgraph");
}

QueryGraph QueryGraph::load(const Store& store) {
  SnapshotOutcome outcome;
  return load(store, outcome);
}

QueryGraph QueryGraph::load(const Store& store, SnapshotOutcome& outcome) {
  outcome = {};
  const auto path = snapshot_path(store.path());
  const std::string generation = store.generation();
  std::string problem;
  if (auto mapped = map_snapshot(path, generation, problem)) {
    outcome.mapped = true;
    return std::move(*mapped);
  }
  if (!problem.empty()) {
    warn(fmt::format("the query graph snapshot \"{}\" {}: rebuilding it from the database",
                     path.string(), problem));
  }
  QueryGraph built = build_from_store(store);
  built.save_snapshot(store, generation, outcome);
  return built;
}

void QueryGraph::save_snapshot(const Store& store, std::string_view generation,
                               SnapshotOutcome& outcome) const {
  try {
    write_snapshot(snapshot_path(store.path()), generation);
    outcome.written = true;
  } catch (const Error& e) {
    // The answer is the same; only the next command pays for the build again.
    outcome.not_written = e.what();
    warn(fmt::format("{}; the query graph was built in memory for this command only", e.what()));
  }
}

VertexId QueryGraph::edge_source(EdgeIdx e) const {
  // The last vertex whose first out-edge is at or before e.
  const auto* found = std::upper_bound(out_offsets_.begin(), out_offsets_.end(), e);
  return static_cast<VertexId>(found - out_offsets_.begin() - 1);
}

std::optional<VertexId> QueryGraph::find(std::string_view id) const {
  VertexId low = 0;
  auto high = static_cast<VertexId>(vertex_count());
  while (low < high) {
    const VertexId mid = low + (high - low) / 2;
    if (this->id(mid) < id) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  if (low < vertex_count() && this->id(low) == id) return low;
  return std::nullopt;
}

std::size_t QueryGraph::memory_bytes() const {
  std::size_t total = 0;
  for_each_column(*this,
                  [&](const auto& column) { total += column.size() * sizeof(*column.data()); });
  return total;
}

}  // namespace flgraph::graph
