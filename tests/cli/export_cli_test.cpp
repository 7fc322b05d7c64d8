// tests/cli/export_cli_test.cpp: trace diagrams, export formats, bundles and verify as a user runs
// them.
#include <gtest/gtest.h>

#include "test_support.h"

namespace flgraph::testing {
namespace {

class ExportCli : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (dir_ / "cli.db").string();
    const auto imported = run_flgraph({"--db", db_, "import", sample_dataset().string()});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
  }
  TempDir dir_;
  std::string db_;
};

TEST_F(ExportCli, TraceWritesSvgPngAndDotDiagrams) {
  for (const char* format : {"svg", "png", "dot"}) {
    const auto out = (dir_ / (std::string("trace.") + format)).string();
    const auto result = run_flgraph(
        {"--db", db_, "trace", "--from", "co-harbor-retail", "--format", format, "-o", out});
    ASSERT_EQ(result.exit_code, 0) << format << ": " << result.err;
    EXPECT_GT(read_file(out).size(), 1000u) << format;
  }
  EXPECT_NE(read_file(dir_ / "trace.svg").find("<svg"), std::string::npos);
  EXPECT_EQ(run_flgraph({"--db", db_, "trace", "--from", "co-harbor-retail", "--format", "png"})
                .exit_code,
            2);
  const auto json =
      run_flgraph({"--db", db_, "trace", "--from", "co-harbor-retail", "--format", "json"});
  EXPECT_EQ(json.exit_code, 0);
  EXPECT_EQ(json.out.front(), '{');
}

TEST_F(ExportCli, BundleVerifiesAndATamperedByteFailsNamingTheFile) {
  const auto bundle = (dir_ / "bundle").string();
  auto result =
      run_flgraph({"--db", db_, "export", "--format", "bundle", "--trace-from", "co-harbor-retail",
                   "--max-hops", "5", "--as-of", "2024-05-01", "-o", bundle});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  result = run_flgraph({"verify", bundle});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("OK"), std::string::npos);
  std::string json = read_file(dir_ / "bundle" / "bundle.json");
  json[100] = json[100] == 'a' ? 'b' : 'a';
  write_file(dir_ / "bundle" / "bundle.json", json);
  result = run_flgraph({"verify", bundle});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("bundle.json: SHA-256 does not match"), std::string::npos)
      << result.err;
}

TEST_F(ExportCli, ANonEmptyTargetIsRefusedUnlessForced) {
  const auto target = (dir_ / "taken").string();
  std::filesystem::create_directories(target);
  write_file(dir_ / "taken" / "old.txt", "old");
  auto result = run_flgraph({"--db", db_, "export", "--format", "bundle", "-o", target});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("not empty"), std::string::npos) << result.err;
  result = run_flgraph({"--db", db_, "export", "--format", "bundle", "-o", target, "--force"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(run_flgraph({"verify", target}).exit_code, 0);
  result =
      run_flgraph({"--db", db_, "export", "--format", "csv", "-o", (dir_ / "a/../b").string()});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("\"..\""), std::string::npos) << result.err;
}

TEST_F(ExportCli, EveryFormatWritesAndNoneNamesAWitness) {
  std::string everything;
  for (const char* format : {"json", "dot", "svg", "graphml", "gexf", "ftm"}) {
    const auto result = run_flgraph(
        {"--db", db_, "export", "--format", format, "--around", "pe-canary-kim", "--radius", "2"});
    ASSERT_EQ(result.exit_code, 0) << format << ": " << result.err;
    everything += result.out + result.err;
  }
  const auto bad = run_flgraph(
      {"--db", db_, "export", "--format", "json", "--ids", "pe-canary-kim,nope-canary"});
  EXPECT_EQ(bad.exit_code, 1);
  everything += bad.err;
  for (const char* canary : {"Canary Witness", "canary witness", "src-testimony"}) {
    EXPECT_EQ(everything.find(canary), std::string::npos) << canary;
  }
  EXPECT_EQ(everything.find("pe-canary-kim\""), std::string::npos);
}

