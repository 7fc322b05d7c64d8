// tests/importers/reimport_test.cpp: importing again the files that were the last import, into a
// database nothing has changed since, reads no row and leaves the file as it was; anything else
// runs in full.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "graph/store.h"
#include "importers/import.h"
#include "test_support.h"

namespace flgraph::importers {
namespace {

using testing::TempDir;

// Public data, no witness: a store without protected material notes its imports.
std::filesystem::path public_dataset() {
  return testing::sample_dataset().parent_path() / "dprk-public";
}

std::int64_t unchanged_rows(const ImportSummary& summary) {
  return summary.entities.unchanged + summary.relations.unchanged + summary.sources.unchanged +
         summary.claims.unchanged + summary.designations.unchanged;
}

TEST(Reimport, TheLastImportAgainReadsNoRowAndLeavesTheDatabaseAsItWas) {
  TempDir temp;
  const auto db = temp / "store.db";
  const auto first = import_into_database(db, {public_dataset()}, {});
  EXPECT_FALSE(first.already_imported);
  const auto bytes = testing::file_sha256(db);
  const auto again = import_into_database(db, {public_dataset()}, {});
  EXPECT_TRUE(again.already_imported);
  EXPECT_EQ(unchanged_rows(again), 0) << "rows were read";
  EXPECT_EQ(again.entities.inserted + again.entities.updated, 0);
  EXPECT_EQ(testing::file_sha256(db), bytes);
}

TEST(Reimport, AnImportThatChangedNothingKeepsTheEarlierOneTheLast) {
  TempDir temp;
  const auto db = temp / "store.db";
  import_into_database(db, {public_dataset()}, {});
  // The sample's nodes alone change nothing: the sample stays the last import.
  const auto nodes = import_into_database(db, {public_dataset() / "nodes.csv"}, {});
  EXPECT_FALSE(nodes.already_imported);
  EXPECT_GT(nodes.entities.unchanged, 0);
  EXPECT_TRUE(import_into_database(db, {public_dataset()}, {}).already_imported);
}

TEST(Reimport, TheFilesAreHashedAgainOnlyWhenTheLastChangeWasANotedImport) {
  TempDir temp;
  const auto db = temp / "store.db";
  int hashed = 0;
  const auto fingerprint = [&] {
    ++hashed;
    return std::string(64, '0');
  };
  { auto empty = graph::Store::open(db, graph::Store::OpenMode::CreateIfMissing); }
  EXPECT_FALSE(graph::Store::open(db, graph::Store::OpenMode::ReadOnlyExisting)
                   .was_last_import(fingerprint));
  EXPECT_EQ(hashed, 0) << "a store with no noted import read its files";
  import_into_database(db, {public_dataset()}, {});
  EXPECT_FALSE(graph::Store::open(db, graph::Store::OpenMode::ReadOnlyExisting)
                   .was_last_import(fingerprint));
  EXPECT_EQ(hashed, 1);
  {
    // A change that is no noted import: the note no longer holds, and no file need be read.
    auto store = graph::Store::open(db, graph::Store::OpenMode::CreateIfMissing);
    auto txn = store.begin();
    graph::EntityRecord entity;
    entity.id = "co-later";
    entity.name = "Later Company (illustrative)";
    store.upsert_entity(entity);
    txn.commit();
  }
  EXPECT_FALSE(graph::Store::open(db, graph::Store::OpenMode::ReadOnlyExisting)
                   .was_last_import(fingerprint));
  EXPECT_EQ(hashed, 1);
}

TEST(Reimport, AChangeSinceTheImportMakesItRunInFull) {
  TempDir temp;
  const auto db = temp / "store.db";
  import_into_database(db, {public_dataset()}, {});
  testing::write_file(temp / "later.csv",
                      "id,kind,name,country\nco-later,company,Later Company (illustrative),DE\n");
  import_into_database(db, {temp / "later.csv"}, {});
  const auto again = import_into_database(db, {public_dataset()}, {});
  EXPECT_FALSE(again.already_imported);
  EXPECT_GT(again.entities.unchanged, 0);
  EXPECT_EQ(again.entities.inserted + again.entities.updated, 0);
}

TEST(Reimport, OneByteChangedMakesItRunInFull) {
  TempDir temp;
  const auto db = temp / "store.db";
  const auto file = temp / "nodes.csv";
  testing::write_file(file, "id,kind,name,country\nco-a,company,Company A (illustrative),DE\n");
  import_into_database(db, {file}, {});
  testing::write_file(file, "id,kind,name,country\nco-a,company,Company B (illustrative),DE\n");
  const auto again = import_into_database(db, {file}, {});
  EXPECT_FALSE(again.already_imported);
  EXPECT_EQ(again.entities.updated, 1);
}

TEST(Reimport, TheSameBytesUnderAnotherNameAreImportedInFull) {
  // Some formats keep the file name (in claim locators, source titles).
  TempDir temp;
  const auto db = temp / "store.db";
  import_into_database(db, {public_dataset()}, {});
  std::filesystem::copy(public_dataset(), temp / "copy");
  const auto again = import_into_database(db, {temp / "copy"}, {});
  EXPECT_FALSE(again.already_imported);
  EXPECT_GT(again.entities.unchanged, 0);
}

TEST(Reimport, AStoreHoldingWitnessesNotesNoImport) {
  // A file's hash in the clear would tell whether a suspected file was imported.
  TempDir temp;
  const auto db = temp / "store.db";
  import_into_database(db, {testing::sample_dataset()}, {});
  const auto again = import_into_database(db, {testing::sample_dataset()}, {});
  EXPECT_FALSE(again.already_imported);
  EXPECT_GT(again.entities.unchanged, 0);
}

TEST(Reimport, AnEvidenceBundleIsAlwaysImportedInFull) {
  // Its documents are taken into custody after the commit: importing it again retries that.
  TempDir temp;
  const auto db = temp / "store.db";
  testing::write_file(temp / "bundle.json", R"json({"entities": [
    {"id": "co-a", "kind": "company", "name": "Company A (illustrative)", "country": "DE"}]})json");
  import_into_database(db, {temp / "bundle.json"}, {});
  const auto again = import_into_database(db, {temp / "bundle.json"}, {});
  EXPECT_FALSE(again.already_imported);
  EXPECT_EQ(again.entities.unchanged, 1);
}

}  // namespace
}  // namespace flgraph::importers
