// graph/query_graph.h: the in-memory graph queries run on: compressed sparse rows both ways.
#pragma once
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/range/iterator_range.hpp>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/model.h"
#include "graph/store.h"

namespace flgraph::graph {

using VertexId = std::uint32_t;
using EdgeIdx = std::uint32_t;

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

class QueryGraph {
 public:
  using Csr = boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property,
                                                 boost::no_property, boost::no_property, VertexId, EdgeIdx>;

  // Reads every entity and relation of the store. Vertex ids follow byte-wise id order, so
  // "smallest id" comparisons are integer comparisons.
  static QueryGraph load(const Store& store);
  // Vertices must be sorted by id; edges in any order.
  static QueryGraph build(std::vector<VertexInput> vertices, std::vector<EdgeInput> edges);

  std::size_t vertex_count() const { return kinds_.size(); }
  std::size_t edge_count() const { return edge_kind_.size(); }

  std::string_view id(VertexId v) const {
    return {id_chars_.data() + id_offsets_[v], id_offsets_[v + 1] - id_offsets_[v]};
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
  VertexId edge_source(EdgeIdx e) const { return edge_source_[e]; }
  VertexId edge_target(EdgeIdx e) const { return edge_target_[e]; }

  // f(other_vertex, edge) for every edge other -> v.
  template <typename Visit>
  void for_each_in_edge(VertexId v, Visit&& visit) const {
    for (auto e : boost::make_iterator_range(boost::in_edges(v, csr_))) {
      visit(static_cast<VertexId>(boost::source(e, csr_)), static_cast<EdgeIdx>(e.idx));
    }
  }
  // f(other_vertex, edge) for every edge v -> other.
  template <typename Visit>
  void for_each_out_edge(VertexId v, Visit&& visit) const {
    for (auto e : boost::make_iterator_range(boost::out_edges(v, csr_))) {
      visit(static_cast<VertexId>(boost::target(e, csr_)), static_cast<EdgeIdx>(e.idx));
    }
  }

  const Csr& csr() const { return csr_; }

  // Bytes held by the graph's arrays (reported by benchmarks).
  std::size_t memory_bytes() const;

 private:
  Csr csr_;
  std::vector<char> id_chars_;
  std::vector<std::size_t> id_offsets_;
  std::vector<EntityKind> kinds_;
  std::vector<std::uint8_t> protected_;
  std::vector<EntityRowId> entity_rows_;
  // Per-edge attributes in parallel arrays, indexed by the CSR edge index (sorted by source).
  std::vector<RelationKind> edge_kind_;
  std::vector<std::int32_t> edge_from_;
  std::vector<std::int32_t> edge_to_;
  std::vector<float> edge_confidence_;
  std::vector<RelationRowId> relation_rows_;
  std::vector<VertexId> edge_source_;
  std::vector<VertexId> edge_target_;
};

}  // namespace flgraph::graph
