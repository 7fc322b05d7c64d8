// importers/import_session.h: checks each parsed record against the store and writes it.
#pragma once
#include <absl/container/flat_hash_map.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "graph/query_graph.h"
#include "graph/store.h"
#include "importers/input_file.h"
#include "importers/new_derived_relations.h"
#include "importers/raw_record.h"
#include "importers/store_writer.h"
#include "importers/upsert_counts.h"

namespace flgraph::importers {

// What one sanctions list or FtM file held and what of it was imported, for the summary.
struct ListCounts {
  std::string file;
  std::string format;         // "ofac", "un", "ftm"
  std::int64_t read = 0;      // entries (OFAC rows, UN records, FtM lines) in the file
  std::int64_t imported = 0;  // entries that became entities
  // Every entry read, by why it is in DPRK scope: "dprk_program", "dprk_remarks",
  // "dprk_address", "dprk_list_type", or "other" (imported only with --all-programs); FtM: "all".
  std::map<std::string, std::int64_t> by_scope;
  // The same entries by the list's own type (OFAC SDN_Type, UN record, FtM schema), per scope.
  std::map<std::string, std::map<std::string, std::int64_t>> types_by_scope;
  std::map<std::string, std::int64_t>
      by_program;                               // imported entries per program; one may count twice
  std::map<std::string, std::int64_t> by_kind;  // imported entities per model kind
  // FtM schemata ("schema:Address") and properties ("property:Person.birthDate") that did not
  // map to the model and were kept as attributes; merged into ImportSummary::unmapped.
  std::map<std::string, std::int64_t> unmapped;
};

// How the party names of bills of lading were resolved (importers/bill_of_lading.h): one entry
// per distinct name (shipper, consignee) and per vessel.
struct PartyResolution {
  std::string role;    // "party" or "vessel"
  std::string name;    // as the file wrote it
  std::string entity;  // the entity it resolved to, or the one created
  double score = 0.0;  // match score; 1 for an IMO number; 0 when created
  bool created = false;
};
struct PartyCounts {
  std::int64_t resolved = 0;
  std::int64_t created = 0;
  std::vector<PartyResolution> details;
};

// A document an evidence bundle carries for one of its sources (documents/<sha256> beside
// bundle.json), checked against its hash while the bundle is read and taken into custody once the
// import has committed.
struct BundleDocument {
  std::string source;
  std::filesystem::path file;
  std::string sha256;
  std::string attached_by;
  std::string attached_at;
  std::string note;
  std::string original_name;
};

struct ImportSummary {
  UpsertCounts entities;
  UpsertCounts relations;
  UpsertCounts sources;
  UpsertCounts claims;
  UpsertCounts designations;
  std::vector<std::string> files;
  // What a format could not map to the model, by name, with counts (FtM schemata, say).
  std::map<std::string, std::int64_t> unmapped;
  std::vector<ListCounts> lists;  // one per sanctions list or FtM file
  PartyCounts parties;            // bills of lading
  std::vector<BundleDocument> documents;
  std::size_t documents_taken = 0;  // of them, new in custody (the others were held already)
  // Seconds spent preparing the query graph snapshot after the commit (0 when not prepared).
  double query_graph_seconds = 0;
  // Why the snapshot could not be saved (a full disk, say); empty when it was. The import itself
  // stands, and the next read command builds the query graph again.
  std::string query_graph_problem;
  // The query graph was built from the rows as the import wrote them, not read back.
  bool query_graph_from_rows = false;
  // The same files were the last import, and nothing changed since: no row was read.
  bool already_imported = false;
  // Rows were written on a second thread while the next were read (ImportSession::begin_pipeline).
  bool rows_written_while_reading = false;
};

// Used by every importer inside one transaction, so that every format applies the same
// reference and kind rules and reports them the same way.
class ImportSession {
 public:
  ImportSession(graph::Store& store, ImportSummary& summary) : store_(store), summary_(summary) {}

  // The forms taking a temporary move it on to the writer thread, when there is one (see
  // begin_pipeline), instead of copying.
  void add_entity(const RawRecord& raw, const graph::EntityRecord& entity);
  void add_entity(const RawRecord& raw, graph::EntityRecord&& entity);
  void add_relation(const RawRecord& raw, const graph::RelationRecord& relation);
  void add_relation(const RawRecord& raw, graph::RelationRecord&& relation);
  // A source read from the data; the other form is for a source an importer makes of the file.
  void add_source(const RawRecord& raw, const graph::SourceRecord& source);
  void add_source(const graph::SourceRecord& source);
  void add_claim(const RawRecord& raw, const graph::ClaimRecord& claim);
  void add_designation(const RawRecord& raw, const graph::DesignationRecord& designation,
                       std::string_view entity_field);
  void add_document(BundleDocument document) { summary_.documents.push_back(std::move(document)); }

  // Between these two, add_entity and add_relation only check rows and queue their writes for
  // a StoreWriter thread; nothing else may touch the store meanwhile. Either the store is one
  // this import fills alone (a new database), whose every entity this session has seen, or
  // `held_before` is the graph of every entity the store held before the import (its current
  // snapshot), with none protected: a real id given to a protected record is not in it. A
  // protected row ends such a pipeline for the rest of the import (only the store can tell
  // whether it holds that record already, and by which of its ids later rows name it).
  void begin_pipeline(const graph::QueryGraph* held_before = nullptr);
  // Waits for the queued writes; the writer's error, if any, is thrown here.
  void end_pipeline();
  // After an error on the calling thread: stops the writer and throws its error instead when
  // it failed (on an earlier row), else rethrows the current one.
  [[noreturn]] void abandon_pipeline();
  // From here on, the entities and relations written keep the rows the query graph reads
  // (importers/graph_capture.h); a row that changes what the graph holds of an earlier one
  // makes the capture incomplete.
  void capture_graph(std::size_t budget_bytes);
  // The capture, if one was made and it is complete.
  std::optional<GraphCapture> take_graph_capture();

 private:
  // Entities seen in this import, then those the store held (its snapshot while the writer
  // thread has the store), so relations find their endpoints without a query per row.
  std::optional<graph::EntityRef> find_entity(const std::string& id);
  // The entity by that id in the snapshot of what the store held, during a pipelined append.
  std::optional<graph::EntityRef> held_before_entity(std::string_view id) const;
  // The same, for a pipelined append: whether an entity by that id exists.
  bool entity_exists(std::string_view id) const;
  void queue_entity(const RawRecord& raw, graph::EntityRecord entity);
  // Every check a relation passes before it is written; its two ends.
  std::pair<graph::EntityRef, graph::EntityRef> checked_ends(const RawRecord& raw,
                                                             const graph::RelationRecord& relation);
  const std::shared_ptr<const std::string>& file_of(const RawRecord& raw);

  graph::Store& store_;
  ImportSummary& summary_;
  // Open addressing: one probe a look-up where a node map took three cache misses (the map
  // was the reader's largest cost on a bulk load).
  absl::flat_hash_map<std::string, graph::EntityRef> entities_;
  // Declared before the writer, so the writer's thread has stopped before the capture goes.
  std::unique_ptr<GraphCapture> capture_;
  std::unique_ptr<StoreWriter> writer_;
  graph::EntityRowId last_entity_row_ = 0;          // pipelined inserts take the rows after it
  const graph::QueryGraph* held_before_ = nullptr;  // see begin_pipeline
  std::optional<NewDerivedRelations> new_derived_;  // with held_before_
  bool protected_row_seen_ = false;                 // in an append: no pipeline from then on
  std::shared_ptr<const std::string> file_;         // the file of the rows being queued
};

}  // namespace flgraph::importers
