// viz/chokepoint_report.cpp: the chokepoints report, built once as JSON.
#include "viz/chokepoint_report.h"

#include <fmt/format.h>

#include "analysis/remediation.h"
#include "queries/exposure.h"
#include "viz/reports.h"

namespace flgraph::viz {
namespace {

using nlohmann::json;

constexpr const char* kExactness =
    "The cut is exact (least cost) for the route subgraph: every relation on some route of at most "
    "max_hops "
    "hops. It is an upper bound for cutting only the routes of at most max_hops hops, a problem "
    "that is "
    "NP-hard in general.";

std::string str(const json& value) { return text_of(value); }

json labels(const EvidenceReader& reader, const graph::QueryGraph& graph,
            const std::vector<graph::VertexId>& vertices) {
  json out = json::array();
  for (const auto v : vertices) out.push_back(entity_label_json(reader.entity(graph, v)));
  return out;
}

json exposure_json(const graph::QueryGraph& graph, const analysis::ChokepointResult& result,
                   const analysis::ChokepointOptions& options,
                   const std::vector<graph::VertexId>& removed) {
  queries::ExposureOptions exposure;
  exposure.max_hops = options.walk.max_hops;
  exposure.min_confidence = options.walk.min_confidence;
  const auto scored = analysis::exposure_on_routes(graph, result, removed, exposure);
  return {
      {"score", scored.score}, {"band", queries::to_string(scored.band)}, {"cases", scored.cases}};
}

}  // namespace

json chokepoint_report(const EvidenceReader& reader, const graph::QueryGraph& graph,
                       const analysis::ChokepointResult& result,
                       const analysis::ChokepointOptions& options) {
  json cut = json::array();
  std::vector<graph::VertexId> removed;
  for (const auto& member : result.cut) {
    json item = entity_label_json(reader.entity(graph, member.vertex));
    item["cost"] = member.cost;
    item["cases"] = labels(reader, graph, member.cases);
    cut.push_back(std::move(item));
    removed.push_back(member.vertex);
  }
  const auto& routes = result.routes;
  return {{"start", entity_label_json(reader.entity(graph, result.start))},
          {"options",
           {{"max_hops", options.walk.max_hops},
            {"cost", analysis::to_string(options.cost)},
            {"min_confidence", options.walk.min_confidence}}},
          {"routes",
           {{"origins", routes.origins.size()},
            {"vertices", routes.vertices.size()},
            {"relations", routes.edges.size()},
            {"cases", labels(reader, graph, routes.cases)}}},
          {"cut", cut},
          {"cut_cost", result.cut_cost},
          {"uncuttable_cases", labels(reader, graph, result.uncuttable_cases)},
          {"articulation_points", labels(reader, graph, result.articulation_points)},
          {"exposure",
           {{"before", exposure_json(graph, result, options, {})},
            {"after_cut", exposure_json(graph, result, options, removed)}}},
          {"method",
           "Minimum vertex cut by max-flow: each entity on the routes is split into in -> out with "
           "its cost as "
           "capacity (cases and the start cannot be cut), each route relation is an arc of "
           "unbounded capacity, "
           "a source feeds every case and every origin drains to the sink."},
          {"exactness", kExactness}};
}

std::string chokepoints_text(const json& report) {
  const auto& options = report["options"];
  const auto& routes = report["routes"];
  std::string out = fmt::format(
      "Chokepoints between {} ({}) and documented forced labour, within {} hops\n",
      entity_text(report["start"]), str(report["start"]["kind"]), str(options["max_hops"]));
  out += fmt::format("  routes: {} entities, {} relations, {} case(s); cost: {}\n",
                     str(routes["vertices"]), str(routes["relations"]), routes["cases"].size(),
                     str(options["cost"]));
  if (routes["cases"].empty()) {
    out += fmt::format("\nNo documented case within {} hops: nothing to cut.\n",
                       str(options["max_hops"]));
    return out;
  }
  if (report["cut"].empty()) {
    out += "\nNo cut: no route can be cut (see the uncuttable cases below).\n";
  } else {
    out += fmt::format("\nLeast-cost cut ({} entities, total cost {}):\n", report["cut"].size(),
                       str(report["cut_cost"]));
    for (const auto& member : report["cut"]) {
      out += fmt::format("  {} ({}), cost {}, carries {} case(s):", entity_text(member),
                         str(member["kind"]), str(member["cost"]), member["cases"].size());
      for (const auto& found : member["cases"]) out += " " + str(found["id"]);
      out += "\n";
    }
  }
  if (!report["uncuttable_cases"].empty()) {
    out +=
        "\nUncuttable (a route with nothing that may be cut, e.g. a case documenting the start "
        "itself):\n";
    for (const auto& found : report["uncuttable_cases"])
      out += fmt::format("  {}\n", entity_text(found));
  }
  out += "\nArticulation points (each alone separates the cases from the start):";
  if (report["articulation_points"].empty()) out += " none";
  out += "\n";
  for (const auto& point : report["articulation_points"]) {
    out += fmt::format("  {} ({})\n", entity_text(point), str(point["kind"]));
  }
  const auto& exposure = report["exposure"];
  out += fmt::format(
      "\nExposure of the start: {} ({}, {} case(s)) before; {} ({}, {} case(s)) after the cut\n",
      fixed(exposure["before"]["score"].get<double>()), str(exposure["before"]["band"]),
      str(exposure["before"]["cases"]), fixed(exposure["after_cut"]["score"].get<double>()),
      str(exposure["after_cut"]["band"]), str(exposure["after_cut"]["cases"]));
  out += fmt::format("\n{}\n", str(report["exactness"]));
  return out;
}

}  // namespace flgraph::viz
