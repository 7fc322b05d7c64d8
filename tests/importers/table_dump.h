// tests/importers/table_dump.h: the rows of a store's entity, alias and relation tables as text,
// to compare two stores that should hold the same, and the references that do not hold.
#pragma once
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

#include "graph/protection.h"

namespace flgraph::importers {

inline std::string dump_tables(const std::filesystem::path& db) {
  sqlite3* raw = nullptr;
  EXPECT_EQ(sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  std::string out;
  for (const char* sql : {"SELECT * FROM entity ORDER BY id", "SELECT * FROM alias ORDER BY 1, 2",
                          "SELECT * FROM relation ORDER BY id"}) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(raw, sql, -1, &statement, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << sqlite3_errmsg(raw);
      sqlite3_close(raw);
      return "cannot read the tables";
    }
    while (sqlite3_step(statement) == SQLITE_ROW) {
      for (int c = 0; c < sqlite3_column_count(statement); ++c) {
        // A sealed value differs on every seal (a fresh nonce): only its presence compares.
        if (sqlite3_column_type(statement, c) == SQLITE_BLOB) {
          out += "<sealed>|";
          continue;
        }
        const auto* text = sqlite3_column_text(statement, c);
        // Each database draws its own pseudonym key: only the shape of a pseudonym compares.
        const std::string value = text != nullptr ? reinterpret_cast<const char*>(text) : "NULL";
        out += graph::is_pseudonym(value) ? "W-<pseudonym>" : value;
        out += '|';
      }
      out += '\n';
    }
    sqlite3_finalize(statement);
  }
  sqlite3_close(raw);
  return out;
}

// The first column of the first row `sql` gives, as text ("NULL" for none).
inline std::string first_value(const std::filesystem::path& db, const char* sql) {
  sqlite3* raw = nullptr;
  EXPECT_EQ(sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* query = nullptr;
  std::string out = "NULL";
  if (sqlite3_prepare_v2(raw, sql, -1, &query, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sqlite3_errmsg(raw);
  } else if (sqlite3_step(query) == SQLITE_ROW && sqlite3_column_text(query, 0) != nullptr) {
    out = reinterpret_cast<const char*>(sqlite3_column_text(query, 0));
  }
  sqlite3_finalize(query);
  sqlite3_close(raw);
  return out;
}

// The rows PRAGMA foreign_key_check reports, one a line; empty when every reference holds.
inline std::string foreign_key_violations(const std::filesystem::path& db) {
  sqlite3* raw = nullptr;
  EXPECT_EQ(sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  std::string out;
  sqlite3_stmt* check = nullptr;
  if (sqlite3_prepare_v2(raw, "PRAGMA foreign_key_check", -1, &check, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sqlite3_errmsg(raw);
    sqlite3_close(raw);
    return "cannot check";
  }
  while (sqlite3_step(check) == SQLITE_ROW) {
    for (int c = 0; c < sqlite3_column_count(check); ++c) {
      const auto* text = sqlite3_column_text(check, c);
      out += text != nullptr ? reinterpret_cast<const char*>(text) : "NULL";
      out += '|';
    }
    out += '\n';
  }
  sqlite3_finalize(check);
  sqlite3_close(raw);
  return out;
}

}  // namespace flgraph::importers
