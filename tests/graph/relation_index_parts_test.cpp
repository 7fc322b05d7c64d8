// tests/graph/relation_index_parts_test.cpp: the indexes on a relation's ends have a settled part,
// built after a bulk load, and a recent part that takes relations written later (schema v7).
// Every look-up by ends finds a relation in either part, and settling folds one into the other.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <vector>

#include "graph/detail/schema.h"
#include "graph/store.h"
#include "test_support.h"

namespace flgraph::graph {
namespace {

using testing::TempDir;

// Column `index` of every row `sql` gives.
std::vector<std::string> column(const Store& store, const std::string& sql, int index = 0) {
  sqlite3_stmt* statement = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(store.handle(), sql.c_str(), -1, &statement, nullptr), SQLITE_OK)
      << sql;
  std::vector<std::string> out;
  while (sqlite3_step(statement) == SQLITE_ROW) {
    const auto* text = sqlite3_column_text(statement, index);
    out.emplace_back(text != nullptr ? reinterpret_cast<const char*>(text) : "NULL");
  }
  sqlite3_finalize(statement);
  return out;
}

std::string one_text(const Store& store, const std::string& sql) {
  const auto values = column(store, sql);
  return values.empty() ? "(none)" : values.front();
}

EntityRecord company(const std::string& id) {
  EntityRecord entity;
  entity.id = id;
  entity.kind = EntityKind::Company;
  entity.name = id;
  return entity;
}

RelationRecord supplies(const std::string& src, const std::string& dst) {
  RelationRecord out;
  out.src = src;
  out.dst = dst;
  out.kind = RelationKind::Supplies;
  out.id = derive_relation_id(out);
  return out;
}

// Companies co-0 .. co-{count - 1}, with co-i supplying co-{i + 1} for i < settled: those
// relations are written by a bulk load, so they are in the settled part.
void bulk_load(const std::filesystem::path& db, int companies, int settled) {
  auto store = Store::open(db, Store::OpenMode::FreshBulkLoad);
  auto txn = store.begin();
  std::vector<EntityRowId> rows;
  rows.reserve(static_cast<std::size_t>(companies));
  for (int i = 0; i < companies; ++i)
    rows.push_back(store.upsert_entity(company("co-" + std::to_string(i))).first);
  for (std::size_t i = 0; i < static_cast<std::size_t>(settled); ++i) {
    store.upsert_relation(supplies("co-" + std::to_string(i), "co-" + std::to_string(i + 1)),
                          rows[i], rows[i + 1]);
  }
  txn.commit();
  store.finish_bulk_load();
}

// co-{from} supplies co-{to}, written into the store as it stands.
RelationRowId add(Store& store, int from, int to) {
  const auto src = "co-" + std::to_string(from);
  const auto dst = "co-" + std::to_string(to);
  return store
      .upsert_relation(supplies(src, dst), store.find_entity(src)->row, store.find_entity(dst)->row)
      .first;
}

std::string recent_count(const Store& store) {
  return one_text(store, "SELECT count(*) FROM relation WHERE recent IS NOT NULL");
}

TEST(RelationIndexParts, EveryLookUpByEndsIsAnsweredFromBothPartsWithoutReadingTheTable) {
  TempDir dir;
  bulk_load(dir / "a.db", 3, 2);
  const auto store = Store::open(dir / "a.db", Store::OpenMode::ReadOnlyExisting);
  for (const char* terms :
       {"src = ?1", "dst = ?1",
        "src = ?1 AND kind = ?2 AND dst = ?3 AND date_from IS ?4 AND ext_id IS NULL"}) {
    std::string plan;
    for (const auto& line :
         column(store,
                std::string("EXPLAIN QUERY PLAN SELECT id FROM relation WHERE ") +
                    detail::in_both_parts(terms),
                3))  // the plan's detail
      plan += line + "\n";
    EXPECT_EQ(plan.find("SCAN"), std::string::npos) << terms << "\n" << plan;
    EXPECT_NE(plan.find("relation_recent_by_"), std::string::npos) << terms << "\n" << plan;
    EXPECT_NE(plan.find(std::string(terms) == "dst = ?1" ? "relation_by_dst" : "relation_by_ends"),
              std::string::npos)
        << terms << "\n"
        << plan;
  }
}

TEST(RelationIndexParts, ARelationWrittenAfterTheBulkLoadIsFoundByItsEndsBesideTheSettledOnes) {
  TempDir dir;
  bulk_load(dir / "a.db", 12, 10);
  auto store = Store::open(dir / "a.db", Store::OpenMode::CreateIfMissing);
  EXPECT_EQ(recent_count(store), "0");
  auto txn = store.begin();
  const auto added = add(store, 11, 3);
  EXPECT_EQ(recent_count(store), "1");
  // By its id (derived from its ends), as the same relation given again, and among the
  // relations of each end, beside the settled ones.
  EXPECT_EQ(store.find_relation("co-11-supplies->co-3")->row, added);
  EXPECT_EQ(add(store, 11, 3), added);
  EXPECT_EQ(store.find_relation("co-2-supplies->co-3")->row, 3);
  std::vector<std::string> of_co_3;
  for (const auto& relation : store.relations_of(store.find_entity("co-3")->row))
    of_co_3.push_back(relation.record.id);
  EXPECT_EQ(of_co_3, (std::vector<std::string>{"co-11-supplies->co-3", "co-2-supplies->co-3",
                                               "co-3-supplies->co-4"}));
  // An entity whose id changes writes out the ids of its relations in both parts.
  ASSERT_EQ(sqlite3_exec(store.handle(), "UPDATE entity SET ext_id = 'co-3b' WHERE ext_id = 'co-3'",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  EXPECT_EQ(column(store, "SELECT ext_id FROM relation WHERE ext_id IS NOT NULL ORDER BY ext_id"),
            of_co_3);
  txn.commit();
}

TEST(RelationIndexParts, TheRecentPartIsSettledOnceItHoldsMoreThanAQuarterOfTheRelations) {
  TempDir dir;
  bulk_load(dir / "a.db", 20, 6);
  auto store = Store::open(dir / "a.db", Store::OpenMode::CreateIfMissing);
  auto txn = store.begin();
  add(store, 10, 11);
  add(store, 12, 13);
  store.settle_recent_relations();  // 2 of 8: stays
  EXPECT_EQ(recent_count(store), "2");
  add(store, 14, 15);
  store.settle_recent_relations();  // 3 of 9
  EXPECT_EQ(recent_count(store), "0");
  txn.commit();
  // The indexes were built again with their definitions, and hold every relation once.
  EXPECT_EQ(one_text(store,
                     "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name IN "
                     "('relation_by_ends', 'relation_by_dst', 'relation_recent_by_ends', "
                     "'relation_recent_by_dst') AND sql LIKE '%WHERE recent IS%'"),
            "4");
  EXPECT_EQ(one_text(store, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(one_text(store,
                     "SELECT count(*) FROM relation INDEXED BY relation_by_ends WHERE "
                     "src > 0 AND recent IS NULL"),
            "9");
  for (const auto* id : {"co-0-supplies->co-1", "co-12-supplies->co-13", "co-14-supplies->co-15"})
    EXPECT_TRUE(store.find_relation(id).has_value()) << id;
  // Relations written after the settling go to the recent part again.
  auto again = store.begin();
  add(store, 16, 17);
  EXPECT_EQ(recent_count(store), "1");
  again.commit();
}

}  // namespace
}  // namespace flgraph::graph
