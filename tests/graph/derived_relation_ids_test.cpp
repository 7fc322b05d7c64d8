// tests/graph/derived_relation_ids_test.cpp: a relation whose id is derived from its ends is
// stored without it (schema v6) and is still found, shown and kept unique by that id.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>

#include "graph/store.h"
#include "test_support.h"

namespace flgraph::graph {
namespace {

using testing::TempDir;

std::string one_text(const Store& store, const std::string& sql) {
  sqlite3_stmt* statement = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(store.handle(), sql.c_str(), -1, &statement, nullptr), SQLITE_OK)
      << sql;
  std::string out = "(none)";
  if (sqlite3_step(statement) == SQLITE_ROW) {
    const auto* text = sqlite3_column_text(statement, 0);
    out = text != nullptr ? reinterpret_cast<const char*>(text) : "NULL";
  }
  sqlite3_finalize(statement);
  return out;
}

std::string stored_id_text(const Store& store, RelationRowId row) {
  return one_text(store, "SELECT ext_id FROM relation WHERE id = " + std::to_string(row));
}

class DerivedRelationIds : public ::testing::Test {
 protected:
  EntityRowId company(const std::string& id) {
    EntityRecord entity;
    entity.id = id;
    entity.kind = EntityKind::Company;
    entity.name = id;
    return store_.upsert_entity(entity).first;
  }
  static RelationRecord relation(const std::string& src, RelationKind kind, const std::string& dst,
                                 std::optional<Date> from = std::nullopt) {
    RelationRecord out;
    out.src = src;
    out.dst = dst;
    out.kind = kind;
    out.valid.from = from;
    out.id = derive_relation_id(out);
    return out;
  }

