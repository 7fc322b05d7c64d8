// tests/cli/due_diligence_cli_test.cpp: exposure and screen as a compliance analyst runs them.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "test_support.h"

namespace flgraph::testing {
namespace {

using nlohmann::json;

class DueDiligenceCli : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (dir_ / "dd.db").string();
    const auto imported = run_flgraph({"--db", db_, "import", sample_dataset().string()});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
  }
  CommandResult run(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db_});
    return run_flgraph(args);
  }
  json run_json(std::vector<std::string> args) {
    args.push_back("--json");
    const auto result = run(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return json::parse(result.out);
  }
  TempDir dir_;
  std::string db_;
};

TEST_F(DueDiligenceCli, ExposureOfTheSampleBuyerCanBeRecomputedFromItsContributions) {
  const auto report = run_json({"exposure", "co-harbor-retail"});
  EXPECT_EQ(report["entity"]["id"], "co-harbor-retail");
  ASSERT_FALSE(report["contributions"].empty());
  const double decay = report["method"]["decay_per_hop"];
  double none = 1.0;
  std::set<std::string> cases;
  for (const auto& row : report["contributions"]) {
    const double expected = row["strength"].get<double>() *
                            std::pow(decay, row["hops"].get<int>() - 1) *
                            row["temporal_factor"].get<double>();
    EXPECT_NEAR(row["contribution"].get<double>(), expected, 1e-9) << row["case"]["id"];
    if (row["counted_in_score"].get<bool>()) none *= 1.0 - row["contribution"].get<double>();
    cases.insert(row["case"]["id"].get<std::string>());
    EXPECT_FALSE(row["path"]["hops"].empty());
  }
  EXPECT_NEAR(report["score"].get<double>(), 1.0 - none, 1e-9);
  EXPECT_EQ(cases.size(), 5u);  // the sample buyer reaches all five cases within 6 hops
  EXPECT_EQ(report["band"], "high");
  // The logging case is reached only through 2023 shipments, long after 2016.
  for (const auto& row : report["contributions"]) {
    if (row["case"]["id"] == "ca-logging-2016") {
      EXPECT_FALSE(row["temporally_consistent"].get<bool>());
    }
  }
}

