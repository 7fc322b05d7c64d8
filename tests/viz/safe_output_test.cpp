// tests/viz/safe_output_test.cpp: the one output rule: never the database or a file kept beside
// it (by resolved path), an existing file or non-empty folder only with force.
#include "viz/safe_output.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "graph/errors.h"
#include "test_support.h"

namespace flgraph::viz {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

// Runs `body` with the working directory at `folder`, and puts it back.
template <typename Body>
void inside(const fs::path& folder, Body&& body) {
  const auto previous = fs::current_path();
  fs::current_path(folder);
  try {
    body();
  } catch (...) {
    fs::current_path(previous);
    throw;
  }
  fs::current_path(previous);
}

std::string refusal(const fs::path& path, const OutputPolicy& policy) {
  try {
    write_output_file(path, "overwritten", policy);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(SafeOutput, RefusesTheDatabaseAndEveryFileKeptBesideItEvenWithForce) {
  TempDir dir;
  const OutputPolicy policy{dir / "x.db", /*force=*/true};
  for (const char* name :
       {"x.db", "x.db-wal", "x.db-shm", "x.db-journal", "x.db.qgraph", "x.db.qgraph.partial",
        "x.db.importing-4242", "x.db.importing-4242-journal"}) {
    testing::write_file(dir / name, "kept");
    const auto message = refusal(dir / name, policy);
    EXPECT_NE(message.find("is the database"), std::string::npos) << name << ": " << message;
    EXPECT_EQ(testing::read_file(dir / name), "kept") << name;
    fs::remove(dir / name);
    EXPECT_NE(refusal(dir / name, policy), "") << name << " (absent)";
    EXPECT_FALSE(fs::exists(dir / name)) << name;
  }
  // Other names beside it are fine.
  EXPECT_EQ(refusal(dir / "x.db.json", policy), "");
  EXPECT_EQ(refusal(dir / "y.db", policy), "");
}

TEST(SafeOutput, ComparesResolvedPathsSoDotSlashLinksAndHardLinksCount) {
  TempDir dir;
  testing::write_file(dir / "x.db", "database");
  fs::create_directories(dir / "sub");
  inside(dir.path(), [&] {
    // The same file by a relative name, through "./", and from inside another folder.
    EXPECT_NE(refusal("./x.db", {"x.db", true}), "");
    EXPECT_NE(refusal(dir / "." / "x.db", {"x.db", true}), "");
    EXPECT_NE(refusal("x.db.qgraph", {dir / "x.db", true}), "");
    EXPECT_NE(refusal(dir / "x.db-wal", {"./sub/../x.db", true}), "");
  });
  // The database opened through a link: its own name and its target's are both protected.
  fs::create_symlink(dir / "x.db", dir / "link.db");
  EXPECT_NE(refusal(dir / "x.db", {dir / "link.db", true}), "");
  EXPECT_NE(refusal(dir / "x.db-wal", {dir / "link.db", true}), "");
  EXPECT_NE(refusal(dir / "link.db.qgraph", {dir / "link.db", true}), "");
  // A folder reached through a link.
  fs::create_directory_symlink(dir.path(), dir / "sub" / "up");
  EXPECT_NE(refusal(dir / "x.db.qgraph", {dir / "sub" / "up" / "x.db", true}), "");
  // A hard link is the database under another name.
  fs::create_hard_link(dir / "x.db", dir / "hard.json");
  EXPECT_NE(refusal(dir / "hard.json", {dir / "x.db", true}).find("under another name"),
            std::string::npos);
  EXPECT_EQ(testing::read_file(dir / "x.db"), "database");
}

TEST(SafeOutput, AnExistingFileIsReplacedOnlyWithForce) {
  TempDir dir;
  testing::write_file(dir / "out.json", "mine");
  const auto message = refusal(dir / "out.json", {dir / "x.db", false});
  EXPECT_NE(message.find("--force"), std::string::npos) << message;
  EXPECT_EQ(testing::read_file(dir / "out.json"), "mine");
  EXPECT_THROW(check_output_file(dir / "out.json", {dir / "x.db", false}), Error);
  EXPECT_EQ(refusal(dir / "out.json", {dir / "x.db", true}), "");
  EXPECT_EQ(testing::read_file(dir / "out.json"), "overwritten");
  EXPECT_EQ(refusal(dir / "new.json", {dir / "x.db", false}), "");
  EXPECT_FALSE(fs::exists(dir / "new.json.partial"));
}

TEST(SafeOutput, TheFolderHoldingTheDatabaseIsRefusedEvenWithForce) {
  TempDir dir;
  testing::write_file(dir / "x.db", "database");
  EXPECT_THROW(OutputFolder(dir.path(), {dir / "x.db", true}), Error);
  EXPECT_THROW(check_output_folder(dir / ".", {dir / "x.db", true}), Error);
  EXPECT_THROW(OutputFolder(dir / "x.db.importing-7", {dir / "x.db", true}), Error);
  EXPECT_EQ(testing::read_file(dir / "x.db"), "database");
  // A subfolder is fine, and a non-empty one still needs force.
  fs::create_directories(dir / "out");
  testing::write_file(dir / "out" / "old.txt", "old");
  EXPECT_THROW(check_output_folder(dir / "out", {dir / "x.db", false}), Error);
  OutputFolder(dir / "out", {dir / "x.db", true}).write("new.txt", "new");
  EXPECT_FALSE(fs::exists(dir / "out" / "old.txt"));
  EXPECT_EQ(testing::read_file(dir / "out" / "new.txt"), "new");
}

}  // namespace
}  // namespace flgraph::viz
