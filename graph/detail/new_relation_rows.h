// graph/detail/new_relation_rows.h: the new relations of a pipelined import, written many to an
// INSERT (Store::hold_new_relations).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "graph/records.h"
#include "graph/sqlite_statement.h"
#include "graph/store.h"

namespace flgraph::graph::detail {

// SQLite's work per statement (cursors opened and closed, the program reset) is about a third
// of a single-row insert into this table: 3M rows took 6.6 s one to a statement and 5.1 s 32
// to one. Rows wait here, each with the row id it will take (after the table's last), until
// kRows are in or the store needs the table as written.
class NewRelationRows {
 public:
  static constexpr std::size_t kRows = 64;

  // `recent`: the rows go into the recent part of the indexes on the ends (an append).
  NewRelationRows(sqlite3* db, RelationRowId next_row, bool recent);

  // The row id the relation will take.
  RelationRowId add(const RelationRecord& relation, bool derived_id, EntityRowId src,
                    EntityRowId dst);
  bool full() const { return rows_.size() == kRows; }
  // Inserts the rows held: a full batch in one statement, a partial one row by row.
  void write();
  // After a row was inserted another way (a sealed relation): the next row id follows it.
  void continue_after(RelationRowId row) { next_row_ = row + 1; }

 private:
  struct Row {
    RelationRowId id = 0;
    std::optional<std::string> ext_id;  // only an id the data gave (schema v6)
    EntityRowId src = 0;
    EntityRowId dst = 0;
    RelationKind kind = RelationKind::Supplies;
    std::optional<Date> from;
    std::optional<Date> to;
    std::optional<double> confidence;
    std::string attributes_json;
  };

  // Binds `row` as the relation at `first` (its id) to first + 8 (its attributes).
  static void bind(Statement& insert, int first, const Row& row);

  Statement insert_batch_;
  Statement insert_one_;
  std::vector<Row> rows_;
  RelationRowId next_row_;
};

}  // namespace flgraph::graph::detail
