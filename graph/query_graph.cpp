// graph/query_graph.cpp: building compressed sparse rows from the store, and choosing between
// the snapshot and a rebuild (the snapshot file itself is query_graph_snapshot.cpp).
#include "graph/query_graph.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <numeric>

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

QueryGraph QueryGraph::build(std::vector<VertexInput> vertices, std::vector<EdgeInput> edges,
                             const std::filesystem::path* snapshot_folder) {
  const std::size_t n = vertices.size();
  const std::size_t m = edges.size();
  std::size_t id_bytes = 0;
  for (const auto& vertex : vertices) id_bytes += vertex.id.size();
  QueryGraph g = allocate({n, m, id_bytes}, snapshot_folder);
  auto* id_offsets = writable(g.id_offsets_);
  auto* id_chars = writable(g.id_chars_);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& vertex = vertices[i];
    std::copy(vertex.id.begin(), vertex.id.end(), id_chars + id_offsets[i]);
    id_offsets[i + 1] = id_offsets[i] + vertex.id.size();
    writable(g.kinds_)[i] = vertex.kind;
    writable(g.protected_)[i] = vertex.is_protected ? 1 : 0;
    writable(g.entity_rows_)[i] = narrow_row(vertex.entity_row);
  }
  std::vector<VertexInput>().swap(vertices);  // freed now: the edge arrays are the peak

  // Edge index = position in a stable counting sort by source, so out-edges are contiguous
  // (no sort buffer: at 10M edges a merge sort's would be 400 MB).
  auto* out_offsets = writable(g.out_offsets_);
  for (const auto& edge : edges) ++out_offsets[edge.src + 1];
  for (std::size_t i = 0; i < n; ++i) out_offsets[i + 1] += out_offsets[i];
  std::vector<EdgeIdx> out_fill(out_offsets, out_offsets + n);
  for (const auto& edge : edges) g.put_edge(out_fill[edge.src]++, edge);
  std::vector<EdgeInput>().swap(edges);
  g.link_in_edges();
  return g;
}

