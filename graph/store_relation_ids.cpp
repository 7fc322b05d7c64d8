// graph/store_relation_ids.cpp: a relation's row by its stored id, through the unique index on
// relation ids or, while a pipelined bulk load has it suspended, through the written ids' hashes.
#include <xxhash.h>

#include "graph/detail/schema.h"
#include "graph/detail/store_statements.h"
#include "graph/detail/written_relation_ids.h"
#include "graph/store.h"

namespace flgraph::graph {

namespace detail {

std::uint64_t WrittenRelationIds::hash(std::string_view stored_id) {
  return XXH3_64bits(stored_id.data(), stored_id.size());
}

std::optional<RelationRowId> WrittenRelationIds::row_of(std::uint64_t hash) const {
  const auto found = rows_.find(hash);
  if (found == rows_.end()) return std::nullopt;
  return found->second;
}

}  // namespace detail

using detail::Statement;
using detail::WrittenRelationIds;

void Store::suspend_relation_id_index() {
  if (!bulk_load_)
    throw detail::StoreError("the relation id index is suspended only while a new store is built");
  if (written_relation_ids_) return;
  auto written = std::make_unique<WrittenRelationIds>();
  Statement rows(db_, "SELECT id, ext_id FROM relation");
  while (rows.step()) written->add(WrittenRelationIds::hash(rows.text(1)), rows.integer(0));
  release_statements();
  exec("DROP INDEX relation_ext_id");
  written_relation_ids_ = std::move(written);
}

void Store::restore_relation_id_index() {
  if (!written_relation_ids_) return;
  release_statements();
  exec(detail::kRelationIdIndex);
  written_relation_ids_.reset();
}

std::optional<RelationRowId> Store::relation_row(std::string_view stored_id) const {
  auto& by_id = statements_->get("SELECT id FROM relation WHERE ext_id = ?");
  if (written_relation_ids_) {
    const auto row = written_relation_ids_->row_of(WrittenRelationIds::hash(stored_id));
    if (!row) return std::nullopt;  // every id written since the suspension has its hash here
    auto& written = statements_->get("SELECT ext_id FROM relation WHERE id = ?");
    written.bind(1, *row);
    if (written.step() && written.text(0) == stored_id) return row;
    // Another id with the same 64-bit hash (about one load in 300,000 at 10M relations): the
    // query below then reads the whole table, as there is no index to seek.
  }
  by_id.bind(1, stored_id);
  if (by_id.step()) return by_id.integer(0);
  return std::nullopt;
}

void Store::note_written_relation(std::string_view stored_id, RelationRowId row) {
  if (written_relation_ids_) written_relation_ids_->add(WrittenRelationIds::hash(stored_id), row);
}

}  // namespace flgraph::graph
