// graph/new_relation_rows.cpp: a pipelined import's new relations, many to an INSERT.
#include "graph/detail/new_relation_rows.h"

#include <fmt/format.h>

namespace flgraph::graph::detail {

namespace {

constexpr int kColumnCount = 9;

std::string insert_of(std::size_t rows, bool recent) {
  std::string sql =
      "INSERT INTO relation(id, ext_id, src, dst, kind, date_from, date_to, confidence, "
      "attributes, recent) VALUES";
  const char* const values = recent ? "(?,?,?,?,?,?,?,?,?,1)" : "(?,?,?,?,?,?,?,?,?,NULL)";
  for (std::size_t i = 0; i < rows; ++i) sql += fmt::format("{}{}", i == 0 ? "" : ",", values);
  return sql;
}

}  // namespace

NewRelationRows::NewRelationRows(sqlite3* db, RelationRowId next_row, bool recent)
    : insert_batch_(db, insert_of(kRows, recent).c_str()),
      insert_one_(db, insert_of(1, recent).c_str()),
      next_row_(next_row) {
  rows_.reserve(kRows);
}

RelationRowId NewRelationRows::add(const RelationRecord& relation, bool derived_id, EntityRowId src,
                                   EntityRowId dst) {
  Row& row = rows_.emplace_back();
  row.id = next_row_++;
  if (!derived_id) row.ext_id = relation.id;
  row.src = src;
  row.dst = dst;
  row.kind = relation.kind;
  row.from = relation.valid.from;
  row.to = relation.valid.to;
  row.confidence = relation.confidence;
  row.attributes_json = relation.attributes_json;
  return row.id;
}

void NewRelationRows::bind(Statement& insert, int first, const Row& row) {
  insert.bind(first, row.id);
  if (row.ext_id)
    insert.bind(first + 1, *row.ext_id);
  else
    insert.bind_null(first + 1);
  insert.bind(first + 2, row.src)
      .bind(first + 3, row.dst)
      .bind(first + 4, static_cast<std::int64_t>(row.kind))
      .bind(first + 5, row.from)
      .bind(first + 6, row.to)
      .bind(first + 7, row.confidence)
      .bind(first + 8, row.attributes_json);
}

void NewRelationRows::write() {
  if (full()) {
    insert_batch_.reset();
    for (std::size_t i = 0; i < rows_.size(); ++i)
      bind(insert_batch_, static_cast<int>(i) * kColumnCount + 1, rows_[i]);
    insert_batch_.run();
  } else {
    for (const auto& row : rows_) {
      insert_one_.reset();
      bind(insert_one_, 1, row);
      insert_one_.run();
    }
  }
  rows_.clear();
}

}  // namespace flgraph::graph::detail
