// tests/viz/reports_test.cpp: reports on the shipped sample: content, and no protected name
// anywhere.
#include "viz/reports.h"

#include <gtest/gtest.h>

#include "commands/read_commands.h"
#include "test_support.h"

namespace flgraph::viz {
namespace {
using commands::ReadOptions;

using commands::paths_command;
using commands::show_command;
using commands::stats_command;
using commands::trace_command;
using testing::TempDir;

// Names and ids of the sample's protected persons and sources (datasets/sample/).
const std::vector<std::string> kCanaries = {"Canary Witness", "canary witness", "pe-canary",
                                            "src-testimony"};

class SampleReports : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::import_sample(dir_ / "sample.db");
    read_.database = dir_ / "sample.db";
  }
  void expect_no_canary(const std::string& text) {
    for (const auto& canary : kCanaries)
      EXPECT_EQ(text.find(canary), std::string::npos) << canary << " in\n" << text;
  }
  TempDir dir_;
  ReadOptions read_;
};

TEST_F(SampleReports, TraceFromTheBuyerReachesEveryCaseWithEvidence) {
  const auto report = trace_command(read_, "co-harbor-retail", {});
  EXPECT_EQ(report["start"]["id"], "co-harbor-retail");
  ASSERT_EQ(report["cases"].size(), 5u);
  for (const auto& found : report["cases"]) {
    ASSERT_FALSE(found["paths"].empty());
    const auto& path = found["paths"][0];
    EXPECT_EQ(path["hops"].back()["to"], "co-harbor-retail");
    EXPECT_EQ(path["hops"].front()["kind"], "documents");
    for (const auto& hop : path["hops"]) {
      EXPECT_TRUE(hop.contains("claims"));
      EXPECT_GT(hop["confidence"].get<double>(), 0.0);
    }
  }
  expect_no_canary(report.dump());
  expect_no_canary(trace_text(report));
}

TEST_F(SampleReports, TemporalTraceDropsTheCaseWhoseOnlyRouteShipsYearsLater) {
  queries::TraceOptions options;
  const auto all = trace_command(read_, "co-harbor-retail", options);
  options.temporal = true;
  const auto consistent = trace_command(read_, "co-harbor-retail", options);
  auto ids = [](const nlohmann::json& report) {
    std::vector<std::string> out;
    for (const auto& found : report["cases"]) out.push_back(found["id"]);
    return out;
  };
  const auto before = ids(all);
  const auto after = ids(consistent);
  EXPECT_NE(std::find(before.begin(), before.end(), "ca-logging-2016"), before.end());
  EXPECT_EQ(std::find(after.begin(), after.end(), "ca-logging-2016"), after.end());
  EXPECT_EQ(after.size(), before.size() - 1);
}

TEST_F(SampleReports, ShowOfAProtectedPersonPrintsOnlyThePseudonym) {
  const auto report = show_command(read_, "pe-canary-kim");
  const std::string pseudonym = report["id"];
  EXPECT_EQ(pseudonym.substr(0, 2), "W-");
  expect_no_canary(report.dump());
  expect_no_canary(show_text(report));
  // The pseudonym itself finds the same entity, and is stable.
  EXPECT_EQ(show_command(read_, pseudonym)["id"], pseudonym);
}

TEST_F(SampleReports, RevealProtectedNamesSourcesButNeverWitnesses) {
  read_.reveal_protected = true;
  const auto report = show_command(read_, "pe-canary-kim");
  EXPECT_EQ(report.dump().find("Canary Witness Kim"), std::string::npos);
  const auto site = show_command(read_, "si-seafood-plant-north").dump();
  EXPECT_NE(site.find("Interview with canary witness"), std::string::npos);
  read_.reveal_protected = false;
  const auto hidden = show_command(read_, "si-seafood-plant-north").dump();
  EXPECT_EQ(hidden.find("Interview with canary witness"), std::string::npos);
  EXPECT_NE(hidden.find("protected source W-"), std::string::npos);
}

TEST_F(SampleReports, StatsCountEveryKindAndSourcesByAccess) {
  const auto report = stats_command(read_);
  EXPECT_EQ(report["entity_total"], 43);
  EXPECT_EQ(report["relation_total"], 54);
  EXPECT_EQ(report["entities"].size(), 8u);
  EXPECT_EQ(report["relations"].size(), 10u);
  EXPECT_EQ(report["sources_by_access"]["protected"], 2);
  EXPECT_NE(stats_text(report).find("dispatches_workers"), std::string::npos);
}

TEST_F(SampleReports, UnknownIdSuggestsTheClosestIds) {
  try {
    trace_command(read_, "co-harbor-retial", {});
    FAIL() << "expected NotFoundError";
  } catch (const NotFoundError& e) {
    EXPECT_NE(std::string(e.what()).find("co-harbor-retail"), std::string::npos) << e.what();
  }
}

TEST_F(SampleReports, PathsCountIsExactWhenTheListIsCut) {
  queries::PathsOptions options;
  options.walk.max_hops = 6;
  options.limit = 2;
  const auto report = paths_command(read_, "co-harbor-retail", "", options);
  EXPECT_GT(report["count"].get<std::uint64_t>(), 2u);
  EXPECT_EQ(report["paths"].size(), 2u);
  EXPECT_GE(report["paths"][0]["strength"].get<double>(),
            report["paths"][1]["strength"].get<double>());
}

}  // namespace
}  // namespace flgraph::viz
