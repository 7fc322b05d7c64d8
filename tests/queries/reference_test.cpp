// tests/queries/reference_test.cpp: trace and paths agree with a brute-force search on random
// graphs.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <thread>

#include "graph_builder.h"
#include "queries/paths.h"
#include "queries/trace.h"

namespace flgraph::queries {
namespace {

using graph::EntityKind;
using graph::QueryGraph;
using graph::RelationKind;

// The reference: every simple path from the origins backward, by plain recursion over all edges,
// with each rule applied literally. Written for clarity, not speed.
struct ReferencePath {
  std::vector<EdgeIdx> edges;  // origin first
  int hops = 0;
  double strength = 1.0;
  VertexId case_vertex = 0;  // where the path ends
};

class Reference {
 public:
  Reference(const QueryGraph& g, const TraceOptions& options) : g_(g), options_(options) {}

  std::vector<ReferencePath> simple_paths_to_cases(const std::vector<VertexId>& origins) {
    paths_.clear();
    for (VertexId origin : origins) {
      std::vector<VertexId> on_path{origin};
      std::vector<EdgeIdx> edges;
      walk(origin, origins, on_path, edges, 0);
    }
    return paths_;
  }

  bool admissible(EdgeIdx e) const {
    if (!graph::is_trace_kind(g_.edge_kind(e))) return false;
    if ((options_.kinds & kind_bit(g_.edge_kind(e))) == 0) return false;
    if (g_.edge_confidence(e) < options_.min_confidence) return false;
    if (options_.from_date && g_.edge_to(e) < options_.from_date->days) return false;
    if (options_.to_date && g_.edge_from(e) > options_.to_date->days) return false;
    return true;
  }

  // A path is consistent when its documents edge (the case's own, last in origin-first order)
  // gives a window in which every edge is valid.
  bool temporally_consistent(const ReferencePath& path) const {
    const EdgeIdx documents = path.edges.back();
    if (g_.edge_kind(documents) != RelationKind::Documents ||
        g_.edge_source(documents) != path.case_vertex)
      return false;
    const std::int64_t a = g_.edge_from(documents);
    const std::int64_t b = g_.edge_to(documents);
    const std::int64_t low = a == graph::kOpenStart ? INT64_MIN : a - options_.tolerance_days;
    const std::int64_t high = b == graph::kOpenEnd ? INT64_MAX : b + options_.tolerance_days;
    for (EdgeIdx e : path.edges) {
      const std::int64_t from = g_.edge_from(e);
      const std::int64_t to = g_.edge_to(e);
      const auto kind = g_.edge_kind(e);
      if (kind == RelationKind::Ships || kind == RelationKind::ConsignedTo) {
        if (from == graph::kOpenStart || from < low || from > high) return false;
      } else if (!(from <= high && to >= low)) {
        return false;
      }
    }
    return true;
  }

 private:
  void walk(VertexId v, const std::vector<VertexId>& origins, std::vector<VertexId>& on_path,
            std::vector<EdgeIdx>& edges, int hops) {
    for (EdgeIdx e = 0; e < g_.edge_count(); ++e) {
      if (!admissible(e)) continue;
      VertexId next;
      if (g_.edge_target(e) == v) {
        next = g_.edge_source(e);
      } else if (g_.edge_source(e) == v && g_.edge_kind(e) == RelationKind::SameAs) {
        next = g_.edge_target(e);
      } else {
        continue;
      }
      const int next_hops = hops + (g_.edge_kind(e) == RelationKind::SameAs ? 0 : 1);
      if (next_hops > options_.max_hops) continue;
      if (std::find(on_path.begin(), on_path.end(), next) != on_path.end()) continue;
      if (std::find(origins.begin(), origins.end(), next) != origins.end()) continue;
      on_path.push_back(next);
      edges.push_back(e);
      if (g_.kind(next) == EntityKind::Case) {
        ReferencePath path{edges, next_hops, 1.0, next};
        for (EdgeIdx used : edges) path.strength *= g_.edge_confidence(used);
        paths_.push_back(path);
      }
      walk(next, origins, on_path, edges, next_hops);
      edges.pop_back();
      on_path.pop_back();
    }
  }

