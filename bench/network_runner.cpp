// bench/network_runner.cpp: times the network analyses (brokers, chokepoints, components) on a
// graph of ../shared/bench/gen_supply_graph.py, and writes what a peer needs to compute the same
// betweenness (the sampled sources and the buyers) beside the scores, for bench/network_peers.py.
//
// The query graph is built straight from the CSV files: loading is measured by the workload
// runner, and these analyses read only the query graph.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/brokers.h"
#include "analysis/chokepoints.h"
#include "analysis/components.h"
#include "graph/errors.h"
#include "graph/query_graph.h"
#include "importers/csv_reader.h"
#include "queries/paths.h"

namespace {

namespace fs = std::filesystem;
using flgraph::graph::QueryGraph;
using flgraph::graph::VertexId;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point started) {
  return std::chrono::duration<double>(Clock::now() - started).count();
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw flgraph::NotFoundError(fmt::format("cannot read \"{}\"", path.string()));
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// nodes.csv (id,kind,name,country; sorted by id) and edges.csv (src,dst,kind,date_from,date_to,
// confidence), as WORKLOAD.md describes them.
QueryGraph load_csv_graph(const fs::path& data) {
  using namespace flgraph::graph;
  std::vector<VertexInput> vertices;
  {
    const std::string text = read_file(data / "nodes.csv");
    flgraph::importers::CsvReader reader("nodes.csv", text);
    flgraph::importers::CsvRow row;
    reader.next(row);  // header
    while (reader.next(row)) {
      const auto kind = parse_entity_kind(row.fields.at(1));
      if (!kind) throw flgraph::Error(fmt::format("nodes.csv line {}: unknown kind", row.line));
      vertices.push_back(
          {row.fields.at(0), *kind, false, static_cast<EntityRowId>(vertices.size() + 1)});
    }
  }
  std::vector<std::string_view> ids;
  ids.reserve(vertices.size());
  for (const auto& v : vertices) ids.emplace_back(v.id);
  auto vertex_of = [&](const std::string& id, std::size_t line) {
    const auto at = std::lower_bound(ids.begin(), ids.end(), std::string_view(id));
    if (at == ids.end() || *at != id)
      throw flgraph::Error(fmt::format("edges.csv line {}: unknown id {}", line, id));
    return static_cast<VertexId>(at - ids.begin());
  };
  std::vector<EdgeInput> edges;
  const std::string text = read_file(data / "edges.csv");
  flgraph::importers::CsvReader reader("edges.csv", text);
  flgraph::importers::CsvRow row;
  reader.next(row);
  while (reader.next(row)) {
    const auto kind = parse_relation_kind(row.fields.at(2));
    if (!kind) throw flgraph::Error(fmt::format("edges.csv line {}: unknown kind", row.line));
    EdgeInput edge;
    edge.src = vertex_of(row.fields.at(0), row.line);
    edge.dst = vertex_of(row.fields.at(1), row.line);
    edge.kind = *kind;
    if (const auto from = parse_date(row.fields.at(3))) edge.date_from = from->days;
    if (const auto to = parse_date(row.fields.at(4))) edge.date_to = to->days;
    if (!row.fields.at(5).empty()) edge.confidence = std::stof(row.fields.at(5));
    edge.relation_row = static_cast<RelationRowId>(edges.size() + 1);
    edges.push_back(edge);
  }
  return QueryGraph::build(std::move(vertices), std::move(edges));
}

std::vector<std::string> read_query_companies(const fs::path& data) {
  std::istringstream lines(read_file(data / "queries.csv"));
  std::vector<std::string> companies;
  std::string line;
  std::getline(lines, line);  // qid,company_id
  while (std::getline(lines, line)) {
    if (const auto comma = line.find(','); comma != std::string::npos)
      companies.push_back(line.substr(comma + 1));
  }
  return companies;
}

struct Options {
  fs::path data;
  fs::path out;
  std::size_t sample = 200;
  int max_hops = flgraph::queries::kDefaultMaxHops;
  // NetworkX's subset betweenness has no cutoff, so the comparison runs without one (the CLI
  // allows at most 20; some shortest party-to-buyer routes of the generated graphs are longer).
  int broker_max_hops = 1000;
};

int run(const Options& options) {
  nlohmann::ordered_json report;
  auto started = Clock::now();
  const QueryGraph graph = load_csv_graph(options.data);
  report["vertices"] = graph.vertex_count();
  report["edges"] = graph.edge_count();
  report["load_s"] = seconds_since(started);
  std::cerr << fmt::format("network: {} vertices, {} edges in {:.1f}s\n", graph.vertex_count(),
                           graph.edge_count(), report["load_s"].get<double>());

  // Brokers: sampled sources, every buyer; the sample is written out for the peer.
  flgraph::analysis::BrokerOptions brokers;
  brokers.walk.max_hops = options.broker_max_hops;
  brokers.sample = options.sample;
  brokers.top = 20;
  started = Clock::now();
  const auto found = flgraph::analysis::find_brokers(graph, brokers);
  const double brokers_s = seconds_since(started);
  std::cerr << fmt::format("network: brokers from {} of {} sources to {} buyers in {:.2f}s\n",
                           found.sources_used, found.sources, found.buyers, brokers_s);
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  // Unscaled: the sum over the sampled sources only, which is what a peer given the same sources
  // computes.
  const double unscale =
      found.sampled ? static_cast<double>(found.sources_used) / static_cast<double>(found.sources)
                    : 1.0;
  for (const auto& row : found.rows) {
    rows.push_back({{"id", graph.id(row.vertex)},
                    {"score", row.score},
                    {"sampled_sum", row.score * unscale},
                    {"error", row.score_error},
                    {"routes", row.routes}});
  }
  std::vector<std::string> source_ids;
  for (VertexId v : found.sampled_sources) source_ids.emplace_back(graph.id(v));
  report["brokers"] = {{"seconds", brokers_s},
                       {"sources", found.sources},
                       {"sources_used", found.sources_used},
                       {"buyers", found.buyers},
                       {"max_hops", options.broker_max_hops},
                       {"rows", rows},
                       {"sampled_sources", source_ids}};

  // Choke points for every workload query company: with the distance-to-any-case bound built
  // once (as the workload's Q1 shares it), and without it (what one CLI call does).
  const auto companies = read_query_companies(options.data);
  started = Clock::now();
  const auto case_distances = flgraph::queries::hops_to_any_case(graph, options.max_hops);
  const double bound_s = seconds_since(started);
  nlohmann::ordered_json cuts = nlohmann::ordered_json::array();
  std::size_t with_cases = 0;
  auto all_chokepoints = [&](const flgraph::queries::CaseDistances* bound) {
    flgraph::analysis::ChokepointOptions chokepoints;
    chokepoints.walk.max_hops = options.max_hops;
    chokepoints.walk.case_distances = bound;
    cuts = nlohmann::ordered_json::array();
    with_cases = 0;
    const auto begun = Clock::now();
    for (const auto& company : companies) {
      const auto start = graph.find(company);
      if (!start)
        throw flgraph::NotFoundError(fmt::format("query company {} is not in the graph", company));
      const auto result = flgraph::analysis::find_chokepoints(graph, *start, chokepoints);
      with_cases += result.routes.cases.empty() ? 0u : 1u;
      cuts.push_back({{"company", company},
                      {"cases", result.routes.cases.size()},
                      {"route_vertices", result.routes.vertices.size()},
                      {"cut", result.cut.size()},
                      {"cut_cost", result.cut_cost},
                      {"uncuttable", result.uncuttable_cases.size()}});
    }
    return seconds_since(begun);
  };
  const double unbounded_s = all_chokepoints(nullptr);
  const auto unbounded_cuts = cuts;
  const double chokepoints_s = all_chokepoints(&case_distances);
  if (cuts != unbounded_cuts)
    throw flgraph::Error("chokepoints differ with and without the case-distance bound");
  std::cerr << fmt::format(
      "network: chokepoints for {} companies ({} with cases) in {:.3f}s with the shared bound "
      "({:.2f}s to build), "
      "{:.3f}s without\n",
      cuts.size(), with_cases, chokepoints_s, bound_s, unbounded_s);
  report["chokepoints"] = {{"seconds", chokepoints_s},
                           {"bound_build_s", bound_s},
                           {"seconds_without_bound", unbounded_s},
                           {"max_hops", options.max_hops},
                           {"queries", cuts}};

  started = Clock::now();
  const auto components = flgraph::analysis::linked_components(graph, {}, {});
  const double components_s = seconds_since(started);
  std::cerr << fmt::format("network: {} components with cases in {:.2f}s\n", components.size(),
                           components_s);
  report["components"] = {{"seconds", components_s},
                          {"count", components.size()},
                          {"largest", components.empty() ? 0 : components.front().size}};

  fs::create_directories(options.out);
  std::ofstream(options.out / "flgraph_network.json") << report.dump(1) << '\n';
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"flgraph network analyses on a generated supply graph"};
  Options options;
  app.add_option("--data", options.data, "Folder of gen_supply_graph.py output")->required();
  app.add_option("--out", options.out, "Folder for flgraph_network.json")->required();
  app.add_option("--sample", options.sample, "Sources sampled for brokers");
  app.add_option("--max-hops", options.max_hops, "Hop limit of chokepoints");
  app.add_option("--broker-max-hops", options.broker_max_hops,
                 "Hop limit of brokers (default: none in effect)");
  CLI11_PARSE(app, argc, argv);
  try {
    return run(options);
  } catch (const std::exception& e) {
    std::cerr << "network: " << e.what() << '\n';
    return 1;
  }
}
