// graph/detail/written_relation_ids.h: the relation ids a bulk load has written while the unique
// index on them is suspended (Store::suspend_relation_id_index).
#pragma once
#include <absl/container/flat_hash_map.h>

#include <cstdint>
#include <optional>
#include <string_view>

#include "graph/model.h"

namespace flgraph::graph::detail {

// Rows by a 64-bit hash of the stored id: 16 bytes a relation instead of the id's text. A hash
// names at most one row; the caller reads that row's id back to tell a repeat from another id
// with the same hash, which it then looks up without the map.
class WrittenRelationIds {
 public:
  static std::uint64_t hash(std::string_view stored_id);
  // The row first written under this hash, if any.
  std::optional<RelationRowId> row_of(std::uint64_t hash) const;
  // Keeps the first row of a hash; a later id with the same hash stays out of the map.
  void add(std::uint64_t hash, RelationRowId row) { rows_.try_emplace(hash, row); }

 private:
  absl::flat_hash_map<std::uint64_t, RelationRowId> rows_;
};

}  // namespace flgraph::graph::detail
