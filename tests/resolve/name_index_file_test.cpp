// tests/resolve/name_index_file_test.cpp: a store's name index saved as DB.names and mapped back
// answers exactly as the index built in memory, on the real OFAC and UN lists; a stale or
// damaged file is never used; a mapped index still takes new records.
#include "resolve/name_index_file.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "graph/database_files.h"
#include "graph/store.h"
#include "resolve/store_index.h"
#include "shared_lists.h"
#include "test_support.h"

namespace flgraph::resolve {
namespace {

namespace fs = std::filesystem;

graph::Store open_lists() {
  return graph::Store::open(testing::shared_lists_database(),
                            graph::Store::OpenMode::ReadOnlyExisting);
}

// Every candidate (id and score, to the last bit) for each record's first name as the query.
std::vector<std::string> answers(const StoreNameIndex& index, std::size_t queries) {
  std::vector<std::string> out;
  for (std::size_t record = 0; record < index.size() && record < queries; ++record) {
    const auto name = index.names().record(record).names.front();
    for (const auto& candidate : index.match(name, {}, 10, 0.3)) {
      out.push_back(name + " -> " + index.id(candidate.record) + " " +
                    std::to_string(candidate.score.score) + " " +
                    std::to_string(static_cast<int>(index.kind(candidate.record))) + " " +
                    std::to_string(index.row(candidate.record)));
    }
  }
  return out;
}

TEST(NameIndexFile, AMappedIndexAnswersAsTheBuiltOneOnTheRealLists) {
  const auto store = open_lists();
  const StoreNameIndex built(store);
  ASSERT_GT(built.size(), 500U);
  testing::TempDir dir;
  write_name_index(built, dir / "lists.names", "gen-1");
  std::string problem;
  auto mapped = map_name_index(dir / "lists.names", "gen-1", problem);
  ASSERT_TRUE(mapped) << problem;
  EXPECT_TRUE(mapped->is_mapped());
  EXPECT_FALSE(built.is_mapped());
  ASSERT_EQ(mapped->size(), built.size());
  const auto expected = answers(built, built.size());
  EXPECT_GT(expected.size(), built.size());
  EXPECT_EQ(answers(*mapped, built.size()), expected);
  // Han and Hangul names reach their Latin spellings the same way.
  EXPECT_EQ(mapped->match("조선릉라도무역총회사", {}, 3, 0.5).size(),
            built.match("조선릉라도무역총회사", {}, 3, 0.5).size());
}

// finish() packs records, token statistics and postings into the arrays the file holds: the
// index as it grew must answer the same.
TEST(NameIndexFile, PackingTheIndexChangesNoAnswer) {
  const auto store = open_lists();
  const StoreNameIndex packed(store);
  NameIndex growing;
  for (std::size_t record = 0; record < packed.size(); ++record)
    growing.add(packed.names().record(record));
  ASSERT_EQ(growing.size(), packed.size());
  std::size_t compared = 0;
  for (std::size_t record = 0; record < packed.size(); ++record) {
    const auto query = name_readings(packed.names().record(record).names.front());
    const auto a = growing.match(query, {}, 10, 0.3);
    const auto b = packed.names().match(query, {}, 10, 0.3);
    ASSERT_EQ(a.size(), b.size()) << record;
    for (std::size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].record, b[i].record);
      EXPECT_EQ(a[i].score.score, b[i].score.score);
      ++compared;
    }
  }
  EXPECT_GT(compared, packed.size());
}

class DamagedNameIndex : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto store = open_lists();
    write_name_index(StoreNameIndex(store), path_, "gen-1");
    bytes_ = testing::read_file(path_);
  }
  std::optional<StoreNameIndex> map(const std::string& generation = "gen-1") {
    return map_name_index(path_, generation, problem_);
  }
  testing::TempDir dir_;
  fs::path path_ = dir_ / "lists.names";
  std::string bytes_;
  std::string problem_;
};

TEST_F(DamagedNameIndex, AFileOfAnotherGenerationIsStaleAndRebuiltWithoutAWord) {
  EXPECT_FALSE(map("gen-2"));
  EXPECT_EQ(problem_, "");
  EXPECT_FALSE(map_name_index(dir_ / "missing.names", "gen-1", problem_));
  EXPECT_EQ(problem_, "");
}

TEST_F(DamagedNameIndex, AFlippedByteIsACheckSumMismatch) {
  bytes_[bytes_.size() / 2] = static_cast<char>(bytes_[bytes_.size() / 2] ^ 0x01);
  testing::write_file(path_, bytes_);
  EXPECT_FALSE(map());
  EXPECT_EQ(problem_, "is damaged (checksum mismatch)");
}

TEST_F(DamagedNameIndex, ATruncatedFileSaysHowLongItWasWritten) {
  testing::write_file(path_, bytes_.substr(0, bytes_.size() - 64));
  EXPECT_FALSE(map());
  EXPECT_NE(problem_.find("bytes long but was written"), std::string::npos) << problem_;
  testing::write_file(path_, bytes_.substr(0, 100));
  EXPECT_FALSE(map());
  EXPECT_EQ(problem_, "is too short");
}

