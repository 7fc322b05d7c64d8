// graph/store.h: the SQLite store: one file holding every fact, its evidence and its history.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "graph/keyring.h"
#include "graph/records.h"
#include "graph/sealed_record.h"

struct sqlite3;

namespace flgraph::graph {

inline constexpr int kSchemaVersion = 7;

// Internal dense row id of an entity in the store (never shown to users).
using EntityRowId = std::int64_t;
using RelationRowId = std::int64_t;

namespace detail {
class WrittenRelationIds;
class NewRelationRows;
}  // namespace detail

struct EntityRef {
  EntityRowId row = 0;
  EntityKind kind = EntityKind::Company;
};

// Conflicting: the id already names a record of another kind (or a relation with other
// endpoints); nothing was written and the caller reports it with the input's location.
enum class UpsertOutcome { Inserted, Updated, Unchanged, Conflicting };

// An entity as read back, with what `show` prints around it.
struct StoredEntity {
  EntityRowId row = 0;
  EntityRecord record;
};

struct StoredRelation {
  RelationRowId row = 0;
  RelationRecord record;
  EntityKind src_kind = EntityKind::Company;
  EntityKind dst_kind = EntityKind::Company;
  std::string src_name;
  std::string dst_name;
  bool src_protected = false;
  bool dst_protected = false;
};

struct StoredClaim {
  ClaimRecord claim;
  SourceRecord source;
  std::string sealed;  // the claim's sealed locator and quote, when it rests on protected material
};

struct StoreStats {
  std::map<EntityKind, std::int64_t> entities_by_kind;
  std::map<RelationKind, std::int64_t> relations_by_kind;
  std::map<Access, std::int64_t> sources_by_access;
  std::int64_t claims = 0;
  std::int64_t designations = 0;
  std::int64_t aliases = 0;
};

// One relation in the compact shape the query graph is built from.
struct RelationRow {
  EntityRowId src = 0;
  EntityRowId dst = 0;
  RelationRowId row = 0;
  RelationKind kind = RelationKind::Supplies;
  std::optional<Date> from;
  std::optional<Date> to;
  double confidence = kUnjudgedConfidence;  // explicit, else best claim, else unjudged
};

class Store {
 public:
  // FreshBulkLoad: a new file that nobody reads until it is published (importers/import.cpp
  // builds a new database beside its final name, then renames it): no WAL, no fsync, and the
  // relation indexes that no import reads are built once at the end by finish_bulk_load().
  enum class OpenMode { ReadOnlyExisting, CreateIfMissing, FreshBulkLoad };

  // Opens (and if needed creates or migrates) the store at `path`. `keys` (by default
  // FLGRAPH_KEY_FILE or FLGRAPH_PASSPHRASE) is asked for the
  // protection key only when a command needs it (protected material written or revealed).
  // ReadOnlyExisting never changes a file that is not an flgraph database, and works on
  // read-only media.
  static Store open(const std::filesystem::path& path, OpenMode mode,
                    KeySource keys = KeySource::from_environment());
  ~Store();
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::filesystem::path& path() const { return path_; }
  int schema_version() const;

  // After the last commit of a FreshBulkLoad store: builds the deferred indexes and makes the
  // file an ordinary WAL database, synced to disk, ready to be renamed into place.
  void finish_bulk_load();

  // All writes happen inside one; destroying it without commit() rolls everything back.
  class Transaction {
   public:
    // References checked by the caller: SQLite's own foreign key checks are off until the
    // transaction ends (they can change only outside one).
    enum class References : std::uint8_t { CheckedByStore, CheckedByCaller };
    explicit Transaction(Store& store, References references = References::CheckedByStore);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    // Returns the generation the committed data carries: new when anything changed.
    std::string commit();
    bool has_changes() const;
    // Notes that an import of inputs with this fingerprint made this transaction's changes (none
    // noted when it made none, or in a store holding protected material), so the same import
    // right after it can be seen to be a no-op.
    void note_import(std::string_view fingerprint);

   private:
    void restore_reference_checks() noexcept;

    Store* store_;
    References references_;
    bool done_ = false;
    std::int64_t changes_at_begin_ = 0;
    std::string new_generation_;
  };
  Transaction begin(Transaction::References references = Transaction::References::CheckedByStore) {
    return Transaction(*this, references);
  }

