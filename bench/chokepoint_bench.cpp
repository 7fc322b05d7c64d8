// bench/chokepoint_bench.cpp: flgraph_chokepoint_bench --store DB --queries queries.csv
// [--cost uniform|shipments|confidence] [--no-case-bound]: find_chokepoints for every start of a
// workload's queries.csv (qid,company_id) on an imported store, timed together. As for Q1, the
// distance-to-any-case bound is built once at load (untimed) and shared by every query.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <string>
#include <vector>

#include "analysis/chokepoints.h"
#include "graph/store.h"
#include "queries/paths.h"

int main(int argc, char** argv) {
  using namespace flgraph;
  CLI::App app{"flgraph_chokepoint_bench: chokepoints for the starts of a workload's queries.csv"};
  std::string database;
  std::string queries_file;
  std::string cost_name = "uniform";
  bool no_case_bound = false;
  app.add_option("--store", database, "An imported flgraph database")->required();
  app.add_option("--queries", queries_file, "queries.csv (qid,company_id)")->required();
  app.add_option("--cost", cost_name, "uniform, shipments or confidence")->capture_default_str();
  app.add_flag("--no-case-bound", no_case_bound, "Do not share a hops_to_any_case bound");
  CLI11_PARSE(app, argc, argv);
  const auto cost = analysis::parse_cut_cost(cost_name);
  if (!cost) {
    fmt::print(stderr, "unknown --cost {}\n", cost_name);
    return 2;
  }
  const auto store = graph::Store::open(database, graph::Store::OpenMode::ReadOnlyExisting);
  const auto graph = graph::QueryGraph::load(store);
  std::ifstream in(queries_file);
  std::string line;
  std::getline(in, line);  // header
  std::vector<graph::VertexId> starts;
  while (std::getline(in, line)) {
    if (const auto vertex = graph.find(line.substr(line.find(',') + 1))) starts.push_back(*vertex);
  }
  analysis::ChokepointOptions options;
  options.cost = *cost;
  const auto case_distances = queries::hops_to_any_case(graph, options.walk.max_hops);
  if (!no_case_bound) options.walk.case_distances = &case_distances;

  std::size_t cases = 0, members = 0, uncuttable = 0, route_vertices = 0, largest = 0;
  const auto began = std::chrono::steady_clock::now();
  for (const auto start : starts) {
    const auto result = analysis::find_chokepoints(graph, start, options);
    cases += result.routes.cases.size();
    members += result.cut.size();
    uncuttable += result.uncuttable_cases.size();
    route_vertices += result.routes.vertices.size();
    largest = std::max(largest, result.routes.vertices.size());
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  fmt::print("{} starts, cost {}: {:.3f} s; {} cases in reach, {} cut members, {} uncuttable, {} route vertices "
             "(largest {})\n",
             starts.size(), cost_name, seconds, cases, members, uncuttable, route_vertices, largest);
  return 0;
}
