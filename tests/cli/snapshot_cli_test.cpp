// tests/cli/snapshot_cli_test.cpp: the read commands give the store's answer whatever lies at
// DB.qgraph (a damaged snapshot, a FIFO, a folder), and a damaged store row is reported as such.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "test_support.h"

namespace flgraph::testing {
namespace {

namespace fs = std::filesystem;

// run_flgraph with a deadline: the command gets SIGALRM (kept across exec) when it hangs, so a
// regression fails with exit code 128 + 14 instead of stopping the suite.
CommandResult run_flgraph_within(unsigned seconds, const std::vector<std::string>& args) {
  TempDir capture;
  const auto out_path = capture / "out";
  const auto err_path = capture / "err";
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600), STDOUT_FILENO);
    dup2(open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600), STDERR_FILENO);
    std::string binary = FLGRAPH_BINARY;
    std::vector<std::string> copies = args;
    std::vector<char*> argv{binary.data()};
    for (auto& arg : copies) argv.push_back(arg.data());
    argv.push_back(nullptr);
    alarm(seconds);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), read_file(out_path),
          read_file(err_path)};
}

class SnapshotCli : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto imported = run_flgraph({"--db", db_.string(), "import", sample_dataset().string()});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    ASSERT_TRUE(fs::is_regular_file(snapshot_));
    truth_ = exposure();
    ASSERT_EQ(truth_.exit_code, 0) << truth_.err;
    ASSERT_NE(truth_.out.find("0.619"), std::string::npos) << truth_.out;
    ASSERT_EQ(truth_.err, "");
  }
  CommandResult exposure() const {
    return run_flgraph_within(60, {"--db", db_.string(), "exposure", "co-harbor-retail"});
  }
  std::vector<std::string> partial_files() const {
    std::vector<std::string> found;
    for (const auto& entry : fs::directory_iterator(dir_.path())) {
      if (entry.path().filename().string().find(".partial") != std::string::npos)
        found.push_back(entry.path());
    }
    return found;
  }

  TempDir dir_;
  fs::path db_ = dir_ / "q.db";
  fs::path snapshot_ = dir_ / "q.db.qgraph";
  CommandResult truth_;
};

TEST_F(SnapshotCli, HeaderBitFlipStillGivesTheTrueExposureWithAWarning) {
  // Issue #19's reproduction: before the fix this printed 0.000.
  std::string bytes = read_file(snapshot_);
  bytes[168] = static_cast<char>(bytes[168] ^ 0x80);
  write_file(snapshot_, bytes);
  const auto damaged = exposure();
  EXPECT_EQ(damaged.exit_code, 0) << damaged.err;
  EXPECT_EQ(damaged.out, truth_.out);
  EXPECT_EQ(damaged.err,
            "flgraph: warning: the query graph snapshot \"" + snapshot_.string() +
                "\" is damaged (checksum mismatch): rebuilding it from the database\n");
  const auto rebuilt = exposure();
  EXPECT_EQ(rebuilt.out, truth_.out);
  EXPECT_EQ(rebuilt.err, "");  // the rebuilt snapshot was saved and is used silently
}

TEST_F(SnapshotCli, FifoAtTheSnapshotPathDoesNotHangAReadCommand) {
  fs::remove(snapshot_);
  ASSERT_EQ(mkfifo(snapshot_.c_str(), 0600), 0);
  const auto result = exposure();
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, truth_.out);
  EXPECT_NE(result.err.find("is not a regular file: rebuilding it from the database"),
            std::string::npos)
      << result.err;
  EXPECT_TRUE(fs::is_regular_file(snapshot_));  // the FIFO was replaced by a real snapshot
}

TEST_F(SnapshotCli, SnapshotThatCannotBeSavedIsReportedAndLeavesNoPartialFile) {
  fs::remove(snapshot_);
  fs::create_directory(snapshot_);
  const auto result = exposure();
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, truth_.out);
  EXPECT_NE(result.err.find("cannot write the query graph snapshot"), std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("built in memory for this command only"), std::string::npos)
      << result.err;
  EXPECT_EQ(partial_files(), std::vector<std::string>{});

  fs::create_directory(dir_ / "other.db.qgraph");
  const auto blocked =
      run_flgraph({"--db", (dir_ / "other.db").string(), "import", sample_dataset().string()});
  EXPECT_EQ(blocked.exit_code, 0) << blocked.err;  // the data is in; only the snapshot is missing
  EXPECT_NE(blocked.err.find("cannot write the query graph snapshot"), std::string::npos)
      << blocked.err;
  EXPECT_EQ(partial_files(), std::vector<std::string>{});
}

TEST_F(SnapshotCli, UnknownKindCodeInTheStoreIsReportedAsDamageNotAnInternalError) {
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "UPDATE entity SET kind = 99 WHERE ext_id = 'co-maple-hair'", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(raw);
  fs::remove(snapshot_);  // an edit outside flgraph leaves the generation, so drop the old graph
  const auto result = exposure();
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err.rfind("flgraph: the database is damaged: ", 0), 0u) << result.err;
  EXPECT_NE(result.err.find("code 99"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace flgraph::testing
