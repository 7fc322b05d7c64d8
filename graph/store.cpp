// graph/store.cpp: opening, upgrading and committing the SQLite store. Writes, reads,
// judgements and sealing live in store_writes.cpp, store_reads.cpp, store_judgements.cpp and
// store_sealing.cpp.
#include "graph/store.h"

#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <mutex>
#include <thread>
#include <utility>

#include "graph/database_files.h"
#include "graph/detail/new_relation_rows.h"
#include "graph/detail/schema.h"
#include "graph/detail/store_statements.h"
#include "graph/detail/written_relation_ids.h"
#include "graph/sealing.h"

namespace flgraph::graph {
namespace {

using detail::Statement;

constexpr int kBusyTimeoutMs = 5000;
// The page cache a store grows to on demand.
constexpr const char* kPageCache = "PRAGMA cache_size = -262144";

// An SQLite URI names the file exactly, whatever characters its path holds.
std::string file_uri(const std::filesystem::path& path) {
  std::string out = "file:";
  for (const char ch : std::filesystem::absolute(path).string()) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) != 0 || c == '/' || c == '.' || c == '-' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

// Evidence on write-protected media: neither the file nor its folder (where SQLite would put
// the WAL's shared memory) can be written.
bool on_read_only_media(const std::filesystem::path& path) {
  const auto folder = std::filesystem::absolute(path).parent_path();
  return ::access(path.c_str(), W_OK) != 0 || ::access(folder.c_str(), W_OK) != 0;
}

// SQLite counts every allocation under a global mutex unless told not to; nothing here reads
// those counts, and on a bulk load the locking alone took a tenth of the writer's time.
void configure_sqlite_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    // An insert of many rows keeps a copy of each page it changes until it ends, to undo it
    // on a failure. Past 64 KiB SQLite writes that copy to a temporary file: 2.6M writes in
    // an append of 1M relations 64 to a statement. 16 MiB keeps a statement's copy in memory.
    sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, 16 << 20);
  });
}

}  // namespace

Store::Store(sqlite3* db, std::filesystem::path path)
    : db_(db), path_(std::move(path)), statements_(std::make_unique<Statements>(db)) {}

Store::~Store() {
  held_relations_.reset();  // its statements, before the connection closes
  statements_.reset();
  if (db_ != nullptr) sqlite3_close(db_);
}