  // --- writes (inside a Transaction) ---
  std::pair<EntityRowId, UpsertOutcome> upsert_entity(const EntityRecord& entity);
  // A bulk load's insert of an entity whose id it knows to be new, at a row id it chose
  // (above max_entity_row()); a clash is a constraint error, not an upsert. False when a
  // protected record took no row because the store holds it already under its pseudonym.
  bool insert_new_entity(const EntityRecord& entity, EntityRowId row);
  // An entity, not protected, that an import knows to be new, at the row it chose.
  struct NewEntity {
    EntityRowId row = 0;
    const EntityRecord* record = nullptr;
  };
  // insert_new_entity for many, 64 to a statement: SQLite's work per statement is a large share
  // of a one-row insert. Throws as insert_new_entity does when one of them is already stored.
  void insert_new_entities(std::span<const NewEntity> entities);
  EntityRowId max_entity_row() const;
  // True while a new database is being built (OpenMode::FreshBulkLoad, until finish_bulk_load).
  bool is_bulk_load() const { return bulk_load_; }
  // A bulk load whose relations are all new or repeats of each other writes them without the
  // unique index on relation ids (kept up to date row by row, that random-order index cost most
  // of a large load) and builds it once afterwards; meanwhile the hashes of the ids written
  // tell a repeat apart. Bulk loads only.
  void suspend_relation_id_index();
  void restore_relation_id_index();
  // While the indexes are suspended, the new relations a pipelined load's writer sends are held
  // and inserted many to a statement (detail::NewRelationRows) until put_held_relations(),
  // which writes the rest (or, with write false, after a failure, drops them). Between the two,
  // the writer's thread is the only one to use the store. A pipelined append holds only the
  // relations no look-up can find (DerivedIdKnown::NewByEveryReading: their ext_id is NULL);
  // every other write, and every look-up of a relation, writes the held rows first.
  void hold_new_relations();
  void put_held_relations(bool write);
  // Relations written into a store that had rows go into the recent part of the indexes on
  // their ends (schema v7). Once that part holds more than a quarter of all relations, this
  // folds it into the settled part, building those indexes again from the table: a sort, much
  // faster than the random-order inserts it stands for. Called by an import before its commit.
  void settle_recent_relations();
  // What the caller of upsert_relation knows of a relation with a derived id: nothing, or that
  // no stored relation has its ends or answers to another reading of its id (an append that
  // holds the store's graph, importers/new_derived_relations.h), so only an id the data gave
  // can name it.
  enum class DerivedIdKnown : std::uint8_t { Nothing, NewByEveryReading };
  // Endpoints must exist; the caller checks endpoint kinds and reports problems with their
  // location.
  std::pair<RelationRowId, UpsertOutcome> upsert_relation(
      const RelationRecord& relation, EntityRowId src, EntityRowId dst,
      DerivedIdKnown known = DerivedIdKnown::Nothing);
  UpsertOutcome upsert_source(const SourceRecord& source);
  UpsertOutcome upsert_claim(const ClaimRecord& claim);
  UpsertOutcome upsert_designation(const DesignationRecord& designation, EntityRowId entity);
  // Removes a relation with its claims; false when there is none by that id.
  bool delete_relation(std::string_view id);

  // --- entity-resolution judgements (schema v2) ---
  // Records a judgement (the pair is put in id order) and returns its id. Both entities must
  // exist; a second judgement on a pair that has one not undone is refused by the schema.
  std::int64_t insert_judgement(const JudgementRecord& judgement);
  void set_judgement_relation(std::int64_t id, std::string_view relation);
  void mark_judgement_undone(std::int64_t id, std::string_view by, std::string_view at);
  std::optional<JudgementRecord> judgement(std::int64_t id) const;
  // The judgement on the pair (either order) that is not undone, if any.
  std::optional<JudgementRecord> active_judgement(std::string_view a, std::string_view b) const;
  // Every judgement, oldest first; undone ones only when asked.
  std::vector<JudgementRecord> judgements(bool include_undone) const;

  // --- look-ups ---
  std::optional<EntityRef> find_entity(std::string_view id) const;
  struct RelationRef {
    RelationRowId row = 0;
    EntityRowId src = 0;
    EntityRowId dst = 0;
    RelationKind kind = RelationKind::Supplies;
  };
  std::optional<RelationRef> find_relation(std::string_view id) const;
  bool has_source(std::string_view id) const;
  // A source by its id (or, with the key, a protected one's real id), as stored: a protected
  // source shows only its pseudonym and grades.
  struct StoredSource {
    std::int64_t row = 0;
    SourceRecord record;
  };
  std::optional<StoredSource> source(std::string_view id) const;

