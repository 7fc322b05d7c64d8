// importers/store_writer.h: the store writes of a pipelined import, run on a thread of their own.
#pragma once
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "graph/errors.h"
#include "graph/store.h"
#include "importers/graph_capture.h"
#include "importers/upsert_counts.h"

namespace flgraph::importers {

// One write, in the order the rows were read.
struct WriteOp {
  enum class Kind : std::uint8_t { InsertEntity, UpsertEntity, UpsertRelation };
  Kind kind = Kind::InsertEntity;
  graph::EntityRecord entity;
  graph::RelationRecord relation;
  graph::EntityRowId row = 0;  // InsertEntity: the row id chosen by the reader
  graph::EntityRowId src = 0;  // UpsertRelation: endpoint rows
  graph::EntityRowId dst = 0;
  graph::Store::DerivedIdKnown derived_id_known = graph::Store::DerivedIdKnown::Nothing;
  std::shared_ptr<const std::string> file;  // where the row was, for the writer's own errors
  std::size_t line = 0;
};

// Parsing and checking a row costs about as much as SQLite's insert of it, so a bulk load, or
// nodes and edges added to a store, read and check rows on the calling thread while this one
// writes the rows before them.
// The store belongs to the writer until finish(): the caller must not touch it meanwhile.
// Errors (a relation id that names two relations, a failing insert) stop the writer; the
// caller sees them at its next add() or at finish(), as the exception the write threw.
class StoreWriter {
 public:
  // `capture`, when given, receives every row as written (on the writer's thread).
  explicit StoreWriter(graph::Store& store, GraphCapture* capture = nullptr);
  ~StoreWriter();  // stops without writing what is still queued (the transaction rolls back)
  StoreWriter(const StoreWriter&) = delete;
  StoreWriter& operator=(const StoreWriter&) = delete;

  void add(WriteOp op);
  // Waits until every queued write is done; rethrows the writer's error, if any.
  void finish();
  // Outcomes of the upserts the writer ran (read after finish()).
  const UpsertCounts& entity_upserts() const { return entity_upserts_; }
  const UpsertCounts& relation_upserts() const { return relation_upserts_; }

 private:
  std::exception_ptr stop_and_take_error();
  static constexpr std::size_t kBatchSize = 2048;
  static constexpr std::size_t kBatchesInFlight = 8;  // bounds the memory held by the queue

  void push_batch();
  void run();
  void write_all(std::vector<WriteOp>& batch);
  void write(WriteOp& op);
  void capture_entity(WriteOp& op);
  // An entity id may not name a relation the store holds (the reader cannot see the store).
  void check_not_a_relation_id(const WriteOp& op) const;
  void rethrow_if_failed();

  graph::Store& store_;
  GraphCapture* capture_;
  UpsertCounts entity_upserts_;
  UpsertCounts relation_upserts_;
  std::vector<WriteOp> batch_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::vector<WriteOp>> queue_;
  bool closing_ = false;   // no more batches will come
  bool stopping_ = false;  // drop what is queued and end
  bool busy_ = false;      // the writer holds a batch
  std::exception_ptr error_;
  std::thread thread_;
};

}  // namespace flgraph::importers
