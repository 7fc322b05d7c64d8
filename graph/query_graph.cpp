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

QueryGraph QueryGraph::build(std::vector<VertexInput> vertices, std::vector<EdgeInput> edges) {
  const std::size_t n = vertices.size();
  VertexColumns v;
  v.id_offsets.reserve(n + 1);
  v.kinds.reserve(n);
  v.is_protected.reserve(n);
  v.entity_rows.reserve(n);
  v.id_offsets.push_back(0);
  for (const auto& vertex : vertices) {
    v.id_chars.insert(v.id_chars.end(), vertex.id.begin(), vertex.id.end());
    v.id_offsets.push_back(v.id_chars.size());
    v.kinds.push_back(vertex.kind);
    v.is_protected.push_back(vertex.is_protected ? 1 : 0);
    v.entity_rows.push_back(narrow_row(vertex.entity_row));
  }
  std::vector<VertexInput>().swap(vertices);  // freed now: the edge arrays are the peak

  // Edge index = position in a stable counting sort by source, so out-edges are contiguous
  // (no sort buffer: at 10M edges a merge sort's would be 400 MB).
  const std::size_t m = edges.size();
  OutEdgeColumns out(n, m);
  for (const auto& edge : edges) ++out.offsets[edge.src + 1];
  for (std::size_t i = 0; i < n; ++i) out.offsets[i + 1] += out.offsets[i];
  std::vector<EdgeIdx> out_fill(out.offsets.begin(), out.offsets.end() - 1);
  for (const auto& edge : edges) out.put(out_fill[edge.src]++, edge);
  std::vector<EdgeInput>().swap(edges);
  return assemble(std::move(v), std::move(out));
}

