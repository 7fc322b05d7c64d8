// bench/workload_runner.cpp: flgraph's runner for ../shared/bench/WORKLOAD.md (Q1 trace, Q2 paths,
// Q3 temporal trace), writing the same flgraph.{tsv,witness.tsv,json} files as the peer runners.
#include <fmt/format.h>
#include <openssl/evp.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "graph/errors.h"
#include "graph/query_graph.h"
#include "graph/store.h"
#include "importers/import.h"
#include "queries/paths.h"
#include "queries/trace.h"
#include "queries/walk.h"

namespace {

namespace fs = std::filesystem;
using flgraph::graph::EdgeIdx;
using flgraph::graph::QueryGraph;
using flgraph::graph::VertexId;
using Clock = std::chrono::steady_clock;

constexpr std::string_view kEngine = "flgraph";
constexpr int kPathsMaxHops = 5;     // WORKLOAD.md, Q2
constexpr int kToleranceDays = 365;  // WORKLOAD.md, Q3
constexpr double kDefaultBudgetS = 300.0;
constexpr double kDefaultQueryTimeoutS = 60.0;
constexpr std::size_t kErrorsReported = 3;  // per phase in ENGINE.json, as peer_common.py
constexpr VertexId kNoVertex = std::numeric_limits<VertexId>::max();

// The columns of ENGINE.tsv, in file order (WORKLOAD.md, "Results and timing").
enum Column : std::size_t {
  kQid,
  kCompany,
  kQ1Cases,
  kQ1Hopsum,
  kQ1Digest,
  kQ2Paths,
  kQ3Cases,
  kQ3Hopsum,
  kQ1Ms,
  kQ2Ms,
  kQ3Ms,
  kColumnCount
};
constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "qid",      "company",   "q1_cases", "q1_hopsum", "q1_digest", "q2_paths",
    "q3_cases", "q3_hopsum", "q1_ms",    "q2_ms",     "q3_ms"};

struct RunnerOptions {
  fs::path data_dir;
  fs::path out_dir;
  fs::path work_dir;  // empty: a temporary folder, removed at exit
  double budget_s = kDefaultBudgetS;
  double query_timeout_s = kDefaultQueryTimeoutS;
  std::string phases = "q1,q2,q3";
  std::size_t limit = 0;  // 0: all queries
  fs::path store;         // non-empty: query this existing database instead of importing the CSV
};

struct WorkloadQuery {
  int qid = 0;
  std::string company_id;
};

struct CaseWitness {
  std::string case_id;
  int hops = 0;
  std::string path;  // ids joined by '>', case first
};

double seconds_since(Clock::time_point started) {
  return std::chrono::duration<double>(Clock::now() - started).count();
}

double round_to(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

std::vector<WorkloadQuery> read_queries(const fs::path& data_dir, std::size_t limit) {
  const fs::path path = data_dir / "queries.csv";
  std::ifstream in(path);
  if (!in) throw flgraph::NotFoundError(fmt::format("cannot read \"{}\"", path.string()));
  std::vector<WorkloadQuery> queries;
  std::string line;
  std::getline(in, line);  // header: qid,company_id
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    // Company ids are plain ASCII without commas or quotes (WORKLOAD.md, Data).
    const auto comma = line.find(',');
    if (comma == std::string::npos) {
      throw flgraph::Error(
          fmt::format("{}: expected qid,company_id, got \"{}\"", path.string(), line));
    }
    queries.push_back({std::stoi(line.substr(0, comma)), line.substr(comma + 1)});
    if (limit != 0 && queries.size() == limit) break;
  }
  return queries;
}