TEST_F(DueDiligenceCli, ExposureTextNamesTheFormulaTheBandAndEachCase) {
  const auto result = run({"exposure", "co-harbor-retail"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("Exposure of co-harbor-retail"), std::string::npos);
  EXPECT_NE(result.out.find("score = 1 − ∏(1 − contribution)"), std::string::npos);
  EXPECT_NE(result.out.find("ca-seafood-2019"), std::string::npos);
  EXPECT_NE(result.out.find("closest tier"), std::string::npos);
}

TEST_F(DueDiligenceCli, ExposureOfAnUnknownIdFailsWithSuggestions) {
  const auto result = run({"exposure", "co-harbor-retial"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("co-harbor-retail"), std::string::npos) << result.err;
}

TEST_F(DueDiligenceCli, ScreenResolvesLookAlikesReportsUnknownsAndCountsBands) {
  write_file(dir_ / "suppliers.csv",
             "name,country,id\n"
             "Northwind Seafood Processing Co Ltd,CN,\n"  // punctuation differs
             "North Wind Seafood Processing Company,,\n"  // the other spelling
             "Harbour Retail Group,US,\n"                 // a British spelling
             "Completely Unknown Widgets GmbH,DE,\n"      // nobody in the store
             ",,co-maple-hair\n"                          // an id wins
             "Sample State Trading Bureau No. 7,KP,\n");
  const auto report = run_json({"screen", (dir_ / "suppliers.csv").string()});
  ASSERT_EQ(report["rows"], 6);
  const auto& rows = report["results"];
  EXPECT_EQ(rows[0]["entity"]["id"], "co-northwind-seafood");
  EXPECT_TRUE(rows[1]["matched"].get<bool>());
  EXPECT_EQ(rows[2]["entity"]["id"], "co-harbor-retail");
  EXPECT_FALSE(rows[3]["matched"].get<bool>());  // never guessed
  EXPECT_EQ(rows[3]["method"], "unmatched");
  EXPECT_EQ(rows[4]["method"], "id");
  EXPECT_EQ(rows[4]["entity"]["id"], "co-maple-hair");
  EXPECT_EQ(rows[4]["match_score"], 1.0);
  EXPECT_EQ(rows[5]["entity"]["id"], "se-bureau-7");
  for (const auto& row : rows) {
    if (!row["matched"].get<bool>()) continue;
    EXPECT_TRUE(row.contains("band"));
    EXPECT_GE(row["score"].get<double>(), 0.0);
  }
  // Seafood maker: the seafood case documents its own plant (tier 0).
  EXPECT_EQ(rows[0]["closest_tier"], 0);
  EXPECT_EQ(rows[0]["top_case"]["id"], "ca-seafood-2019");
  const auto& summary = report["summary"];
  EXPECT_EQ(summary["unmatched"], 1);
  EXPECT_EQ(summary["high"].get<int>() + summary["medium"].get<int>() + summary["low"].get<int>() +
                summary["none"].get<int>() + summary["unmatched"].get<int>(),
            6);
}

TEST_F(DueDiligenceCli, ScreenWritesCsvWithAGuardAgainstSpreadsheetFormulas) {
  write_file(dir_ / "suppliers.csv",
             "name\n\"=HYPERLINK(\"\"http://x\"\")\"\nMaple Hair Products Co Ltd\n");
  const auto result = run(
      {"screen", (dir_ / "suppliers.csv").string(), "--csv", "-o", (dir_ / "out.csv").string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto csv = read_file(dir_ / "out.csv");
  EXPECT_EQ(csv.rfind("line,name,country,input_id,matched,method,entity_id", 0), 0u) << csv;
  EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"http://x\"\")\""), std::string::npos) << csv;
  EXPECT_NE(csv.find("co-maple-hair"), std::string::npos) << csv;
  EXPECT_NE(result.err.find("2 suppliers"), std::string::npos) << result.err;  // the summary line
}

TEST_F(DueDiligenceCli, ScreenEscapesTerminalControlsFromTheData) {
  // A name in the store and a name in the list, each built to set the window title, clear the
  // screen, forge a line and reverse the text.
  const json bundle = {{"entities",
                        {{{"id", "co-evil"},
                          {"kind", "company"},
                          {"name", "Evil\x1b]0;pwned\x07 Co\r\nforged line \u202e reversed"}}}}};
  write_file(dir_ / "evil.json", bundle.dump());
  ASSERT_EQ(run({"import", (dir_ / "evil.json").string()}).exit_code, 0);
  write_file(dir_ / "suppliers.csv",
             "name,country,id\n"
             "\"Clear\x1b[2J\x1b[H screen\rover\nnext \u202e line\",,\n"
             ",,co-evil\n");
  auto no_control = [](const std::string& out) {
    return out.find_first_of("\x1b\r\x07") == std::string::npos &&
           out.find("\u202e") == std::string::npos;
  };
  const auto text = run({"screen", (dir_ / "suppliers.csv").string()});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_TRUE(no_control(text.out)) << text.out;
  EXPECT_EQ(std::count(text.out.begin(), text.out.end(), '\n'), 5)
      << text.out;  // 3 heading lines, 2 rows
  EXPECT_NE(text.out.find("Clear\\x1b[2J\\x1b[H screen\\x0dover\\x0anext \\u{202e} line"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("Evil\\x1b]0;pwned\\x07 Co\\x0d\\x0aforged line"), std::string::npos)
      << text.out;

  const auto csv = run({"screen", (dir_ / "suppliers.csv").string(), "--csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_TRUE(no_control(csv.out)) << csv.out;
  EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 3) << csv.out;  // header, 2 rows
  EXPECT_NE(csv.out.find(",Evil\\x1b]0;pwned\\x07 Co\\x0d\\x0aforged line \\u{202e} reversed,"),
            std::string::npos)
      << csv.out;
}

TEST_F(DueDiligenceCli, ScreenStopsOnABadRowNamingFileLineAndField) {
  write_file(dir_ / "suppliers.csv", "name,country\nMaple Hair,CN\nPinecrest Trading,Atlantis\n");
  const auto result = run({"screen", (dir_ / "suppliers.csv").string()});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("suppliers.csv:3: field \"country\""), std::string::npos) << result.err;
  write_file(dir_ / "no_name.csv", "company,country\nMaple Hair,CN\n");
  const auto missing = run({"screen", (dir_ / "no_name.csv").string()});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("name"), std::string::npos) << missing.err;
}

TEST_F(DueDiligenceCli, ProtectedWitnessesNeverAppearInExposureOrScreen) {
  write_file(dir_ / "suppliers.csv", "name\nCanary Witness Kim\nHarbor Retail Group\n");
  const auto exposure = run({"exposure", "co-harbor-retail", "--json"});
  const auto screen = run({"screen", (dir_ / "suppliers.csv").string(), "--json"});
  const auto revealed = run({"exposure", "co-harbor-retail", "--reveal-protected"});
  for (const auto* out : {&exposure.out, &revealed.out}) {
    EXPECT_EQ(out->find("Canary Witness"), std::string::npos);
    EXPECT_EQ(out->find("pe-canary-kim"), std::string::npos);
  }
  // The screen echoes the name the user typed, and nothing the store holds about the witness.
  EXPECT_EQ(screen.out.find("pe-canary-kim"), std::string::npos);
  EXPECT_EQ(screen.out.find("Canary Witness Park"), std::string::npos);
  EXPECT_EQ(screen.out.find("\"W-"), std::string::npos);
  EXPECT_EQ(exposure.out.find("src-testimony-kim"), std::string::npos);
  EXPECT_EQ(screen.out.find("src-testimony-kim"), std::string::npos);
  // The witness's name is not a supplier: it stays unmatched rather than confirming the name.
  const auto report = json::parse(screen.out);
  EXPECT_FALSE(report["results"][0]["matched"].get<bool>());
}

TEST(CuratedDemo, TheDemoImporterReachesItsDocumentedCasesInTimeAndIsExposed) {
  TempDir dir;
  const std::string db = (dir / "public.db").string();
  const auto dataset = (std::filesystem::path(FLGRAPH_DATASETS) / "dprk-public").string();
  ASSERT_EQ(run_flgraph({"--db", db, "import", dataset}).exit_code, 0);
  const auto trace =
      run_flgraph({"--db", db, "trace", "--from", "co-poof-apparel", "--temporal", "--json"});
  ASSERT_EQ(trace.exit_code, 0) << trace.err;
  std::set<std::string> cases;
  const auto report = json::parse(trace.out);
  for (const auto& found : report["cases"]) cases.insert(found["id"].get<std::string>());
  EXPECT_TRUE(cases.contains("ca-cbp-huayang-2021"));
  EXPECT_TRUE(cases.contains("ca-guardian-dandong-ppe-2020"));
  const auto exposure = run_flgraph({"--db", db, "exposure", "co-poof-apparel", "--json"});
  ASSERT_EQ(exposure.exit_code, 0) << exposure.err;
  EXPECT_GT(json::parse(exposure.out)["score"].get<double>(), 0.0);
}

TEST_F(DueDiligenceCli, ScreenReportsKnownLegitimateLookAlikesAsUnmatched) {
  write_file(dir_ / "suppliers.csv",
             "name,country,kind,id_number\n"
             "Harbour Retail Group,US,company,\n"
             "Korea Development Bank,,company,BIC:KODBKRSE\n");
  write_file(dir_ / "mine.tsv",
             "id\tname\tother_names\tkind\tcountry\tidentifier\tresembles\twebsite\tsource\n"
             "my-harbour\tHarbour Retail Group\t\tcompany\tUS\t\t\t\tour register\n");
  const auto suppliers = (dir_ / "suppliers.csv").string();
  const auto mine = (dir_ / "mine.tsv").string();
  const auto plain = run_json({"screen", suppliers});
  EXPECT_TRUE(plain["results"][0]["matched"].get<bool>());
  EXPECT_EQ(plain["results"][1]["lookalike"]["id"], "la-kdb");
  EXPECT_FALSE(plain["results"][1]["matched"].get<bool>());
  const auto report = run_json({"screen", suppliers, "--lookalikes", mine});
  EXPECT_FALSE(report["results"][0]["matched"].get<bool>());
  EXPECT_EQ(report["results"][0]["lookalike"]["id"], "my-harbour");
  const auto csv = run_flgraph({"--db", db_, "screen", suppliers, "--csv", "--lookalikes", mine});
  EXPECT_NE(csv.out.find(",lookalike_id,lookalike_name\n"), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find(",my-harbour,Harbour Retail Group\n"), std::string::npos) << csv.out;
  const auto text = run_flgraph({"--db", db_, "screen", suppliers});
  EXPECT_NE(text.out.find("resolves to the legitimate company la-kdb"), std::string::npos)
      << text.out;
}

}  // namespace
}  // namespace flgraph::testing
