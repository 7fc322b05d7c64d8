// graph/sqlite_statement.h: a prepared SQLite statement with bound values; the only way SQL runs.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "graph/errors.h"
#include "graph/model.h"

namespace flgraph::graph::detail {

class Statement {
 public:
  Statement(sqlite3* db, const char* sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Resets the statement and clears earlier bindings, ready for a new execution.
  Statement& reset();
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, double value);
  Statement& bind_null(int index);
  Statement& bind(int index, const std::optional<Date>& date);
  Statement& bind(int index, const std::optional<double>& value);
  Statement& bind_blob(int index, std::string_view bytes);
  // Binds empty text as NULL.
  Statement& bind_or_null(int index, std::string_view text);

  // Steps once: true while a row is available.
  bool step();
  // Runs to completion (for writes).
  void run();

  std::string text(int column) const;
  std::string blob(int column) const;  // empty for NULL
  std::int64_t integer(int column) const;
  double real(int column) const;
  bool is_null(int column) const;
  std::optional<Date> date(int column) const;
  sqlite3_stmt* raw() const { return stmt_; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// Raised when SQLite itself fails (disk full, corrupt file, locked database).
class StoreError : public Error {
 public:
  using Error::Error;
};
[[noreturn]] void throw_sqlite(sqlite3* db, std::string_view what);

}  // namespace flgraph::graph::detail