Store::Store(Store&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      path_(std::move(other.path_)),
      keys_(std::move(other.keys_)),
      unlocked_(std::move(other.unlocked_)),
      protected_rows_(std::move(other.protected_rows_)),
      statements_(std::move(other.statements_)),
      written_relation_ids_(std::move(other.written_relation_ids_)),
      held_relations_(std::move(other.held_relations_)),
      bulk_load_(other.bulk_load_),
      read_only_(other.read_only_) {}

Store& Store::operator=(Store&& other) noexcept {
  if (this != &other) {
    held_relations_.reset();
    statements_.reset();
    if (db_ != nullptr) sqlite3_close(db_);
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
    keys_ = std::move(other.keys_);
    unlocked_ = std::move(other.unlocked_);
    protected_rows_ = std::move(other.protected_rows_);
    statements_ = std::move(other.statements_);
    written_relation_ids_ = std::move(other.written_relation_ids_);
    held_relations_ = std::move(other.held_relations_);
    bulk_load_ = other.bulk_load_;
    read_only_ = other.read_only_;
  }
  return *this;
}

Store Store::open(const std::filesystem::path& path, OpenMode mode, KeySource keys) {
  std::error_code ec;
  if (mode == OpenMode::ReadOnlyExisting && !std::filesystem::exists(path, ec)) {
    throw NotFoundError(
        fmt::format("no database at \"{}\" (create one with: flgraph --db {} import FILE)",
                    path.string(), path.string()));
  }
  if (std::filesystem::is_directory(path, ec)) {
    throw Error(fmt::format("database path \"{}\" is a directory", path.string()));
  }
  if (std::filesystem::exists(path, ec) && !std::filesystem::is_regular_file(path, ec) &&
      path != ":memory:") {
    throw Error(fmt::format("database path \"{}\" is not a regular file", path.string()));
  }
  if (mode == OpenMode::FreshBulkLoad && std::filesystem::exists(path, ec)) {
    throw Error(
        fmt::format("cannot build a new database at \"{}\": the file exists", path.string()));
  }
  const bool read_only = mode == OpenMode::ReadOnlyExisting && on_read_only_media(path);
  configure_sqlite_once();
  sqlite3* db = nullptr;
  int result = SQLITE_OK;
  if (read_only) {
    // immutable: SQLite neither locks nor looks for a WAL it could not create here.
    result = sqlite3_open_v2(file_uri(path).append("?immutable=1").c_str(), &db,
                             SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
  } else {
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
                      (mode == OpenMode::ReadOnlyExisting ? 0 : SQLITE_OPEN_CREATE);
    result = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  }
  if (result != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw Error(fmt::format("cannot open database \"{}\": {}", path.string(), message));
  }
  Store store(db, path);
  store.keys_ = std::move(keys);
  store.read_only_ = read_only;
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  sqlite3_extended_result_codes(db, 1);
  store.bulk_load_ = mode == OpenMode::FreshBulkLoad;
  // A bulk load's rows were checked against each other by the import session before they are
  // written (every endpoint and kind known): SQLite's own check would repeat three look-ups per
  // relation. finish_bulk_load turns the checks on for every later write.
  if (!read_only && !store.bulk_load_) store.exec("PRAGMA foreign_keys = ON");
  // Large imports touch big indexes; the page cache grows on demand up to 256 MiB.
  store.exec(kPageCache);
  if (store.bulk_load_) {
    // Nobody reads this file before it is published, and a failed load deletes it: a rollback
    // journal in memory is enough, and syncing would only wait on the disk.
    store.exec("PRAGMA journal_mode = MEMORY");
    store.exec("PRAGMA synchronous = OFF");
    // The indexes built after the rows sort ten million keys at 10M edges: SQLite's sorter then
    // merges on helper threads, which took the relation id index from 10.5 to 8.4 s there. Each
    // helper may hold a sort list as large as the page cache, so there are at most two.
    const unsigned helpers = std::clamp(std::thread::hardware_concurrency(), 1U, 3U) - 1;
    if (helpers > 0) store.exec(fmt::format("PRAGMA threads = {}", helpers).c_str());
  }
  store.migrate(mode);
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

std::optional<std::string> Store::meta(std::string_view key) const {
  auto& query = statements_->get("SELECT value FROM meta WHERE key = ?");
  query.bind(1, key);
  if (!query.step()) return std::nullopt;
  return query.text(0);
}

void Store::set_meta(std::string_view key, std::string_view value) {
  statements_
      ->get(
          "INSERT INTO meta(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = "
          "excluded.value")
      .bind(1, key)
      .bind(2, value)
      .run();
}

void Store::migrate(OpenMode mode) {
  std::int64_t tables = 0;
  {
    // Reading the header fails here when the file is not an SQLite database at all.
    Statement probe(db_, "SELECT count(*) FROM sqlite_schema");
    probe.step();
    tables = probe.integer(0);
  }
  const int version = schema_version();
  if (version > kSchemaVersion) {
    throw Error(fmt::format("database \"{}\" has schema version {}, newer than this flgraph ({})",
                            path_.string(), version, kSchemaVersion));
  }
  // Another program's SQLite file is never turned into an flgraph database, nor is a file a
  // read command was pointed at.
  if (version == 0 && (tables > 0 || mode == OpenMode::ReadOnlyExisting)) {
    throw Error(
        fmt::format("\"{}\" is not an flgraph database; nothing was changed", path_.string()));
  }
  if (version < kSchemaVersion) {
    if (read_only_) {
      throw Error(fmt::format(
          "database \"{}\" has schema version {} and is on read-only media; open it once "
          "where it can be written to upgrade it to version {}",
          path_.string(), version, kSchemaVersion));
    }
    // WAL keeps readers working during long imports; it is a property of the file, set once
    // (a bulk load sets it when it finishes).
    if (!bulk_load_) exec("PRAGMA journal_mode = WAL");
    // A migration that rebuilds a table drops the old one: with the checks on, that would
    // delete the rows referring to it. The pragma has no effect inside a transaction.
    exec("PRAGMA foreign_keys = OFF");
    Transaction txn(*this);
    for (int step = version; step < kSchemaVersion; ++step) {
      exec(detail::kMigrations.at(static_cast<std::size_t>(step)));
    }
    if (Statement check(db_, "PRAGMA foreign_key_check"); check.step()) {
      throw Error(fmt::format(
          "database \"{}\": upgrading it to schema version {} would leave a row of table {} "
          "pointing at nothing; nothing was changed",
          path_.string(), kSchemaVersion, check.text(0)));
    }
    if (version == 0) {
      auto fill = [&](const char* sql, std::size_t count, auto name_of) {
        for (std::size_t code = 0; code < count; ++code) {
          statements_->get(sql)
              .bind(1, static_cast<std::int64_t>(code))
              .bind(2, name_of(code))
              .run();
        }
      };
      fill("INSERT INTO entity_kind VALUES(?,?)", kEntityKindCount,
           [](std::size_t c) { return to_string(static_cast<EntityKind>(c)); });
      fill("INSERT INTO relation_kind VALUES(?,?)", kRelationKindCount,
           [](std::size_t c) { return to_string(static_cast<RelationKind>(c)); });
      fill("INSERT INTO source_kind VALUES(?,?)", 6,
           [](std::size_t c) { return to_string(static_cast<SourceKind>(c)); });
      fill("INSERT INTO access_level VALUES(?,?)", 3,
           [](std::size_t c) { return to_string(static_cast<Access>(c)); });
    }
    exec(fmt::format("PRAGMA user_version = {}", kSchemaVersion).c_str());
    if (bulk_load_) {
      for (const auto& [name, create] : detail::kDeferredIndexes)
        exec(fmt::format("DROP INDEX {}", name).c_str());
    }
    txn.commit();
    if (!bulk_load_) exec("PRAGMA foreign_keys = ON");
  }
  // Schema 2 and older kept the pseudonym key, and protected material, in the clear.
  if (!read_only_ && meta("pseudonym_key")) seal_legacy_material();
}

void Store::release_statements() {
  // A cached statement left on a row keeps its tables locked against schema changes.
  statements_ = std::make_unique<Statements>(db_);
}

void Store::create_index(const char* create) {
  // SQLite sorts an index's keys in lists as large as its page cache: at 10M relations, lists
  // of 256 MiB sorted three times slower than SQLite's default 2 MiB lists merged from temporary
  // files (relation_by_dst: 11 s against 3.5 s).
  exec("PRAGMA cache_size = -2048");
  try {
    exec(create);
  } catch (...) {
    // The build's own error is the one to report, whatever becomes of this.
    sqlite3_exec(db_, kPageCache, nullptr, nullptr, nullptr);
    throw;
  }
  exec(kPageCache);
}

void Store::finish_bulk_load() {
  if (!bulk_load_) return;
  // The journal mode cannot change while a statement pins a read transaction.
  release_statements();
  for (const auto& [name, create] : detail::kDeferredIndexes) create_index(create);
  exec("PRAGMA foreign_keys = ON");
  exec("PRAGMA synchronous = FULL");
  exec("PRAGMA journal_mode = WAL");
  // Opens the WAL, re-reading the schema: SQLite 3.40's checkpoint would otherwise do both from
  // inside itself and, after a migration that rebuilt a table, report the table locked.
  exec("SELECT count(*) FROM sqlite_schema");
  // A checkpoint writes everything into the main file and syncs it before it is renamed.
  exec("PRAGMA wal_checkpoint(TRUNCATE)");
  bulk_load_ = false;
}

Store::Transaction::Transaction(Store& store, References references)
    : store_(&store), references_(references) {
  // A new store is written with the checks off already, and turns them on when it is finished.
  if (references_ == References::CheckedByCaller && !store.bulk_load_ && !store.read_only_)
    store.exec("PRAGMA foreign_keys = OFF");
  try {
    store.exec("BEGIN IMMEDIATE");
  } catch (...) {
    restore_reference_checks();
    throw;
  }
  changes_at_begin_ = sqlite3_total_changes64(store.db_);
}

Store::Transaction::~Transaction() {
  if (!done_) sqlite3_exec(store_->db_, "ROLLBACK", nullptr, nullptr, nullptr);
  restore_reference_checks();
}

void Store::Transaction::restore_reference_checks() noexcept {
  if (references_ != References::CheckedByCaller || store_->bulk_load_ || store_->read_only_)
    return;
  references_ = References::CheckedByStore;
  sqlite3_exec(store_->db_, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
}

std::string Store::Transaction::commit() {
  // A new generation tells readers (the query graph snapshot) the data changed. A transaction
  // that changed nothing (an idempotent re-import) leaves the file exactly as it was.
  std::string generation;
  if (has_changes()) {
    if (new_generation_.empty()) new_generation_ = random_pseudonym_key().substr(0, 32);
    generation = new_generation_;
    store_->statements_
        ->get(
            "INSERT INTO meta(key, value) VALUES('generation', ?) ON CONFLICT(key) DO UPDATE SET "
            "value = excluded.value")
        .bind(1, generation)
        .run();
  } else {
    generation = store_->generation();
  }
  store_->exec("COMMIT");
  done_ = true;
  restore_reference_checks();
  if (std::exchange(store_->derived_files_stale_, false)) remove_derived_files(store_->path_);
  return generation;
}

bool Store::Transaction::has_changes() const {
  return sqlite3_total_changes64(store_->db_) != changes_at_begin_;
}

void Store::Transaction::note_import(std::string_view fingerprint) {
  // A file's hash in the clear would tell anyone holding the database whether a file they
  // suspect was imported: never beside protected material.
  if (!has_changes() || store_->has_keyring()) return;
  // The generation this commit will write, so the note holds only until the next change.
  if (new_generation_.empty()) new_generation_ = random_pseudonym_key().substr(0, 32);
  store_->set_meta("last_import", fmt::format("{} {}", fingerprint, new_generation_));
}

bool Store::was_last_import(const std::function<std::string()>& fingerprint) const {
  const auto noted = meta("last_import");
  const std::string current = " " + generation();
  if (!noted || noted->size() <= current.size() || !noted->ends_with(current)) return false;
  return *noted == fingerprint() + current;
}

std::string Store::generation() const {
  auto& query = statements_->get("SELECT value FROM meta WHERE key = 'generation'");
  std::string generation = query.step() ? query.text(0) : std::string("0");
  query.reset();  // no statement left open over a COMMIT
  return generation;
}

}  // namespace flgraph::graph
