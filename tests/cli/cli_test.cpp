// tests/cli/cli_test.cpp: the flgraph executable as a user runs it: exit codes, help, protection.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace flgraph::testing {
namespace {

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (dir_ / "cli.db").string();
    const auto imported = run_flgraph({"--db", db_, "import", sample_dataset().string()});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
  }
  TempDir dir_;
  std::string db_;
};

TEST_F(Cli, ImportPrintsASummaryAndReimportChangesNothing) {
  const auto again = run_flgraph({"--db", db_, "import", "--json", sample_dataset().string()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  const auto summary = nlohmann::json::parse(again.out);
  EXPECT_EQ(summary["entities"]["inserted"], 0);
  EXPECT_EQ(summary["entities"]["updated"], 0);
  EXPECT_EQ(summary["entities"]["unchanged"], 43);
  EXPECT_EQ(summary["claims"]["unchanged"], 85);
}

TEST_F(Cli, EverySubcommandHasHelp) {
  for (const char* command : {"import", "stats", "show", "trace", "paths", "export"}) {
    const auto help = run_flgraph({command, "--help"});
    EXPECT_EQ(help.exit_code, 0) << command;
    EXPECT_NE(help.out.find("Usage"), std::string::npos) << command;
  }
}

TEST_F(Cli, UsageErrorsExitWithTwo) {
  EXPECT_EQ(run_flgraph({}).exit_code, 2);
  EXPECT_EQ(run_flgraph({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(run_flgraph({"--db", db_, "trace"}).exit_code, 2);  // --from is required
  EXPECT_EQ(run_flgraph({"--db", db_, "trace", "--from", "co-harbor-retail", "--max-hops", "x"})
                .exit_code,
            2);
  EXPECT_EQ(
      run_flgraph({"--db", db_, "trace", "--from", "co-harbor-retail", "--from-date", "2023-02-30"})
          .exit_code,
      2);
  EXPECT_EQ(run_flgraph({"--db", db_, "trace", "--from", "co-harbor-retail", "--kinds", "carries"})
                .exit_code,
            2);
}

TEST_F(Cli, UnknownIdExitsWithOneAndSuggests) {
  const auto result = run_flgraph({"--db", db_, "show", "co-harbor"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("co-harbor-retail"), std::string::npos) << result.err;
}

TEST_F(Cli, ReadCommandsOnAMissingDatabaseExitWithOneAndCreateNothing) {
  const auto missing = (dir_ / "missing.db").string();
  EXPECT_EQ(run_flgraph({"--db", missing, "stats"}).exit_code, 1);
  EXPECT_FALSE(std::filesystem::exists(missing));
}

TEST_F(Cli, TraceTextNamesCasesHopsAndSources) {
  const auto result = run_flgraph({"--db", db_, "trace", "--from", "co-harbor-retail"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("5 documented cases within 6 hops"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("—documents ["), std::string::npos);
  EXPECT_NE(result.out.find("source "), std::string::npos);
  EXPECT_EQ(result.out.find("Canary Witness"), std::string::npos);
  EXPECT_EQ(result.out.find("canary witness"), std::string::npos);
}

TEST_F(Cli, TraceJsonHasTheDocumentedShape) {
  const auto result = run_flgraph({"--db", db_, "trace", "--from", "co-harbor-retail", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto report = nlohmann::json::parse(result.out);
  for (const char* key : {"id", "name", "kind"}) EXPECT_TRUE(report["start"].contains(key)) << key;
  const auto& found = report["cases"][0];
  for (const char* key : {"id", "name", "hops", "strength", "paths"})
    EXPECT_TRUE(found.contains(key)) << key;
  const auto& path = found["paths"][0];
  for (const char* key : {"strength", "weakest_link", "hops"})
    EXPECT_TRUE(path.contains(key)) << key;
  const auto& hop = path["hops"][0];
  for (const char* key : {"from", "to", "kind", "date_from", "date_to", "confidence", "claims"}) {
    EXPECT_TRUE(hop.contains(key)) << key;
  }
  for (const char* key : {"source", "locator", "credibility"})
    EXPECT_TRUE(hop["claims"][0].contains(key)) << key;
}

TEST_F(Cli, ShowNeverPrintsAProtectedPersonsName) {
  for (bool reveal : {false, true}) {
    std::vector<std::string> args = {"--db", db_, "show", "pe-canary-kim"};
    if (reveal) args.push_back("--reveal-protected");
    const auto result = run_flgraph(args);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out.find("Canary Witness"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("W-"), std::string::npos);
  }
}

TEST_F(Cli, BadImportExitsWithOneNamesTheLineAndLeavesTheDatabaseAlone) {
  write_file(dir_ / "nodes.csv", "id,kind,name,country\nco-x,company,X,CN\nco-y,factory,Y,CN\n");
  const auto before = file_sha256(db_);
  const auto result = run_flgraph({"--db", db_, "import", (dir_ / "nodes.csv").string()});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("nodes.csv:3: field \"kind\""), std::string::npos) << result.err;
  EXPECT_EQ(file_sha256(db_), before);
}

TEST_F(Cli, ShowOfAnUnknownIdEscapesAndShortensEachClosestIdHint) {
  const std::string name = "Title\x1b]0;pwned\x07\nforged line " + std::string(1000000, 'A');
  const nlohmann::json bundle = {
      {"entities", {{{"id", "co-hint-\x1b[2J"}, {"kind", "company"}, {"name", name}}}}};
  write_file(dir_ / "hint.json", bundle.dump());
  ASSERT_EQ(run_flgraph({"--db", db_, "import", (dir_ / "hint.json").string()}).exit_code, 0);
  const auto result = run_flgraph({"--db", db_, "show", "co-hint"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err.find_first_of("\x1b\x07"), std::string::npos) << result.err.substr(0, 400);
  EXPECT_LT(result.err.size(), 400u);
  const auto hint = result.err.substr(result.err.find("closest ids:\n") + 13);
  EXPECT_EQ(hint.rfind("  co-hint-\\x1b[2J  Title\\x1b]0;pwned\\x07\\x0aforged line AAA", 0), 0u)
      << hint;
  EXPECT_EQ(hint.substr(hint.size() - 5), "A\u2026\n") << hint;  // cut, with an ellipsis
  EXPECT_EQ(std::count(hint.begin(), hint.end(), '\n'), 1);
}

TEST_F(Cli, ExportWritesAJsonBundleWithoutWitnessNames) {
  const auto out = (dir_ / "bundle.json").string();
  const auto result = run_flgraph({"--db", db_, "export", "--format", "json", "-o", out});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string text = read_file(out);
  EXPECT_EQ(nlohmann::json::parse(text)["entities"].size(), 43u);
  EXPECT_EQ(text.find("Canary Witness"), std::string::npos);
}

}  // namespace
}  // namespace flgraph::testing