// WORKLOAD.md's q1_digest: the first 16 hex digits of MD5 over the sorted witness lines.
std::string witness_digest(const std::vector<CaseWitness>& witnesses) {
  std::vector<std::string> lines;
  lines.reserve(witnesses.size());
  for (const auto& w : witnesses)
    lines.push_back(fmt::format("{}\t{}\t{}", w.case_id, w.hops, w.path));
  std::sort(lines.begin(), lines.end());  // std::string compares bytes as unsigned: byte-wise order
  std::string text;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) text += '\n';
    text += lines[i];
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int md_length = 0;
  if (EVP_Digest(text.data(), text.size(), md.data(), &md_length, EVP_md5(), nullptr) != 1) {
    throw std::runtime_error("MD5 failed");
  }
  std::string hex;
  for (unsigned int i = 0; i < 8 && i < md_length; ++i) hex += fmt::format("{:02x}", md[i]);
  return hex;
}

// Q1: every case within max_hops backward steps, each with its canonical witness (the
// smallest-id neighbour one step nearer the company at every hop).
std::vector<CaseWitness> trace_with_witnesses(const QueryGraph& g, VertexId company,
                                              const flgraph::queries::TraceOptions& options) {
  const auto ball = flgraph::queries::walk_backward(g, {company}, options);
  // The next hop is memoised per vertex: hubs sit on the witness paths of many cases.
  std::vector<VertexId> next_hop(ball.vertices.size(), kNoVertex);
  auto canonical_next = [&](VertexId v) {
    VertexId& memo = next_hop[ball.local(v)];
    if (memo != kNoVertex) return memo;
    const int wanted_hops = ball.distance(v) - 1;
    g.for_each_out_edge(v, [&](VertexId u, EdgeIdx e) {
      if (u < memo && ball.contains(u) && ball.distance(u) == wanted_hops &&
          flgraph::queries::edge_admissible(g, e, options)) {
        memo = u;
      }
    });
    if (memo == kNoVertex)
      throw std::logic_error(fmt::format("no next hop from {} in the ball", g.id(v)));
    return memo;
  };
  std::vector<CaseWitness> witnesses;
  for (VertexId v : ball.vertices) {
    if (g.kind(v) != flgraph::graph::EntityKind::Case || ball.is_origin(v)) continue;
    CaseWitness witness{std::string(g.id(v)), ball.distance(v), std::string(g.id(v))};
    for (VertexId step = v; ball.distance(step) > 0;) {
      step = canonical_next(step);
      witness.path += '>';
      witness.path += g.id(step);
    }
    witnesses.push_back(std::move(witness));
  }
  return witnesses;
}

VertexId find_company(const QueryGraph& g, const std::string& company_id) {
  const auto vertex = g.find(company_id);
  if (!vertex)
    throw flgraph::NotFoundError(fmt::format("query company {} is not in the graph", company_id));
  return *vertex;
}

// One query phase, as peer_common.Phase: stops starting queries once its time passes the budget.
class Phase {
 public:
  Phase(std::string name, double budget_s) : name_(std::move(name)), budget_s_(budget_s) {}

  // The query's result, or nullopt when the budget was spent or the query failed.
  template <typename Query>
  auto run(Query&& query) -> std::optional<decltype(query())> {
    if (total_s_ >= budget_s_) return std::nullopt;
    const auto started = Clock::now();
    try {
      auto result = query();
      const double elapsed_s = seconds_since(started);
      total_s_ += elapsed_s;
      last_ms_ = elapsed_s * 1000.0;
      ++done_;
      return result;
    } catch (const std::exception& e) {
      total_s_ += seconds_since(started);
      errors_.push_back(e.what());
      return std::nullopt;
    }
  }

  const std::string& name() const { return name_; }
  double total_s() const { return total_s_; }
  double last_ms() const { return last_ms_; }
  int done() const { return done_; }
  const std::vector<std::string>& errors() const { return errors_; }

 private:
  std::string name_;
  double budget_s_;
  double total_s_ = 0.0;
  double last_ms_ = 0.0;
  int done_ = 0;
  std::vector<std::string> errors_;
};

// Three decimals: many flgraph queries take well under 0.1 ms.
std::string format_ms(double ms) { return fmt::format("{:.3f}", ms); }

