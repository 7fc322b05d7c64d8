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
  const auto to = vertex_of(dst);
  if (!from || !to) return false;  // an entity new in this import: no relation held joins it
  const auto ends = ends_of(relation, src, dst);
  auto same = [&](graph::EdgeIdx e) {
    return graph_.edge_kind(e) == ends.kind && graph_.edge_from(e) == ends.from;
  };
  // The shorter of the two lists: a hub may hold a million edges on one side.
  if (graph_.out_end(*from) - graph_.out_begin(*from) <=
      graph_.in_end(*to) - graph_.in_begin(*to)) {
    for (auto e = graph_.out_begin(*from); e < graph_.out_end(*from); ++e) {
      if (graph_.edge_target(e) == *to && same(e)) return true;
    }
    return false;
  }
  for (auto at = graph_.in_begin(*to); at < graph_.in_end(*to); ++at) {
    if (graph_.in_source_at(at) == *from && same(graph_.in_edge_at(at))) return true;
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
