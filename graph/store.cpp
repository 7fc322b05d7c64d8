// graph/store.cpp: schema, migrations and every read and write of the SQLite store.
#include "graph/store.h"

#include <openssl/rand.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <unordered_map>
#include <utility>

#include "graph/sqlite_statement.h"

namespace flgraph::graph {
namespace {

using detail::Statement;

// Migration i takes the schema from version i to i + 1. Append, never edit.
constexpr std::array<const char*, kSchemaVersion> kMigrations = {
    R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE entity_kind(code INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE relation_kind(code INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE source_kind(code INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE access_level(code INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE entity(
  id INTEGER PRIMARY KEY,
  ext_id TEXT NOT NULL UNIQUE,
  kind INTEGER NOT NULL REFERENCES entity_kind(code),
  name TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL DEFAULT '',
  date_from TEXT,
  date_to TEXT,
  protected INTEGER NOT NULL DEFAULT 0 CHECK(protected IN (0, 1)),
  attributes TEXT NOT NULL DEFAULT '{}' CHECK(json_valid(attributes)));
CREATE TABLE alias(
  entity_id INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
  alias TEXT NOT NULL,
  PRIMARY KEY(entity_id, alias)) WITHOUT ROWID;
CREATE TABLE relation(
  id INTEGER PRIMARY KEY,
  ext_id TEXT NOT NULL UNIQUE,
  src INTEGER NOT NULL REFERENCES entity(id),
  dst INTEGER NOT NULL REFERENCES entity(id),
  kind INTEGER NOT NULL REFERENCES relation_kind(code),
  date_from TEXT,
  date_to TEXT,
  confidence REAL CHECK(confidence IS NULL OR (confidence > 0 AND confidence <= 1)),
  attributes TEXT NOT NULL DEFAULT '{}' CHECK(json_valid(attributes)));
CREATE INDEX relation_by_src ON relation(src);
CREATE INDEX relation_by_dst ON relation(dst);
CREATE TABLE source(
  id INTEGER PRIMARY KEY,
  ext_id TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL DEFAULT '',
  publisher TEXT NOT NULL DEFAULT '',
  published_on TEXT,
  url TEXT NOT NULL DEFAULT '',
  sha256 TEXT NOT NULL DEFAULT '',
  kind INTEGER NOT NULL REFERENCES source_kind(code),
  reliability TEXT NOT NULL CHECK(reliability IN ('A','B','C','D','E','F')),
  access INTEGER NOT NULL REFERENCES access_level(code));
CREATE TABLE claim(
  id INTEGER PRIMARY KEY,
  entity_id INTEGER REFERENCES entity(id) ON DELETE CASCADE,
  relation_id INTEGER REFERENCES relation(id) ON DELETE CASCADE,
  source_id INTEGER NOT NULL REFERENCES source(id),
  locator TEXT NOT NULL DEFAULT '',
  credibility INTEGER NOT NULL CHECK(credibility BETWEEN 1 AND 6),
  quote TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL DEFAULT '',
  recorded_on TEXT,
  CHECK((entity_id IS NULL) <> (relation_id IS NULL)));
CREATE INDEX claim_by_entity ON claim(entity_id);
CREATE INDEX claim_by_relation ON claim(relation_id);
CREATE INDEX claim_by_source ON claim(source_id, locator);
CREATE TABLE designation(
  id INTEGER PRIMARY KEY,
  entity_id INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
  authority TEXT NOT NULL,
  program TEXT NOT NULL,
  listed_on TEXT,
  list_id TEXT NOT NULL DEFAULT '',
  UNIQUE(entity_id, authority, program, list_id));
)sql",
    // v2: entity-resolution judgements. At most one judgement per pair is in force (not undone).
    R"sql(
CREATE TABLE judgement(
  id INTEGER PRIMARY KEY,
  entity_a INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
  entity_b INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
  decision TEXT NOT NULL CHECK(decision IN ('positive', 'negative', 'unsure')),
  judged_by TEXT NOT NULL,
  judged_at TEXT NOT NULL,
  score REAL CHECK(score IS NULL OR (score >= 0 AND score <= 1)),
  relation TEXT NOT NULL DEFAULT '',
  undone INTEGER NOT NULL DEFAULT 0 CHECK(undone IN (0, 1)),
  undone_by TEXT NOT NULL DEFAULT '',
  undone_at TEXT,
  CHECK(entity_a <> entity_b));
CREATE UNIQUE INDEX judgement_in_force ON judgement(entity_a, entity_b) WHERE undone = 0;
CREATE INDEX judgement_by_b ON judgement(entity_b);
)sql",
};

constexpr int kBusyTimeoutMs = 5000;

// Indexes no import reads (they serve show, export and the relation walks of reports): a bulk
// load drops them and builds each once from the finished table, which is much faster than
// keeping them up to date row by row. Same definitions as in the migrations above.
constexpr std::array<std::pair<const char*, const char*>, 2> kDeferredIndexes = {{
    {"relation_by_src", "CREATE INDEX relation_by_src ON relation(src)"},
    {"relation_by_dst", "CREATE INDEX relation_by_dst ON relation(dst)"},
}};

std::string random_key_hex() {
  std::array<unsigned char, 32> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw Error("cannot draw random bytes for the pseudonym key");
  }
  std::string hex;
  for (unsigned char b : bytes) hex += fmt::format("{:02x}", b);
  return hex;
}

template <typename Enum>
Enum enum_from(std::int64_t code) {
  return static_cast<Enum>(code);
}

}  // namespace

// Prepared once per store, reused for every row of an import.
struct Store::Statements {
  explicit Statements(sqlite3* db) : db_(db) {}
  Statement& get(const char* sql) {
    auto found = cache_.find(sql);
    if (found == cache_.end()) {
      found = cache_.emplace(sql, std::make_unique<Statement>(db_, sql)).first;
    }
    return found->second->reset();
  }

