// importers/store_writer.cpp: a bounded queue of row batches and the thread that writes them.
#include "importers/store_writer.h"

namespace flgraph::importers {

StoreWriter::StoreWriter(graph::Store& store, GraphCapture* capture)
    : store_(store), capture_(capture), thread_([this] { run(); }) {
  batch_.reserve(kBatchSize);
}

StoreWriter::~StoreWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    closing_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void StoreWriter::add(WriteOp op) {
  batch_.push_back(std::move(op));
  if (batch_.size() >= kBatchSize) push_batch();
}

void StoreWriter::push_batch() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return queue_.size() < kBatchesInFlight || error_ != nullptr; });
  if (error_) {
    lock.unlock();
    rethrow_if_failed();
  }
  queue_.push_back(std::move(batch_));
  lock.unlock();
  changed_.notify_all();
  batch_ = {};
  batch_.reserve(kBatchSize);
}

void StoreWriter::finish() {
  if (!batch_.empty()) push_batch();
  {
    std::unique_lock lock(mutex_);
    closing_ = true;
    changed_.notify_all();
    changed_.wait(lock, [&] { return (queue_.empty() && !busy_) || error_ != nullptr; });
  }
  rethrow_if_failed();
}

std::exception_ptr StoreWriter::stop_and_take_error() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    closing_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
  return error_;
}

void StoreWriter::rethrow_if_failed() {
  std::exception_ptr error;
  {
    std::lock_guard lock(mutex_);
    error = error_;
  }
  if (error) {
    stop_and_take_error();
    std::rethrow_exception(error);
  }
}

void StoreWriter::run() {
  for (;;) {
    std::vector<WriteOp> batch;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return !queue_.empty() || closing_ || stopping_; });
      if (stopping_ || queue_.empty()) return;
      batch = std::move(queue_.front());
      queue_.pop_front();
      busy_ = true;
    }
    changed_.notify_all();
    try {
      write_all(batch);
    } catch (...) {
      std::lock_guard lock(mutex_);
      error_ = std::current_exception();
      busy_ = false;
      changed_.notify_all();
      return;
    }
    {
      std::lock_guard lock(mutex_);
      busy_ = false;
    }
    changed_.notify_all();
  }
}

void StoreWriter::write_all(std::vector<WriteOp>& batch) {
  // New entities, not protected, that come one after another go to the store together.
  std::vector<graph::Store::NewEntity> new_entities;
  const auto write_new_entities = [&](std::size_t end) {
    store_.insert_new_entities(new_entities);
    if (capture_) {
      for (std::size_t i = end - new_entities.size(); i < end; ++i) capture_entity(batch[i]);
    }
    new_entities.clear();
  };
  for (std::size_t i = 0; i < batch.size(); ++i) {
    WriteOp& op = batch[i];
    if (op.kind == WriteOp::Kind::InsertEntity && !op.entity.is_protected) {
      check_not_a_relation_id(op);
      new_entities.push_back({op.row, &op.entity});
      continue;
    }
    if (!new_entities.empty()) write_new_entities(i);
    write(op);
  }
  if (!new_entities.empty()) write_new_entities(batch.size());
}

void StoreWriter::write(WriteOp& op) {
  switch (op.kind) {
    case WriteOp::Kind::InsertEntity:
      check_not_a_relation_id(op);
      if (!store_.insert_new_entity(op.entity, op.row)) {
        // Its relations would point at a row that was never written.
        throw InputError::malformed(
            {*op.file, op.line, "id"},
            "this protected record is already in the import under its pseudonym: give it once "
            "(an import into an existing database merges the two)");
      }
      if (capture_) capture_entity(op);
      break;
    case WriteOp::Kind::UpsertEntity: {
      check_not_a_relation_id(op);
      // A row given again, or one the store held: the reader has checked its kind.
      const auto [row, outcome] = store_.upsert_entity(op.entity);
      entity_upserts_.add(outcome);
      if (capture_) capture_upserted_entity(*capture_, store_, row, outcome, op.entity);
      break;
    }
    case WriteOp::Kind::UpsertRelation: {
      const auto [row, outcome] =
          store_.upsert_relation(op.relation, op.src, op.dst, op.derived_id_known);
      if (outcome == graph::UpsertOutcome::Conflicting) {
        throw InputError::bad_value({*op.file, op.line, "id"},
                                    "this relation id already names a different relation",
                                    op.relation.id);
      }
      relation_upserts_.add(outcome);
      if (capture_) capture_upserted_relation(*capture_, row, outcome, op.src, op.dst, op.relation);
      break;
    }
  }
}

void StoreWriter::check_not_a_relation_id(const WriteOp& op) const {
  // A new store has no relation yet when its entities are written (nodes come before edges).
  if (store_.is_bulk_load() || !store_.find_relation(op.entity.id)) return;
  throw InputError::bad_value(
      {*op.file, op.line, "id"},
      "this entity id already names a relation; a claim on it would bind to the entity",
      op.entity.id);
}

void StoreWriter::capture_entity(WriteOp& op) {
  if (!op.entity.is_protected) {
    capture_->add_entity(op.row, std::move(op.entity.id), op.entity.kind, false);
    return;
  }
  // Stored under its pseudonym, or merged into a row that already had it.
  if (auto stored = store_.stored_entity_id(op.row)) {
    capture_->add_entity(op.row, std::move(*stored), op.entity.kind, true);
  } else {
    capture_->give_up();
  }
}

}  // namespace flgraph::importers
