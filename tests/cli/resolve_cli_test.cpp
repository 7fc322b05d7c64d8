// tests/cli/resolve_cli_test.cpp: import --format bol, match, resolve and judge as a user runs
// them.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace flgraph::testing {
namespace {

using nlohmann::json;

class ResolveCli : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (dir_ / "resolve.db").string();
    const auto imported = run_flgraph({"--db", db_, "import", sample_dataset().string()});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
  }
  json run_json(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db_});
    args.push_back("--json");
    const auto result = run_flgraph(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return json::parse(result.out);
  }
  std::vector<std::string> cases_from(const std::string& id) {
    std::vector<std::string> out;
    const auto report = run_json({"trace", "--from", id});
    for (const auto& found : report["cases"]) out.push_back(found["id"]);
    return out;
  }
  TempDir dir_;
  std::string db_;
};

TEST_F(ResolveCli, NewSubcommandsHaveHelp) {
  for (const char* command : {"match", "resolve", "judge"}) {
    const auto help = run_flgraph({command, "--help"});
    EXPECT_EQ(help.exit_code, 0) << command;
    EXPECT_NE(help.out.find("Usage"), std::string::npos) << command;
  }
}

TEST_F(ResolveCli, BolImportSaysHowManyPartiesWereResolvedAndCreated) {
  const auto summary =
      run_json({"import", "--format", "bol", fixture("bol/shipments.csv").string()});
  EXPECT_EQ(summary["parties"]["resolved"], 4);
  EXPECT_EQ(summary["parties"]["created"], 3);
  const auto text = run_flgraph(
      {"--db", db_, "import", "--format", "bol", fixture("bol/shipments.csv").string()});
  EXPECT_NE(text.out.find("7 resolved to entities in the store, 0 created"), std::string::npos)
      << text.out;
}

TEST_F(ResolveCli, JudgedSameAsIsWalkedByTraceAndUndoTakesItBack) {
  run_json({"import", "--format", "bol", fixture("bol/shipments.csv").string()});
  // The new buyer's supplier is new to the store: nothing documented is reachable yet.
  const std::string buyer = "co-lakeside-grocers-inc-illustrative";
  const std::string supplier = "co-baltic-frost-fisheries-ltd-illustrative";
  EXPECT_TRUE(cases_from(buyer).empty());

  const auto judged =
      run_json({"judge", supplier, "co-northwind-seafood", "positive", "--by", "analyst"});
  EXPECT_EQ(judged["judgement"]["judged_by"], "analyst");
  const auto reached = cases_from(buyer);
  EXPECT_NE(std::find(reached.begin(), reached.end(), "ca-seafood-2019"), reached.end());
  const auto trace = run_flgraph({"--db", db_, "trace", "--from", buyer});
  EXPECT_NE(trace.out.find("—same_as"), std::string::npos) << trace.out;

  const auto id = std::to_string(judged["judgement"]["id"].get<std::int64_t>());
  const auto undone = run_json({"judge", "--undo", id, "--by", "reviewer"});
  EXPECT_EQ(undone["removed_relation"], judged["judgement"]["relation"]);
  EXPECT_TRUE(cases_from(buyer).empty());
}

TEST_F(ResolveCli, NegativeJudgementIsNotProposedAgain) {
  write_file(dir_ / "lookalike.csv",
             "id,kind,name,country\nco-harbour-retail-ltd,company,Harbour Retail Group Ltd "
             "(illustrative),US\n");
  run_json({"import", (dir_ / "lookalike.csv").string()});
  auto proposes = [&] {
    const auto report = run_json({"resolve", "--auto"});
    return std::any_of(report["pairs"].begin(), report["pairs"].end(),
                       [](const json& pair) { return pair["b"]["id"] == "co-harbour-retail-ltd"; });
  };
  EXPECT_TRUE(proposes());
  run_json({"judge", "co-harbor-retail", "co-harbour-retail-ltd", "negative"});
  EXPECT_FALSE(proposes());
}

TEST_F(ResolveCli, MatchFileGivesEachRowItsBestCandidateScoreAndMatch) {
  write_file(dir_ / "names.csv",
             "id,name,country\n"
             "q1,NORTHWIND SEAFOOD PROCESSING CO LTD,CN\n"
             "q2,Harbour Retail Grp,US\n"
             "q3,Completely Unrelated Name Ltd,\n");
  const auto report = run_json({"match", "--file", (dir_ / "names.csv").string()});
  ASSERT_EQ(report["results"].size(), 3u);
  const auto& first = report["results"][0];
  EXPECT_EQ(first["id"], "q1");
  EXPECT_EQ(first["line"], 2);
  EXPECT_EQ(first["candidate"], "co-northwind-seafood");
  EXPECT_TRUE(first["match"].get<bool>());
  EXPECT_GE(first["score"].get<double>(), report["threshold"].get<double>());
  EXPECT_EQ(report["results"][1]["candidate"], "co-harbor-retail");
  EXPECT_TRUE(report["results"][1]["match"].get<bool>());
  EXPECT_FALSE(report["results"][2]["match"].get<bool>());
  EXPECT_EQ(report["matched"], 2);
}