 private:
  sqlite3* db_;
  std::unordered_map<const char*, std::unique_ptr<Statement>> cache_;
};

Store::Store(sqlite3* db, std::filesystem::path path)
    : db_(db), path_(std::move(path)), statements_(std::make_unique<Statements>(db)) {}

Store::~Store() {
  statements_.reset();
  if (db_ != nullptr) sqlite3_close(db_);
}

Store::Store(Store&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      path_(std::move(other.path_)),
      pseudonym_key_(std::move(other.pseudonym_key_)),
      statements_(std::move(other.statements_)),
      bulk_load_(other.bulk_load_) {}

Store& Store::operator=(Store&& other) noexcept {
  if (this != &other) {
    statements_.reset();
    if (db_ != nullptr) sqlite3_close(db_);
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
    pseudonym_key_ = std::move(other.pseudonym_key_);
    statements_ = std::move(other.statements_);
    bulk_load_ = other.bulk_load_;
  }
  return *this;
}

Store Store::open(const std::filesystem::path& path, OpenMode mode) {
  std::error_code ec;
  if (mode == OpenMode::ReadOnlyExisting && !std::filesystem::exists(path, ec)) {
    throw NotFoundError(fmt::format("no database at \"{}\" (create one with: flgraph --db {} import FILE)",
                                    path.string(), path.string()));
  }
  if (std::filesystem::is_directory(path, ec)) {
    throw Error(fmt::format("database path \"{}\" is a directory", path.string()));
  }
  sqlite3* db = nullptr;
  if (mode == OpenMode::FreshBulkLoad && std::filesystem::exists(path, ec)) {
    throw Error(fmt::format("cannot build a new database at \"{}\": the file exists", path.string()));
  }
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
                    (mode == OpenMode::ReadOnlyExisting ? 0 : SQLITE_OPEN_CREATE);
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw Error(fmt::format("cannot open database \"{}\": {}", path.string(), message));
  }
  Store store(db, path);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  sqlite3_extended_result_codes(db, 1);
  store.exec("PRAGMA foreign_keys = ON");
  // Large imports build big indexes; the page cache grows on demand up to 256 MiB.
  store.exec("PRAGMA cache_size = -262144");
  store.bulk_load_ = mode == OpenMode::FreshBulkLoad;
  if (store.bulk_load_) {
    // Nobody reads this file before it is published, and a failed load deletes it: a rollback
    // journal in memory is enough, and syncing would only wait on the disk.
    store.exec("PRAGMA journal_mode = MEMORY");
    store.exec("PRAGMA synchronous = OFF");
  }
  store.migrate();
  return store;
}

void Store::exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message != nullptr ? message : "unknown error";
    sqlite3_free(message);
    throw detail::StoreError(fmt::format("database \"{}\": {}", path_.string(), text));
  }
}

int Store::schema_version() const {
  Statement query(db_, "PRAGMA user_version");
  return query.step() ? static_cast<int>(query.integer(0)) : 0;
}

void Store::migrate() {
  {
    // Reading the header fails here when the file is not an SQLite database at all.
    Statement probe(db_, "SELECT count(*) FROM sqlite_schema");
    probe.step();
  }
  const int version = schema_version();
  if (version > kSchemaVersion) {
    throw Error(fmt::format("database \"{}\" has schema version {}, newer than this flgraph ({})",
                            path_.string(), version, kSchemaVersion));
  }
  if (version < kSchemaVersion) {
    // WAL keeps readers working during long imports; it is a property of the file, set once
    // (a bulk load sets it when it finishes).
    if (!bulk_load_) exec("PRAGMA journal_mode = WAL");
    Transaction txn(*this);
    for (int step = version; step < kSchemaVersion; ++step) exec(kMigrations.at(static_cast<std::size_t>(step)));
    if (version == 0) {
      auto fill = [&](const char* sql, std::size_t count, auto name_of) {
        for (std::size_t code = 0; code < count; ++code) {
          statements_->get(sql).bind(1, static_cast<std::int64_t>(code)).bind(2, name_of(code)).run();
        }
      };
      fill("INSERT INTO entity_kind VALUES(?,?)", kEntityKindCount,
           [](std::size_t c) { return to_string(static_cast<EntityKind>(c)); });
      fill("INSERT INTO relation_kind VALUES(?,?)", kRelationKindCount,
           [](std::size_t c) { return to_string(static_cast<RelationKind>(c)); });
      fill("INSERT INTO source_kind VALUES(?,?)", 6, [](std::size_t c) { return to_string(static_cast<SourceKind>(c)); });
      fill("INSERT INTO access_level VALUES(?,?)", 3, [](std::size_t c) { return to_string(static_cast<Access>(c)); });
      statements_->get("INSERT INTO meta VALUES('pseudonym_key', ?)").bind(1, random_key_hex()).run();
    }
    exec(fmt::format("PRAGMA user_version = {}", kSchemaVersion).c_str());
    if (bulk_load_) {
      for (const auto& [name, create] : kDeferredIndexes) exec(fmt::format("DROP INDEX {}", name).c_str());
    }
    txn.commit();
  }
  auto& key = statements_->get("SELECT value FROM meta WHERE key = 'pseudonym_key'");
  if (!key.step()) throw Error(fmt::format("database \"{}\" has no pseudonym key", path_.string()));
  pseudonym_key_ = key.text(0);
}

