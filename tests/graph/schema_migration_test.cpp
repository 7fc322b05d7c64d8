// tests/graph/schema_migration_test.cpp: a store an older flgraph wrote upgrades when opened.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>

#include "graph/detail/schema.h"
#include "graph/errors.h"
#include "graph/store.h"
#include "test_support.h"

namespace flgraph::graph {
namespace {

using testing::TempDir;

// The SQL that creates an older store: the first `version` migrations, in WAL mode as every
// store is, with the code tables filled, inside a transaction the caller commits.
std::string older_schema_sql(std::size_t version) {
  std::string sql = "PRAGMA journal_mode = WAL; BEGIN;";
  for (std::size_t step = 0; step < version; ++step) sql += detail::kMigrations.at(step);
  for (std::size_t code = 0; code < kEntityKindCount; ++code) {
    sql += fmt::format("INSERT INTO entity_kind VALUES({}, '{}');", code,
                       to_string(static_cast<EntityKind>(code)));
  }
  for (std::size_t code = 0; code < kRelationKindCount; ++code) {
    sql += fmt::format("INSERT INTO relation_kind VALUES({}, '{}');", code,
                       to_string(static_cast<RelationKind>(code)));
  }
  sql += R"sql(
INSERT INTO source_kind VALUES(0,'testimony'),(1,'customs_record'),(2,'designation'),(3,'report'),(4,'media'),(5,'court_record');
INSERT INTO access_level VALUES(0,'public'),(1,'restricted'),(2,'protected');
)sql";
  return sql;
}

// A schema-4 store as the flgraph before schema 5 wrote it (WAL, as every store is), holding
// two relations with claims on them, or with `dangling` a claim on a relation that is missing.
void write_version_4_store(const std::filesystem::path& db, bool dangling) {
  std::string sql = older_schema_sql(4);
  sql += R"sql(
INSERT INTO entity(id, ext_id, kind, name) VALUES(1, 'co-seller', 1, 'Seller'), (2, 'co-buyer', 1, 'Buyer');
INSERT INTO relation(id, ext_id, src, dst, kind, date_from, attributes)
  VALUES(7, 'r-sale', 1, 2, 0, '2021-03-01', '{"hs":"0304"}'), (9, 'r-owner', 2, 1, 1, NULL, '{}');
INSERT INTO source(id, ext_id, title, kind, reliability, access) VALUES(1, 'src-bol', 'Bill of lading', 1, 'B', 0);
INSERT INTO claim(relation_id, source_id, locator, credibility) VALUES(7, 1, 'p. 2', 2), (9, 1, 'p. 3', 3);
)sql";
  if (dangling) sql += "INSERT INTO claim(relation_id, source_id, credibility) VALUES(404, 1, 2);";
  sql += "PRAGMA user_version = 4; COMMIT;";
  testing::exec_sql(db, sql);
}

std::string one_text(const Store& store, const char* sql) {
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(store.handle(), sql, -1, &statement, nullptr);
  std::string out;
  if (sqlite3_step(statement) == SQLITE_ROW && sqlite3_column_text(statement, 0) != nullptr)
    out = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
  sqlite3_finalize(statement);
  return out;
}