// The three result files of WORKLOAD.md, filled as the phases run.
class Results {
 public:
  using Row = std::array<std::string, kColumnCount>;

  void set(const WorkloadQuery& query, Column column, std::string value) {
    row(query)[column] = std::move(value);
  }
  void add_row(const WorkloadQuery& query) { row(query); }
  void add_witnesses(int qid, const std::vector<CaseWitness>& witnesses) {
    for (const auto& w : witnesses)
      witness_lines_.push_back(fmt::format("{}\t{}\t{}\t{}", qid, w.case_id, w.hops, w.path));
  }

  void write(const fs::path& out_dir, nlohmann::ordered_json summary) const {
    const fs::path base = out_dir / kEngine;
    std::ofstream table(base.string() + ".tsv");
    for (std::size_t c = 0; c < kColumnCount; ++c) table << (c > 0 ? "\t" : "") << kColumnNames[c];
    table << '\n';
    for (const auto& [qid, cells] : rows_) {
      for (std::size_t c = 0; c < kColumnCount; ++c) table << (c > 0 ? "\t" : "") << cells[c];
      table << '\n';
    }
    std::ofstream witness(base.string() + ".witness.tsv");
    witness << "qid\tcase\thops\tpath\n";
    for (const auto& line : witness_lines_) witness << line << '\n';
    std::ofstream json(base.string() + ".json");
    json << summary.dump(1) << '\n';
    if (!table || !witness || !json)
      throw flgraph::Error(fmt::format("cannot write results to {}", out_dir.string()));
  }

 private:
  Row& row(const WorkloadQuery& query) {
    auto [it, inserted] = rows_.try_emplace(query.qid);
    if (inserted) {
      it->second.fill("-");
      it->second[kQid] = std::to_string(query.qid);
      it->second[kCompany] = query.company_id;
    }
    return it->second;
  }

  std::map<int, Row> rows_;
  std::vector<std::string> witness_lines_;
};

void log(const std::string& message) { std::cerr << kEngine << ": " << message << std::endl; }

// The store lives in the work folder, or in a temporary one that is removed when done.
class WorkFolder {
 public:
  explicit WorkFolder(const fs::path& requested) {
    if (requested.empty()) {
      path_ = fs::temp_directory_path() / fmt::format("flgraph_workload-{}", getpid());
      is_temporary_ = true;
    } else {
      path_ = requested;
    }
    fs::create_directories(path_);
  }
  ~WorkFolder() {
    std::error_code ignored;
    if (is_temporary_) fs::remove_all(path_, ignored);
  }
  WorkFolder(const WorkFolder&) = delete;
  WorkFolder& operator=(const WorkFolder&) = delete;

  // A path for a new database. Earlier files of that name, with any suffix (-wal, -shm, a
  // query-graph snapshot), are removed so that the import and the graph build start cold.
  fs::path fresh_database(const std::string& name) const {
    std::vector<fs::path> stale;
    for (const auto& entry : fs::directory_iterator(path_)) {
      if (entry.path().filename().string().starts_with(name)) stale.push_back(entry.path());
    }
    for (const auto& file : stale) fs::remove_all(file);
    return path_ / name;
  }

 private:
  fs::path path_;
  bool is_temporary_ = false;
};