std::optional<QueryGraph> QueryGraph::extended(const QueryGraph& base,
                                               std::vector<VertexInput> vertices,
                                               std::vector<EdgeInput> edges,
                                               const std::filesystem::path* snapshot_folder) {
  std::sort(vertices.begin(), vertices.end(),
            [](const VertexInput& a, const VertexInput& b) { return a.id < b.id; });
  for (std::size_t k = 1; k < vertices.size(); ++k)
    if (vertices[k].id == vertices[k - 1].id) return std::nullopt;
  const std::size_t base_n = base.vertex_count();
  const std::size_t n = base_n + vertices.size();
  const std::size_t m = base.edge_count() + edges.size();
  std::size_t id_bytes = base.id_chars_.size();
  for (const auto& vertex : vertices) id_bytes += vertex.id.size();
  QueryGraph g = allocate({n, m, id_bytes}, snapshot_folder);
  // The base's vertices and the added ones merged in id order.
  auto* id_offsets = writable(g.id_offsets_);
  auto* id_chars = writable(g.id_chars_);
  std::vector<VertexId> base_of(n, kNoVertex);  // merged vertex -> base vertex, if it was one
  std::vector<VertexId> merged_of_base(base_n);
  std::size_t at = 0;
  auto add = [&](std::string_view id, EntityKind kind, bool is_protected, StoredRowId row) {
    std::copy(id.begin(), id.end(), id_chars + id_offsets[at]);
    id_offsets[at + 1] = id_offsets[at] + id.size();
    writable(g.kinds_)[at] = kind;
    writable(g.protected_)[at] = is_protected ? 1 : 0;
    writable(g.entity_rows_)[at] = row;
    ++at;
  };
  for (VertexId b = 0, k = 0; b < base_n || k < vertices.size();) {
    const bool take_base =
        k == vertices.size() || (b < base_n && base.id(b) < std::string_view(vertices[k].id));
    if (!take_base && b < base_n && base.id(b) == vertices[k].id) return std::nullopt;
    if (take_base) {
      merged_of_base[b] = static_cast<VertexId>(at);
      base_of[at] = b;
      add(base.id(b), base.kind(b), base.is_protected(b), base.entity_rows_[b]);
      ++b;
    } else {
      add(vertices[k].id, vertices[k].kind, vertices[k].is_protected,
          narrow_row(vertices[k].entity_row));
      ++k;
    }
  }
  std::vector<VertexInput>().swap(vertices);

  // The added edges join entity rows: numbered as vertices here.
  const StoredRowId last_row =
      n == 0 ? 0 : *std::max_element(g.entity_rows_.begin(), g.entity_rows_.end());
  std::vector<VertexId> vertex_of_row(static_cast<std::size_t>(last_row) + 1, kNoVertex);
  for (std::size_t i = 0; i < n; ++i) {
    auto& slot = vertex_of_row[g.entity_rows_[i]];
    if (slot != kNoVertex) return std::nullopt;
    slot = static_cast<VertexId>(i);
  }
  for (auto& edge : edges) {
    if (edge.src > last_row || edge.dst > last_row) return std::nullopt;
    edge.src = vertex_of_row[edge.src];
    edge.dst = vertex_of_row[edge.dst];
    if (edge.src == kNoVertex || edge.dst == kNoVertex) return std::nullopt;
  }

  // Each vertex's edges: the base's first (they hold the lower rows), then the added ones in
  // the order they came, as a build from the store orders them.
  auto* out_offsets = writable(g.out_offsets_);
  for (const auto& edge : edges) ++out_offsets[edge.src + 1];
  for (std::size_t b = 0; b < base_n; ++b)
    out_offsets[merged_of_base[b] + 1] +=
        base.out_end(static_cast<VertexId>(b)) - base.out_begin(static_cast<VertexId>(b));
  for (std::size_t i = 0; i < n; ++i) out_offsets[i + 1] += out_offsets[i];
  std::vector<EdgeIdx> out_fill(out_offsets, out_offsets + n);
  for (std::size_t i = 0; i < n; ++i) {
    if (base_of[i] == kNoVertex) continue;
    const EdgeIdx first = base.out_begin(base_of[i]);
    const EdgeIdx count = base.out_end(base_of[i]) - first;
    const EdgeIdx to = out_fill[i];
    for (EdgeIdx e = 0; e < count; ++e)
      writable(g.out_targets_)[to + e] = merged_of_base[base.out_targets_[first + e]];
    std::copy_n(base.edge_kind_.data() + first, count, writable(g.edge_kind_) + to);
    std::copy_n(base.edge_from_.data() + first, count, writable(g.edge_from_) + to);
    std::copy_n(base.edge_to_.data() + first, count, writable(g.edge_to_) + to);
    std::copy_n(base.edge_confidence_.data() + first, count, writable(g.edge_confidence_) + to);
    std::copy_n(base.relation_rows_.data() + first, count, writable(g.relation_rows_) + to);
    out_fill[i] += count;
  }
  for (const auto& edge : edges) g.put_edge(out_fill[edge.src]++, edge);
  std::vector<EdgeInput>().swap(edges);
  g.link_in_edges();
  return g;
}

void QueryGraph::put_edge(EdgeIdx e, const EdgeInput& edge) {
  writable(out_targets_)[e] = edge.dst;
  writable(edge_kind_)[e] = edge.kind;
  writable(edge_from_)[e] = edge.date_from;
  writable(edge_to_)[e] = edge.date_to;
  writable(edge_confidence_)[e] = edge.confidence;
  writable(relation_rows_)[e] = narrow_row(edge.relation_row);
}

void QueryGraph::link_in_edges() {
  const std::size_t n = vertex_count();
  same_as_edges_ = static_cast<std::size_t>(
      std::count(edge_kind_.begin(), edge_kind_.end(), RelationKind::SameAs));
  // Each vertex's in-edge list is filled in edge order.
  auto* in_offsets = writable(in_offsets_);
  for (const auto target : out_targets_) ++in_offsets[target + 1];
  for (std::size_t i = 0; i < n; ++i) in_offsets[i + 1] += in_offsets[i];
  std::vector<EdgeIdx> in_fill(in_offsets, in_offsets + n);
  auto* in_sources = writable(in_sources_);
  auto* in_edges = writable(in_edges_);
  for (std::size_t i = 0; i < n; ++i) {
    for (EdgeIdx e = out_offsets_[i]; e < out_offsets_[i + 1]; ++e) {
      const EdgeIdx slot = in_fill[out_targets_[e]]++;
      in_sources[slot] = static_cast<VertexId>(i);
      in_edges[slot] = e;
    }
  }
}

QueryGraph QueryGraph::build_from_store(const Store& store,
                                        const std::filesystem::path* snapshot_folder) {
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
  return build(std::move(vertices), std::move(edges), snapshot_folder);
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
  const auto folder = path.parent_path();
  QueryGraph built = build_from_store(store, &folder);
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
