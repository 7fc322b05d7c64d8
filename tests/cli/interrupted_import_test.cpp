// tests/cli/interrupted_import_test.cpp: a first import ended by Ctrl-C (SIGINT) or kill
// (SIGTERM) leaves no build file, and a later import removes the build files of dead imports.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "test_support.h"

namespace flgraph::testing {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> build_files(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const auto name = entry.path().filename().string();
    if (name.find(".importing-") != std::string::npos) names.push_back(name);
  }
  return names;
}

// Enough rows that the import is still running when the test sees its build file.
void write_large_nodes(const fs::path& path) {
  std::string nodes = "id,kind,name,country\n";
  for (int row = 0; row < 400000; ++row)
    nodes += fmt::format("co-{:07},company,Trading company number {},CN\n", row, row);
  write_file(path, nodes);
}

pid_t start_flgraph(const std::vector<std::string>& args) {
  const pid_t pid = fork();
  if (pid == 0) {
    std::string binary = FLGRAPH_BINARY;
    std::vector<std::string> copies = args;
    std::vector<char*> argv{binary.data()};
    for (auto& arg : copies) argv.push_back(arg.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

class InterruptedImport : public ::testing::TestWithParam<int> {};

TEST_P(InterruptedImport, FirstImportEndedBySignalLeavesNoBuildFileAndNoDatabase) {
  const int signal_number = GetParam();
  TempDir dir;
  write_large_nodes(dir / "nodes.csv");
  const auto db = dir / "new.db";
  const pid_t child = start_flgraph({"--db", db.string(), "import", (dir / "nodes.csv").string()});
  ASSERT_GT(child, 0);
  // Wait for the build file, then interrupt: the rows are still being read or written.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (build_files(dir.path()).empty() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ASSERT_FALSE(build_files(dir.path()).empty()) << "the import never started its build file";
  ASSERT_EQ(kill(child, signal_number), 0);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status))
      << "the import finished before the signal; exit " << WEXITSTATUS(status);
  EXPECT_EQ(WTERMSIG(status), signal_number);  // ended by the signal, as without the handler
  EXPECT_EQ(build_files(dir.path()), std::vector<std::string>{});
  EXPECT_FALSE(fs::exists(db));
}

INSTANTIATE_TEST_SUITE_P(CtrlCAndKill, InterruptedImport, ::testing::Values(SIGINT, SIGTERM),
                         [](const auto& test) {
                           return std::string(test.param == SIGINT ? "SIGINT" : "SIGTERM");
                         });

// A PID that is certainly not running: a child that has exited and been reaped.
pid_t dead_pid() {
  const pid_t child = fork();
  if (child == 0) _exit(0);
  int status = 0;
  waitpid(child, &status, 0);
  return child;
}

TEST(StaleBuildFiles, ALaterImportRemovesThoseOfDeadImportsAndKeepsLiveOnes) {
  TempDir dir;
  const auto db = dir / "x.db";
  const pid_t dead = dead_pid();
  const auto stale = fmt::format("x.db.importing-{}", dead);
  write_file(dir / stale, "left by a killed import");
  write_file(dir / (stale + "-journal"), "its journal");
  const auto live = fmt::format("x.db.importing-{}", getpid());  // this test is alive
  write_file(dir / live, "an import still running");
  write_file(dir / fmt::format("y.db.importing-{}", dead), "another database's");

  const auto result = run_flgraph({"--db", db.string(), "import", sample_dataset().string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_FALSE(fs::exists(dir / stale));
  EXPECT_FALSE(fs::exists(dir / (stale + "-journal")));
  EXPECT_TRUE(fs::exists(dir / live));
  EXPECT_TRUE(fs::exists(dir / fmt::format("y.db.importing-{}", dead)));

  // Into an existing database too.
  write_file(dir / stale, "left again");
  ASSERT_EQ(run_flgraph({"--db", db.string(), "import", sample_dataset().string()}).exit_code, 0);
  EXPECT_FALSE(fs::exists(dir / stale));
}

}  // namespace
}  // namespace flgraph::testing
