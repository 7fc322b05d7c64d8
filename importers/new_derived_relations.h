// importers/new_derived_relations.h: the relations of a pipelined append, named by the ids derived
// from their ends, that no relation held before or sent earlier can answer to. The writer then
// skips the look-ups that could only find nothing (a seek on the ends, one on given ids, and the
// entity seeks of the id's other readings: about a fifth of a large append).
#pragma once
#include <absl/container/flat_hash_set.h>

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "graph/query_graph.h"
#include "graph/records.h"

namespace flgraph::importers {

class NewDerivedRelations {
 public:
  // `held_before`: the graph of every entity and relation the store held before the import,
  // none protected (ImportSession::begin_pipeline).
  explicit NewDerivedRelations(const graph::QueryGraph& held_before);

  // Whether `relation`, from entity row `src` to row `dst`, has the id derived from its ends and
  // no relation held before, nor any relation with such an id passed here before, has its
  // ends; and whether no other reading of its id names two entities `entity_exists` knows (a
  // relation between them might answer to it). Every relation of the import passes here in the
  // order it is written. Only an id the data gave can still name such a relation.
  template <typename EntityExists>
  bool is_new(const graph::RelationRecord& relation, graph::EntityRowId src, graph::EntityRowId dst,
              EntityExists entity_exists) {
    if (!graph::has_derived_id(relation) || !first_time(relation, src, dst)) return false;
    if (held_before(relation, src, dst)) return false;
    const bool another_reading = graph::first_reading_as_derived_id(
        relation.id, [&](const graph::DerivedIdReading& reading) {
          // The reading's dst first: for a dated id, "DST@DATE" is seldom an entity's id.
          return !reading.is_of(relation) && entity_exists(reading.dst) &&
                 entity_exists(reading.src);
        });
    return !another_reading;
  }

 private:
  struct Ends {
    graph::EntityRowId src = 0;
    graph::EntityRowId dst = 0;
    std::int32_t from = graph::kOpenStart;
    graph::RelationKind kind = graph::RelationKind::Supplies;
    friend bool operator==(const Ends&, const Ends&) = default;
    template <typename H>
    friend H AbslHashValue(H state, const Ends& ends) {
      return H::combine(std::move(state), ends.src, ends.dst, ends.from, ends.kind);
    }
  };
  static Ends ends_of(const graph::RelationRecord& relation, graph::EntityRowId src,
                      graph::EntityRowId dst);
  // False when a relation with these ends and an id derived from them passed here before.
  bool first_time(const graph::RelationRecord& relation, graph::EntityRowId src,
                  graph::EntityRowId dst);
  // Whether the graph held before has an edge with the relation's ends, kind and start date
  // (its id derived or not: the store tells, on the slower path).
  bool held_before(const graph::RelationRecord& relation, graph::EntityRowId src,
                   graph::EntityRowId dst) const;
  std::optional<graph::VertexId> vertex_of(graph::EntityRowId row) const;

  const graph::QueryGraph& graph_;
  // Indexed by entity row (kNoVertex where none). Rows are dense unless many entities were
  // deleted; a graph whose rows are too sparse for this takes no relation as new.
  std::vector<graph::VertexId> vertex_of_row_;
  bool rows_dense_ = true;
  absl::flat_hash_set<Ends> sent_;
};

}  // namespace flgraph::importers
