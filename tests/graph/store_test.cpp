// tests/graph/store_test.cpp: schema, transactions and upserts of the SQLite store.
#include "graph/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <vector>

#include "graph/errors.h"
#include "test_support.h"

namespace flgraph::graph {
namespace {

using testing::TempDir;

EntityRecord company(const std::string& id, const std::string& name) {
  EntityRecord entity;
  entity.id = id;
  entity.kind = EntityKind::Company;
  entity.name = name;
  return entity;
}

std::string pragma(const Store& store, const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(store.handle(), sql, -1, &stmt, nullptr);
  std::string value;
  if (sqlite3_step(stmt) == SQLITE_ROW)
    value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  sqlite3_finalize(stmt);
  return value;
}

TEST(Store, NewDatabaseHasCurrentSchemaWalAndForeignKeys) {
  TempDir dir;
  auto store = Store::open(dir / "a.db", Store::OpenMode::CreateIfMissing);
  EXPECT_EQ(store.schema_version(), kSchemaVersion);
  EXPECT_EQ(pragma(store, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(pragma(store, "PRAGMA foreign_keys"), "1");
  EXPECT_FALSE(store.has_keyring());  // made with the first protected material
}

TEST(Store, ReadOnlyOpenOfMissingFileIsNotFoundAndCreatesNothing) {
  TempDir dir;
  EXPECT_THROW(Store::open(dir / "missing.db", Store::OpenMode::ReadOnlyExisting), NotFoundError);
  EXPECT_FALSE(std::filesystem::exists(dir / "missing.db"));
}

TEST(Store, RefusesADatabaseFromANewerSchema) {
  TempDir dir;
  {
    auto store = Store::open(dir / "a.db", Store::OpenMode::CreateIfMissing);
    sqlite3_exec(store.handle(), "PRAGMA user_version = 99", nullptr, nullptr, nullptr);
  }
  EXPECT_THROW(Store::open(dir / "a.db", Store::OpenMode::ReadOnlyExisting), Error);
}

TEST(Store, RefusesAFileThatIsNotADatabase) {
  TempDir dir;
  testing::write_file(dir / "notes.db",
                      "this is not sqlite, just text that is long enough to have a header\n");
  EXPECT_THROW(Store::open(dir / "notes.db", Store::OpenMode::ReadOnlyExisting), Error);
}

TEST(Store, UncommittedTransactionLeavesNothingBehind) {
  TempDir dir;
  auto store = Store::open(dir / "a.db", Store::OpenMode::CreateIfMissing);
  {
    auto txn = store.begin();
    store.upsert_entity(company("co-1", "One"));
  }
  EXPECT_FALSE(store.find_entity("co-1"));
  {
    auto txn = store.begin();
    store.upsert_entity(company("co-1", "One"));
    txn.commit();
  }
  EXPECT_TRUE(store.find_entity("co-1"));
}

TEST(Store, UpsertReportsInsertedUpdatedUnchangedAndKeepsTheRowId) {
  TempDir dir;
  auto store = Store::open(dir / "a.db", Store::OpenMode::CreateIfMissing);
  auto txn = store.begin();
  const auto [row, first] = store.upsert_entity(company("co-1", "One"));
  EXPECT_EQ(first, UpsertOutcome::Inserted);
  EXPECT_EQ(store.upsert_entity(company("co-1", "One")).second, UpsertOutcome::Unchanged);
  const auto [same_row, changed] = store.upsert_entity(company("co-1", "One Ltd"));
  EXPECT_EQ(changed, UpsertOutcome::Updated);
  EXPECT_EQ(same_row, row);
  // Empty text never erases what is known.
  EXPECT_EQ(store.upsert_entity(company("co-1", "")).second, UpsertOutcome::Unchanged);
  txn.commit();
  EXPECT_EQ(store.entity("co-1")->record.name, "One Ltd");
}

TEST(Store, ClaimsSurviveAnUpdateOfTheirRelation) {
  TempDir dir;
  auto store = Store::open(dir / "a.db", Store::OpenMode::CreateIfMissing);
  auto txn = store.begin();
  const auto a = store.upsert_entity(company("co-a", "A")).first;
  const auto b = store.upsert_entity(company("co-b", "B")).first;
  RelationRecord supplies;
  supplies.id = "r1";
  supplies.src = "co-a";
  supplies.dst = "co-b";
  supplies.kind = RelationKind::Supplies;
  supplies.confidence = 0.5;
  const auto relation_row = store.upsert_relation(supplies, a, b).first;
  SourceRecord source;
  source.id = "s1";
  source.reliability = Reliability::B;
  store.upsert_source(source);
  ClaimRecord claim;
  claim.fact = "r1";
  claim.source = "s1";
  claim.locator = "p. 3";
  claim.credibility = 2;
  EXPECT_EQ(store.upsert_claim(claim), UpsertOutcome::Inserted);
  EXPECT_EQ(store.upsert_claim(claim), UpsertOutcome::Unchanged);
  supplies.confidence = 0.7;
  EXPECT_EQ(store.upsert_relation(supplies, a, b).second, UpsertOutcome::Updated);
  txn.commit();
  const auto claims = store.claims_of_relation(relation_row);
  ASSERT_EQ(claims.size(), 1u);
  EXPECT_EQ(claims[0].claim.locator, "p. 3");
  EXPECT_EQ(claims[0].source.reliability, Reliability::B);
}

TEST(Store, DerivedConfidenceIsTheBestClaimsTableValue) {
  TempDir dir;
  auto store = Store::open(dir / "a.db", Store::OpenMode::CreateIfMissing);
  auto txn = store.begin();
  const auto a = store.upsert_entity(company("co-a", "A")).first;
  const auto b = store.upsert_entity(company("co-b", "B")).first;
  RelationRecord supplies;
  supplies.id = "r1";
  supplies.src = "co-a";
  supplies.dst = "co-b";
  store.upsert_relation(supplies, a, b);
  supplies.id = "r2";
  supplies.src = "co-b";
  supplies.dst = "co-a";
  store.upsert_relation(supplies, b, a);
  for (auto [id, grade] :
       {std::pair{"weak", Reliability::D}, std::pair{"strong", Reliability::A}}) {
    SourceRecord source;
    source.id = id;
    source.reliability = grade;
    store.upsert_source(source);
    store.upsert_claim({"r1", id, "", 2, "", "", std::nullopt});
  }
  txn.commit();
  std::map<std::string, double> confidence;
  store.for_each_relation_row([&](const RelationRow& row) {
    confidence[row.row == store.find_relation("r1")->row ? "r1" : "r2"] = row.confidence;
  });
  EXPECT_DOUBLE_EQ(confidence["r1"], confidence_from_evidence(Reliability::A, 2));
  EXPECT_DOUBLE_EQ(confidence["r2"], kUnjudgedConfidence);
}

TEST(Store, NewEntitiesGoInManyToAStatementAtTheirRowsWithTheirAliases) {
  // 150 entities: two full statements of 64 and 22 one at a time.
  TempDir dir;
  auto store = Store::open(dir / "a.db", Store::OpenMode::CreateIfMissing);
  auto txn = store.begin();
  std::vector<EntityRecord> records;
  for (int i = 0; i < 150; ++i) {
    records.push_back(company("co-" + std::to_string(i), "Company " + std::to_string(i)));
    records.back().aliases = {"Alias " + std::to_string(i)};
  }
  std::vector<Store::NewEntity> entities;
  for (std::size_t i = 0; i < records.size(); ++i)
    entities.push_back({1000 + static_cast<EntityRowId>(i), &records[i]});
  store.insert_new_entities(entities);
  txn.commit();
  for (int i : {0, 63, 64, 127, 128, 149}) {
    const auto found = store.find_entity("co-" + std::to_string(i));
    ASSERT_TRUE(found) << i;
    EXPECT_EQ(found->row, 1000 + i);
  }
  EXPECT_EQ(pragma(store, "SELECT count(*) FROM alias"), "150");
  EXPECT_EQ(pragma(store, "SELECT name FROM entity WHERE id = 1100"), "Company 100");
}

TEST(Store, ANewEntityAlreadyStoredAmongManyIsNamedInTheError) {
  TempDir dir;
  auto store = Store::open(dir / "a.db", Store::OpenMode::CreateIfMissing);
  auto txn = store.begin();
  store.upsert_entity(company("co-40", "Stored before"));
  std::vector<EntityRecord> records;
  for (int i = 0; i < 64; ++i) records.push_back(company("co-" + std::to_string(i), "New"));
  std::vector<Store::NewEntity> entities;
  for (std::size_t i = 0; i < records.size(); ++i)
    entities.push_back({100 + static_cast<EntityRowId>(i), &records[i]});
  try {
    store.insert_new_entities(entities);
    ADD_FAILURE() << "a clash went unreported";
  } catch (const Error& error) {
    EXPECT_STREQ(error.what(), "entity id co-40 is already in the store");
  }
}

}  // namespace
}  // namespace flgraph::graph
