// tests/viz/network_outputs_test.cpp: what the network analyses add to what people read: the
// brief's Remediation section and flow chart, and the scores exports carry when asked for.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <set>

#include "analysis/brokers.h"
#include "analysis/remediation.h"
#include "commands/brief_command.h"
#include "commands/read_commands.h"
#include "export_fixtures.h"
#include "queries/entity_lookup.h"
#include "viz/brief.h"

namespace flgraph::viz {
namespace {
using commands::brief_command;
using commands::ReadOptions;

using commands::export_selection_command;
using commands::ExportFormat;
using commands::ExportRequest;
using testing::TempDir;

class NetworkOutputs : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::import_sample(dir_ / "sample.db");
    read_.database = dir_ / "sample.db";
  }
  struct Loaded {
    graph::Store store;
    graph::QueryGraph graph;
  };
  Loaded load() const {
    auto store = graph::Store::open(read_.database, graph::Store::OpenMode::ReadOnlyExisting);
    auto graph = graph::QueryGraph::load(store);
    return {std::move(store), std::move(graph)};
  }
  std::string brief_html(const std::string& id) {
    BriefRequest request;
    request.output_dir = dir_ / ("brief-" + id);
    brief_command(read_, id, request);
    return testing::read_file(request.output_dir / kBriefHtml);
  }
  ExportRequest trace_export(ExportFormat format, bool scores) const {
    ExportRequest request;
    request.format = format;
    request.selection.trace_from = "co-harbor-retail";
    request.network_scores = scores;
    return request;
  }
  TempDir dir_;
  ReadOptions read_;
};

TEST_F(NetworkOutputs, BriefRemediationNamesTheCutAndTheExposureFallsToZero) {
  const auto [store, graph] = load();
  const auto subject = queries::resolve_entity(store, graph, "co-harbor-retail");
  const auto exposure = queries::score_exposure(graph, subject, {});
  const auto plan = analysis::plan_remediation(graph, subject, {});
  ASSERT_FALSE(plan.cut.routes.cases.empty());
  ASSERT_FALSE(plan.cut.cut.empty());
  EXPECT_NEAR(plan.before.score, exposure.score, 1e-12)
      << "the route subgraph holds every route the score counts";
  if (plan.cut.uncuttable_cases.empty()) {
    EXPECT_EQ(plan.after.score, 0.0);
  }

  const std::string html = brief_html("co-harbor-retail");
  EXPECT_NE(html.find("id=\"remediation\""), std::string::npos);
  EXPECT_NE(html.find(fmt::format("the exposure score falls from {:.4f} to {:.4f}",
                                  plan.before.score, plan.after.score)),
            std::string::npos);
  for (const auto& member : plan.cut.cut) {
    EXPECT_NE(html.find(std::string(graph.id(member.vertex))), std::string::npos)
        << graph.id(member.vertex);
  }
  EXPECT_NE(html.find("NP-hard"), std::string::npos);
  EXPECT_EQ(fixtures::find_canary(html), "");
}

TEST_F(NetworkOutputs, BriefFlowChartMarksAChokePointItDraws) {
  const std::string html = brief_html("co-harbor-retail");
  // The legend names the mark only when a choke point is drawn; the sample's cut lies on the
  // routes of the exposure table.
  EXPECT_NE(html.find("CHOKE POINT"), std::string::npos);
  EXPECT_NE(html.find("thick dashed border, orange unless sanctioned"), std::string::npos);
}

TEST_F(NetworkOutputs, NoRouteWithinTheHopLimitMeansNothingToCut) {
  const auto [store, graph] = load();
  queries::ExposureOptions one_hop;
  one_hop.max_hops = 1;  // the sample's nearest case is three relations from co-harbor-retail
  const auto plan = analysis::plan_remediation(
      graph, queries::resolve_entity(store, graph, "co-harbor-retail"), one_hop);
  EXPECT_TRUE(plan.cut.routes.cases.empty());
  EXPECT_TRUE(plan.cut.cut.empty());
  BriefRequest request;
  request.output_dir = dir_ / "one-hop";
  request.exposure = one_hop;
  brief_command(read_, "co-harbor-retail", request);
  const std::string html = testing::read_file(request.output_dir / kBriefHtml);
  EXPECT_NE(html.find("No route of at most 1 hop reaches a documented case"), std::string::npos);
  EXPECT_EQ(html.find("CHOKE POINT"), std::string::npos);
}

TEST_F(NetworkOutputs, ExportsCarryScoresOnlyWhenAskedFor) {
  const auto [store, graph] = load();
  const auto subject = queries::resolve_entity(store, graph, "co-harbor-retail");
  const auto scores = analysis::broker_scores(graph, {});
  analysis::ChokepointOptions cut_options;
  std::set<std::string> cut_ids;
  for (const auto& member : analysis::find_chokepoints(graph, subject, cut_options).cut) {
    cut_ids.emplace(graph.id(member.vertex));
  }

  const auto plain_json = nlohmann::json::parse(
      export_selection_command(read_, trace_export(ExportFormat::Json, false)).bytes);
  for (const auto& entity : plain_json["entities"]) {
    EXPECT_FALSE(entity.contains("broker_score"));
    EXPECT_FALSE(entity.contains("chokepoint"));
  }
  const auto scored = nlohmann::json::parse(
      export_selection_command(read_, trace_export(ExportFormat::Json, true)).bytes);
  std::size_t chokepoints = 0;
  for (const auto& entity : scored["entities"]) {
    const auto id = entity["id"].get<std::string>();
    const auto vertex = graph.find(id);
    ASSERT_TRUE(vertex) << id;
    EXPECT_DOUBLE_EQ(entity["broker_score"].get<double>(), scores[*vertex]) << id;
    EXPECT_EQ(entity.value("chokepoint", false), cut_ids.count(id) != 0) << id;
    chokepoints += entity.value("chokepoint", false) ? 1u : 0u;
  }
  EXPECT_GT(chokepoints, 0u) << "the sample's cut lies on the trace's paths";

  for (const auto format : {ExportFormat::Graphml, ExportFormat::Gexf}) {
    const std::string without = export_selection_command(read_, trace_export(format, false)).bytes;
    const std::string with = export_selection_command(read_, trace_export(format, true)).bytes;
    EXPECT_EQ(without.find("broker_score"), std::string::npos);
    EXPECT_NE(with.find("broker_score"), std::string::npos);
    pugi::xml_document document;
    EXPECT_TRUE(document.load_string(with.c_str()));
    const char* chokepoint_value = format == ExportFormat::Graphml
                                       ? "<data key=\"n_chokepoint\">true</data>"
                                       : "<attvalue for=\"chokepoint\" value=\"true\"/>";
    std::size_t marked = 0;
    for (auto at = with.find(chokepoint_value); at != std::string::npos;
         at = with.find(chokepoint_value, at + 1))
      ++marked;
    EXPECT_EQ(marked, chokepoints);
  }
}

}  // namespace
}  // namespace flgraph::viz