TEST_F(DamagedNameIndex, AnotherFileOrAFolderIsRefused) {
  testing::write_file(path_, "FLGQGRPH" + bytes_.substr(8));
  EXPECT_FALSE(map());
  EXPECT_EQ(problem_, "is not the name index");
  fs::remove(path_);
  fs::create_directory(path_);
  EXPECT_FALSE(map());
  EXPECT_EQ(problem_, "is not a regular file");
}

TEST(NameIndexFile, AMappedIndexStillTakesNewRecords) {
  const auto store = open_lists();
  testing::TempDir dir;
  write_name_index(StoreNameIndex(store), dir / "lists.names", "gen-1");
  std::string problem;
  auto mapped = map_name_index(dir / "lists.names", "gen-1", problem);
  ASSERT_TRUE(mapped) << problem;
  const auto before = answers(*mapped, 50);
  graph::EntityRecord added;
  added.id = "co-new";
  added.name = "Hwasong Seafood Processing Company";
  added.country = "CN";
  ASSERT_TRUE(mapped->add(added, 987654));
  const auto found = mapped->match("Hwasong Seafood Processing", {}, 1, 0.5);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(mapped->id(found.front().record), "co-new");
  EXPECT_EQ(mapped->row(found.front().record), 987654);
  // What was mapped answers as before (the new record shares no name with the first fifty).
  EXPECT_EQ(answers(*mapped, 50), before);
}

TEST(NameIndexFile, LoadSavesTheIndexOnceAndRebuildsItWhenTheStoreChanges) {
  testing::TempDir dir;
  const auto db = dir / "sample.db";
  testing::import_sample(db);
  const auto path = graph::name_index_path(db);
  {
    auto store = graph::Store::open(db, graph::Store::OpenMode::CreateIfMissing);
    const auto first = StoreNameIndex::load(store);
    EXPECT_TRUE(first.is_mapped());
    ASSERT_TRUE(fs::exists(path));
    const auto written = fs::last_write_time(path);
    const auto again = StoreNameIndex::load(store);
    EXPECT_TRUE(again.is_mapped());
    EXPECT_EQ(fs::last_write_time(path), written);
    EXPECT_EQ(answers(again, again.size()), answers(StoreNameIndex(store), again.size()));

    graph::EntityRecord added;
    added.id = "co-later";
    added.name = "Kumsusan Garment Export Corporation";
    auto txn = store.begin();
    store.upsert_entity(added);
    txn.commit();
  }
  auto store = graph::Store::open(db, graph::Store::OpenMode::CreateIfMissing);
  const auto rebuilt = StoreNameIndex::load(store);
  EXPECT_TRUE(rebuilt.is_mapped());
  const auto found = rebuilt.match("Kumsusan Garment Export", {}, 1, 0.5);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(rebuilt.id(found.front().record), "co-later");
}

TEST(NameIndexFile, AUsersOwnFileAtThatNameIsLeftAlone) {
  testing::TempDir dir;
  const auto db = dir / "sample.db";
  testing::import_sample(db);
  const auto path = graph::name_index_path(db);
  testing::write_file(path, "my notes on these names\n");
  auto store = graph::Store::open(db, graph::Store::OpenMode::CreateIfMissing);
  const auto index = StoreNameIndex::load(store);
  EXPECT_FALSE(index.is_mapped());
  EXPECT_EQ(testing::read_file(path), "my notes on these names\n");
  EXPECT_EQ(answers(index, index.size()), answers(StoreNameIndex(store), index.size()));
}

// A command that rebuilds the index while an import seals a record reads the store as it was
// before: the file it saves would name the record in the clear. The store removes the file again
// when the import commits.
TEST(NameIndexFile, ARecordSealedInATransactionTakesTheFileWithItAtCommit) {
  testing::TempDir dir;
  const auto db = dir / "sealed.db";
  auto store = graph::Store::open(db, graph::Store::OpenMode::CreateIfMissing);
  graph::EntityRecord person;
  person.id = "pe-later";
  person.kind = graph::EntityKind::Person;
  person.name = "Sealedlater Witnessname";
  graph::EntityRecord company;
  company.id = "co-clear";
  company.name = "Clear Trading Company";
  {
    auto txn = store.begin();
    store.upsert_entity(person);
    store.upsert_entity(company);
    txn.commit();
  }
  const auto path = graph::name_index_path(db);
  ASSERT_TRUE(StoreNameIndex::load(store).is_mapped());
  ASSERT_NE(testing::read_file(path).find("Sealedlater"), std::string::npos);

  auto txn = store.begin();
  person.is_protected = true;
  store.upsert_entity(person);
  EXPECT_FALSE(fs::exists(path));
  {
    // Another command, between the seal and the commit, sees the record still clear.
    auto reader = graph::Store::open(db, graph::Store::OpenMode::ReadOnlyExisting);
    write_name_index(StoreNameIndex(reader), path, reader.generation());
  }
  ASSERT_TRUE(fs::exists(path));
  txn.commit();
  EXPECT_FALSE(fs::exists(path));
  const auto rebuilt = StoreNameIndex::load(store);
  EXPECT_EQ(rebuilt.size(), 1U);
  EXPECT_TRUE(rebuilt.match("Sealedlater Witnessname", {}, 5, 0.0).empty());
  ASSERT_TRUE(fs::exists(path));
  EXPECT_EQ(testing::read_file(path).find("Sealedlater"), std::string::npos);
}

}  // namespace
}  // namespace flgraph::resolve
