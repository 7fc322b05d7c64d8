// importers/store_writer.cpp: a bounded queue of row batches and the thread that writes them.
#include "importers/store_writer.h"

namespace flgraph::importers {

StoreWriter::StoreWriter(graph::Store& store) : store_(store), thread_([this] { run(); }) {
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
      for (auto& op : batch) write(op);
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

void StoreWriter::write(WriteOp& op) {
  switch (op.kind) {
    case WriteOp::Kind::InsertEntity:
      store_.insert_new_entity(op.entity, op.row);
      break;
    case WriteOp::Kind::UpsertEntity:
      entity_upserts_.add(store_.upsert_entity(op.entity).second);
      break;
    case WriteOp::Kind::UpsertRelation: {
      const auto outcome = store_.upsert_relation(op.relation, op.src, op.dst).second;
      if (outcome == graph::UpsertOutcome::Conflicting) {
        throw InputError::bad_value({*op.file, op.line, "id"},
                                    "this relation id already names a different relation",
                                    op.relation.id);
      }
      relation_upserts_.add(outcome);
      break;
    }
  }
}

}  // namespace flgraph::importers
