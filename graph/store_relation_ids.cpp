// graph/store_relation_ids.cpp: a relation's row by its stored id. An id the data gave is found
// through the unique index on given ids; an id derived from the relation's ends (schema v6
// stores no text for it) through the index on the ends, in both its parts (schema v7); while a
// pipelined bulk load has both indexes suspended, through the written ids' hashes. And the
// indexes' upkeep: suspended and rebuilt around a bulk load, their recent part settled.
#include <fmt/format.h>
#include <xxhash.h>

#include <string>

#include "graph/detail/new_relation_rows.h"
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
  Statement rows(db_, "SELECT id, ext_id FROM relation_named");
  while (rows.step()) written->add(WrittenRelationIds::hash(rows.text(1)), rows.integer(0));
  release_statements();
  for (const auto& [name, create] : detail::kSuspendedRelationIndexes)
    exec(fmt::format("DROP INDEX {}", name).c_str());
  written_relation_ids_ = std::move(written);
}

void Store::restore_relation_id_index() {
  if (!written_relation_ids_) return;
  put_held_relations(true);
  release_statements();
  for (const auto& [name, create] : detail::kSuspendedRelationIndexes) create_index(create);
  written_relation_ids_.reset();
}

void Store::hold_new_relations() {
  // A bulk load without its suspended indexes could not find the rows it holds (see above).
  if (held_relations_ || (bulk_load_ && !written_relation_ids_)) return;
  held_relations_ =
      std::make_unique<detail::NewRelationRows>(db_, max_relation_row() + 1, in_recent_part() != 0);
}

void Store::put_held_relations(bool write) {
  if (!held_relations_) return;
  if (write) held_relations_->write();
  held_relations_.reset();
}

void Store::write_held_relations() const {
  if (held_relations_) held_relations_->write();
}

std::optional<RelationRowId> Store::relation_row(std::string_view stored_id,
                                                 const RelationRecord* looked_up) const {
  if (written_relation_ids_) {
    const auto row = written_relation_ids_->row_of(WrittenRelationIds::hash(stored_id));
    if (!row) return std::nullopt;  // every id written since the suspension has its hash here
    write_held_relations();
    auto& written = statements_->get("SELECT ext_id FROM relation_named WHERE id = ?");
    written.bind(1, *row);
    if (written.step() && written.text(0) == stored_id) return row;
    // Another id with the same 64-bit hash (about one load in 300,000 at 10M relations): the
    // look-ups below then read the whole table, as there is no index to seek.
  }
  if (!written_relation_ids_) write_held_relations();  // an append's, which it may name
  if (!looked_up) {
    if (const auto row = given_relation_row(stored_id)) return row;
  }
  auto& end = statements_->get("SELECT id FROM entity WHERE ext_id = ?");
  return first_reading_as_derived_id(
      stored_id, [&](const DerivedIdReading& reading) -> std::optional<RelationRowId> {
        if (looked_up && reading.is_of(*looked_up)) return std::nullopt;
        end.reset().bind(1, reading.src);
        if (!end.step()) return std::nullopt;
        const EntityRowId src = end.integer(0);
        end.reset().bind(1, reading.dst);
        if (!end.step()) return std::nullopt;
        return derived_relation_row(src, reading.kind, end.integer(0), reading.from);
      });
}

std::optional<RelationRowId> Store::derived_or_given_relation_row(const RelationRecord& relation,
                                                                  EntityRowId src,
                                                                  EntityRowId dst) const {
  // One statement for both (SQLite seeks each index and joins the answers).
  static const std::string sql = fmt::format(
      "SELECT id FROM relation WHERE {} OR ext_id = ?5",
      detail::in_both_parts(
          "src = ?1 AND kind = ?2 AND dst = ?3 AND date_from IS ?4 AND ext_id IS NULL"));
  auto& query = statements_->get(sql.c_str());
  query.bind(1, src)
      .bind(2, static_cast<std::int64_t>(relation.kind))
      .bind(3, dst)
      .bind(4, relation.valid.from)
      .bind(5, relation.id);
  if (query.step()) return query.integer(0);
  // The id may also read as derived from other ends (ids may hold '-').
  return relation_row(relation.id, &relation);
}

std::optional<RelationRowId> Store::given_relation_row(std::string_view id) const {
  auto& given = statements_->get("SELECT id FROM relation WHERE ext_id = ?");
  given.bind(1, id);
  if (given.step()) return given.integer(0);
  return std::nullopt;
}

std::optional<RelationRowId> Store::derived_relation_row(EntityRowId src, RelationKind kind,
                                                         EntityRowId dst,
                                                         std::optional<Date> from) const {
  static const std::string sql = fmt::format(
      "SELECT id FROM relation WHERE {}",
      detail::in_both_parts(
          "src = ?1 AND kind = ?2 AND dst = ?3 AND date_from IS ?4 AND ext_id IS NULL"));
  auto& query = statements_->get(sql.c_str());
  query.bind(1, src).bind(2, static_cast<std::int64_t>(kind)).bind(3, dst).bind(4, from);
  if (query.step()) return query.integer(0);
  return std::nullopt;
}

void Store::settle_recent_relations() {
  if (bulk_load_) return;
  std::int64_t recent = 0;
  std::int64_t first_recent = 0;
  std::int64_t rows = 0;
  {
    Statement part(db_, "SELECT count(*), min(id) FROM relation WHERE recent IS NOT NULL");
    part.step();
    recent = part.integer(0);
    first_recent = part.integer(1);
    Statement last(db_, "SELECT coalesce(max(id), 0) FROM relation");
    last.step();
    rows = last.integer(0);
  }
  if (recent == 0 || recent * 4 <= rows) return;
  release_statements();
  for (const auto& [name, create] : detail::kRelationEndIndexes)
    exec(fmt::format("DROP INDEX {}", name).c_str());
  // Relations are appended at the end of the table, so their row ids bound the scan.
  Statement settle(db_, "UPDATE relation SET recent = NULL WHERE id >= ? AND recent IS NOT NULL");
  settle.bind(1, first_recent).run();
  for (const auto& [name, create] : detail::kRelationEndIndexes) create_index(create);
}

void Store::note_written_relation(std::string_view stored_id, RelationRowId row) {
  if (written_relation_ids_) written_relation_ids_->add(WrittenRelationIds::hash(stored_id), row);
}

}  // namespace flgraph::graph
