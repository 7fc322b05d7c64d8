// tests/cli/chokepoints_cli_test.cpp: `flgraph chokepoints` on the shipped datasets.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "test_support.h"

namespace flgraph::testing {
namespace {

using nlohmann::json;

class ChokepointsCli : public ::testing::Test {
 protected:
  void import(const std::string& dataset) {
    const auto imported = run_flgraph(
        {"--db", db_, "import", (std::filesystem::path(FLGRAPH_DATASETS) / dataset).string()});
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
  static std::set<std::string> ids(const json& entities) {
    std::set<std::string> out;
    for (const auto& entity : entities) out.insert(entity["id"].get<std::string>());
    return out;
  }
  TempDir dir_;
  std::string db_ = (dir_ / "chokepoints.db").string();
};

TEST_F(ChokepointsCli, SampleBuyerIsCutFromAllFiveCasesByFourEntitiesAndItsExposureDropsToZero) {
  import("sample");
  const auto report = run_json({"chokepoints", "--from", "co-harbor-retail"});
  EXPECT_EQ(report["start"]["id"], "co-harbor-retail");
  EXPECT_EQ(report["routes"]["cases"].size(), 5u);
  // Of the cuts of cost 4, the one nearest the buyer: suppliers it can drop, not the sites.
  EXPECT_EQ(ids(report["cut"]),
            (std::set<std::string>{"co-bluethread-garment", "co-cyclone-holdings",
                                   "co-golden-shell", "co-northwind-seafood"}));
  EXPECT_EQ(report["cut_cost"], 4);
  std::set<std::string> carried;
  for (const auto& member : report["cut"]) {
    EXPECT_EQ(member["cost"], 1);
    EXPECT_FALSE(member["cases"].empty()) << member["id"];
    for (const auto& id : ids(member["cases"])) carried.insert(id);
  }
  EXPECT_EQ(carried, ids(report["routes"]["cases"]));  // every case is carried by some member
  EXPECT_TRUE(report["uncuttable_cases"].empty());
  EXPECT_GT(report["exposure"]["before"]["score"].get<double>(), 0.5);
  EXPECT_EQ(report["exposure"]["after_cut"]["score"].get<double>(), 0.0);
  EXPECT_EQ(report["exposure"]["after_cut"]["cases"], 0);
  EXPECT_NE(report["exactness"].get<std::string>().find("NP-hard"), std::string::npos);
}

TEST_F(ChokepointsCli, ShipmentsCostSparesTheSuppliersThatCarryTrade) {
  import("sample");
  const auto report =
      run_json({"chokepoints", "--from", "co-harbor-retail", "--cost", "shipments"});
  EXPECT_EQ(report["options"]["cost"], "shipments");
  const auto cut = ids(report["cut"]);
  EXPECT_EQ(cut.count("co-bluethread-garment"), 0u);
  EXPECT_EQ(cut.count("co-northwind-seafood"), 0u);
  EXPECT_EQ(cut.count("si-garment-workshop-east"), 1u);
  EXPECT_EQ(report["cut_cost"], 5);
  EXPECT_EQ(report["exposure"]["after_cut"]["score"].get<double>(), 0.0);
}

TEST_F(ChokepointsCli, GarmentProductOfThePublicDatasetHingesOnItsMaker) {
  import("dprk-public");
  const auto report = run_json({"chokepoints", "--from", "pr-garments-textiles"});
  EXPECT_EQ(ids(report["cut"]), std::set<std::string>{"co-dandong-huayang"});
  EXPECT_EQ(ids(report["cut"][0]["cases"]),
            (std::set<std::string>{"ca-cbp-huayang-2021", "ca-guardian-dandong-ppe-2020"}));
  // The one shipment carrying the product is never cut: a past consignment, not a party.
  EXPECT_EQ(ids(report["articulation_points"]), std::set<std::string>{"co-dandong-huayang"});
  EXPECT_GT(report["exposure"]["before"]["score"].get<double>(), 0.0);
  EXPECT_EQ(report["exposure"]["after_cut"]["score"].get<double>(), 0.0);
}

TEST_F(ChokepointsCli, TextNamesTheCutTheExposuresAndWhatTheCutIsExactFor) {
  import("sample");
  const auto result = run({"chokepoints", "--from", "co-harbor-retail", "--max-hops", "4"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("within 4 hops"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("Least-cost cut"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("after the cut"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("upper bound"), std::string::npos) << result.out;
}

TEST_F(ChokepointsCli, UnknownIdOrCostIsAnErrorWithANonZeroExit) {
  import("sample");
  const auto unknown = run({"chokepoints", "--from", "co-no-such-company"});
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_NE(unknown.err.find("co-no-such-company"), std::string::npos) << unknown.err;
  const auto bad_cost = run({"chokepoints", "--from", "co-harbor-retail", "--cost", "cheapest"});
  EXPECT_EQ(bad_cost.exit_code, 2);
  EXPECT_NE(bad_cost.err.find("--cost"), std::string::npos) << bad_cost.err;
  EXPECT_TRUE(bad_cost.out.empty());
}

}  // namespace
}  // namespace flgraph::testing
