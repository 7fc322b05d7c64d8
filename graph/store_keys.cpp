// graph/store_keys.cpp: sealing records that were kept in the clear (a record that became
// protected, or a store an older flgraph wrote), opening sealed records with the key, and
// the keyring's care: status, rekey, export.
#include <fmt/format.h>
#include <sqlite3.h>

#include <filesystem>

#include "graph/database_files.h"
#include "graph/detail/store_statements.h"
#include "graph/protection.h"
#include "graph/store.h"

namespace flgraph::graph {

using detail::enum_from;
using detail::Statement;

namespace {

// Every sealed value with the column its context is built from (store_sealing.cpp).
struct SealedColumn {
  const char* table;
  const char* context_column;
  std::string (*context)(std::string_view);
};
constexpr SealedColumn kSealedColumns[] = {
    {"entity", "ext_id", entity_context},     {"source", "ext_id", source_context},
    {"relation", "ext_id", relation_context}, {"sealed_link", "ext_id", relation_context},
    {"claim", "locator", claim_context},      {"document", "sha256", document_context},
};

}  // namespace

// ---------------------------------------------------------------- sealing in place

void Store::seal_claims_where(const char* column, std::int64_t row) {
  const auto& keys = keys_for_writing();
  Statement query(
      db_,
      fmt::format("SELECT id, locator, quote, recorded_by, recorded_on FROM claim WHERE {} = ? AND "
                  "sealed IS NULL",
                  column)
          .c_str());
  query.bind(1, row);
  while (query.step()) {
    ClaimRecord claim;
    claim.locator = query.text(1);
    claim.quote = query.text(2);
    claim.recorded_by = query.text(3);
    claim.recorded_on = query.date(4);
    if (is_locator_tag(claim.locator) && claim.quote.empty() && claim.recorded_by.empty()) continue;
    const std::string tag = locator_tag(keys.pseudonym_key, claim.locator);
    statements_
        ->get(
            "UPDATE claim SET locator = ?2, quote = '', recorded_by = '', recorded_on = NULL, "
            "sealed = ?3 "
            "WHERE id = ?1")
        .bind(1, query.integer(0))
        .bind(2, tag)
        .bind_blob(3, seal(keys.key, claim_payload(claim), claim_context(tag)))
        .run();
  }
}

void Store::seal_relations_of(EntityRowId row) {
  const auto& keys = keys_for_writing();
  Statement own(db_, "SELECT ext_id FROM entity WHERE id = ?");
  own.bind(1, row);
  const std::string own_id = own.step() ? own.text(0) : std::string();
  std::vector<StoredRelation> touching;
  for (auto& relation : relations_of(row)) {
    if (!is_pseudonym(relation.record.id)) touching.push_back(std::move(relation));
  }
  for (const auto& relation : touching) {
    const std::string shown = pseudonym(keys.pseudonym_key, relation.record.id);
    const bool other_protected =
        relation.record.src == own_id ? relation.dst_protected : relation.src_protected;
    seal_claims_where("relation_id", relation.row);
    // A judgement names the same_as it created by id.
    statements_->get("UPDATE judgement SET relation = ?2 WHERE relation = ?1")
        .bind(1, relation.record.id)
        .bind(2, shown)
        .run();
    const std::string sealed =
        seal(keys.key, relation_payload(relation.record), relation_context(shown));
    if (relation.record.kind == RelationKind::SameAs && !other_protected) {
      // The witness's same_as to a named record leaves the graph, sealed whole.
      statements_->get("INSERT OR IGNORE INTO sealed_link(ext_id, entity_id, sealed) VALUES(?,?,?)")
          .bind(1, shown)
          .bind(2, row)
          .bind_blob(3, sealed)
          .run();
      // Its claims go with it, as the foreign key says; said here too, as an import that has
      // checked its own references writes with SQLite's checks off (Transaction::References).
      statements_->get("DELETE FROM claim WHERE relation_id = ?").bind(1, relation.row).run();
      statements_->get("DELETE FROM relation WHERE id = ?").bind(1, relation.row).run();
      continue;
    }
    statements_
        ->get("UPDATE relation SET ext_id = ?2, attributes = '{}', sealed = ?3 WHERE id = ?1")
        .bind(1, relation.row)
        .bind(2, shown)
        .bind_blob(3, sealed)
        .run();
  }
}

void Store::seal_entity_in_place(EntityRowId row) {
  const auto& keys = keys_for_writing();
  const auto entity = entity_by_row(row);
  if (!entity) throw NotFoundError("an entity to protect does not exist");
  is_protected_row(row);
  // The name index holds its name in the clear: gone now and again after the commit (Transaction),
  // rebuilt without it when next needed.
  remove_derived_files(path_);
  derived_files_stale_ = true;
  protected_rows_->insert(row);  // its relations are sealed as touching a protected record
  seal_relations_of(row);
  seal_claims_where("entity_id", row);
  if (is_pseudonym(entity->record.id)) {
    statements_->get("UPDATE entity SET protected = 1 WHERE id = ?").bind(1, row).run();
    return;
  }
  SealedEntity sealed;
  sealed.record = entity->record;
  sealed.record.is_protected = true;
  sealed.designations = designations_of(row);
  const std::string shown = pseudonym(keys.pseudonym_key, entity->record.id);
  statements_
      ->get(
          "UPDATE entity SET ext_id = ?2, name = '', country = '', date_from = NULL, date_to = "
          "NULL, protected = 1, "
          "attributes = '{}', sealed = ?3 WHERE id = ?1")
      .bind(1, row)
      .bind(2, shown)
      .bind_blob(3, seal(keys.key, sealed.to_json(), entity_context(shown)))
      .run();
  statements_->get("DELETE FROM alias WHERE entity_id = ?").bind(1, row).run();
  statements_->get("DELETE FROM designation WHERE entity_id = ?").bind(1, row).run();
}

void Store::seal_source_in_place(std::int64_t row) {
  const auto& keys = keys_for_writing();
  Statement query(db_,
                  "SELECT s.ext_id, s.title, s.publisher, s.published_on, s.url, s.sha256, s.kind, "
                  "s.reliability, "
                  "s.access FROM source s WHERE s.id = ?");
  query.bind(1, row);
  if (!query.step()) throw NotFoundError("a source to protect does not exist");
  SourceRecord source;
  source.id = query.text(0);
  source.title = query.text(1);
  source.publisher = query.text(2);
  source.published_on = query.date(3);
  source.url = query.text(4);
  source.sha256 = query.text(5);
  seal_claims_where("source_id", row);
  const std::string shown =
      is_pseudonym(source.id) ? source.id : pseudonym(keys.pseudonym_key, source.id);
  statements_
      ->get(
          "UPDATE source SET ext_id = ?2, title = '', publisher = '', published_on = NULL, url = "
          "'', sha256 = '', "
          "access = 2, sealed = ?3 WHERE id = ?1")
      .bind(1, row)
      .bind(2, shown)
      .bind_blob(3, seal(keys.key, source_payload(source), source_context(shown)))
      .run();
}

void Store::seal_legacy_material() {
  bool has_material = false;
  {
    Statement material(db_,
                       "SELECT EXISTS(SELECT 1 FROM entity WHERE protected = 1 AND sealed IS NULL) "
                       "OR EXISTS(SELECT 1 "
                       "FROM source WHERE access = 2 AND sealed IS NULL)");
    material.step();
    has_material = material.integer(0) != 0;
  }
  {
    Transaction txn(*this);
    if (has_material) {
      try {
        keys_for_writing();
      } catch (const KeyError& error) {
        throw KeyError(
            fmt::format("database \"{}\" holds protected material in the clear (written by an "
                        "older flgraph). It is encrypted "
                        "on the first open that has a protection key. {}",
                        path_.string(), error.what()));
      }
      std::vector<std::int64_t> rows;
      Statement entities(db_, "SELECT id FROM entity WHERE protected = 1 AND sealed IS NULL");
      while (entities.step()) rows.push_back(entities.integer(0));
      for (const auto row : rows) seal_entity_in_place(row);
      rows.clear();
      Statement sources(db_, "SELECT id FROM source WHERE access = 2 AND sealed IS NULL");
      while (sources.step()) rows.push_back(sources.integer(0));
      for (const auto row : rows) seal_source_in_place(row);
    }
    statements_->get("DELETE FROM meta WHERE key = 'pseudonym_key'").run();
    txn.commit();
  }
  // No clear copy may stay behind: the file is rebuilt (free pages gone), the WAL emptied and
  // the snapshot and the name index, which held clear ids and names, removed (they are rebuilt
  // on the next query).
  statements_ = std::make_unique<Statements>(db_);
  exec("PRAGMA wal_checkpoint(TRUNCATE)");
  exec("VACUUM");
  exec("PRAGMA wal_checkpoint(TRUNCATE)");
  remove_derived_files(path_);
}

// ---------------------------------------------------------------- opening sealed records

std::optional<SealedEntity> Store::revealed_entity(EntityRowId row) const {
  auto& query =
      statements_->get("SELECT ext_id, sealed FROM entity WHERE id = ? AND protected = 1");
  query.bind(1, row);
  if (!query.step()) return std::nullopt;
  const std::string shown = query.text(0);
  const std::string sealed = query.blob(1);
  if (sealed.empty()) return std::nullopt;
  return SealedEntity::from_json(
      unseal(unlocked("revealing a protected record").key, sealed, entity_context(shown)));
}

SourceRecord Store::revealed_source(const SourceRecord& stored) const {
  auto& query = statements_->get("SELECT sealed FROM source WHERE ext_id = ?");
  query.bind(1, stored.id);
  if (!query.step()) return stored;
  const std::string sealed = query.blob(0);
  if (sealed.empty()) return stored;  // it came as a pseudonym: there is nothing else
  return source_from_payload(
      unseal(unlocked("--reveal-protected").key, sealed, source_context(stored.id)), stored);
}

SealedClaimPart Store::revealed_claim(const StoredClaim& stored) const {
  if (stored.sealed.empty())
    return {stored.claim.locator, stored.claim.quote, stored.claim.recorded_by,
            stored.claim.recorded_on};
  return claim_part_from_payload(unseal(unlocked("--reveal-protected").key, stored.sealed,
                                        claim_context(stored.claim.locator)));
}

std::vector<RelationRecord> Store::sealed_links_of(EntityRowId row) const {
  auto& query = statements_->get(
      "SELECT ext_id, sealed FROM sealed_link WHERE entity_id = ? ORDER BY ext_id");
  query.bind(1, row);
  std::vector<std::pair<std::string, std::string>> sealed;
  while (query.step()) sealed.emplace_back(query.text(0), query.blob(1));
  std::vector<RelationRecord> out;
  out.reserve(sealed.size());
  for (const auto& [shown, value] : sealed) {
    out.push_back(relation_from_payload(
        unseal(unlocked("revealing a protected record").key, value, relation_context(shown))));
  }
  return out;
}

// ---------------------------------------------------------------- the keyring's care

Store::ProtectionStatus Store::protection_status() const {
  ProtectionStatus out;
  out.has_keyring = has_keyring();
  const std::string kdf = meta("protection_kdf").value_or("");
  out.key_kind = !out.has_keyring   ? "none"
                 : kdf == "keyfile" ? "key file"
                                    : "passphrase (" + kdf.substr(0, kdf.find(" salt")) + ")";
  Statement counts(
      db_,
      "SELECT (SELECT count(*) FROM entity WHERE protected = 1), (SELECT count(*) FROM source "
      "WHERE "
      "access = 2), (SELECT count(*) FROM claim WHERE sealed IS NOT NULL), (SELECT count(*) FROM "
      "relation WHERE sealed IS NOT NULL), (SELECT count(*) FROM sealed_link)");
  counts.step();
  out.protected_entities = counts.integer(0);
  out.protected_sources = counts.integer(1);
  out.sealed_claims = counts.integer(2);
  out.sealed_relations = counts.integer(3);
  out.sealed_links = counts.integer(4);
  return out;
}

void Store::rekey(const KeySource& new_keys) {
  const UnlockedKeys old = unlocked("rekey");
  Transaction txn(*this);
  auto [rows, key] = create_keyring(new_keys, old.pseudonym_key);
  for (const auto& column : kSealedColumns) {
    std::vector<std::tuple<std::int64_t, std::string, std::string>> values;
    Statement query(db_, fmt::format("SELECT id, {}, sealed FROM {} WHERE sealed IS NOT NULL",
                                     column.context_column, column.table)
                             .c_str());
    while (query.step()) values.emplace_back(query.integer(0), query.text(1), query.blob(2));
    Statement update(db_,
                     fmt::format("UPDATE {} SET sealed = ? WHERE id = ?", column.table).c_str());
    for (const auto& [row, context_value, sealed] : values) {
      const std::string context = column.context(context_value);
      update.reset()
          .bind_blob(1, seal(key, unseal(old.key, sealed, context), context))
          .bind(2, row)
          .run();
    }
  }
  set_meta("protection_kdf", rows.kdf);
  set_meta("protection_check", rows.check);
  set_meta("protection_pseudonym_key", rows.sealed_pseudonym_key);
  txn.commit();
  unlocked_ = UnlockedKeys{key, old.pseudonym_key};
  statements_ = std::make_unique<Statements>(db_);
  exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

void Store::export_key(const std::filesystem::path& output) const {
  write_key_file(output, unlocked("export-key").key);
}

}  // namespace flgraph::graph