int run(const RunnerOptions& options) {
  std::set<std::string> phases;
  {
    std::istringstream list(options.phases);
    for (std::string phase; std::getline(list, phase, ',');) phases.insert(phase);
  }
  fs::create_directories(options.out_dir);
  const WorkFolder work(options.work_dir);
  const auto queries = read_queries(options.data_dir, options.limit);

  // Load: CSV to a fresh store, then the store to the in-memory query graph.
  const auto import_started = Clock::now();
  fs::path database = options.store;
  flgraph::importers::ImportSummary import_summary;
  if (database.empty()) {
    database = work.fresh_database("flgraph.db");
    import_summary = flgraph::importers::import_into_database(
        database, {options.data_dir / "nodes.csv", options.data_dir / "edges.csv"}, {});
  }
  const double import_s = seconds_since(import_started);
  const auto graph_started = Clock::now();
  const QueryGraph graph = [&] {
    const auto store =
        flgraph::graph::Store::open(database, flgraph::graph::Store::OpenMode::ReadOnlyExisting);
    return QueryGraph::load(store);
  }();
  // Built once at load, like an index: the distance-to-any-case bound every Q2 query prunes with.
  const auto case_distances = flgraph::queries::hops_to_any_case(graph, kPathsMaxHops);
  // The same bound at the trace limit: Q1 and Q3 walk only vertices on some case path.
  const auto trace_case_distances =
      flgraph::queries::hops_to_any_case(graph, flgraph::queries::kDefaultMaxHops);
  const double graph_s = seconds_since(graph_started);
  const double load_s = import_s + graph_s;
  log(fmt::format("loaded {} vertices, {} edges in {:.2f}s (import {:.2f}s, query graph {:.2f}s)",
                  graph.vertex_count(), graph.edge_count(), load_s, import_s, graph_s));

  Results results;
  for (const auto& query : queries) results.add_row(query);
  std::map<std::string, Phase> ran;
  auto start_phase = [&](const std::string& name) -> Phase& {
    return ran.try_emplace(name, name, options.budget_s).first->second;
  };
  auto report = [&](const Phase& phase) {
    log(fmt::format("{} {} done in {:.2f}s", phase.name(), phase.done(), phase.total_s()));
  };

  if (phases.contains("q1")) {
    Phase& phase = start_phase("q1");
    flgraph::queries::TraceOptions trace_options;  // max_hops 6, the trace kinds
    trace_options.case_distances = &trace_case_distances;
    for (const auto& query : queries) {
      const auto witnesses = phase.run([&] {
        return trace_with_witnesses(graph, find_company(graph, query.company_id), trace_options);
      });
      if (!witnesses) continue;
      int hop_sum = 0;
      for (const auto& w : *witnesses) hop_sum += w.hops;
      results.set(query, kQ1Cases, std::to_string(witnesses->size()));
      results.set(query, kQ1Hopsum, std::to_string(hop_sum));
      results.set(query, kQ1Digest, witness_digest(*witnesses));
      results.set(query, kQ1Ms, format_ms(phase.last_ms()));
      results.add_witnesses(query.qid, *witnesses);
    }
    report(phase);
  }
  if (phases.contains("q2")) {
    Phase& phase = start_phase("q2");
    flgraph::queries::PathsOptions paths_options;
    paths_options.walk.max_hops = kPathsMaxHops;
    paths_options.limit = 0;  // count only
    paths_options.case_distances = &case_distances;
    for (const auto& query : queries) {
      const auto count = phase.run([&] {
        return flgraph::queries::find_paths(graph, find_company(graph, query.company_id),
                                            paths_options)
            .count;
      });
      if (!count) continue;
      results.set(query, kQ2Paths, std::to_string(*count));
      results.set(query, kQ2Ms, format_ms(phase.last_ms()));
    }
    report(phase);
  }
  if (phases.contains("q3")) {
    Phase& phase = start_phase("q3");
    flgraph::queries::TraceOptions temporal_options;
    temporal_options.temporal = true;
    temporal_options.tolerance_days = kToleranceDays;
    temporal_options.paths_per_case = 0;  // distances only
    temporal_options.case_distances = &trace_case_distances;
    // A query's per-case window searches split over the two cores (WORKLOAD.md allows them).
    temporal_options.threads =
        static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 2u));
    for (const auto& query : queries) {
      const auto cases = phase.run([&] {
        return flgraph::queries::trace_to_cases(graph, find_company(graph, query.company_id),
                                                temporal_options)
            .cases;
      });
      if (!cases) continue;
      int hop_sum = 0;
      for (const auto& found : *cases) hop_sum += found.hops;
      results.set(query, kQ3Cases, std::to_string(cases->size()));
      results.set(query, kQ3Hopsum, std::to_string(hop_sum));
      results.set(query, kQ3Ms, format_ms(phase.last_ms()));
    }
    report(phase);
  }

  nlohmann::ordered_json summary;
  summary["engine"] = kEngine;
  summary["version"] = fmt::format("flgraph {} ({})", FLGRAPH_VERSION, FLGRAPH_BUILD_TYPE);
  summary["data"] = options.data_dir.string();
  summary["load_s"] = round_to(load_s, 3);
  for (const char* name : {"q1", "q2", "q3"}) {
    const auto it = ran.find(name);
    const std::string key(name);
    if (it == ran.end()) {
      summary[key + "_ms"] = nullptr;
      summary[key + "_done"] = nullptr;
      summary[key + "_errors"] = nullptr;
      continue;
    }
    const Phase& phase = it->second;
    summary[key + "_ms"] = round_to(phase.total_s() * 1000.0, 1);
    summary[key + "_done"] = phase.done();
    const auto& errors = phase.errors();
    summary[key + "_errors"] = std::vector<std::string>(
        errors.begin(),
        errors.begin() + static_cast<std::ptrdiff_t>(std::min(errors.size(), kErrorsReported)));
  }
  summary["notes"] = {
      fmt::format("load = import {:.3f}s (CSV to SQLite store, then store to the query graph "
                  "snapshot: {:.3f}s of "
                  "it) + query graph {:.3f}s (map the snapshot, two distance-to-case bounds)",
                  import_s, import_summary.query_graph_seconds, graph_s),
      fmt::format("{} vertices, {} edges (all kinds loaded; carries is never walked)",
                  graph.vertex_count(), graph.edge_count()),
      fmt::format("query graph arrays: {:.1f} MB, {:.1f} bytes per edge",
                  static_cast<double>(graph.memory_bytes()) / 1e6,
                  static_cast<double>(graph.memory_bytes()) /
                      static_cast<double>(std::max<std::size_t>(graph.edge_count(), 1))),
      fmt::format("queries are not interruptible: --query-timeout {}s is not enforced",
                  options.query_timeout_s),
      "q1_digest computed outside the timed region, as the peers do",
  };
  results.write(options.out_dir, summary);
  std::cout << summary.dump() << std::endl;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "flgraph runner for ../shared/bench/WORKLOAD.md: load the CSVs, run Q1-Q3, write flgraph.* "
      "results"};
  RunnerOptions options;
  app.add_option("--data", options.data_dir, "folder with nodes.csv, edges.csv, queries.csv")
      ->required();
  app.add_option("--out", options.out_dir,
                 "folder for flgraph.tsv, flgraph.json, flgraph.witness.tsv")
      ->required();
  app.add_option("--work", options.work_dir,
                 "scratch folder for the SQLite store (default: a temporary one)");
  app.add_option("--budget", options.budget_s,
                 "seconds allowed per query phase; later queries are skipped")
      ->envname("PEER_BUDGET_S")
      ->capture_default_str();
  app.add_option("--query-timeout", options.query_timeout_s,
                 "seconds for one query (accepted, not enforced)")
      ->envname("PEER_QUERY_TIMEOUT_S")
      ->capture_default_str();
  app.add_option("--queries", options.phases, "comma list of phases to run")->capture_default_str();
  app.add_option("--limit", options.limit, "run only the first N queries (0 = all)")
      ->capture_default_str();
  app.add_option("--store", options.store,
                 "query this database (imported before from the same --data) instead of importing; "
                 "for profiling")
      ->check(CLI::ExistingFile);
  CLI11_PARSE(app, argc, argv);
  try {
    return run(options);
  } catch (const std::exception& e) {
    std::cerr << kEngine << ": " << e.what() << '\n';
    return 1;
  }
}
