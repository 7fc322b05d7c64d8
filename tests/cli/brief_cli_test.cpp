// tests/cli/brief_cli_test.cpp: `flgraph brief` as an advocate runs it: files written, exit codes.
#include <gtest/gtest.h>

#include "test_support.h"

namespace flgraph::testing {
namespace {

class BriefCli : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (dir_ / "brief.db").string();
    const auto imported = run_flgraph({"--db", db_, "import", sample_dataset().string()});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
  }
  CommandResult run(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db_});
    return run_flgraph(args);
  }
  TempDir dir_;
  std::string db_;
};

TEST_F(BriefCli, WritesTheHtmlBriefAndSaysWhereAndWhat) {
  const auto out = (dir_ / "brief").string();
  const auto result = run({"brief", "co-harbor-retail", "-o", out, "--as-of", "2024-05-01"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("brief.html"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("co-harbor-retail: exposure 0."), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("(high), 5 documented case(s)"), std::string::npos) << result.out;
  EXPECT_NE(read_file(dir_ / "brief" / "brief.html").find("as of 2024-05-01"), std::string::npos);
}

TEST_F(BriefCli, MarkdownWritesTheFlowChartBesideTheBrief) {
  const auto out = (dir_ / "md").string();
  const auto result =
      run({"brief", "pr-620343", "-o", out, "--format", "md", "--max-hops", "8", "--decay", "0.9"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(std::filesystem::exists(dir_ / "md" / "brief.md"));
  EXPECT_TRUE(std::filesystem::exists(dir_ / "md" / "flow-chart.svg"));
  EXPECT_NE(read_file(dir_ / "md" / "brief.md").find("at most 8 hops"), std::string::npos);
  EXPECT_NE(read_file(dir_ / "md" / "brief.md").find("decay 0.90 per hop"), std::string::npos);
}

TEST_F(BriefCli, ExitCodesFollowTheOtherCommands) {
  // Unknown id: a data error, with suggestions, nothing written.
  auto result = run({"brief", "co-harbor-retial", "-o", (dir_ / "x").string()});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("co-harbor-retail"), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "x"));
  // Usage: no output folder, an unknown format, a bad date.
  EXPECT_EQ(run({"brief", "co-harbor-retail"}).exit_code, 2);
  EXPECT_EQ(
      run({"brief", "co-harbor-retail", "-o", (dir_ / "y").string(), "--format", "pdf"}).exit_code,
      2);
  EXPECT_EQ(run({"brief", "co-harbor-retail", "-o", (dir_ / "y").string(), "--as-of", "2024-02-30"})
                .exit_code,
            2);
  // An existing non-empty folder without --force: refused, and it says how to proceed.
  std::filesystem::create_directories(dir_ / "full");
  write_file(dir_ / "full" / "keep.txt", "keep");
  result = run({"brief", "co-harbor-retail", "-o", (dir_ / "full").string()});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("--force"), std::string::npos) << result.err;
  EXPECT_EQ(run({"brief", "co-harbor-retail", "-o", (dir_ / "full").string(), "--force"}).exit_code,
            0);
}

TEST_F(BriefCli, NoProtectedNameInAnyFileOrMessage) {
  const auto out = (dir_ / "kim").string();
  const auto result = run({"brief", "pe-canary-kim", "-o", out, "--reveal-protected"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ((result.out + result.err).find("canary"), std::string::npos)
      << result.out << result.err;
  const auto html = read_file(dir_ / "kim" / "brief.html");
  EXPECT_EQ(html.find("Canary Witness"), std::string::npos);
  EXPECT_EQ(html.find("pe-canary"), std::string::npos);
}

}  // namespace
}  // namespace flgraph::testing