  std::optional<StoredEntity> entity(std::string_view id) const;
  std::optional<StoredEntity> entity_by_row(EntityRowId row) const;
  std::vector<StoredRelation> relations_of(EntityRowId row) const;  // in and out
  std::optional<StoredRelation> relation_by_row(RelationRowId row) const;
  std::vector<DesignationRecord> designations_of(EntityRowId row) const;
  std::vector<StoredClaim> claims_of_entity(EntityRowId row) const;
  std::vector<StoredClaim> claims_of_relation(RelationRowId row) const;
  // Ids and names resembling `text`, best first, for "did you mean" hints.
  std::vector<std::pair<std::string, std::string>> suggest_entities(std::string_view text,
                                                                    std::size_t limit) const;
  StoreStats stats() const;

  // --- bulk reads ---
  std::int64_t entity_count() const;
  // The largest relation row id (0 when empty): a cheap upper bound on the relation count.
  RelationRowId max_relation_row() const;
  // Entities in byte-wise id order: the order of the query graph's dense vertex ids.
  void for_each_entity(const std::function<void(const StoredEntity&)>& visit) const;
  // Relations in row order: a derived id is not indexed, so a caller that wants them in id
  // order sorts them.
  void for_each_relation(const std::function<void(const StoredRelation&)>& visit) const;
  void for_each_relation_row(const std::function<void(const RelationRow&)>& visit) const;
  // Relations without an explicit confidence take their best claim's (model.h,
  // kConfidenceTable): that confidence by relation row, for such relations that have claims.
  using ClaimConfidences = std::unordered_map<RelationRowId, double>;
  ClaimConfidences claim_confidences() const;
  // A relation's confidence as queries weigh it: explicit, else best claim, else unjudged.
  static double relation_confidence(std::optional<double> explicit_confidence, RelationRowId row,
                                    const ClaimConfidences& claims);
  // The id an entity row is stored under (a protected entity's pseudonym); nothing when no such
  // row exists.
  std::optional<std::string> stored_entity_id(EntityRowId row) const;
  // The few columns the query graph needs, in byte-wise id order.
  struct EntityKey {
    EntityRowId row = 0;
    std::string_view id;
    EntityKind kind = EntityKind::Company;
    bool is_protected = false;
  };
  void for_each_entity_key(const std::function<void(const EntityKey&)>& visit) const;
  std::vector<SourceRecord> sources() const;
  std::vector<StoredClaim> claims() const;  // in fact, source, locator order
  std::vector<DesignationRecord> designations() const;

  // Changes with every committed write: what a derived file (the query graph snapshot) was
  // built from, so it can tell when it is stale.
  std::string generation() const;
  // True when the last change committed was an import of inputs with this fingerprint
  // (Transaction::note_import): importing them again would change nothing. `fingerprint` is
  // called only when the last change was a noted import, as it may read every input file.
  bool was_last_import(const std::function<std::string()>& fingerprint) const;

  // --- protection at rest (graph/store_sealing.cpp) ---
  // True when the store has a protection key (it holds, or held, protected material).
  bool has_keyring() const;
  // The protection key and pseudonym key, asked for once; KeyError when none or wrong.
  const UnlockedKeys& unlocked(std::string_view why) const;
  // Unlocks only with what needs no prompt (a key file, the environment): for look-ups by a
  // real id, which must not stop to ask.
  bool try_unlock_quietly() const;
  // The pseudonym the store gives a protected record the data called `id`.
  std::string pseudonym_for(std::string_view id) const;
  // Protected records opened (needs the key): the entity with its designations, a source, a
  // claim's locator and quote, and the sealed same_as links of an entity.
  std::optional<SealedEntity> revealed_entity(EntityRowId row) const;
  SourceRecord revealed_source(const SourceRecord& stored) const;
  SealedClaimPart revealed_claim(const StoredClaim& stored) const;
  std::vector<RelationRecord> sealed_links_of(EntityRowId row) const;
  // Counts of sealed records, for `protect status`.
  struct ProtectionStatus {
    bool has_keyring = false;
    std::string key_kind;  // "passphrase (Argon2id ...)", "key file" or "none"
    std::int64_t protected_entities = 0;
    std::int64_t protected_sources = 0;
    std::int64_t sealed_claims = 0;
    std::int64_t sealed_relations = 0;
    std::int64_t sealed_links = 0;
  };
  ProtectionStatus protection_status() const;
  // Re-encrypts every sealed value and the keyring under a key from `new_keys`, in one
  // transaction: an interrupted rekey leaves the old key working.
  void rekey(const KeySource& new_keys);
  // Writes the protection key to a new key file, to hand it over apart from the database.
  void export_key(const std::filesystem::path& output) const;

