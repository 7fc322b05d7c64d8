// custody/audit_log.cpp: the append-only audit table of schema v4.
#include "custody/audit_log.h"

#include <fmt/format.h>
#include <pwd.h>
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <nlohmann/json.hpp>

#include "graph/sqlite_statement.h"
#include "graph/warnings.h"

namespace flgraph::custody {
namespace {

using graph::detail::Statement;

void exec(sqlite3* db, const char* sql) {
  if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
    graph::detail::throw_sqlite(db, sql);
}

std::string outputs_json(const std::vector<AuditOutput>& outputs) {
  nlohmann::json array = nlohmann::json::array();
  for (const auto& output : outputs)
    array.push_back({{"name", output.name}, {"sha256", output.sha256}});
  return array.dump();
}

std::vector<AuditOutput> outputs_from_json(const std::string& text) {
  std::vector<AuditOutput> outputs;
  for (const auto& item : nlohmann::json::parse(text)) {
    outputs.push_back({item.value("name", std::string()), item.value("sha256", std::string())});
  }
  return outputs;
}

}  // namespace

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", utc.tm_year + 1900, utc.tm_mon + 1,
                     utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
}

std::string current_user() {
  for (const char* variable : {"USER", "LOGNAME"}) {
    const char* value = std::getenv(variable);
    if (value != nullptr && *value != '\0') return value;
  }
  if (const passwd* entry = getpwuid(getuid()); entry != nullptr && entry->pw_name != nullptr)
    return entry->pw_name;
  return "unknown";
}

void check_recordable(const graph::Store& store, std::string_view command,
                      WhenUnrecordable policy) {
  if (!store.is_read_only() || policy == WhenUnrecordable::Warn) return;
  throw Error(
      fmt::format("{} refused: database \"{}\" is on read-only media, where the audit log cannot "
                  "record it, and protected "
                  "material is never revealed unrecorded (copy the database to writable storage)",
                  command, store.path().string()));
}

void record_command(graph::Store& store, AuditEntry entry, WhenUnrecordable policy) {
  check_recordable(store, entry.command, policy);
  if (store.is_read_only()) {
    graph::warn(
        fmt::format("{} was not recorded in the audit log: database \"{}\" is on read-only media",
                    entry.command, store.path().string()));
    return;
  }
  append_audit(store, std::move(entry));
}

std::int64_t append_audit(graph::Store& store, AuditEntry entry) {
  if (store.is_read_only()) {
    throw Error(
        fmt::format("database \"{}\" is on read-only media: the audit log cannot record this",
                    store.path().string()));
  }
  if (entry.at.empty()) entry.at = utc_now();
  if (entry.who.empty()) entry.who = current_user();
  sqlite3* db = store.handle();
  // Not a Store::Transaction: that would mark the data changed and make every derived file stale.
  const bool own_transaction = sqlite3_get_autocommit(db) != 0;
  if (own_transaction) exec(db, "BEGIN IMMEDIATE");
  try {
    Statement insert(db,
                     "INSERT INTO audit(at, who, command, selection, outputs) VALUES(?,?,?,?,?)");
    insert.bind(1, entry.at).bind(2, entry.who).bind(3, entry.command).bind(4, entry.selection);
    insert.bind(5, outputs_json(entry.outputs)).run();
    const std::int64_t id = sqlite3_last_insert_rowid(db);
    if (own_transaction) exec(db, "COMMIT");
    return id;
  } catch (...) {
    if (own_transaction) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

std::vector<AuditEntry> read_audit(const graph::Store& store,
                                   const std::optional<std::string>& since) {
  Statement query(store.handle(),
                  "SELECT id, at, who, command, selection, outputs FROM audit WHERE ?1 IS NULL OR "
                  "at >= ?1 ORDER BY id");
  if (since) query.bind(1, *since);
  std::vector<AuditEntry> entries;
  while (query.step()) {
    entries.push_back({query.integer(0), query.text(1), query.text(2), query.text(3), query.text(4),
                       outputs_from_json(query.text(5))});
  }
  return entries;
}

}  // namespace flgraph::custody