  const QueryGraph& g_;
  const TraceOptions& options_;
  std::vector<ReferencePath> paths_;
};

QueryGraph random_graph(std::mt19937& random, int size = 14) {
  testing::GraphBuilder b;
  const int n = size + static_cast<int>(random() % static_cast<unsigned>(size));
  std::vector<std::pair<std::string, EntityKind>> nodes;
  for (int i = 0; i < n; ++i) {
    const auto kind = static_cast<EntityKind>(random() % graph::kEntityKindCount);
    nodes.emplace_back(fmt::format("n{:04d}", i), kind);
    b.node(nodes.back().first, kind);
  }
  const int m = n * 2 + static_cast<int>(random() % static_cast<unsigned>(n * 2));
  auto random_date = [&]() -> std::string {
    if (random() % 5 == 0) return "";
    return graph::format_date(
        {graph::parse_date("2014-01-01")->days + static_cast<std::int32_t>(random() % 4000)});
  };
  for (int i = 0; i < m; ++i) {
    const auto& src = nodes[random() % nodes.size()];
    const auto& dst = nodes[random() % nodes.size()];
    if (src.first == dst.first) continue;
    // Cases mostly document; other kinds at random, including the never-walked ones.
    const auto kind = src.second == EntityKind::Case && random() % 4 != 0
                          ? RelationKind::Documents
                          : static_cast<RelationKind>(random() % graph::kRelationKindCount);
    std::string from = random_date();
    std::string to =
        kind == RelationKind::Ships || kind == RelationKind::ConsignedTo ? from : random_date();
    if (!from.empty() && !to.empty() && to < from) std::swap(from, to);
    const float confidence = static_cast<float>(1 + random() % 20) / 20.0f;
    b.edge(src.first, dst.first, kind, confidence, from, to);
  }
  return b.build();
}

TraceOptions random_options(std::mt19937& random) {
  TraceOptions options;
  options.max_hops = 1 + static_cast<int>(random() % 6);
  options.paths_per_case = 1 + random() % 4;
  if (random() % 3 == 0) options.min_confidence = static_cast<double>(random() % 10) / 20.0;
  if (random() % 4 == 0) {
    options.kinds =
        static_cast<KindMask>(trace_kinds() & ~kind_bit(static_cast<RelationKind>(random() % 7)));
  }
  if (random() % 4 == 0) options.from_date = graph::parse_date("2016-06-01");
  if (random() % 4 == 0) options.to_date = graph::parse_date("2022-06-01");
  if (random() % 2 == 0) {
    options.temporal = true;
    options.tolerance_days = static_cast<int>(random() % 3) * 365;
  }
  return options;
}

TEST(TraceReference, AgreesWithBruteForceOnRandomGraphs) {
  std::mt19937 random(20261124);
  int compared_cases = 0;
  for (int round = 0; round < 300; ++round) {
    const QueryGraph g = random_graph(random);
    const TraceOptions options = random_options(random);
    const auto start = static_cast<VertexId>(random() % g.vertex_count());
    SCOPED_TRACE(fmt::format("round {} start {} max_hops {} temporal {}", round, g.id(start),
                             options.max_hops, options.temporal));
    const TraceResult result = trace_to_cases(g, start, options);

    std::vector<VertexId> origins = result.origins;
    Reference reference(g, options);
    std::map<VertexId, std::vector<ReferencePath>> expected;
    for (auto& path : reference.simple_paths_to_cases(origins)) {
      if (options.temporal && !reference.temporally_consistent(path)) continue;
      expected[path.case_vertex].push_back(path);
    }
    ASSERT_EQ(result.cases.size(), expected.size());
    for (const auto& found : result.cases) {
      ASSERT_TRUE(expected.count(found.case_vertex)) << g.id(found.case_vertex);
      auto& paths = expected[found.case_vertex];
      int min_hops = options.max_hops + 1;
      for (const auto& p : paths) min_hops = std::min(min_hops, p.hops);
      EXPECT_EQ(found.hops, min_hops) << g.id(found.case_vertex);
      std::sort(paths.begin(), paths.end(), [](const ReferencePath& a, const ReferencePath& b) {
        if (std::abs(a.strength - b.strength) > 1e-9) return a.strength > b.strength;
        return a.hops < b.hops;
      });
      ASSERT_EQ(found.paths.size(), std::min(paths.size(), options.paths_per_case));
      for (std::size_t i = 0; i < found.paths.size(); ++i) {
        EXPECT_NEAR(found.paths[i].strength, paths[i].strength, 1e-6);
        EXPECT_EQ(found.paths[i].hops, paths[i].hops);
      }
      ++compared_cases;
    }
  }
  EXPECT_GT(compared_cases, 100);  // the random graphs really do reach cases
}

TEST(TraceReference, PruningByDistanceToAnyCaseChangesNoResult) {
  std::mt19937 random(7);
  int compared_cases = 0;
  for (int round = 0; round < 300; ++round) {
    const QueryGraph g = random_graph(random);
    TraceOptions options = random_options(random);
    const auto start = static_cast<VertexId>(random() % g.vertex_count());
    SCOPED_TRACE(
        fmt::format("round {} start {} max_hops {}", round, g.id(start), options.max_hops));
    const TraceResult unpruned = trace_to_cases(g, start, options);
    const CaseDistances distances = hops_to_any_case(g, kDefaultMaxHops);
    options.case_distances = &distances;
    const TraceResult pruned = trace_to_cases(g, start, options);
    ASSERT_EQ(pruned.cases.size(), unpruned.cases.size());
    for (std::size_t i = 0; i < pruned.cases.size(); ++i) {
      ASSERT_EQ(pruned.cases[i].case_vertex, unpruned.cases[i].case_vertex);
      ASSERT_EQ(pruned.cases[i].hops, unpruned.cases[i].hops);
      ASSERT_EQ(pruned.cases[i].paths.size(), unpruned.cases[i].paths.size());
      for (std::size_t k = 0; k < pruned.cases[i].paths.size(); ++k) {
        ASSERT_EQ(pruned.cases[i].paths[k].edges, unpruned.cases[i].paths[k].edges);
        ASSERT_EQ(pruned.cases[i].paths[k].strength, unpruned.cases[i].paths[k].strength);
      }
      ++compared_cases;
    }
  }
  EXPECT_GT(compared_cases, 100);
}

TEST(PathsReference, CountsMatchBruteForceOnRandomGraphs) {
  std::mt19937 random(424242);
  std::uint64_t total = 0;
  for (int round = 0; round < 300; ++round) {
    const QueryGraph g = random_graph(random);
    PathsOptions options;
    options.walk = random_options(random);
    options.walk.temporal = false;
    options.limit = 3;
    const auto start = static_cast<VertexId>(random() % g.vertex_count());
    const auto result = find_paths(g, start, options);
    // The shared, precomputed distance bound prunes without changing the answer.
    const CaseDistances shared = hops_to_any_case(g, 6);
    options.case_distances = &shared;
    EXPECT_EQ(find_paths(g, start, options).count, result.count) << "round " << round;
    Reference reference(g, options.walk);
    const auto expected = reference.simple_paths_to_cases({start});
    ASSERT_EQ(result.count, expected.size()) << "round " << round;
    if (!expected.empty()) {
      double best = 0;
      for (const auto& p : expected) best = std::max(best, p.strength);
      ASSERT_FALSE(result.paths.empty());
      EXPECT_NEAR(result.paths.front().strength, best, 1e-6);
    }
    total += result.count;
  }
  EXPECT_GT(total, 100u);
}

}  // namespace
// Queries take their vertex-indexed working arrays from a per-thread pool and give them back
// clean. Every query of a run on one thread (arrays reused many times) must answer exactly as
// the same query on a new thread (arrays made fresh).
TEST(WorkingArrays, ReusedArraysAnswerExactlyAsFreshOnes) {
  std::mt19937 random(99);
  int compared = 0;
  for (int round = 0; round < 20; ++round) {
    const QueryGraph g = random_graph(random);
    TraceOptions options = random_options(random);
    options.temporal = round % 2 == 0;
    const CaseDistances distances = hops_to_any_case(g, kDefaultMaxHops);
    PathsOptions paths;
    paths.walk = options;
    paths.walk.temporal = false;
    paths.limit = 2;
    auto answer = [&](VertexId start) {
      std::string out;
      for (const auto& found : trace_to_cases(g, start, options).cases) {
        out += fmt::format("c{}:{}:{};", found.case_vertex, found.hops, found.paths.size());
      }
      out += fmt::format("p{}", find_paths(g, start, paths).count);
      return out;
    };
    for (VertexId start = 0; start < g.vertex_count(); ++start) {
      const std::string reused = answer(start);
      std::string fresh;
      std::thread([&] { fresh = answer(start); }).join();
      ASSERT_EQ(reused, fresh) << "round " << round << " start " << g.id(start);
      ++compared;
    }
    options.case_distances = &distances;  // the pruned walks share the pool too
    for (VertexId start = 0; start < g.vertex_count(); start += 3) {
      const std::string reused = answer(start);
      std::string fresh;
      std::thread([&] { fresh = answer(start); }).join();
      ASSERT_EQ(reused, fresh) << "pruned, round " << round << " start " << g.id(start);
    }
  }
  EXPECT_GT(compared, 200);
}

// A trace with many cases in reach splits its temporal searches over threads; the answer
// must not depend on how many.
TEST(TraceReference, TemporalSearchesSplitOverThreadsAnswerAsOne) {
  std::mt19937 random(2024);
  std::size_t split_queries = 0;
  for (int round = 0; round < 6; ++round) {
    const QueryGraph g = random_graph(random, 600);
    TraceOptions options = random_options(random);
    options.temporal = true;
    options.max_hops = 6;
    options.paths_per_case = 0;
    for (VertexId start = 0; start < g.vertex_count(); start += 7) {
      options.threads = 1;
      const auto alone = trace_to_cases(g, start, options);
      options.threads = 2;
      const auto split = trace_to_cases(g, start, options);
      ASSERT_EQ(alone.cases.size(), split.cases.size())
          << "round " << round << " start " << g.id(start);
      for (std::size_t i = 0; i < alone.cases.size(); ++i) {
        ASSERT_EQ(alone.cases[i].case_vertex, split.cases[i].case_vertex);
        ASSERT_EQ(alone.cases[i].hops, split.cases[i].hops);
      }
      if (alone.cases.size() >= 64) ++split_queries;
    }
  }
  EXPECT_GT(split_queries, 10u);  // enough queries had the cases to be split
}

}  // namespace flgraph::queries