  sqlite3* handle() const { return db_; }
  // Opened from read-only media (immutable): nothing can be written, not even the audit log.
  bool is_read_only() const { return read_only_; }

 private:
  // A relation's row by the id the store keeps (a protected one's is its pseudonym). With
  // `looked_up`, whose ends and id as given the caller has already looked up, those are skipped.
  std::optional<RelationRowId> relation_row(std::string_view stored_id,
                                            const RelationRecord* looked_up = nullptr) const;
  // The row named by the id `relation` derives from its ends `src` and `dst`, however it is
  // stored: derived from those ends, given as text, or derived from other ends.
  std::optional<RelationRowId> derived_or_given_relation_row(const RelationRecord& relation,
                                                             EntityRowId src,
                                                             EntityRowId dst) const;
  // The relation whose id the data gave as this text, if any.
  std::optional<RelationRowId> given_relation_row(std::string_view id) const;
  // The relation whose id is the one derived from these ends (its ext_id is NULL), if any.
  std::optional<RelationRowId> derived_relation_row(EntityRowId src, RelationKind kind,
                                                    EntityRowId dst,
                                                    std::optional<Date> from) const;
  void note_written_relation(std::string_view stored_id, RelationRowId row);
  // An inserted relation's `recent` (bound as nullif(?, 0)): 0 in a bulk load, whose relations
  // are in the settled part built after them, else 1.
  std::int64_t in_recent_part() const { return bulk_load_ ? 0 : 1; }
  // Finalises every cached statement.
  void release_statements();
  // The insert both upserts and bulk loads run: the new row id, or nothing when the id exists.
  std::optional<EntityRowId> insert_entity_if_new(const EntityRecord& entity,
                                                  std::optional<EntityRowId> row);
  // After an INSERT ... ON CONFLICT DO NOTHING: the new row id, or nothing when it did nothing.
  std::optional<std::int64_t> inserted_row() const;
  void insert_aliases(const std::vector<std::string>& aliases, EntityRowId row);
  Store(sqlite3* db, std::filesystem::path path);
  void migrate(OpenMode mode);
  void exec(const char* sql);
  // Builds an index of a bulk load from the table (see store.cpp on its page cache).
  void create_index(const char* create);
  std::optional<std::string> meta(std::string_view key) const;
  void set_meta(std::string_view key, std::string_view value);

  struct SourceRef {
    std::int64_t row = 0;
    Access access = Access::Public;
  };
  std::optional<SourceRef> find_source(std::string_view id) const;

  // Sealing (graph/store_sealing.cpp).
  bool is_protected_row(EntityRowId row) const;
  std::optional<EntityRowId> find_protected_by_real_id(std::string_view id) const;
  std::pair<EntityRowId, UpsertOutcome> upsert_protected_entity(
      const EntityRecord& entity, std::optional<EntityRowId> chosen_row);
  std::pair<RelationRowId, UpsertOutcome> upsert_sealed_relation(const RelationRecord& relation,
                                                                 EntityRowId src, EntityRowId dst);
  UpsertOutcome upsert_protected_source(const SourceRecord& source);
  UpsertOutcome upsert_protected_designation(const DesignationRecord& designation,
                                             EntityRowId entity);
  // Seals a clear record that has become protected (or one an older flgraph kept in the clear),
  // with the claims and relations that rest on it.
  void seal_entity_in_place(EntityRowId row);
  void seal_source_in_place(std::int64_t row);
  void seal_claims_where(const char* condition, std::int64_t row);
  void seal_relations_of(EntityRowId row);
  std::string sealed_locator(std::string_view locator) const;
  const UnlockedKeys& keys_for_writing();
  // A store an older flgraph left with protected material in the clear: sealed on the first
  // open that has the key, the file rebuilt so no clear copy stays in free pages or the WAL.
  void seal_legacy_material();

  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
  KeySource keys_;
  mutable std::optional<UnlockedKeys> unlocked_;
  mutable std::optional<std::unordered_set<EntityRowId>> protected_rows_;  // loaded on first use
  struct Statements;
  std::unique_ptr<Statements> statements_;
  std::unique_ptr<detail::WrittenRelationIds> written_relation_ids_;  // while suspended
  std::unique_ptr<detail::NewRelationRows> held_relations_;           // while held
  // Before the table is read or written another way: the held rows go in first.
  void write_held_relations() const;
  bool bulk_load_ = false;
  bool read_only_ = false;
  // A record turned protected in the open transaction: the derived files go again after the
  // commit, as a command running meanwhile may have rebuilt them from the state before it.
  bool derived_files_stale_ = false;
};

}  // namespace flgraph::graph
