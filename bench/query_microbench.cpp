// bench/query_microbench.cpp: Google Benchmark timings of the query engine's building blocks on
// the shared generator's small preset (generated into a temporary folder on first use).
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "graph/query_graph.h"
#include "importers/import.h"
#include "queries/paths.h"
#include "queries/trace.h"
#include "queries/walk.h"

namespace {

namespace fs = std::filesystem;
using flgraph::graph::QueryGraph;
using flgraph::graph::VertexId;

struct Fixture {
  fs::path folder;
  QueryGraph graph;
  std::vector<VertexId> starts;
};

Fixture& fixture() {
  static Fixture loaded = [] {
    Fixture f;
    f.folder = fs::temp_directory_path() / "flgraph-microbench";
    const fs::path data = f.folder / "data";
    if (!fs::exists(data / "queries.csv")) {
      const std::string command =
          fmt::format("python3 {}/bench/gen_supply_graph.py --preset small --out {} > /dev/null",
                      FLGRAPH_SHARED, data.string());
      if (std::system(command.c_str()) != 0)
        throw std::runtime_error("generator failed: " + command);
    }
    const fs::path database = f.folder / "bench.db";
    if (!fs::exists(database))
      flgraph::importers::import_into_database(database, {data / "nodes.csv", data / "edges.csv"},
                                               {});
    const auto store =
        flgraph::graph::Store::open(database, flgraph::graph::Store::OpenMode::ReadOnlyExisting);
    f.graph = QueryGraph::load(store);
    std::ifstream queries(data / "queries.csv");
    std::string line;
    std::getline(queries, line);  // header
    while (std::getline(queries, line))
      f.starts.push_back(*f.graph.find(line.substr(line.find(',') + 1)));
    return f;
  }();
  return loaded;
}

void BM_BackwardWalk(benchmark::State& state) {
  auto& f = fixture();
  const flgraph::queries::TraceOptions options;
  std::size_t i = 0;
  for (auto _ : state) {
    auto ball =
        flgraph::queries::walk_backward(f.graph, {f.starts[i++ % f.starts.size()]}, options);
    benchmark::DoNotOptimize(ball.vertices.size());
  }
}
BENCHMARK(BM_BackwardWalk);

void BM_TraceWithBestPaths(benchmark::State& state) {
  auto& f = fixture();
  flgraph::queries::TraceOptions options;
  options.paths_per_case = static_cast<std::size_t>(state.range(0));
  std::size_t i = 0;
  for (auto _ : state) {
    auto result =
        flgraph::queries::trace_to_cases(f.graph, f.starts[i++ % f.starts.size()], options);
    benchmark::DoNotOptimize(result.cases.size());
  }
}
BENCHMARK(BM_TraceWithBestPaths)->Arg(0)->Arg(1)->Arg(3);

void BM_TemporalTrace(benchmark::State& state) {
  auto& f = fixture();
  flgraph::queries::TraceOptions options;
  options.temporal = true;
  options.paths_per_case = 0;
  std::size_t i = 0;
  for (auto _ : state) {
    auto result =
        flgraph::queries::trace_to_cases(f.graph, f.starts[i++ % f.starts.size()], options);
    benchmark::DoNotOptimize(result.cases.size());
  }
}
BENCHMARK(BM_TemporalTrace);

void BM_CountPaths(benchmark::State& state) {
  auto& f = fixture();
  static const auto shared = flgraph::queries::hops_to_any_case(f.graph, 5);
  flgraph::queries::PathsOptions options;
  options.limit = 0;
  options.case_distances = state.range(0) != 0 ? &shared : nullptr;
  std::size_t i = 0;
  for (auto _ : state) {
    auto result = flgraph::queries::find_paths(f.graph, f.starts[i++ % f.starts.size()], options);
    benchmark::DoNotOptimize(result.count);
  }
}
BENCHMARK(BM_CountPaths)->Arg(0)->Arg(1);

void BM_MapSnapshot(benchmark::State& state) {
  auto& f = fixture();
  const fs::path snapshot = f.folder / "micro.qgraph";
  f.graph.write_snapshot(snapshot, "microbench");
  for (auto _ : state) {
    auto mapped = QueryGraph::map_snapshot(snapshot, "microbench");
    benchmark::DoNotOptimize(mapped->edge_count());
  }
}
BENCHMARK(BM_MapSnapshot)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