void Store::finish_bulk_load() {
  if (!bulk_load_) return;
  // Finalise every cached statement: a statement left open pins a read transaction, and the
  // journal mode cannot change inside one.
  statements_ = std::make_unique<Statements>(db_);
  for (const auto& [name, create] : kDeferredIndexes) exec(create);
  exec("PRAGMA synchronous = FULL");
  exec("PRAGMA journal_mode = WAL");
  // A checkpoint writes everything into the main file and syncs it before it is renamed.
  exec("PRAGMA wal_checkpoint(TRUNCATE)");
  bulk_load_ = false;
}

Store::Transaction::Transaction(Store& store) : store_(&store) {
  store.exec("BEGIN IMMEDIATE");
  changes_at_begin_ = sqlite3_total_changes64(store.db_);
}

Store::Transaction::~Transaction() {
  if (!done_) sqlite3_exec(store_->db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

void Store::Transaction::commit() {
  // A new generation tells readers (the query graph snapshot) the data changed. A transaction
  // that changed nothing (an idempotent re-import) leaves the file exactly as it was.
  if (sqlite3_total_changes64(store_->db_) != changes_at_begin_) {
    store_->statements_
        ->get("INSERT INTO meta(key, value) VALUES('generation', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind(1, random_key_hex().substr(0, 32))
        .run();
  }
  store_->exec("COMMIT");
  done_ = true;
}

std::string Store::generation() const {
  auto& query = statements_->get("SELECT value FROM meta WHERE key = 'generation'");
  return query.step() ? query.text(0) : std::string("0");
}

// ---------------------------------------------------------------- writes

std::optional<EntityRowId> Store::insert_entity_if_new(const EntityRecord& entity, std::optional<EntityRowId> row) {
  auto& insert = statements_->get(
      "INSERT INTO entity(id, ext_id, kind, name, country, date_from, date_to, protected, attributes) "
      "VALUES(?,?,?,?,?,?,?,?,?) ON CONFLICT(ext_id) DO NOTHING RETURNING id");
  if (row) {
    insert.bind(1, *row);
  } else {
    insert.bind_null(1);  // SQLite picks the next row id
  }
  insert.bind(2, entity.id)
      .bind(3, static_cast<std::int64_t>(entity.kind))
      .bind(4, entity.name)
      .bind(5, entity.country)
      .bind(6, entity.valid.from)
      .bind(7, entity.valid.to)
      .bind(8, std::int64_t{entity.is_protected ? 1 : 0})
      .bind(9, entity.attributes_json);
  if (!insert.step()) return std::nullopt;
  const EntityRowId inserted = insert.integer(0);
  insert.run();
  return inserted;
}

std::pair<EntityRowId, UpsertOutcome> Store::upsert_entity(const EntityRecord& entity) {
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
        "UPDATE entity SET name = coalesce(nullif(?2, ''), name), country = coalesce(nullif(?3, ''), country), "
        "date_from = ?4, date_to = ?5, protected = max(protected, ?6), attributes = json_patch(attributes, ?7) "
        "WHERE id = ?1 AND (name IS NOT coalesce(nullif(?2, ''), name) OR country IS NOT "
        "coalesce(nullif(?3, ''), country) OR date_from IS NOT ?4 OR date_to IS NOT ?5 OR protected "
        "IS NOT max(protected, ?6) OR attributes IS NOT json_patch(attributes, ?7))");
    update.bind(1, *row)
        .bind(2, entity.name)
        .bind(3, entity.country)
        .bind(4, entity.valid.from)
        .bind(5, entity.valid.to)
        .bind(6, std::int64_t{entity.is_protected ? 1 : 0})
        .bind(7, entity.attributes_json)
        .run();
    if (sqlite3_changes(db_) > 0) outcome = UpsertOutcome::Updated;
  }
  for (const auto& alias : entity.aliases) {
    statements_->get("INSERT OR IGNORE INTO alias(entity_id, alias) VALUES(?,?)").bind(1, *row).bind(2, alias).run();
    if (sqlite3_changes(db_) > 0 && outcome == UpsertOutcome::Unchanged) outcome = UpsertOutcome::Updated;
  }
  return {*row, outcome};
}

void Store::insert_new_entity(const EntityRecord& entity, EntityRowId row) {
  if (!insert_entity_if_new(entity, row)) {
    throw detail::StoreError(fmt::format("entity id {} is already in the store", entity.id));
  }
  for (const auto& alias : entity.aliases) {
    statements_->get("INSERT OR IGNORE INTO alias(entity_id, alias) VALUES(?,?)").bind(1, row).bind(2, alias).run();
  }
}

EntityRowId Store::max_entity_row() const {
  Statement query(db_, "SELECT coalesce(max(id), 0) FROM entity");
  query.step();
  return query.integer(0);
}

std::pair<RelationRowId, UpsertOutcome> Store::upsert_relation(const RelationRecord& relation,
                                                               EntityRowId src, EntityRowId dst) {
  auto& insert = statements_->get(
      "INSERT INTO relation(ext_id, src, dst, kind, date_from, date_to, confidence, attributes) "
      "VALUES(?,?,?,?,?,?,?,?) ON CONFLICT(ext_id) DO NOTHING RETURNING id");
  insert.bind(1, relation.id)
      .bind(2, src)
      .bind(3, dst)
      .bind(4, static_cast<std::int64_t>(relation.kind))
      .bind(5, relation.valid.from)
      .bind(6, relation.valid.to)
      .bind(7, relation.confidence)
      .bind(8, relation.attributes_json);
  if (insert.step()) {
    const RelationRowId row = insert.integer(0);
    insert.run();
    return {row, UpsertOutcome::Inserted};
  }
  const auto existing = find_relation(relation.id);
  if (!existing) throw detail::StoreError("relation vanished during upsert");
  if (existing->src != src || existing->dst != dst || existing->kind != relation.kind) {
    return {existing->row, UpsertOutcome::Conflicting};
  }
  auto& update = statements_->get(
      "UPDATE relation SET date_from = ?2, date_to = ?3, confidence = ?4, attributes = json_patch(attributes, ?5) "
      "WHERE id = ?1 AND (date_from IS NOT ?2 OR date_to IS NOT ?3 OR confidence IS NOT ?4 "
      "OR attributes IS NOT json_patch(attributes, ?5))");
  update.bind(1, existing->row)
      .bind(2, relation.valid.from)
      .bind(3, relation.valid.to)
      .bind(4, relation.confidence)
      .bind(5, relation.attributes_json)
      .run();
  return {existing->row, sqlite3_changes(db_) > 0 ? UpsertOutcome::Updated : UpsertOutcome::Unchanged};
}

UpsertOutcome Store::upsert_source(const SourceRecord& source) {
  auto& upsert = statements_->get(
      "INSERT INTO source(ext_id, title, publisher, published_on, url, sha256, kind, reliability, access) "
      "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9) ON CONFLICT(ext_id) DO UPDATE SET title = ?2, publisher = ?3, "
      "published_on = ?4, url = ?5, sha256 = ?6, kind = ?7, reliability = ?8, access = ?9 "
      "WHERE (title, publisher, published_on, url, sha256, kind, reliability, access) IS NOT "
      "(?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
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
  if (auto entity = find_entity(claim.fact)) {
    entity_row = entity->row;
  } else if (auto relation = find_relation(claim.fact)) {
    relation_row = relation->row;
  } else {
    throw NotFoundError(fmt::format("unknown fact {}", quote_for_message(claim.fact)));
  }
  auto& source = statements_->get("SELECT id FROM source WHERE ext_id = ?");
  source.bind(1, claim.source);
  if (!source.step()) throw NotFoundError(fmt::format("unknown source {}", quote_for_message(claim.source)));
  const std::int64_t source_row = source.integer(0);

  auto bind_fact = [&](Statement& stmt, int first) -> Statement& {
    if (entity_row) stmt.bind(first, *entity_row); else stmt.bind_null(first);
    if (relation_row) stmt.bind(first + 1, *relation_row); else stmt.bind_null(first + 1);
    return stmt;
  };
  auto& find = statements_->get(
      "SELECT id FROM claim WHERE entity_id IS ?1 AND relation_id IS ?2 AND source_id = ?3 AND locator = ?4");
  bind_fact(find, 1).bind(3, source_row).bind(4, claim.locator);
  if (find.step()) {
    const std::int64_t claim_row = find.integer(0);
    auto& update = statements_->get(
        "UPDATE claim SET credibility = ?2, quote = ?3, recorded_by = ?4, recorded_on = ?5 WHERE id = ?1 AND "
        "(credibility, quote, recorded_by, recorded_on) IS NOT (?2, ?3, ?4, ?5)");
    update.bind(1, claim_row)
        .bind(2, static_cast<std::int64_t>(claim.credibility))
        .bind(3, claim.quote)
        .bind(4, claim.recorded_by)
        .bind(5, claim.recorded_on)
        .run();
    return sqlite3_changes(db_) > 0 ? UpsertOutcome::Updated : UpsertOutcome::Unchanged;
  }
  auto& insert = statements_->get(
      "INSERT INTO claim(entity_id, relation_id, source_id, locator, credibility, quote, recorded_by, recorded_on) "
      "VALUES(?,?,?,?,?,?,?,?)");
  bind_fact(insert, 1)
      .bind(3, source_row)
      .bind(4, claim.locator)
      .bind(5, static_cast<std::int64_t>(claim.credibility))
      .bind(6, claim.quote)
      .bind(7, claim.recorded_by)
      .bind(8, claim.recorded_on)
      .run();
  return UpsertOutcome::Inserted;
}

UpsertOutcome Store::upsert_designation(const DesignationRecord& designation, EntityRowId entity) {
  auto& find = statements_->get(
      "SELECT id, listed_on IS ?5 FROM designation WHERE entity_id = ?1 AND authority = ?2 AND program = ?3 "
      "AND list_id = ?4");
  find.bind(1, entity).bind(2, designation.authority).bind(3, designation.program).bind(4, designation.list_id)
      .bind(5, designation.listed_on);
  if (find.step()) {
    if (find.integer(1) != 0) return UpsertOutcome::Unchanged;
    const auto row = find.integer(0);
    statements_->get("UPDATE designation SET listed_on = ? WHERE id = ?").bind(1, designation.listed_on).bind(2, row).run();
    return UpsertOutcome::Updated;
  }
  statements_
      ->get("INSERT INTO designation(entity_id, authority, program, listed_on, list_id) VALUES(?,?,?,?,?)")
      .bind(1, entity)
      .bind(2, designation.authority)
      .bind(3, designation.program)
      .bind(4, designation.listed_on)
      .bind(5, designation.list_id)
      .run();
  return UpsertOutcome::Inserted;
}

// ---------------------------------------------------------------- look-ups

std::optional<EntityRef> Store::find_entity(std::string_view id) const {
  auto& query = statements_->get("SELECT id, kind FROM entity WHERE ext_id = ?");
  query.bind(1, id);
  if (!query.step()) return std::nullopt;
  return EntityRef{query.integer(0), enum_from<EntityKind>(query.integer(1))};
}

std::optional<Store::RelationRef> Store::find_relation(std::string_view id) const {
  auto& query = statements_->get("SELECT id, src, dst, kind FROM relation WHERE ext_id = ?");
  query.bind(1, id);
  if (!query.step()) return std::nullopt;
  return RelationRef{query.integer(0), query.integer(1), query.integer(2),
                     enum_from<RelationKind>(query.integer(3))};
}

bool Store::has_source(std::string_view id) const {
  auto& query = statements_->get("SELECT 1 FROM source WHERE ext_id = ?");
  query.bind(1, id);
  return query.step();
}

namespace {

constexpr const char* kEntityColumns =
    "e.id, e.ext_id, e.kind, e.name, e.country, e.date_from, e.date_to, e.protected, e.attributes";

StoredEntity read_entity(const Statement& row) {
  StoredEntity out;
  out.row = row.integer(0);
  out.record.id = row.text(1);
  out.record.kind = enum_from<EntityKind>(row.integer(2));
  out.record.name = row.text(3);
  out.record.country = row.text(4);
  out.record.valid = {row.date(5), row.date(6)};
  out.record.is_protected = row.integer(7) != 0;
  out.record.attributes_json = row.text(8);
  return out;
}

constexpr const char* kRelationColumns =
    "r.id, r.ext_id, s.ext_id, d.ext_id, r.kind, r.date_from, r.date_to, r.confidence, r.attributes, "
    "s.kind, d.kind, s.name, d.name, s.protected, d.protected";

StoredRelation read_relation(const Statement& row) {
  StoredRelation out;
  out.row = row.integer(0);
  out.record.id = row.text(1);
  out.record.src = row.text(2);
  out.record.dst = row.text(3);
  out.record.kind = enum_from<RelationKind>(row.integer(4));
  out.record.valid = {row.date(5), row.date(6)};
  if (!row.is_null(7)) out.record.confidence = row.real(7);
  out.record.attributes_json = row.text(8);
  out.src_kind = enum_from<EntityKind>(row.integer(9));
  out.dst_kind = enum_from<EntityKind>(row.integer(10));
  out.src_name = row.text(11);
  out.dst_name = row.text(12);
  out.src_protected = row.integer(13) != 0;
  out.dst_protected = row.integer(14) != 0;
  return out;
}

SourceRecord read_source(const Statement& row, int first) {
  SourceRecord out;
  out.id = row.text(first);
  out.title = row.text(first + 1);
  out.publisher = row.text(first + 2);
  out.published_on = row.date(first + 3);
  out.url = row.text(first + 4);
  out.sha256 = row.text(first + 5);
  out.kind = enum_from<SourceKind>(row.integer(first + 6));
  out.reliability = parse_reliability(row.text(first + 7)).value_or(Reliability::F);
  out.access = enum_from<Access>(row.integer(first + 8));
  return out;
}
constexpr const char* kSourceColumns =
    "s.ext_id, s.title, s.publisher, s.published_on, s.url, s.sha256, s.kind, s.reliability, s.access";

}  // namespace

std::optional<StoredEntity> Store::entity(std::string_view id) const {
  auto ref = find_entity(id);
  if (!ref) return std::nullopt;
  return entity_by_row(ref->row);
}

std::optional<StoredEntity> Store::entity_by_row(EntityRowId row) const {
  Statement query(db_, fmt::format("SELECT {} FROM entity e WHERE e.id = ?", kEntityColumns).c_str());
  query.bind(1, row);
  if (!query.step()) return std::nullopt;
  StoredEntity out = read_entity(query);
  Statement aliases(db_, "SELECT alias FROM alias WHERE entity_id = ? ORDER BY alias");
  aliases.bind(1, row);
  while (aliases.step()) out.record.aliases.push_back(aliases.text(0));
  return out;
}

std::vector<StoredRelation> Store::relations_of(EntityRowId row) const {
  Statement query(db_, fmt::format("SELECT {} FROM relation r JOIN entity s ON s.id = r.src JOIN entity d ON "
                                   "d.id = r.dst WHERE r.src = ?1 OR r.dst = ?1 ORDER BY r.kind, r.ext_id",
                                   kRelationColumns)
                           .c_str());
  query.bind(1, row);
  std::vector<StoredRelation> out;
  while (query.step()) out.push_back(read_relation(query));
  return out;
}

std::optional<StoredRelation> Store::relation_by_row(RelationRowId row) const {
  auto& query = statements_->get(
      "SELECT r.id, r.ext_id, s.ext_id, d.ext_id, r.kind, r.date_from, r.date_to, r.confidence, r.attributes, "
      "s.kind, d.kind, s.name, d.name, s.protected, d.protected FROM relation r JOIN entity s ON s.id = r.src "
      "JOIN entity d ON d.id = r.dst WHERE r.id = ?");
  query.bind(1, row);
  if (!query.step()) return std::nullopt;
  return read_relation(query);
}

std::vector<DesignationRecord> Store::designations_of(EntityRowId row) const {
  Statement query(db_,
                  "SELECT e.ext_id, d.authority, d.program, d.listed_on, d.list_id FROM designation d JOIN entity e "
                  "ON e.id = d.entity_id WHERE d.entity_id = ? ORDER BY d.authority, d.program, d.list_id");
  query.bind(1, row);
  std::vector<DesignationRecord> out;
  while (query.step()) {
    out.push_back({query.text(0), query.text(1), query.text(2), query.date(3), query.text(4)});
  }
  return out;
}

namespace {
std::vector<StoredClaim> read_claims(Statement& query) {
  std::vector<StoredClaim> out;
  while (query.step()) {
    StoredClaim claim;
    claim.claim.fact = query.text(0);
    claim.claim.locator = query.text(1);
    claim.claim.credibility = static_cast<Credibility>(query.integer(2));
    claim.claim.quote = query.text(3);
    claim.claim.recorded_by = query.text(4);
    claim.claim.recorded_on = query.date(5);
    claim.source = read_source(query, 6);
    claim.claim.source = claim.source.id;
    out.push_back(std::move(claim));
  }
  return out;
}
}  // namespace

std::vector<StoredClaim> Store::claims_of_entity(EntityRowId row) const {
  auto& query = statements_->get(
      "SELECT e.ext_id, c.locator, c.credibility, c.quote, c.recorded_by, c.recorded_on, s.ext_id, s.title, "
      "s.publisher, s.published_on, s.url, s.sha256, s.kind, s.reliability, s.access FROM claim c JOIN entity e "
      "ON e.id = c.entity_id JOIN source s ON s.id = c.source_id WHERE c.entity_id = ? ORDER BY s.ext_id, "
      "c.locator");
  query.bind(1, row);
  return read_claims(query);
}

std::vector<StoredClaim> Store::claims_of_relation(RelationRowId row) const {
  auto& query = statements_->get(
      "SELECT r.ext_id, c.locator, c.credibility, c.quote, c.recorded_by, c.recorded_on, s.ext_id, s.title, "
      "s.publisher, s.published_on, s.url, s.sha256, s.kind, s.reliability, s.access FROM claim c JOIN relation "
      "r ON r.id = c.relation_id JOIN source s ON s.id = c.source_id WHERE c.relation_id = ? ORDER BY "
      "s.ext_id, c.locator");
  query.bind(1, row);
  return read_claims(query);
}

std::vector<std::pair<std::string, std::string>> Store::suggest_entities(std::string_view text,
                                                                         std::size_t limit) const {
  // Substring matches on id or name first, then ids sharing the longest prefix.
  std::vector<std::pair<std::string, std::string>> out;
  Statement like(db_,
                 "SELECT ext_id, name FROM entity WHERE protected = 0 AND (instr(lower(ext_id), lower(?1)) > 0 OR "
                 "instr(lower(name), lower(?1)) > 0) ORDER BY length(ext_id), ext_id LIMIT ?2");
  like.bind(1, text).bind(2, static_cast<std::int64_t>(limit));
  while (like.step()) out.emplace_back(like.text(0), like.text(1));
  for (std::size_t prefix = text.size(); out.size() < limit && prefix > 0; --prefix) {
    Statement near(db_,
                   "SELECT ext_id, name FROM entity WHERE protected = 0 AND ext_id >= ?1 AND ext_id < ?1 || x'ff' "
                   "ORDER BY ext_id LIMIT ?2");
    near.bind(1, text.substr(0, prefix)).bind(2, static_cast<std::int64_t>(limit));
    while (near.step() && out.size() < limit) {
      std::pair<std::string, std::string> hit{near.text(0), near.text(1)};
      if (std::find(out.begin(), out.end(), hit) == out.end()) out.push_back(std::move(hit));
    }
    if (!out.empty()) break;
  }
  return out;
}

StoreStats Store::stats() const {
  StoreStats out;
  Statement entities(db_, "SELECT kind, count(*) FROM entity GROUP BY kind");
  while (entities.step()) out.entities_by_kind[enum_from<EntityKind>(entities.integer(0))] = entities.integer(1);
  Statement relations(db_, "SELECT kind, count(*) FROM relation GROUP BY kind");
  while (relations.step()) {
    out.relations_by_kind[enum_from<RelationKind>(relations.integer(0))] = relations.integer(1);
  }
  Statement sources(db_, "SELECT access, count(*) FROM source GROUP BY access");
  while (sources.step()) out.sources_by_access[enum_from<Access>(sources.integer(0))] = sources.integer(1);
  Statement counts(db_,
                   "SELECT (SELECT count(*) FROM claim), (SELECT count(*) FROM designation), (SELECT count(*) FROM "
                   "alias)");
  counts.step();
  out.claims = counts.integer(0);
  out.designations = counts.integer(1);
  out.aliases = counts.integer(2);
  return out;
}

std::int64_t Store::entity_count() const {
  Statement query(db_, "SELECT count(*) FROM entity");
  query.step();
  return query.integer(0);
}

RelationRowId Store::max_relation_row() const {
  Statement query(db_, "SELECT coalesce(max(id), 0) FROM relation");
  query.step();
  return query.integer(0);
}

void Store::for_each_entity(const std::function<void(const StoredEntity&)>& visit) const {
  Statement query(db_, fmt::format("SELECT {} FROM entity e ORDER BY e.ext_id", kEntityColumns).c_str());
  Statement aliases(db_, "SELECT entity_id, alias FROM alias ORDER BY entity_id, alias");
  std::unordered_map<EntityRowId, std::vector<std::string>> aliases_by_row;
  while (aliases.step()) aliases_by_row[aliases.integer(0)].push_back(aliases.text(1));
  while (query.step()) {
    StoredEntity entity = read_entity(query);
    if (auto found = aliases_by_row.find(entity.row); found != aliases_by_row.end()) {
      entity.record.aliases = std::move(found->second);
    }
    visit(entity);
  }
}

void Store::for_each_relation(const std::function<void(const StoredRelation&)>& visit) const {
  Statement query(db_, fmt::format("SELECT {} FROM relation r JOIN entity s ON s.id = r.src JOIN entity d ON "
                                   "d.id = r.dst ORDER BY r.ext_id",
                                   kRelationColumns)
                           .c_str());
  while (query.step()) visit(read_relation(query));
}

void Store::for_each_relation_row(const std::function<void(const RelationRow&)>& visit) const {
  // Relations without an explicit confidence take their best claim's (model.h, kConfidenceTable).
  std::unordered_map<RelationRowId, double> best_claim;
  Statement claims(db_,
                   "SELECT c.relation_id, s.reliability, c.credibility FROM claim c JOIN source s ON s.id = "
                   "c.source_id JOIN relation r ON r.id = c.relation_id WHERE r.confidence IS NULL");
  while (claims.step()) {
    const auto reliability = parse_reliability(claims.text(1)).value_or(Reliability::F);
    const double confidence =
        confidence_from_evidence(reliability, static_cast<Credibility>(claims.integer(2)));
    auto [slot, inserted] = best_claim.emplace(claims.integer(0), confidence);
    if (!inserted) slot->second = std::max(slot->second, confidence);
  }
  Statement query(db_, "SELECT src, dst, id, kind, date_from, date_to, confidence FROM relation");
  RelationRow row;
  while (query.step()) {
    row.src = query.integer(0);
    row.dst = query.integer(1);
    row.row = query.integer(2);
    row.kind = enum_from<RelationKind>(query.integer(3));
    row.from = query.date(4);
    row.to = query.date(5);
    if (!query.is_null(6)) {
      row.confidence = query.real(6);
    } else if (auto found = best_claim.find(row.row); found != best_claim.end()) {
      row.confidence = found->second;
    } else {
      row.confidence = kUnjudgedConfidence;
    }
    visit(row);
  }
}

void Store::for_each_entity_key(const std::function<void(const EntityKey&)>& visit) const {
  Statement query(db_, "SELECT id, ext_id, kind, protected FROM entity ORDER BY ext_id");
  while (query.step()) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(query.raw(), 1));
    const auto size = static_cast<std::size_t>(sqlite3_column_bytes(query.raw(), 1));
    visit({query.integer(0), std::string_view(text, size), enum_from<EntityKind>(query.integer(2)),
           query.integer(3) != 0});
  }
}

