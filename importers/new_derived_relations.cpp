// importers/new_derived_relations.cpp: relations of an append that the store cannot hold yet.
#include "importers/new_derived_relations.h"

#include <algorithm>

namespace flgraph::importers {

NewDerivedRelations::NewDerivedRelations(const graph::QueryGraph& held_before)
    : graph_(held_before) {
  graph::EntityRowId last_row = 0;
  for (graph::VertexId v = 0; v < graph_.vertex_count(); ++v)
    last_row = std::max(last_row, graph_.entity_row(v));
  rows_dense_ = static_cast<std::uint64_t>(last_row) <= 8 * graph_.vertex_count() + 1024;
  if (!rows_dense_) return;
  vertex_of_row_.assign(static_cast<std::size_t>(last_row) + 1, graph::kNoVertex);
  for (graph::VertexId v = 0; v < graph_.vertex_count(); ++v)
    vertex_of_row_[static_cast<std::size_t>(graph_.entity_row(v))] = v;
}

NewDerivedRelations::Ends NewDerivedRelations::ends_of(const graph::RelationRecord& relation,
                                                       graph::EntityRowId src,
                                                       graph::EntityRowId dst) {
  return {src, dst, relation.valid.from ? relation.valid.from->days : graph::kOpenStart,
          relation.kind};
}

bool NewDerivedRelations::first_time(const graph::RelationRecord& relation, graph::EntityRowId src,
                                     graph::EntityRowId dst) {
  return sent_.insert(ends_of(relation, src, dst)).second;
}

bool NewDerivedRelations::held_before(const graph::RelationRecord& relation, graph::EntityRowId src,
                                      graph::EntityRowId dst) const {
  if (!rows_dense_) return true;
  const auto from = vertex_of(src);
  if (!from) return false;  // an entity new in this import: no relation held leaves it
  const auto ends = ends_of(relation, src, dst);
  for (auto e = graph_.out_begin(*from); e < graph_.out_end(*from); ++e) {
    if (graph_.edge_kind(e) == ends.kind && graph_.edge_from(e) == ends.from &&
        graph_.entity_row(graph_.edge_target(e)) == dst)
      return true;
  }
  return false;
}

std::optional<graph::VertexId> NewDerivedRelations::vertex_of(graph::EntityRowId row) const {
  if (row < 0 || static_cast<std::uint64_t>(row) >= vertex_of_row_.size()) return std::nullopt;
  const auto vertex = vertex_of_row_[static_cast<std::size_t>(row)];
  if (vertex == graph::kNoVertex) return std::nullopt;
  return vertex;
}

}  // namespace flgraph::importers