std::optional<QueryGraph> QueryGraph::extended(const QueryGraph& base,
                                               std::vector<VertexInput> vertices,
                                               std::vector<EdgeInput> edges) {
  std::sort(vertices.begin(), vertices.end(),
            [](const VertexInput& a, const VertexInput& b) { return a.id < b.id; });
  const std::size_t base_n = base.vertex_count();
  const std::size_t n = base_n + vertices.size();
  // The base's vertices and the added ones merged in id order, copied run by run.
  VertexColumns v;
  v.id_offsets.reserve(n + 1);
  v.id_chars.reserve(base.id_chars_.size() +
                     std::accumulate(vertices.begin(), vertices.end(), std::size_t{0},
                                     [](std::size_t sum, const VertexInput& vertex) {
                                       return sum + vertex.id.size();
                                     }));
  v.kinds.reserve(n);
  v.is_protected.reserve(n);
  v.entity_rows.reserve(n);
  v.id_offsets.push_back(0);
  std::vector<VertexId> base_of(n, kNoVertex);  // merged vertex -> base vertex, if it was one
  std::vector<VertexId> merged_of_base(base_n);
  auto add = [&](std::string_view id, EntityKind kind, bool is_protected, StoredRowId row) {
    v.id_chars.insert(v.id_chars.end(), id.begin(), id.end());
    v.id_offsets.push_back(v.id_chars.size());
    v.kinds.push_back(kind);
    v.is_protected.push_back(is_protected ? 1 : 0);
    v.entity_rows.push_back(row);
  };
  for (VertexId b = 0, k = 0; b < base_n || k < vertices.size();) {
    if (k > 0 && k < vertices.size() && vertices[k].id == vertices[k - 1].id) return std::nullopt;
    const bool take_base =
        k == vertices.size() || (b < base_n && base.id(b) < std::string_view(vertices[k].id));
    if (!take_base && b < base_n && base.id(b) == vertices[k].id) return std::nullopt;
    if (take_base) {
      merged_of_base[b] = static_cast<VertexId>(v.kinds.size());
      base_of[v.kinds.size()] = b;
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
      v.entity_rows.empty() ? 0 : *std::max_element(v.entity_rows.begin(), v.entity_rows.end());
  std::vector<VertexId> vertex_of_row(static_cast<std::size_t>(last_row) + 1, kNoVertex);
  for (std::size_t i = 0; i < n; ++i) {
    auto& slot = vertex_of_row[v.entity_rows[i]];
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
  OutEdgeColumns out(n, base.edge_count() + edges.size());
  for (const auto& edge : edges) ++out.offsets[edge.src + 1];
  for (std::size_t b = 0; b < base_n; ++b)
    out.offsets[merged_of_base[b] + 1] +=
        base.out_end(static_cast<VertexId>(b)) - base.out_begin(static_cast<VertexId>(b));
  for (std::size_t i = 0; i < n; ++i) out.offsets[i + 1] += out.offsets[i];
  std::vector<EdgeIdx> out_fill(out.offsets.begin(), out.offsets.end() - 1);
  for (std::size_t i = 0; i < n; ++i) {
    if (base_of[i] == kNoVertex) continue;
    const EdgeIdx first = base.out_begin(base_of[i]);
    const EdgeIdx count = base.out_end(base_of[i]) - first;
    const EdgeIdx at = out_fill[i];
    for (EdgeIdx e = 0; e < count; ++e)
      out.targets[at + e] = merged_of_base[base.out_targets_[first + e]];
    std::copy_n(base.edge_kind_.data() + first, count, out.kind.data() + at);
    std::copy_n(base.edge_from_.data() + first, count, out.from.data() + at);
    std::copy_n(base.edge_to_.data() + first, count, out.to.data() + at);
    std::copy_n(base.edge_confidence_.data() + first, count, out.confidence.data() + at);
    std::copy_n(base.relation_rows_.data() + first, count, out.relation_rows.data() + at);
    out_fill[i] += count;
  }
  for (const auto& edge : edges) out.put(out_fill[edge.src]++, edge);
  std::vector<EdgeInput>().swap(edges);
  return assemble(std::move(v), std::move(out));
}

QueryGraph::OutEdgeColumns::OutEdgeColumns(std::size_t n, std::size_t m)
    : offsets(n + 1, 0), targets(m), kind(m), from(m), to(m), confidence(m), relation_rows(m) {}

void QueryGraph::OutEdgeColumns::put(EdgeIdx e, const EdgeInput& edge) {
  targets[e] = edge.dst;
  kind[e] = edge.kind;
  from[e] = edge.date_from;
  to[e] = edge.date_to;
  confidence[e] = edge.confidence;
  relation_rows[e] = narrow_row(edge.relation_row);
}

QueryGraph QueryGraph::assemble(VertexColumns v, OutEdgeColumns out) {
  QueryGraph g;
  const std::size_t n = v.kinds.size();
  const std::size_t m = out.targets.size();
  g.same_as_edges_ =
      static_cast<std::size_t>(std::count(out.kind.begin(), out.kind.end(), RelationKind::SameAs));
  // Each vertex's in-edge list is filled in edge order.
  std::vector<EdgeIdx> in_offsets(n + 1, 0);
  for (const auto target : out.targets) ++in_offsets[target + 1];
  for (std::size_t i = 0; i < n; ++i) in_offsets[i + 1] += in_offsets[i];
  std::vector<VertexId> in_sources(m);
  std::vector<EdgeIdx> in_edges(m);
  std::vector<EdgeIdx> in_fill(in_offsets.begin(), in_offsets.end() - 1);
  for (std::size_t i = 0; i < n; ++i) {
    for (EdgeIdx e = out.offsets[i]; e < out.offsets[i + 1]; ++e) {
      const EdgeIdx slot = in_fill[out.targets[e]]++;
      in_sources[slot] = static_cast<VertexId>(i);
      in_edges[slot] = e;
    }
  }
  g.id_offsets_ = Column(std::move(v.id_offsets));
  g.id_chars_ = Column(std::move(v.id_chars));
  g.kinds_ = Column(std::move(v.kinds));
  g.protected_ = Column(std::move(v.is_protected));
  g.entity_rows_ = Column(std::move(v.entity_rows));
  g.out_offsets_ = Column(std::move(out.offsets));
  g.out_targets_ = Column(std::move(out.targets));
  g.in_offsets_ = Column(std::move(in_offsets));
  g.in_sources_ = Column(std::move(in_sources));
  g.in_edges_ = Column(std::move(in_edges));
  g.edge_kind_ = Column(std::move(out.kind));
  g.edge_from_ = Column(std::move(out.from));
  g.edge_to_ = Column(std::move(out.to));
  g.edge_confidence_ = Column(std::move(out.confidence));
  g.relation_rows_ = Column(std::move(out.relation_rows));
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