std::vector<SourceRecord> Store::sources() const {
  Statement query(db_, fmt::format("SELECT {} FROM source s ORDER BY s.ext_id", kSourceColumns).c_str());
  std::vector<SourceRecord> out;
  while (query.step()) out.push_back(read_source(query, 0));
  return out;
}

std::vector<ClaimRecord> Store::claims() const {
  Statement query(db_,
                  "SELECT coalesce(e.ext_id, r.ext_id) AS fact, s.ext_id, c.locator, c.credibility, c.quote, "
                  "c.recorded_by, c.recorded_on FROM claim c LEFT JOIN entity e ON e.id = c.entity_id LEFT JOIN "
                  "relation r ON r.id = c.relation_id JOIN source s ON s.id = c.source_id ORDER BY fact, s.ext_id, "
                  "c.locator");
  std::vector<ClaimRecord> out;
  while (query.step()) {
    out.push_back({query.text(0), query.text(1), query.text(2), static_cast<Credibility>(query.integer(3)),
                   query.text(4), query.text(5), query.date(6)});
  }
  return out;
}

std::vector<DesignationRecord> Store::designations() const {
  Statement query(db_,
                  "SELECT e.ext_id, d.authority, d.program, d.listed_on, d.list_id FROM designation d JOIN entity e "
                  "ON e.id = d.entity_id ORDER BY e.ext_id, d.authority, d.program, d.list_id");
  std::vector<DesignationRecord> out;
  while (query.step()) out.push_back({query.text(0), query.text(1), query.text(2), query.date(3), query.text(4)});
  return out;
}

