// tests/viz/clients_test.cpp: every export format opened by the real program investigators use:
// networkx (GraphML, GEXF), Graphviz's dot (DOT), OpenSanctions' followthemoney library (FtM)
// and Kùzu (the CSV pair, with a trace-equivalent Cypher query). Clients come from
// scripts/install-test-clients.sh; under CI=true a missing client fails, locally it skips.
#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "client_support.h"
#include "commands/read_commands.h"
#include "export_fixtures.h"

namespace flgraph::viz {
namespace {
using commands::ReadOptions;

using commands::export_selection_command;
using commands::ExportFormat;
using commands::ExportRequest;
using commands::SelectionSpec;
using commands::trace_command;
using commands::trace_diagram_command;
using testing::TempDir;

// The folder holding kuzu and @opensanctions/followthemoney, or "" when there is none.
std::string node_modules() {
  std::vector<std::string> candidates;
  if (const char* env = std::getenv("FLGRAPH_NODE_MODULES")) candidates.emplace_back(env);
  candidates.emplace_back("/tmp/flgraph-clients/node_modules");
  for (const auto& folder : candidates) {
    if (std::filesystem::exists(std::filesystem::path(folder) / "kuzu") &&
        std::filesystem::exists(std::filesystem::path(folder) / "@opensanctions" /
                                "followthemoney")) {
      return folder;
    }
  }
  return "";
}

std::string client_script(const std::string& name) {
  return (std::filesystem::path(FLGRAPH_FIXTURES).parent_path() / "clients" / name).string();
}

bool has_networkx() {
  return run_program({"/usr/bin/python3", "-c", "import networkx"}).exit_code == 0;
}
bool has_dot() { return run_program({"dot", "-V"}).exit_code == 0; }

class Clients : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::import_sample(dir_ / "sample.db");
    read_.database = dir_ / "sample.db";
  }
  std::filesystem::path write(ExportFormat format, const std::string& name,
                              const SelectionSpec& selection = {}) {
    ExportRequest request;
    request.format = format;
    request.output = dir_ / name;
    request.selection = selection;
    export_selection_command(read_, request);
    return request.output;
  }
  TempDir dir_;
  ReadOptions read_;
};

TEST_F(Clients, NetworkxReadsGraphmlAndGexfWithTypedAttributes) {
  REQUIRE_CLIENT(has_networkx(), "python3-networkx");
  for (const auto& [format, kind] :
       {std::pair{ExportFormat::Graphml, "graphml"}, std::pair{ExportFormat::Gexf, "gexf"}}) {
    const auto file = write(format, std::string("sample.") + kind);
    const auto run = run_program({"/usr/bin/python3", client_script("read_networkx.py"), kind,
                                  file.string(), "co-harbor-retail"});
    ASSERT_EQ(run.exit_code, 0) << kind << ": " << run.err;
    const auto read = nlohmann::json::parse(run.out);
    EXPECT_TRUE(read["directed"].get<bool>());
    EXPECT_EQ(read["nodes"], 43) << kind;
    EXPECT_EQ(read["edges"], 54) << kind;
    EXPECT_EQ(read["node"]["kind"], "company");
    EXPECT_EQ(read["node_types"]["protected"], "bool") << kind;
    EXPECT_EQ(read["edge_types"]["confidence"], "float") << kind;
    EXPECT_EQ(read["node"]["date_from"], "1995-05-01");
  }
}

TEST_F(Clients, DotRendersTheDotExportAndTheTraceDiagram) {
  REQUIRE_CLIENT(has_dot(), "graphviz (dot)");
  const auto file = write(ExportFormat::Dot, "sample.dot");
  auto run = run_program({"dot", "-Tsvg", "-o", (dir_ / "from-dot.svg").string(), file.string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(testing::read_file(dir_ / "from-dot.svg").find("Harbor Retail Group"),
            std::string::npos);
  testing::write_file(dir_ / "trace.dot",
                      trace_diagram_command(read_, "co-harbor-retail", {}, ExportFormat::Dot, 0.5));
  run = run_program(
      {"dot", "-Tpng", "-o", (dir_ / "trace.png").string(), (dir_ / "trace.dot").string()});
  EXPECT_EQ(run.exit_code, 0) << run.err;
}

TEST_F(Clients, FtmOutputValidatesAgainstTheFtmModelWithTheFollowthemoneyLibrary) {
  const auto modules = node_modules();
  REQUIRE_CLIENT(!modules.empty(), "npm @opensanctions/followthemoney and kuzu");
  const auto model =
      testing::shared_dir() / "data/ftm/model/defaultModel.opensanctions-followthemoney-4.5.2.json";
  ASSERT_TRUE(std::filesystem::exists(model)) << model;
  SelectionSpec trace;
  trace.trace_from = "co-harbor-retail";
  for (const auto& [name, selection] : {std::pair{std::string("whole.ftm.json"), SelectionSpec{}},
                                        std::pair{std::string("trace.ftm.json"), trace}}) {
    const auto file = write(ExportFormat::Ftm, name, selection);
    const auto run =
        run_program({"node", client_script("validate_ftm.js"), model.string(), file.string()},
                    {"NODE_PATH=" + modules});
    ASSERT_EQ(run.exit_code, 0) << name << ": " << run.out << run.err;
    const auto report = nlohmann::json::parse(run.out);
    EXPECT_TRUE(report["errors"].empty()) << report.dump();
    EXPECT_GT(report["schemata"].value("Ownership", 0), 0) << name;
    EXPECT_GT(report["schemata"].value("UnknownLink", 0), 0) << name;
  }
  // The validator is real: a range violation is caught.
  testing::write_file(
      dir_ / "bad.ftm.json",
      testing::read_file(dir_ / "whole.ftm.json") +
          R"({"id":"x","schema":"Ownership","properties":{"asset":["ca-seafood-2019"],"owner":["co-harbor-retail"]}})"
          "\n");
  const auto bad = run_program(
      {"node", client_script("validate_ftm.js"), model.string(), (dir_ / "bad.ftm.json").string()},
      {"NODE_PATH=" + modules});
  EXPECT_EQ(bad.exit_code, 1) << bad.out;
}

TEST_F(Clients, KuzuLoadsTheCsvAndATraceQueryFindsTheSameCases) {
  const auto modules = node_modules();
  REQUIRE_CLIENT(!modules.empty(), "npm kuzu and @opensanctions/followthemoney");
  const auto folder = write(ExportFormat::Csv, "csv");
  for (const int max_hops : {4, 6}) {
    const auto run = run_program({"node", client_script("kuzu_trace.js"), folder.string(),
                                  (dir_ / fmt::format("kuzu-{}", max_hops)).string(),
                                  "co-harbor-retail", std::to_string(max_hops)},
                                 {"NODE_PATH=" + modules});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const auto kuzu = nlohmann::json::parse(run.out);
    EXPECT_EQ(kuzu["nodes"], 43);
    EXPECT_EQ(kuzu["relationships"], 54);
    queries::TraceOptions options;
    options.max_hops = max_hops;
    std::vector<std::string> expected;
    const auto report = trace_command(read_, "co-harbor-retail", options);
    for (const auto& found : report["cases"]) expected.push_back(found["id"]);
    ASSERT_FALSE(expected.empty());
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(kuzu["cases"].get<std::vector<std::string>>(), expected) << "max hops " << max_hops;
  }
}

}  // namespace
}  // namespace flgraph::viz