TEST_F(ExportCli, ExportRefusesToOverwriteTheDatabase) {
  const auto before = file_sha256(db_);
  const auto dir = dir_.path().string();
  for (const std::string& target : {db_, dir + "/./cli.db", dir + "/cli.db-wal",
                                    dir + "/cli.db.qgraph", dir + "/cli.db.importing-12345"}) {
    for (const char* format : {"json", "graphml", "svg"}) {
      const auto result =
          run_flgraph({"--db", db_, "export", "--format", format, "-o", target, "--force"});
      EXPECT_EQ(result.exit_code, 1) << target;
      EXPECT_NE(result.err.find("is the database"), std::string::npos)
          << target << ": " << result.err;
    }
  }
  // Folders: the one holding the database would be emptied by --force.
  for (const char* format : {"bundle", "csv"}) {
    const auto result =
        run_flgraph({"--db", db_, "export", "--format", format, "-o", dir, "--force"});
    EXPECT_EQ(result.exit_code, 1) << format;
    EXPECT_NE(result.err.find("holding the database"), std::string::npos) << result.err;
  }
  // Every other command that writes a file follows the same rule.
  auto result =
      run_flgraph({"--db", db_, "trace", "--from", "co-harbor-retail", "-o", db_, "--force"});
  EXPECT_NE(result.err.find("is the database"), std::string::npos) << result.err;
  write_file(dir_ / "suppliers.csv", "name\nHarbor Retail Group\n");
  result =
      run_flgraph({"--db", db_, "screen", (dir_ / "suppliers.csv").string(), "-o", db_, "--force"});
  EXPECT_NE(result.err.find("is the database"), std::string::npos) << result.err;
  result = run_flgraph({"--db", db_, "brief", "co-harbor-retail", "-o", dir, "--force"});
  EXPECT_NE(result.err.find("holding the database"), std::string::npos) << result.err;
  EXPECT_EQ(file_sha256(db_), before);
  EXPECT_EQ(run_flgraph({"--db", db_, "stats"}).exit_code, 0);
}

TEST_F(ExportCli, AnExistingOutputFileIsReplacedOnlyWithForce) {
  const auto out = (dir_ / "out.json").string();
  write_file(out, "mine");
  auto result = run_flgraph({"--db", db_, "export", "--format", "json", "-o", out});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("pass --force"), std::string::npos) << result.err;
  EXPECT_EQ(read_file(out), "mine");
  result = run_flgraph({"--db", db_, "trace", "--from", "co-harbor-retail", "-o", out});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(read_file(out), "mine");
  result = run_flgraph({"--db", db_, "export", "--format", "json", "-o", out, "--force"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(read_file(out).front(), '{');
}

TEST_F(ExportCli, VerifyOfAnEmptyManifestNamesEachProblemOnce) {
  const auto bundle = (dir_ / "bundle").string();
  ASSERT_EQ(run_flgraph({"--db", db_, "export", "--format", "bundle", "-o", bundle}).exit_code, 0);
  write_file(dir_ / "bundle" / "MANIFEST.sha256", "");
  const auto result = run_flgraph({"verify", bundle});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err,
            "flgraph: verify: INDEX.md: not listed in MANIFEST.sha256\n"
            "flgraph: verify: bundle.json: not listed in MANIFEST.sha256\n"
            "flgraph: verify: diagram.svg: not listed in MANIFEST.sha256\n"
            "flgraph: verify: " +
                bundle + " FAILED (3 problem(s))\n");
}

TEST_F(ExportCli, VerifyOfAMissingFolderFails) {
  const auto result = run_flgraph({"verify", (dir_ / "missing").string()});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("not a folder"), std::string::npos) << result.err;
  EXPECT_EQ(run_flgraph({"verify", "--help"}).exit_code, 0);
}

}  // namespace
}  // namespace flgraph::testing