TEST(SchemaMigration, AVersion4StoreUpgradesOnOpenKeepingEveryRelationWithItsClaims) {
  TempDir dir;
  const auto db = dir / "v4.db";
  write_version_4_store(db, false);
  auto store = Store::open(db, Store::OpenMode::CreateIfMissing);
  EXPECT_EQ(store.schema_version(), kSchemaVersion);
  // The table was rebuilt: the rows keep their row ids, and no claim went with the old table.
  const auto sale = store.find_relation("r-sale");
  ASSERT_TRUE(sale.has_value());
  EXPECT_EQ(sale->row, 7);
  EXPECT_EQ(store.find_relation("r-owner")->row, 9);
  EXPECT_EQ(store.stats().claims, 2);
  EXPECT_EQ(one_text(store, "SELECT attributes FROM relation WHERE id = 7"), R"({"hs":"0304"})");
  EXPECT_EQ(one_text(store, "SELECT count(*) FROM claim WHERE relation_id IN (7, 9)"), "2");
  // Ids stay unique, now through the named index, and the references are checked again.
  EXPECT_EQ(one_text(store,
                     "SELECT count(*) FROM sqlite_schema WHERE name IN "
                     "('relation_ext_id', 'relation_by_ends', 'relation_by_dst')"),
            "3");
  EXPECT_NE(sqlite3_exec(store.handle(),
                         "INSERT INTO relation(ext_id, src, dst, kind) VALUES('r-sale', 2, 1, 0)",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  EXPECT_EQ(one_text(store, "PRAGMA foreign_keys"), "1");
  EXPECT_EQ(one_text(store, "PRAGMA foreign_key_check"), "");
  EXPECT_EQ(one_text(store, "PRAGMA integrity_check"), "ok");
}

// A schema-5 store, every relation id stored as text: two derived from their ends (one dated),
// two the data gave (one of them reads as derived but names other ends), and a witness's
// relation under its pseudonym.
void write_version_5_store(const std::filesystem::path& db) {
  std::string sql = older_schema_sql(5);
  const auto supplies = static_cast<int>(RelationKind::Supplies);
  const auto owned_by = static_cast<int>(RelationKind::OwnedBy);
  sql += fmt::format(R"sql(
INSERT INTO entity(id, ext_id, kind, name, protected) VALUES(1, 'co-seller', 1, 'Seller', 0),
  (2, 'co-buyer', 1, 'Buyer', 0), (3, 'w-7f3a', 0, '', 1);
INSERT INTO relation(id, ext_id, src, dst, kind, date_from) VALUES
  (7, 'co-seller-supplies->co-buyer@2021-03-01', 1, 2, {0}, '2021-03-01'),
  (8, 'co-buyer-owned_by->co-seller', 2, 1, {1}, NULL),
  (9, 'bol-0042', 1, 2, {0}, NULL),
  (10, 'co-seller-supplies->co-buyer', 2, 1, {0}, NULL),
  (11, 'w-91c2', 3, 1, {0}, NULL);
INSERT INTO source(id, ext_id, title, kind, reliability, access) VALUES(1, 'src-bol', 'Bill of lading', 1, 'B', 0);
INSERT INTO claim(relation_id, source_id, locator, credibility) VALUES(7, 1, 'p. 2', 2), (8, 1, 'p. 3', 3);
PRAGMA user_version = 5; COMMIT;
)sql",
                     supplies, owned_by);
  testing::exec_sql(db, sql);
}

TEST(SchemaMigration, AVersion5StoreKeepsOnlyTheRelationIdsTheDataGaveAndFindsEveryOne) {
  TempDir dir;
  const auto db = dir / "v5.db";
  write_version_5_store(db);
  const char* const ids[] = {"co-seller-supplies->co-buyer@2021-03-01",
                             "co-buyer-owned_by->co-seller", "bol-0042",
                             "co-seller-supplies->co-buyer", "w-91c2"};
  auto store = Store::open(db, Store::OpenMode::CreateIfMissing);
  EXPECT_EQ(store.schema_version(), kSchemaVersion);
  // Text only where the id is not the one derived from the row's own ends.
  EXPECT_EQ(one_text(store, "SELECT group_concat(id) FROM relation WHERE ext_id IS NULL"), "7,8");
  for (std::int64_t row = 7; row <= 11; ++row) {
    const auto& id = ids[row - 7];
    EXPECT_EQ(store.find_relation(id)->row, row) << id;
    EXPECT_EQ(store.relation_by_row(row)->record.id, id);
    EXPECT_EQ(one_text(store,
                       fmt::format("SELECT ext_id FROM relation_named WHERE id = {}", row).c_str()),
              id);
  }
  EXPECT_EQ(one_text(store, "SELECT count(*) FROM claim WHERE relation_id IN (7, 8)"), "2");
  EXPECT_EQ(one_text(store,
                     "SELECT count(*) FROM sqlite_schema WHERE name IN "
                     "('relation_ext_id', 'relation_by_ends', 'relation_by_dst', "
                     "'relation_by_src')"),
            "3");
  EXPECT_NE(sqlite3_exec(store.handle(),
                         "INSERT INTO relation(ext_id, src, dst, kind) VALUES('bol-0042', 2, 1, 0)",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  EXPECT_EQ(one_text(store, "PRAGMA foreign_keys"), "1");
  EXPECT_EQ(one_text(store, "PRAGMA foreign_key_check"), "");
  EXPECT_EQ(one_text(store, "PRAGMA integrity_check"), "ok");
}

TEST(SchemaMigration, AnUpgradeThatWouldKeepADanglingRowIsRefusedAndChangesNothing) {
  TempDir dir;
  const auto db = dir / "v4.db";
  write_version_4_store(db, true);
  const auto before = testing::file_sha256(db);
  try {
    Store::open(db, Store::OpenMode::CreateIfMissing);
    FAIL() << "the upgrade went ahead";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("table claim pointing at nothing"), std::string::npos)
        << error.what();
  }
  EXPECT_EQ(testing::file_sha256(db), before);
}

TEST(SchemaMigration, AVersion6StoreKeepsItsRelationsInTheSettledPartAndAddsToTheRecentOne) {
  TempDir dir;
  const auto db = dir / "v6.db";
  std::string sql = older_schema_sql(6);
  sql += fmt::format(R"sql(
INSERT INTO entity(id, ext_id, kind, name) VALUES(1, 'co-seller', 1, 'Seller'),
  (2, 'co-buyer', 1, 'Buyer'), (3, 'co-agent', 1, 'Agent');
INSERT INTO relation(id, ext_id, src, dst, kind, date_from) VALUES
  (7, NULL, 1, 2, {0}, '2021-03-01'), (8, 'bol-0042', 1, 2, {0}, NULL);
PRAGMA user_version = 6; COMMIT;
)sql",
                     static_cast<int>(RelationKind::Supplies));
  testing::exec_sql(db, sql);
  auto store = Store::open(db, Store::OpenMode::CreateIfMissing);
  EXPECT_EQ(store.schema_version(), kSchemaVersion);
  EXPECT_EQ(one_text(store, "SELECT count(*) FROM relation WHERE recent IS NULL"), "2");
  EXPECT_EQ(
      one_text(store, "SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%WHERE recent IS%'"),
      "4");
  EXPECT_EQ(store.find_relation("co-seller-supplies->co-buyer@2021-03-01")->row, 7);
  EXPECT_EQ(store.find_relation("bol-0042")->row, 8);
  {
    auto txn = store.begin();
    RelationRecord added;
    added.src = "co-agent";
    added.dst = "co-buyer";
    added.kind = RelationKind::Supplies;
    added.id = derive_relation_id(added);
    EXPECT_EQ(store.upsert_relation(added, 3, 2).second, UpsertOutcome::Inserted);
    txn.commit();
  }
  EXPECT_EQ(one_text(store, "SELECT group_concat(id) FROM relation WHERE recent = 1"), "9");
  EXPECT_EQ(store.relations_of(2).size(), 3U);
  EXPECT_EQ(one_text(store, "PRAGMA integrity_check"), "ok");
}

}  // namespace
}  // namespace flgraph::graph
