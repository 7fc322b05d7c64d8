// graph/store_writes.cpp: upserts of every record kind. A protected record, or one resting on
// protected material, takes the sealed path of store_sealing.cpp: one rule, in one place.
#include <fmt/format.h>
#include <sqlite3.h>

#include "graph/detail/new_relation_rows.h"
#include "graph/detail/store_statements.h"
#include "graph/protection.h"
#include "graph/store.h"

namespace flgraph::graph {

using detail::Statement;

namespace {

constexpr int kEntityColumns = 9;
constexpr std::size_t kEntitiesPerInsert = 64;

std::string entity_insert_of(std::size_t rows) {
  std::string sql =
      "INSERT INTO entity(id, ext_id, kind, name, country, date_from, date_to, protected, "
      "attributes) VALUES";
  for (std::size_t i = 0; i < rows; ++i)
    sql += i == 0 ? "(?,?,?,?,?,?,?,?,?)" : ",(?,?,?,?,?,?,?,?,?)";
  return sql;
}

// Binds `entity` at `row` (NULL: SQLite picks the next) as parameters `first` to `first` + 8.
void bind_entity(Statement& insert, int first, std::optional<EntityRowId> row,
                 const EntityRecord& entity) {
  if (row) {
    insert.bind(first, *row);
  } else {
    insert.bind_null(first);
  }
  insert.bind(first + 1, entity.id)
      .bind(first + 2, static_cast<std::int64_t>(entity.kind))
      .bind(first + 3, entity.name)
      .bind(first + 4, entity.country)
      .bind(first + 5, entity.valid.from)
      .bind(first + 6, entity.valid.to)
      .bind(first + 7, std::int64_t{entity.is_protected ? 1 : 0})
      .bind(first + 8, entity.attributes_json);
}

}  // namespace

std::optional<EntityRowId> Store::insert_entity_if_new(const EntityRecord& entity,
                                                       std::optional<EntityRowId> row) {
  static const std::string sql = entity_insert_of(1) + " ON CONFLICT(ext_id) DO NOTHING";
  auto& insert = statements_->get(sql.c_str());
  bind_entity(insert, 1, row, entity);
  insert.run();
  return inserted_row();
}

void Store::insert_new_entities(std::span<const NewEntity> entities) {
  static const std::string sql = entity_insert_of(kEntitiesPerInsert);
  std::size_t at = 0;
  for (; at + kEntitiesPerInsert <= entities.size(); at += kEntitiesPerInsert) {
    const auto batch = entities.subspan(at, kEntitiesPerInsert);
    auto& insert = statements_->get(sql.c_str());
    for (std::size_t i = 0; i < batch.size(); ++i)
      bind_entity(insert, static_cast<int>(i) * kEntityColumns + 1, batch[i].row, *batch[i].record);
    try {
      insert.run();
    } catch (const detail::StoreError&) {
      // SQLite undid the statement and the transaction goes on: one at a time names the entity.
      if (sqlite3_get_autocommit(db_) != 0) throw;
      for (const auto& entity : batch) insert_new_entity(*entity.record, entity.row);
      throw;
    }
    for (const auto& entity : batch) insert_aliases(entity.record->aliases, entity.row);
  }
  for (; at < entities.size(); ++at) insert_new_entity(*entities[at].record, entities[at].row);
}

std::optional<std::int64_t> Store::inserted_row() const {
  // An INSERT that did nothing on a conflict changed no row; RETURNING, which would say so
  // too, buffers every row it returns and cost a third of a bulk load's writing.
  if (sqlite3_changes(db_) == 0) return std::nullopt;
  return sqlite3_last_insert_rowid(db_);
}

std::pair<EntityRowId, UpsertOutcome> Store::upsert_entity(const EntityRecord& entity) {
  // Protection never lowers: a record the store keeps protected stays so, whatever a later
  // import says (seen only when the key is at hand, as the stored id is a pseudonym).
  if (entity.is_protected || find_protected_by_real_id(entity.id))
    return upsert_protected_entity(entity, std::nullopt);
  // Insert first: on a fresh import nearly every row is new, so this is the one statement run.
  std::optional<EntityRowId> row = insert_entity_if_new(entity, std::nullopt);
  UpsertOutcome outcome = UpsertOutcome::Unchanged;
  if (row) {
    outcome = UpsertOutcome::Inserted;
  } else {
    const auto existing = find_entity(entity.id);
    if (!existing) throw detail::StoreError("entity vanished during upsert");
    if (existing->kind != entity.kind) return {existing->row, UpsertOutcome::Conflicting};
    row = existing->row;
  }
  if (outcome != UpsertOutcome::Inserted) {
    // Empty text never erases what another source said; dates and flags are values and replace.
    auto& update = statements_->get(
        "UPDATE entity SET name = coalesce(nullif(?2, ''), name), country = coalesce(nullif(?3, "
        "''), country), "
        "date_from = ?4, date_to = ?5, attributes = json_patch(attributes, ?7) "
        "WHERE id = ?1 AND (name IS NOT coalesce(nullif(?2, ''), name) OR country IS NOT "
        "coalesce(nullif(?3, ''), country) OR date_from IS NOT ?4 OR date_to IS NOT ?5 "
        "OR attributes IS NOT json_patch(attributes, ?7))");
    update.bind(1, *row)
        .bind(2, entity.name)
        .bind(3, entity.country)
        .bind(4, entity.valid.from)
        .bind(5, entity.valid.to)
        .bind(7, entity.attributes_json)
        .run();
    if (sqlite3_changes(db_) > 0) outcome = UpsertOutcome::Updated;
  }
  for (const auto& alias : entity.aliases) {
    statements_->get("INSERT OR IGNORE INTO alias(entity_id, alias) VALUES(?,?)")
        .bind(1, *row)
        .bind(2, alias)
        .run();
    if (sqlite3_changes(db_) > 0 && outcome == UpsertOutcome::Unchanged)
      outcome = UpsertOutcome::Updated;
  }
  return {*row, outcome};
}

bool Store::insert_new_entity(const EntityRecord& entity, EntityRowId row) {
  if (entity.is_protected) {
    const auto [stored_row, outcome] = upsert_protected_entity(entity, row);
    return outcome == UpsertOutcome::Inserted && stored_row == row;
  }
  if (!insert_entity_if_new(entity, row)) {
    throw detail::StoreError(fmt::format("entity id {} is already in the store", entity.id));
  }
  insert_aliases(entity.aliases, row);
  return true;
}

void Store::insert_aliases(const std::vector<std::string>& aliases, EntityRowId row) {
  for (const auto& alias : aliases) {
    statements_->get("INSERT OR IGNORE INTO alias(entity_id, alias) VALUES(?,?)")
        .bind(1, row)
        .bind(2, alias)
        .run();
  }
}

EntityRowId Store::max_entity_row() const {
  Statement query(db_, "SELECT coalesce(max(id), 0) FROM entity");
  query.step();
  return query.integer(0);
}

std::pair<RelationRowId, UpsertOutcome> Store::upsert_relation(const RelationRecord& relation,
                                                               EntityRowId src, EntityRowId dst,
                                                               DerivedIdKnown known) {
  if (is_protected_row(src) || is_protected_row(dst))
    return upsert_sealed_relation(relation, src, dst);
  // The id derived from the ends is not stored (schema v6): the ends find it.
  const bool derived = has_derived_id(relation);
  // A bulk load finds held rows by their ids' hashes; an append holds only rows no look-up can
  // find, and any other relation must see them.
  const bool hold =
      held_relations_ && (written_relation_ids_ || known == DerivedIdKnown::NewByEveryReading);
  if (!hold) write_held_relations();
  std::optional<RelationRowId> existing_row;
  if (written_relation_ids_ || !derived) {
    existing_row = relation_row(relation.id);
  } else if (known == DerivedIdKnown::NewByEveryReading) {
    existing_row = given_relation_row(relation.id);
  } else {
    existing_row = derived_or_given_relation_row(relation, src, dst);
  }
  if (!existing_row && hold) {
    const RelationRowId row = held_relations_->add(relation, derived, src, dst);
    if (held_relations_->full()) held_relations_->write();
    note_written_relation(relation.id, row);
    return {row, UpsertOutcome::Inserted};
  }
  if (!existing_row) {
    auto& insert = statements_->get(
        "INSERT INTO relation(ext_id, src, dst, kind, date_from, date_to, confidence, "
        "attributes, recent) VALUES(?,?,?,?,?,?,?,?,nullif(?,0))");
    if (derived)
      insert.bind_null(1);
    else
      insert.bind(1, relation.id);
    insert.bind(2, src)
        .bind(3, dst)
        .bind(4, static_cast<std::int64_t>(relation.kind))
        .bind(5, relation.valid.from)
        .bind(6, relation.valid.to)
        .bind(7, relation.confidence)
        .bind(8, relation.attributes_json)
        .bind(9, in_recent_part())
        .run();
    const RelationRowId row = sqlite3_last_insert_rowid(db_);
    if (held_relations_) held_relations_->continue_after(row);  // the rows held next follow it
    note_written_relation(relation.id, row);
    return {row, UpsertOutcome::Inserted};
  }
  auto& ends = statements_->get("SELECT src, dst, kind FROM relation WHERE id = ?");
  ends.bind(1, *existing_row);
  if (!ends.step()) throw detail::StoreError("relation vanished during upsert");
  if (ends.integer(0) != src || ends.integer(1) != dst ||
      detail::enum_from<RelationKind>(ends.integer(2)) != relation.kind) {
    return {*existing_row, UpsertOutcome::Conflicting};
  }
  // A new start date would change an id derived from it: such an id is then written out.
  auto& update = statements_->get(
      "UPDATE relation SET date_from = ?2, date_to = ?3, confidence = ?4, attributes = "
      "json_patch(attributes, ?5), "
      "ext_id = CASE WHEN ext_id IS NULL AND date_from IS NOT ?2 THEN ?6 ELSE ext_id END "
      "WHERE id = ?1 AND (date_from IS NOT ?2 OR date_to IS NOT ?3 OR confidence IS NOT ?4 "
      "OR attributes IS NOT json_patch(attributes, ?5))");
  update.bind(1, *existing_row)
      .bind(2, relation.valid.from)
      .bind(3, relation.valid.to)
      .bind(4, relation.confidence)
      .bind(5, relation.attributes_json)
      .bind(6, relation.id)
      .run();
  return {*existing_row,
          sqlite3_changes(db_) > 0 ? UpsertOutcome::Updated : UpsertOutcome::Unchanged};
}

UpsertOutcome Store::upsert_source(const SourceRecord& source) {
  if (source.access == Access::Protected || is_pseudonym(source.id))
    return upsert_protected_source(source);
  // A source the store keeps protected stays so (seen when the key is at hand).
  if (try_unlock_quietly()) {
    auto& protected_source =
        statements_->get("SELECT 1 FROM source WHERE ext_id = ? AND access = 2");
    protected_source.bind(1, pseudonym_for(source.id));
    if (protected_source.step()) return upsert_protected_source(source);
  }
  // Empty text never erases a known value; grades and access are values and replace.
  auto& upsert = statements_->get(
      "INSERT INTO source(ext_id, title, publisher, published_on, url, sha256, kind, reliability, "
      "access) "
      "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9) ON CONFLICT(ext_id) DO UPDATE SET title = "
      "coalesce(nullif(?2, ''), title), "
      "publisher = coalesce(nullif(?3, ''), publisher), published_on = coalesce(?4, published_on), "
      "url = coalesce(nullif(?5, ''), url), sha256 = coalesce(nullif(?6, ''), sha256), kind = ?7, "
      "reliability = ?8, access = ?9 "
      "WHERE (title, publisher, published_on, url, sha256, kind, reliability, access) IS NOT "
      "(coalesce(nullif(?2, ''), title), coalesce(nullif(?3, ''), publisher), coalesce(?4, "
      "published_on), "
      "coalesce(nullif(?5, ''), url), coalesce(nullif(?6, ''), sha256), ?7, ?8, ?9)");
  const bool existed = has_source(source.id);
  upsert.bind(1, source.id)
      .bind(2, source.title)
      .bind(3, source.publisher)
      .bind(4, source.published_on)
      .bind(5, source.url)
      .bind(6, source.sha256)
      .bind(7, static_cast<std::int64_t>(source.kind))
      .bind(8, std::string_view(std::string(1, to_char(source.reliability))))
      .bind(9, static_cast<std::int64_t>(source.access))
      .run();
  if (!existed) return UpsertOutcome::Inserted;
  return sqlite3_changes(db_) > 0 ? UpsertOutcome::Updated : UpsertOutcome::Unchanged;
}

UpsertOutcome Store::upsert_claim(const ClaimRecord& claim) {
  std::optional<std::int64_t> entity_row;
  std::optional<std::int64_t> relation_row;
  bool on_protected = false;
  if (auto entity = find_entity(claim.fact)) {
    entity_row = entity->row;
    on_protected = is_protected_row(entity->row);
  } else if (auto relation = find_relation(claim.fact)) {
    relation_row = relation->row;
    on_protected = is_protected_row(relation->src) || is_protected_row(relation->dst);
  } else {
    throw NotFoundError(fmt::format("unknown fact {}", quote_for_message(claim.fact)));
  }
  const auto source = find_source(claim.source);
  if (!source)
    throw NotFoundError(fmt::format("unknown source {}", quote_for_message(claim.source)));
  on_protected = on_protected || source->access == Access::Protected;

  // A claim resting on protected material keeps its locator as a keyed tag (so a re-import
  // finds it) and its locator, quote and recorder sealed. One exported that way comes back as
  // it left.
  ClaimRecord stored = claim;
  std::string sealed;
  if (on_protected &&
      !(is_locator_tag(claim.locator) && claim.quote.empty() && claim.recorded_by.empty())) {
    stored.locator = sealed_locator(claim.locator);
    stored.quote.clear();
    stored.recorded_by.clear();
    stored.recorded_on.reset();
  }
  auto bind_fact = [&](Statement& stmt, int first) -> Statement& {
    if (entity_row)
      stmt.bind(first, *entity_row);
    else
      stmt.bind_null(first);
    if (relation_row)
      stmt.bind(first + 1, *relation_row);
    else
      stmt.bind_null(first + 1);
    return stmt;
  };
  // Through the fact's own index: claim_by_source would scan every claim sharing the source and
  // locator (all the facts of one bill-of-lading row, or a claims file citing one page).
  auto& find =
      entity_row
          ? statements_->get(
                "SELECT id, sealed FROM claim INDEXED BY claim_by_entity WHERE entity_id = ?1 AND "
                "relation_id IS NULL AND source_id = ?2 AND locator = ?3")
          : statements_->get(
                "SELECT id, sealed FROM claim INDEXED BY claim_by_relation WHERE relation_id = ?1 "
                "AND "
                "entity_id IS NULL AND source_id = ?2 AND locator = ?3");
  find.bind(1, entity_row ? *entity_row : *relation_row)
      .bind(2, source->row)
      .bind(3, stored.locator);
  if (find.step()) {
    const std::int64_t claim_row = find.integer(0);
    const std::string existing_sealed = find.blob(1);
    if (stored.locator != claim.locator) {
      // Sealed values differ byte for byte on every seal (fresh nonce): compare what they hold.
      const auto& keys = unlocked("a claim on protected material");
      const bool same =
          !existing_sealed.empty() &&
          unseal(keys.key, existing_sealed, claim_context(stored.locator)) == claim_payload(claim);
      auto& credibility = statements_->get(
          "UPDATE claim SET credibility = ?2 WHERE id = ?1 AND credibility IS NOT ?2");
      credibility.bind(1, claim_row).bind(2, static_cast<std::int64_t>(claim.credibility)).run();
      const bool credibility_changed = sqlite3_changes(db_) > 0;
      if (same) return credibility_changed ? UpsertOutcome::Updated : UpsertOutcome::Unchanged;
      statements_->get("UPDATE claim SET sealed = ?2 WHERE id = ?1")
          .bind(1, claim_row)
          .bind_blob(2, seal(keys.key, claim_payload(claim), claim_context(stored.locator)))
          .run();
      return UpsertOutcome::Updated;
    }
    auto& update = statements_->get(
        "UPDATE claim SET credibility = ?2, quote = ?3, recorded_by = ?4, recorded_on = ?5 WHERE "
        "id = ?1 AND "
        "(credibility, quote, recorded_by, recorded_on) IS NOT (?2, ?3, ?4, ?5)");
    update.bind(1, claim_row)
        .bind(2, static_cast<std::int64_t>(stored.credibility))
        .bind(3, stored.quote)
        .bind(4, stored.recorded_by)
        .bind(5, stored.recorded_on)
        .run();
    return sqlite3_changes(db_) > 0 ? UpsertOutcome::Updated : UpsertOutcome::Unchanged;
  }
  if (stored.locator != claim.locator) {
    sealed = seal(unlocked("a claim on protected material").key, claim_payload(claim),
                  claim_context(stored.locator));
  }
  auto& insert = statements_->get(
      "INSERT INTO claim(entity_id, relation_id, source_id, locator, credibility, quote, "
      "recorded_by, recorded_on, "
      "sealed) VALUES(?,?,?,?,?,?,?,?,?)");
  bind_fact(insert, 1)
      .bind(3, source->row)
      .bind(4, stored.locator)
      .bind(5, static_cast<std::int64_t>(stored.credibility))
      .bind(6, stored.quote)
      .bind(7, stored.recorded_by)
      .bind(8, stored.recorded_on);
  if (sealed.empty())
    insert.bind_null(9);
  else
    insert.bind_blob(9, sealed);
  insert.run();
  return UpsertOutcome::Inserted;
}

UpsertOutcome Store::upsert_designation(const DesignationRecord& designation, EntityRowId entity) {
  if (is_protected_row(entity)) return upsert_protected_designation(designation, entity);
  auto& find = statements_->get(
      "SELECT id, listed_on IS ?5 FROM designation WHERE entity_id = ?1 AND authority = ?2 AND "
      "program = ?3 "
      "AND list_id = ?4");
  find.bind(1, entity)
      .bind(2, designation.authority)
      .bind(3, designation.program)
      .bind(4, designation.list_id)
      .bind(5, designation.listed_on);
  if (find.step()) {
    if (find.integer(1) != 0) return UpsertOutcome::Unchanged;
    const auto row = find.integer(0);
    statements_->get("UPDATE designation SET listed_on = ? WHERE id = ?")
        .bind(1, designation.listed_on)
        .bind(2, row)
        .run();
    return UpsertOutcome::Updated;
  }
  statements_
      ->get(
          "INSERT INTO designation(entity_id, authority, program, listed_on, list_id) "
          "VALUES(?,?,?,?,?)")
      .bind(1, entity)
      .bind(2, designation.authority)
      .bind(3, designation.program)
      .bind(4, designation.listed_on)
      .bind(5, designation.list_id)
      .run();
  return UpsertOutcome::Inserted;
}

}  // namespace flgraph::graph
