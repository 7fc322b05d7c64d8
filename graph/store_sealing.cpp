// graph/store_sealing.cpp: protection at rest. A protected record is written as its pseudonym
// with everything identifying sealed under the protection key; nothing of it reaches the file
// in the clear. Reads see the pseudonym; the functions here open it again, with the key.
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "graph/detail/new_relation_rows.h"
#include "graph/detail/store_statements.h"
#include "graph/protection.h"
#include "graph/store.h"

namespace flgraph::graph {

using detail::enum_from;
using detail::Statement;

namespace {

constexpr const char* kMetaKdf = "protection_kdf";
constexpr const char* kMetaCheck = "protection_check";
constexpr const char* kMetaPseudonymKey = "protection_pseudonym_key";
constexpr const char* kMetaLegacyPseudonymKey = "pseudonym_key";

}  // namespace

// ---------------------------------------------------------------- keys

bool Store::has_keyring() const { return meta(kMetaKdf).has_value(); }

const UnlockedKeys& Store::unlocked(std::string_view why) const {
  if (unlocked_) return *unlocked_;
  if (!has_keyring()) {
    throw KeyError(fmt::format(
        "{} needs the protection key, but this database has none (it holds no protected material)",
        why));
  }
  const KeyringRows rows{meta(kMetaKdf).value_or(""), meta(kMetaCheck).value_or(""),
                         meta(kMetaPseudonymKey).value_or("")};
  try {
    unlocked_ = unlock_keyring(rows, keys_);
  } catch (const KeyError& error) {
    throw KeyError(fmt::format("{}: {}", why, error.what()));
  }
  return *unlocked_;
}

bool Store::try_unlock_quietly() const {
  if (unlocked_) return true;
  const KeySource quiet = keys_.without_prompt();
  if (!quiet.given() || !has_keyring()) return false;
  const KeyringRows rows{meta(kMetaKdf).value_or(""), meta(kMetaCheck).value_or(""),
                         meta(kMetaPseudonymKey).value_or("")};
  unlocked_ = unlock_keyring(rows, quiet);  // a wrong key is an error even here
  return true;
}

const UnlockedKeys& Store::keys_for_writing() {
  if (unlocked_) return *unlocked_;
  if (has_keyring()) return unlocked("writing protected material");
  // The first protected material: a keyring around a new pseudonym key (or the one an older
  // flgraph kept in the clear, so its pseudonyms stay the same).
  const std::string pseudonym_key = meta(kMetaLegacyPseudonymKey).value_or(random_pseudonym_key());
  auto [rows, key] = create_keyring(keys_, pseudonym_key);
  set_meta(kMetaKdf, rows.kdf);
  set_meta(kMetaCheck, rows.check);
  set_meta(kMetaPseudonymKey, rows.sealed_pseudonym_key);
  unlocked_ = UnlockedKeys{key, pseudonym_key};
  if (keys_.notice) keys_.notice(kWarnNewKey);
  return *unlocked_;
}

std::string Store::pseudonym_for(std::string_view id) const {
  if (is_pseudonym(id)) return std::string(id);
  return pseudonym(unlocked("a protected record").pseudonym_key, id);
}

std::string Store::sealed_locator(std::string_view locator) const {
  return locator_tag(unlocked("a claim on protected material").pseudonym_key, locator);
}

bool Store::is_protected_row(EntityRowId row) const {
  if (!protected_rows_) {
    protected_rows_.emplace();
    Statement query(db_, "SELECT id FROM entity WHERE protected = 1");
    while (query.step()) protected_rows_->insert(query.integer(0));
  }
  return !protected_rows_->empty() && protected_rows_->count(row) > 0;
}

std::optional<EntityRowId> Store::find_protected_by_real_id(std::string_view id) const {
  if (is_pseudonym(id) || !try_unlock_quietly()) return std::nullopt;
  auto& query = statements_->get("SELECT id FROM entity WHERE ext_id = ? AND protected = 1");
  query.bind(1, pseudonym(unlocked_->pseudonym_key, id));
  if (!query.step()) return std::nullopt;
  return query.integer(0);
}

// ---------------------------------------------------------------- sealed writes

std::pair<EntityRowId, UpsertOutcome> Store::upsert_protected_entity(
    const EntityRecord& entity, std::optional<EntityRowId> chosen_row) {
  // One exported as a pseudonym comes back as it left: nothing to seal, no key needed.
  const bool pseudonymous = is_pseudonym(entity.id);
  const std::string shown =
      pseudonymous ? entity.id : pseudonym(keys_for_writing().pseudonym_key, entity.id);
  auto& find = statements_->get("SELECT id, kind, sealed FROM entity WHERE ext_id = ?");
  find.bind(1, shown);
  if (find.step()) {
    const EntityRowId row = find.integer(0);
    if (enum_from<EntityKind>(find.integer(1)) != entity.kind)
      return {row, UpsertOutcome::Conflicting};
    const std::string existing = find.blob(2);
    if (pseudonymous) return {row, UpsertOutcome::Unchanged};
    const auto& keys = unlocked("a protected record");
    SealedEntity sealed;
    if (existing.empty()) {
      sealed.record = entity;
    } else {
      sealed = SealedEntity::from_json(unseal(keys.key, existing, entity_context(shown)));
      sealed.merge(entity);
    }
    const std::string payload = sealed.to_json();
    if (!existing.empty() && unseal(keys.key, existing, entity_context(shown)) == payload) {
      return {row, UpsertOutcome::Unchanged};
    }
    statements_->get("UPDATE entity SET sealed = ? WHERE id = ?")
        .bind_blob(1, seal(keys.key, payload, entity_context(shown)))
        .bind(2, row)
        .run();
    return {row, UpsertOutcome::Updated};
  }
  if (!pseudonymous) {
    // A record kept in the clear until now becomes protected: sealed where it stands.
    auto& clear = statements_->get("SELECT id, kind FROM entity WHERE ext_id = ?");
    clear.bind(1, entity.id);
    if (clear.step()) {
      const EntityRowId row = clear.integer(0);
      if (enum_from<EntityKind>(clear.integer(1)) != entity.kind)
        return {row, UpsertOutcome::Conflicting};
      seal_entity_in_place(row);
      upsert_protected_entity(entity, std::nullopt);
      return {row, UpsertOutcome::Updated};
    }
  }
  SealedEntity sealed;
  sealed.record = entity;
  std::sort(sealed.record.aliases.begin(), sealed.record.aliases.end());
  auto& insert = statements_->get(
      "INSERT INTO entity(id, ext_id, kind, protected, sealed) VALUES(?,?,?,1,?) RETURNING id");
  if (chosen_row)
    insert.bind(1, *chosen_row);
  else
    insert.bind_null(1);
  insert.bind(2, shown).bind(3, static_cast<std::int64_t>(entity.kind));
  if (pseudonymous) {
    insert.bind_null(4);
  } else {
    insert.bind_blob(
        4, seal(unlocked("a protected record").key, sealed.to_json(), entity_context(shown)));
  }
  if (!insert.step()) throw detail::StoreError("protected entity was not recorded");
  const EntityRowId row = insert.integer(0);
  insert.run();
  is_protected_row(row);  // loads the set before adding to it
  protected_rows_->insert(row);
  return {row, UpsertOutcome::Inserted};
}

std::pair<RelationRowId, UpsertOutcome> Store::upsert_sealed_relation(
    const RelationRecord& relation, EntityRowId src, EntityRowId dst) {
  write_held_relations();  // its row id, chosen by SQLite, must follow theirs
  const bool pseudonymous = is_pseudonym(relation.id);
  const std::string shown =
      pseudonymous ? relation.id : pseudonym(keys_for_writing().pseudonym_key, relation.id);
  // A same_as from a witness to a named record would name the witness: it is kept sealed
  // whole, outside the graph.
  if (relation.kind == RelationKind::SameAs && is_protected_row(src) != is_protected_row(dst)) {
    const auto& keys = keys_for_writing();
    const std::string payload = relation_payload(relation);
    auto& find = statements_->get("SELECT id, sealed FROM sealed_link WHERE ext_id = ?");
    find.bind(1, shown);
    if (find.step()) {
      const std::int64_t row = find.integer(0);
      if (unseal(keys.key, find.blob(1), relation_context(shown)) == payload)
        return {0, UpsertOutcome::Unchanged};
      statements_->get("UPDATE sealed_link SET sealed = ? WHERE id = ?")
          .bind_blob(1, seal(keys.key, payload, relation_context(shown)))
          .bind(2, row)
          .run();
      return {0, UpsertOutcome::Updated};
    }
    statements_->get("INSERT INTO sealed_link(ext_id, entity_id, sealed) VALUES(?,?,?)")
        .bind(1, shown)
        .bind(2, is_protected_row(src) ? src : dst)
        .bind_blob(3, seal(keys.key, payload, relation_context(shown)))
        .run();
    return {0, UpsertOutcome::Inserted};
  }
  const bool has_secrets = !pseudonymous || relation.attributes_json != "{}";
  const std::string sealed = has_secrets ? seal(keys_for_writing().key, relation_payload(relation),
                                                relation_context(shown))
                                         : std::string();
  std::optional<RelationRowId> existing_row = relation_row(shown);
  if (!existing_row) {
    auto& insert = statements_->get(
        "INSERT INTO relation(ext_id, src, dst, kind, date_from, date_to, confidence, sealed, "
        "recent) VALUES(?,?,?,?,?,?,?,?,nullif(?,0)) RETURNING id");
    insert.bind(1, shown)
        .bind(2, src)
        .bind(3, dst)
        .bind(4, static_cast<std::int64_t>(relation.kind))
        .bind(5, relation.valid.from)
        .bind(6, relation.valid.to)
        .bind(7, relation.confidence)
        .bind(9, in_recent_part());
    if (sealed.empty())
      insert.bind_null(8);
    else
      insert.bind_blob(8, sealed);
    insert.step();
    const RelationRowId row = insert.integer(0);
    insert.run();
    note_written_relation(shown, row);
    if (held_relations_) held_relations_->continue_after(row);
    return {row, UpsertOutcome::Inserted};
  }
  auto& find = statements_->get("SELECT id, src, dst, kind, sealed FROM relation WHERE id = ?");
  find.bind(1, *existing_row);
  if (!find.step()) throw detail::StoreError("relation vanished during upsert");
  const RelationRowId row = find.integer(0);
  if (find.integer(1) != src || find.integer(2) != dst ||
      enum_from<RelationKind>(find.integer(3)) != relation.kind) {
    return {row, UpsertOutcome::Conflicting};
  }
  const std::string existing = find.blob(4);
  auto& update = statements_->get(
      "UPDATE relation SET date_from = ?2, date_to = ?3, confidence = ?4 WHERE id = ?1 AND "
      "(date_from IS NOT ?2 OR date_to IS NOT ?3 OR confidence IS NOT ?4)");
  update.bind(1, row)
      .bind(2, relation.valid.from)
      .bind(3, relation.valid.to)
      .bind(4, relation.confidence)
      .run();
  UpsertOutcome outcome =
      sqlite3_changes(db_) > 0 ? UpsertOutcome::Updated : UpsertOutcome::Unchanged;
  if (has_secrets) {
    const auto& keys = unlocked("a relation of a protected record");
    RelationRecord merged = relation;
    if (!existing.empty()) {
      auto known = nlohmann::json::parse(
          relation_from_payload(unseal(keys.key, existing, relation_context(shown)))
              .attributes_json);
      known.merge_patch(nlohmann::json::parse(relation.attributes_json, nullptr, false));
      merged.attributes_json = known.dump();
      if (relation_payload(merged) == unseal(keys.key, existing, relation_context(shown)))
        return {row, outcome};
    }
    statements_->get("UPDATE relation SET sealed = ? WHERE id = ?")
        .bind_blob(1, seal(keys.key, relation_payload(merged), relation_context(shown)))
        .bind(2, row)
        .run();
    outcome = UpsertOutcome::Updated;
  }
  return {row, outcome};
}

UpsertOutcome Store::upsert_protected_source(const SourceRecord& source) {
  const bool pseudonymous = is_pseudonym(source.id);
  const std::string shown =
      pseudonymous ? source.id : pseudonym(keys_for_writing().pseudonym_key, source.id);
  auto& find = statements_->get("SELECT id, sealed FROM source WHERE ext_id = ?");
  find.bind(1, shown);
  if (find.step()) {
    const std::int64_t row = find.integer(0);
    const std::string existing = find.blob(1);
    auto& grades = statements_->get(
        "UPDATE source SET kind = ?2, reliability = ?3 WHERE id = ?1 AND (kind, reliability) IS "
        "NOT (?2, ?3)");
    grades.bind(1, row)
        .bind(2, static_cast<std::int64_t>(source.kind))
        .bind(3, std::string_view(std::string(1, to_char(source.reliability))))
        .run();
    UpsertOutcome outcome =
        sqlite3_changes(db_) > 0 ? UpsertOutcome::Updated : UpsertOutcome::Unchanged;
    if (pseudonymous) return outcome;
    const auto& keys = unlocked("a protected source");
    SourceRecord known;
    if (!existing.empty())
      known = source_from_payload(unseal(keys.key, existing, source_context(shown)), {});
    const std::string payload = source_payload(merge_source(known, source));
    if (!existing.empty() && source_payload(known) == payload) return outcome;
    statements_->get("UPDATE source SET sealed = ? WHERE id = ?")
        .bind_blob(1, seal(keys.key, payload, source_context(shown)))
        .bind(2, row)
        .run();
    return UpsertOutcome::Updated;
  }
  if (!pseudonymous) {
    auto& clear = statements_->get("SELECT id FROM source WHERE ext_id = ?");
    clear.bind(1, source.id);
    if (clear.step()) {
      seal_source_in_place(clear.integer(0));
      upsert_protected_source(source);
      return UpsertOutcome::Updated;
    }
  }
  auto& insert = statements_->get(
      "INSERT INTO source(ext_id, kind, reliability, access, sealed) VALUES(?,?,?,2,?)");
  insert.bind(1, shown)
      .bind(2, static_cast<std::int64_t>(source.kind))
      .bind(3, std::string_view(std::string(1, to_char(source.reliability))));
  if (pseudonymous) {
    insert.bind_null(4);
  } else {
    insert.bind_blob(
        4, seal(unlocked("a protected source").key, source_payload(source), source_context(shown)));
  }
  insert.run();
  return UpsertOutcome::Inserted;
}

UpsertOutcome Store::upsert_protected_designation(const DesignationRecord& designation,
                                                  EntityRowId entity) {
  auto& find = statements_->get("SELECT ext_id, sealed, kind FROM entity WHERE id = ?");
  find.bind(1, entity);
  if (!find.step()) throw NotFoundError("a designated entity does not exist");
  const std::string shown = find.text(0);
  const std::string existing = find.blob(1);
  const auto kind = enum_from<EntityKind>(find.integer(2));
  const auto& keys = keys_for_writing();
  SealedEntity sealed;
  if (existing.empty()) {
    sealed.record.id = shown;
    sealed.record.kind = kind;
    sealed.record.is_protected = true;
  } else {
    sealed = SealedEntity::from_json(unseal(keys.key, existing, entity_context(shown)));
  }
  const std::string before = sealed.to_json();
  const std::size_t designations_before = sealed.designations.size();
  sealed.add_designation(designation);
  if (sealed.to_json() == before) return UpsertOutcome::Unchanged;
  statements_->get("UPDATE entity SET sealed = ? WHERE id = ?")
      .bind_blob(1, seal(keys.key, sealed.to_json(), entity_context(shown)))
      .bind(2, entity)
      .run();
  return sealed.designations.size() > designations_before ? UpsertOutcome::Inserted
                                                          : UpsertOutcome::Updated;
}

}  // namespace flgraph::graph
