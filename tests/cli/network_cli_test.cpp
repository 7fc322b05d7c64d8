// tests/cli/network_cli_test.cpp: brokers and components as an investigator runs them on the
// shipped datasets, and a protected person in them only under a pseudonym.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace flgraph::testing {
namespace {

using nlohmann::json;

class NetworkCli : public ::testing::Test {
 protected:
  void import(const std::filesystem::path& folder) {
    db_ = (dir_ / "network.db").string();
    const auto imported = run_flgraph({"--db", db_, "import", folder.string()});
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
  static const json* row_of(const json& rows, const std::string& id) {
    for (const auto& row : rows) {
      if (row["id"] == id) return &row;
    }
    return nullptr;
  }
  TempDir dir_;
  std::string db_;
};

TEST_F(NetworkCli, SampleBrokersListTheTradingHouseBetweenTheSeafoodPlantAndTheRetailer) {
  import(sample_dataset());
  const auto report = run_json({"brokers"});
  EXPECT_FALSE(report["sampled"].get<bool>());
  EXPECT_EQ(report["parties"], report["parties_used"]);
  EXPECT_GT(report["buyers"].get<int>(), 0);
  // co-pinecrest-trading takes the northwind shipment and golden-shell's supplies on to
  // co-harbor-retail.
  const auto* pinecrest = row_of(report["brokers"], "co-pinecrest-trading");
  ASSERT_NE(pinecrest, nullptr) << report.dump(2);
  EXPECT_GT((*pinecrest)["score"].get<double>(), 0.0);
  EXPECT_GE((*pinecrest)["routes"].get<double>(), 2.0);
  EXPECT_EQ((*pinecrest)["kind"], "company");
  EXPECT_FALSE(report["method"]["description"].get<std::string>().empty());
  for (const auto& row : report["brokers"]) EXPECT_FALSE(row.contains("score_error"));

  const auto text = run({"brokers"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("co-pinecrest-trading"), std::string::npos) << text.out;
}

TEST_F(NetworkCli, HopLimitAndKindsNarrowTheRoutes) {
  import(sample_dataset());
  const auto narrow = run_json({"brokers", "--max-hops", "1"});
  EXPECT_TRUE(narrow["brokers"].empty()) << narrow.dump(2);  // one step has no inside
  const auto without_supplies =
      run_json({"brokers", "--kinds", "dispatches_workers,operated_by,ships,consigned_to"});
  EXPECT_EQ(row_of(without_supplies["brokers"], "co-pinecrest-trading"), nullptr)
      << without_supplies.dump(2);
}

TEST_F(NetworkCli, SampledBrokersSayHowManyPartiesAndGiveErrors) {
  import(sample_dataset());
  const auto report = run_json({"brokers", "--sample", "2"});
  EXPECT_TRUE(report["sampled"].get<bool>());
  EXPECT_EQ(report["parties_used"], 2);
  for (const auto& row : report["brokers"]) EXPECT_TRUE(row.contains("score_error"));
  EXPECT_EQ(run_json({"brokers", "--sample", "2"}), report);  // the same draw every time
  const auto text = run({"brokers", "--sample", "2"});
  EXPECT_NE(text.out.find("sampled: 2 of"), std::string::npos) << text.out;
}

TEST_F(NetworkCli, BothCommandsHaveHelpAndRefuseOutOfRangeNumbers) {
  import(sample_dataset());
  for (const std::string command : {"brokers", "components"}) {
    const auto help = run({command, "--help"});
    EXPECT_EQ(help.exit_code, 0) << command;
    EXPECT_NE(help.out.find("--min-confidence"), std::string::npos) << help.out;
  }
  // Brokers counts a same_as as a step; a component has no start to count hops from.
  EXPECT_NE(run({"brokers", "--help"}).out.find("a same_as counts as one"), std::string::npos);
  EXPECT_EQ(run({"components", "--max-hops", "3"}).exit_code, 2);
  // A window that ends before it starts is a mistake, not an empty answer.
  const auto reversed = run({"brokers", "--from-date", "2022-01-01", "--to-date", "2020-01-01"});
  EXPECT_EQ(reversed.exit_code, 2);
  EXPECT_NE(reversed.err.find("before --from-date"), std::string::npos) << reversed.err;
  EXPECT_EQ(run({"brokers", "--top", "0"}).exit_code, 2);
  EXPECT_EQ(run({"brokers", "--max-hops", "0"}).exit_code, 2);
  EXPECT_EQ(run({"brokers", "--sample", "many"}).exit_code, 2);
  EXPECT_EQ(run({"components", "--min-confidence", "2"}).exit_code, 2);
}

TEST_F(NetworkCli, UnknownKindIsAUsageError) {
  import(sample_dataset());
  for (const std::string command : {"brokers", "components"}) {
    const auto result = run({command, "--kinds", "supplies,teleports"});
    EXPECT_EQ(result.exit_code, 2) << command;
    EXPECT_NE(result.err.find("teleports"), std::string::npos) << result.err;
  }
}

TEST_F(NetworkCli, SampleComponentsHoldEveryCaseWithTheirSites) {
  import(sample_dataset());
  const auto report = run_json({"components", "--central", "3"});
  ASSERT_FALSE(report["components"].empty());
  std::size_t cases = 0;
  for (const auto& component : report["components"]) {
    cases += component["cases"].size();
    EXPECT_LE(component["central"].size(), 3u);
  }
  EXPECT_EQ(cases, 5u);  // the sample's five documented cases
  const auto& largest = report["components"][0];
  EXPECT_NE(row_of(largest["cases"], "ca-seafood-2019"), nullptr) << largest.dump(2);
  EXPECT_NE(row_of(largest["cases"], "ca-golden-shell-2020"), nullptr) << largest.dump(2);
  const auto text = run({"components"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("ca-seafood-2019"), std::string::npos) << text.out;
}

TEST_F(NetworkCli, PublicDatasetBrokersListTheSeafoodProcessorBetweenThePlantsAndItsBuyers) {
  import(std::filesystem::path(FLGRAPH_DATASETS) / "dprk-public");
  const auto brokers = run_json({"brokers"});
  EXPECT_GT(brokers["parties"].get<int>(), 0);
  const auto* dalian = row_of(brokers["brokers"], "co-dalian-haiqing");
  ASSERT_NE(dalian, nullptr) << brokers.dump(2);
  EXPECT_GT((*dalian)["score"].get<double>(), 0.0);
  const auto components = run_json({"components"});
  EXPECT_FALSE(components["components"].empty());
}

TEST_F(NetworkCli, AProtectedPersonInAComponentShowsOnlyItsPseudonym) {
  import(fixture("canary"));
  const auto report = run_json({"components", "--central", "10"});
  ASSERT_EQ(report["components"].size(), 1u) << report.dump(2);
  bool pseudonym_listed = false;
  for (const auto& member : report["components"][0]["central"]) {
    if (member["kind"] == "person" && member["id"].get<std::string>().rfind("W-", 0) == 0) {
      pseudonym_listed = true;
      EXPECT_TRUE(member["designations"].empty());
    }
  }
  EXPECT_TRUE(pseudonym_listed) << report.dump(2);
  for (const auto& args : {std::vector<std::string>{"components", "--central", "10"},
                           {"components", "--json"},
                           {"brokers"},
                           {"brokers", "--json"}}) {
    const auto result = run(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ((result.out + result.err).find("CANARY"), std::string::npos) << result.out;
  }
}

}  // namespace
}  // namespace flgraph::testing