// ---------------------------------------------------------------- judgements

bool Store::delete_relation(std::string_view id) {
  statements_->get("DELETE FROM relation WHERE ext_id = ?").bind(1, id).run();
  return sqlite3_changes(db_) > 0;
}

namespace {

constexpr const char* kJudgementColumns =
    "j.id, a.ext_id, b.ext_id, j.decision, j.judged_by, j.judged_at, j.score, j.relation, j.undone, j.undone_by, "
    "j.undone_at FROM judgement j JOIN entity a ON a.id = j.entity_a JOIN entity b ON b.id = j.entity_b";

JudgementRecord read_judgement(const Statement& row) {
  JudgementRecord out;
  out.id = row.integer(0);
  out.entity_a = row.text(1);
  out.entity_b = row.text(2);
  out.decision = parse_decision(row.text(3)).value_or(Decision::Unsure);
  out.judged_by = row.text(4);
  out.judged_at = row.text(5);
  if (!row.is_null(6)) out.score = row.real(6);
  out.relation = row.text(7);
  out.undone = row.integer(8) != 0;
  out.undone_by = row.text(9);
  out.undone_at = row.text(10);
  return out;
}

}  // namespace

std::int64_t Store::insert_judgement(const JudgementRecord& judgement) {
  const bool swap = judgement.entity_b < judgement.entity_a;
  const auto a = find_entity(swap ? judgement.entity_b : judgement.entity_a);
  const auto b = find_entity(swap ? judgement.entity_a : judgement.entity_b);
  if (!a || !b) throw NotFoundError("a judged entity does not exist");
  auto& insert = statements_->get(
      "INSERT INTO judgement(entity_a, entity_b, decision, judged_by, judged_at, score, relation) "
      "VALUES(?,?,?,?,?,?,?) RETURNING id");
  insert.bind(1, a->row)
      .bind(2, b->row)
      .bind(3, to_string(judgement.decision))
      .bind(4, judgement.judged_by)
      .bind(5, judgement.judged_at)
      .bind(6, judgement.score)
      .bind(7, judgement.relation);
  if (!insert.step()) throw detail::StoreError("judgement was not recorded");
  const std::int64_t id = insert.integer(0);
  insert.run();
  return id;
}