TEST_F(ResolveCli, MatchExplainsAndNeverNamesWitnesses) {
  const auto report = run_json({"match", "Canary Witness Kim", "--limit", "10"});
  EXPECT_EQ(report.dump().find("pe-canary"), std::string::npos) << report.dump();
  const auto text = run_flgraph({"--db", db_, "match", "Canary Witness Park"});
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_EQ(text.out.find("Canary Witness Park ("), std::string::npos);
  EXPECT_EQ(text.out.find("pe-canary"), std::string::npos) << text.out;
  const auto golden = run_json({"match", "Golden Shell General Trading Co", "--country", "China"});
  EXPECT_EQ(golden["country"], "CN");
  EXPECT_EQ(golden["candidates"][0]["id"], "co-golden-shell");
  EXPECT_FALSE(golden["candidates"][0]["features"].empty());
}

TEST_F(ResolveCli, MatchFindsAHangulNameInTheOfacList) {
  const auto db = (dir_ / "ofac.db").string();
  ASSERT_EQ(run_flgraph({"--db", db, "import", "--format", "ofac",
                         (shared_dir() / "data/ofac/sdn_set_2021-07/sdn.csv").string()})
                .exit_code,
            0);
  const auto result = run_flgraph({"--db", db, "match", "조선릉라도무역총회사", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto report = json::parse(result.out);
  EXPECT_EQ(report["normalized"], "korea rungrado trade general_corp");
  EXPECT_EQ(report["candidates"][0]["id"], "ofac-19613");
  EXPECT_TRUE(report["candidates"][0]["match"].get<bool>());
}

TEST_F(ResolveCli, UsageErrorsExitWithTwo) {
  EXPECT_EQ(run_flgraph({"--db", db_, "match"}).exit_code, 2);
  EXPECT_EQ(run_flgraph({"--db", db_, "match", "X", "--country", "Atlantis"}).exit_code, 2);
  EXPECT_EQ(run_flgraph({"--db", db_, "resolve"}).exit_code, 2);  // --auto is required
  EXPECT_EQ(run_flgraph({"--db", db_, "judge", "co-harbor-retail", "co-harbor-imports", "maybe"})
                .exit_code,
            2);
  EXPECT_EQ(run_flgraph({"--db", db_, "judge", "co-harbor-retail"}).exit_code, 2);
  EXPECT_EQ(run_flgraph({"--db", db_, "judge", "--undo", "99"}).exit_code, 1);  // no such judgement
  EXPECT_EQ(
      run_flgraph({"--db", db_, "judge", "co-nowhere", "co-harbor-retail", "negative"}).exit_code,
      1);
}

TEST_F(ResolveCli, QualifierOptionsAreCheckedAndRepeat) {
  const auto kind = run_flgraph({"--db", db_, "match", "X", "--kind", "bank"});
  EXPECT_EQ(kind.exit_code, 2);
  EXPECT_NE(kind.err.find("--kind"), std::string::npos) << kind.err;
  const auto dob = run_flgraph({"--db", db_, "match", "X", "--dob", "1960-13-01"});
  EXPECT_EQ(dob.exit_code, 2);
  EXPECT_NE(dob.err.find("--dob"), std::string::npos) << dob.err;
  const auto report =
      run_json({"match", "--id-number", "IMO 7937317", "--id-number", "Passport 381420754",
                "--kind", "vessel", "--dob", "1960", "Golden Shell General Trading Co"});
  EXPECT_EQ(report["query"], "Golden Shell General Trading Co");
  EXPECT_EQ(report["id_numbers"], json::array({"IMO 7937317", "Passport 381420754"}));
  EXPECT_EQ(report["kind"], "vessel");
  EXPECT_EQ(report["dob"], "1960");
}

TEST_F(ResolveCli, NameListColumnsAreCheckedPerRow) {
  write_file(dir_ / "names.csv", "name,kind,dob,id_number\nA,company,,\nB,person,1960-02-30x,\n");
  const auto bad = run_flgraph({"--db", db_, "match", "--file", (dir_ / "names.csv").string()});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("names.csv:3"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("dob"), std::string::npos) << bad.err;
  write_file(dir_ / "names.csv",
             "name,kind,date_of_birth,identifier\nKorea Development Bank,company,,\n"
             "Golden Shell General Trading Co,company,,IMO 1234567; REG 99887766\n");
  const auto report = run_json({"match", "--file", (dir_ / "names.csv").string()});
  EXPECT_EQ(report["results"][0]["lookalike"]["id"], "la-kdb");
  EXPECT_FALSE(report["results"][0]["match"].get<bool>());
  EXPECT_EQ(report["results"][1]["id_numbers"], json::array({"IMO 1234567", "REG 99887766"}));
  const auto text = run_flgraph({"--db", db_, "match", "Korea Development Bank"});
  EXPECT_NE(text.out.find("resolves to the legitimate company la-kdb"), std::string::npos)
      << text.out;
}

}  // namespace
}  // namespace flgraph::testing