  TempDir dir_;
  Store store_ = Store::open(dir_ / "a.db", Store::OpenMode::CreateIfMissing);
};

TEST_F(DerivedRelationIds, EveryKindIsStoredWithoutItsIdAndReadsBackAsTheImportDerivesIt) {
  auto txn = store_.begin();
  const auto a = company("co-a");
  const auto b = company("co-b");
  for (std::size_t code = 0; code < kRelationKindCount; ++code) {
    for (const auto from : {std::optional<Date>(), parse_date("2021-03-01")}) {
      const auto record = relation("co-a", static_cast<RelationKind>(code), "co-b", from);
      const auto [row, outcome] = store_.upsert_relation(record, a, b);
      ASSERT_EQ(outcome, UpsertOutcome::Inserted) << record.id;
      // The C++ rule the importers use and the SQL view every reader uses give the same id.
      EXPECT_EQ(stored_id_text(store_, row), "NULL") << record.id;
      EXPECT_EQ(store_.relation_by_row(row)->record.id, record.id);
      EXPECT_EQ(
          one_text(store_, "SELECT ext_id FROM relation_named WHERE id = " + std::to_string(row)),
          record.id);
      EXPECT_EQ(store_.find_relation(record.id)->row, row) << record.id;
      EXPECT_EQ(store_.upsert_relation(record, a, b).second, UpsertOutcome::Unchanged);
    }
  }
  txn.commit();
  EXPECT_EQ(one_text(store_, "SELECT count(*) FROM relation"),
            std::to_string(2 * kRelationKindCount));
}

TEST_F(DerivedRelationIds, AnIdTheDataGaveIsKeptAsText) {
  auto txn = store_.begin();
  const auto a = company("co-a");
  const auto b = company("co-b");
  auto given = relation("co-a", RelationKind::Ships, "co-b");
  given.id = "bol-2021-0042";
  const auto row = store_.upsert_relation(given, a, b).first;
  txn.commit();
  EXPECT_EQ(stored_id_text(store_, row), "bol-2021-0042");
  EXPECT_EQ(store_.find_relation("bol-2021-0042")->row, row);
  // Its ends do not name it: that id was never given to it.
  EXPECT_FALSE(store_.find_relation(relation("co-a", RelationKind::Ships, "co-b").id));
}

TEST_F(DerivedRelationIds, AGivenIdThatReadsAsAnotherRelationsDerivedIdNamesThatRelation) {
  auto txn = store_.begin();
  const auto a = company("co-a");
  const auto b = company("co-b");
  const auto derived = relation("co-a", RelationKind::Supplies, "co-b");
  const auto row = store_.upsert_relation(derived, a, b).first;
  // The same id, given, with the same ends: the same relation.
  auto same = derived;
  same.confidence = 0.8;
  EXPECT_EQ(store_.upsert_relation(same, a, b), std::make_pair(row, UpsertOutcome::Updated));
  // The same id given to other ends clashes with it, as two relations cannot share an id.
  auto other = relation("co-b", RelationKind::Supplies, "co-a");
  other.id = derived.id;
  EXPECT_EQ(store_.upsert_relation(other, b, a).second, UpsertOutcome::Conflicting);
  // And the other way round: an id given first, then derived by a later row.
  auto looks_derived = relation("co-b", RelationKind::OwnedBy, "co-a");
  looks_derived.id = relation("co-a", RelationKind::OwnedBy, "co-b").id;
  const auto given_row = store_.upsert_relation(looks_derived, b, a).first;
  EXPECT_EQ(stored_id_text(store_, given_row), looks_derived.id);
  EXPECT_EQ(store_.upsert_relation(relation("co-a", RelationKind::OwnedBy, "co-b"), a, b).second,
            UpsertOutcome::Conflicting);
  txn.commit();
  EXPECT_EQ(one_text(store_, "SELECT count(*) FROM relation"), "2");
}

TEST_F(DerivedRelationIds, IdsThatReadSeveralWaysStayUnique) {
  auto txn = store_.begin();
  const auto a = company("a");
  const auto b_c = company("b-supplies->c");
  const auto a_b = company("a-supplies->b");
  const auto c = company("c");
  const auto first = relation("a", RelationKind::Supplies, "b-supplies->c");
  const auto second = relation("a-supplies->b", RelationKind::Supplies, "c");
  ASSERT_EQ(first.id, second.id);
  const auto row = store_.upsert_relation(first, a, b_c).first;
  EXPECT_EQ(store_.upsert_relation(second, a_b, c).second, UpsertOutcome::Conflicting);
  txn.commit();
  EXPECT_EQ(store_.find_relation(first.id)->row, row);
  EXPECT_EQ(store_.relation_by_row(row)->record.id, first.id);
}

TEST_F(DerivedRelationIds, ANewStartDateWritesOutTheIdItWasDerivedFrom) {
  auto txn = store_.begin();
  const auto a = company("co-a");
  const auto b = company("co-b");
  const auto dated = relation("co-a", RelationKind::Ships, "co-b", parse_date("2021-03-01"));
  const auto row = store_.upsert_relation(dated, a, b).first;
  auto moved = dated;
  moved.valid.from = parse_date("2022-01-01");
  EXPECT_EQ(store_.upsert_relation(moved, a, b), std::make_pair(row, UpsertOutcome::Updated));
  txn.commit();
  EXPECT_EQ(stored_id_text(store_, row), "co-a-ships->co-b@2021-03-01");
  EXPECT_EQ(store_.relation_by_row(row)->record.id, dated.id);
  EXPECT_EQ(store_.find_relation(dated.id)->row, row);
  EXPECT_FALSE(store_.find_relation(derive_relation_id(moved)));
}

TEST_F(DerivedRelationIds, AnEntityWhoseIdChangesLeavesTheIdsOfItsRelationsAsTheyWere) {
  auto txn = store_.begin();
  const auto a = company("co-a");
  const auto b = company("co-b");
  const auto c = company("co-c");
  const auto ab = store_.upsert_relation(relation("co-a", RelationKind::Supplies, "co-b"), a, b);
  const auto bc = store_.upsert_relation(relation("co-b", RelationKind::Supplies, "co-c"), b, c);
  store_.upsert_relation(relation("co-c", RelationKind::OwnedBy, "co-a"), c, a);
  txn.commit();
  ASSERT_EQ(
      sqlite3_exec(store_.handle(), "UPDATE entity SET ext_id = 'co-b2' WHERE ext_id = 'co-b'",
                   nullptr, nullptr, nullptr),
      SQLITE_OK);
  EXPECT_EQ(store_.relation_by_row(ab.first)->record.id, "co-a-supplies->co-b");
  EXPECT_EQ(store_.relation_by_row(bc.first)->record.id, "co-b-supplies->co-c");
  EXPECT_EQ(store_.find_relation("co-b-supplies->co-c")->row, bc.first);
  // Only the relations of the entity that changed were written out.
  EXPECT_EQ(one_text(store_, "SELECT count(*) FROM relation WHERE ext_id IS NULL"), "1");
}

TEST_F(DerivedRelationIds, ClaimsNameARelationByItsDerivedIdAndGoWithItWhenItIsDeleted) {
  auto txn = store_.begin();
  const auto a = company("co-a");
  const auto b = company("co-b");
  const auto record = relation("co-a", RelationKind::SameAs, "co-b");
  store_.upsert_relation(record, a, b);
  SourceRecord source;
  source.id = "s1";
  source.reliability = Reliability::B;
  store_.upsert_source(source);
  ClaimRecord claim;
  claim.fact = record.id;
  claim.source = "s1";
  claim.credibility = 2;
  EXPECT_EQ(store_.upsert_claim(claim), UpsertOutcome::Inserted);
  // The claim names its fact by the derived id, alone and among all the store's claims.
  const auto row = store_.find_relation(record.id)->row;
  EXPECT_EQ(store_.claims_of_relation(row).at(0).claim.fact, record.id);
  EXPECT_EQ(store_.claims().at(0).claim.fact, record.id);
  EXPECT_TRUE(store_.delete_relation(record.id));
  EXPECT_FALSE(store_.delete_relation(record.id));
  txn.commit();
  EXPECT_FALSE(store_.find_relation(record.id));
  EXPECT_EQ(store_.stats().claims, 0);
}

}  // namespace
}  // namespace flgraph::graph
