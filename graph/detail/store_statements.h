// graph/detail/store_statements.h: what the store's source files share: the statement cache
// and the checked reading of enum codes (a damaged row is an error, never undefined).
#pragma once
#include <fmt/format.h>

#include <memory>
#include <unordered_map>

#include "graph/sqlite_statement.h"
#include "graph/store.h"

namespace flgraph::graph {

// Prepared once per store, reused for every row of an import.
struct Store::Statements {
  explicit Statements(sqlite3* db) : db_(db) {}
  detail::Statement& get(const char* sql) {
    auto found = cache_.find(sql);
    if (found == cache_.end()) {
      found = cache_.emplace(sql, std::make_unique<detail::Statement>(db_, sql)).first;
    }
    return found->second->reset();
  }

 private:
  sqlite3* db_;
  std::unordered_map<const char*, std::unique_ptr<detail::Statement>> cache_;
};

namespace detail {

// A code read from the store; out of range means the file was damaged or edited by hand.
template <typename Enum>
Enum enum_from(std::int64_t code) {
  return enum_from_stored_code<Enum>(code);
}

}  // namespace detail
}  // namespace flgraph::graph
