// graph/query_graph.cpp: freezing the store into compressed sparse rows.
#include "graph/query_graph.h"

#include <algorithm>
#include <cassert>
#include <unordered_map>

namespace flgraph::graph {

QueryGraph QueryGraph::build(std::vector<VertexInput> vertices, std::vector<EdgeInput> edges) {
  QueryGraph g;
  const std::size_t n = vertices.size();
  g.kinds_.reserve(n);
  g.protected_.reserve(n);
  g.entity_rows_.reserve(n);
  g.id_offsets_.reserve(n + 1);
  g.id_offsets_.push_back(0);
  for (auto& vertex : vertices) {
    g.id_chars_.insert(g.id_chars_.end(), vertex.id.begin(), vertex.id.end());
    g.id_offsets_.push_back(g.id_chars_.size());
    g.kinds_.push_back(vertex.kind);
    g.protected_.push_back(vertex.is_protected ? 1 : 0);
    g.entity_rows_.push_back(vertex.entity_row);
  }
  // Boost places edges by a stable counting sort on the source, so sorting by source first
  // makes its edge index equal to our position and the parallel arrays line up with it.
  std::stable_sort(edges.begin(), edges.end(),
                   [](const EdgeInput& a, const EdgeInput& b) { return a.src < b.src; });
  std::vector<std::pair<VertexId, VertexId>> endpoints;
  endpoints.reserve(edges.size());
  for (const auto& edge : edges) endpoints.emplace_back(edge.src, edge.dst);
  g.csr_ = Csr(boost::edges_are_unsorted_multi_pass, endpoints.begin(), endpoints.end(), static_cast<VertexId>(n));
  endpoints.clear();
  endpoints.shrink_to_fit();

  const std::size_t m = edges.size();
  g.edge_kind_.resize(m);
  g.edge_from_.resize(m);
  g.edge_to_.resize(m);
  g.edge_confidence_.resize(m);
  g.relation_rows_.resize(m);
  g.edge_source_.resize(m);
  g.edge_target_.resize(m);
  for (std::size_t e = 0; e < m; ++e) {
    const auto& edge = edges[e];
    g.edge_kind_[e] = edge.kind;
    g.edge_from_[e] = edge.date_from;
    g.edge_to_[e] = edge.date_to;
    g.edge_confidence_[e] = edge.confidence;
    g.relation_rows_[e] = edge.relation_row;
    g.edge_source_[e] = edge.src;
    g.edge_target_[e] = edge.dst;
  }
  return g;
}

QueryGraph QueryGraph::load(const Store& store) {
  std::vector<VertexInput> vertices;
  vertices.reserve(static_cast<std::size_t>(store.entity_count()));
  std::unordered_map<EntityRowId, VertexId> vertex_of_row;
  vertex_of_row.reserve(vertices.capacity());
  store.for_each_entity_key([&](const Store::EntityKey& key) {
    vertex_of_row.emplace(key.row, static_cast<VertexId>(vertices.size()));
    vertices.push_back({std::string(key.id), key.kind, key.is_protected, key.row});
  });
  std::vector<EdgeInput> edges;
  store.for_each_relation_row([&](const RelationRow& row) {
    edges.push_back({vertex_of_row.at(row.src), vertex_of_row.at(row.dst), row.kind,
                     row.from ? row.from->days : kOpenStart, row.to ? row.to->days : kOpenEnd,
                     static_cast<float>(row.confidence), row.row});
  });
  return build(std::move(vertices), std::move(edges));
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
  const std::size_t n = vertex_count();
  const std::size_t m = edge_count();
  // CSR: two row-start arrays and, per edge, a target (forward) plus source and edge index (backward).
  const std::size_t csr = 2 * (n + 1) * sizeof(EdgeIdx) + m * (sizeof(VertexId) * 2 + sizeof(EdgeIdx));
  return csr + id_chars_.size() + id_offsets_.size() * sizeof(std::size_t) + n * (1 + 1 + sizeof(EntityRowId)) +
         m * (1 + 4 + 4 + 4 + sizeof(RelationRowId) + 4 + 4);
}

}  // namespace flgraph::graph