void Store::set_judgement_relation(std::int64_t id, std::string_view relation) {
  statements_->get("UPDATE judgement SET relation = ? WHERE id = ?").bind(1, relation).bind(2, id).run();
}

void Store::mark_judgement_undone(std::int64_t id, std::string_view by, std::string_view at) {
  statements_->get("UPDATE judgement SET undone = 1, undone_by = ?, undone_at = ? WHERE id = ? AND undone = 0")
      .bind(1, by)
      .bind(2, at)
      .bind(3, id)
      .run();
}

std::optional<JudgementRecord> Store::judgement(std::int64_t id) const {
  Statement query(db_, fmt::format("SELECT {} WHERE j.id = ?", kJudgementColumns).c_str());
  query.bind(1, id);
  if (!query.step()) return std::nullopt;
  return read_judgement(query);
}

std::optional<JudgementRecord> Store::active_judgement(std::string_view a, std::string_view b) const {
  Statement query(db_, fmt::format("SELECT {} WHERE j.undone = 0 AND ((a.ext_id = ?1 AND b.ext_id = ?2) OR "
                                   "(a.ext_id = ?2 AND b.ext_id = ?1))",
                                   kJudgementColumns)
                           .c_str());
  query.bind(1, a).bind(2, b);
  if (!query.step()) return std::nullopt;
  return read_judgement(query);
}

std::vector<JudgementRecord> Store::judgements(bool include_undone) const {
  Statement query(db_, fmt::format("SELECT {} WHERE j.undone = 0 OR ?1 ORDER BY j.id", kJudgementColumns).c_str());
  query.bind(1, std::int64_t{include_undone ? 1 : 0});
  std::vector<JudgementRecord> out;
  while (query.step()) out.push_back(read_judgement(query));
  return out;
}

}  // namespace flgraph::graph
