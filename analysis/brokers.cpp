// analysis/brokers.cpp: betweenness restricted to sources and targets (Brandes 2008, "On variants
// of shortest-path betweenness centrality and their generic computation"), one breadth-first
// search per source with Boost.Graph over the filtered route view, then the dependency
// accumulation over the search's shortest-path DAG in reverse.
#include "analysis/brokers.h"

#include <algorithm>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/pending/queue.hpp>
#include <cmath>
#include <limits>
#include <random>
#include <thread>
#include <utility>

#include "analysis/route_view.h"

namespace flgraph::analysis {
namespace {

using graph::RelationKind;

constexpr std::uint8_t kAlongArrow = 1;
constexpr std::uint8_t kAgainstArrow = 2;
constexpr std::int32_t kUnreached = -1;
// Sources are split into this many fixed chunks, each summed on its own and then added in chunk
// order, so the answer does not depend on how the threads are scheduled.
constexpr std::size_t kSourceChunks = 2;

// Per edge: may a route take it along its arrow, and against it (same_as only)? Computed once,
// so the searches read one byte per step instead of the kind, confidence and dates.
std::vector<std::uint8_t> walkable_steps(const QueryGraph& graph,
                                         const queries::TraceOptions& walk) {
  std::vector<std::uint8_t> walkable(graph.edge_count(), 0);
  for (EdgeIdx e = 0; e < graph.edge_count(); ++e) {
    if (!queries::edge_admissible(graph, e, walk)) continue;
    walkable[e] = kAlongArrow;
    if (graph.edge_kind(e) == RelationKind::SameAs) walkable[e] |= kAgainstArrow;
  }
  return walkable;
}

// The filter of the route view: an admitted step that leaves a vertex below the hop limit. The
// search sets a vertex's hops before it expands it, so the limit stops the search itself.
struct AdmittedStep {
  const std::uint8_t* walkable = nullptr;
  const std::int32_t* hops = nullptr;
  std::int32_t max_hops = 0;
  bool operator()(const RouteStep& step) const {
    return (walkable[step.index] & (step.against_arrow ? kAgainstArrow : kAlongArrow)) != 0 &&
           hops[step.from] < max_hops;
  }
};
using AdmittedRoutes = boost::filtered_graph<RouteView, AdmittedStep>;

// One thread's arrays, sized once and reset after each source only where the search went.
struct SearchScratch {
  explicit SearchScratch(std::size_t n)
      : hops(n, kUnreached),
        paths(n, 0.0),
        dependency(n, 0.0),
        onward_routes(n, 0.0),
        color(n, boost::white_color) {}
  std::vector<std::int32_t> hops;     // steps from the source
  std::vector<double> paths;          // sigma: shortest routes from the source
  std::vector<double> dependency;     // delta: Brandes' dependency on targets beyond
  std::vector<double> onward_routes;  // shortest-DAG routes from the vertex on to targets
  std::vector<boost::default_color_type> color;
  std::vector<VertexId> reached;                         // in search order, the source first
  std::vector<std::pair<VertexId, VertexId>> dag_steps;  // (u, w) with hops[w] == hops[u] + 1
  boost::queue<VertexId> queue;
};

// Records hops, path counts and the shortest-path DAG as boost::breadth_first_visit goes.
class ShortestRoutesRecorder : public boost::default_bfs_visitor {
 public:
  explicit ShortestRoutesRecorder(SearchScratch& scratch) : scratch_(&scratch) {}
  template <typename Graph>
  void examine_edge(const RouteStep& step, const Graph&) const {
    auto& s = *scratch_;
    const std::int32_t next = s.hops[step.from] + 1;
    if (s.hops[step.to] == kUnreached) {
      s.hops[step.to] = next;
      s.reached.push_back(step.to);
    }
    if (s.hops[step.to] == next) {
      s.paths[step.to] += s.paths[step.from];
      s.dag_steps.emplace_back(step.from, step.to);
    }
  }

 private:
  SearchScratch* scratch_;
};

// Sums over the sources of one chunk.
struct ChunkTotals {
  explicit ChunkTotals(std::size_t n, bool with_squares) : score(n, 0.0), routes(n, 0.0) {
    if (with_squares) score_squares.assign(n, 0.0);
  }
  std::vector<double> score;
  std::vector<double> score_squares;  // for the sampling error
  std::vector<double> routes;
};

void add_source(const RouteView& routes_view, const std::vector<std::uint8_t>& walkable,
                std::int32_t max_hops, const std::vector<std::uint8_t>& is_target,
                VertexId source_vertex, SearchScratch& s, ChunkTotals& totals) {
  const AdmittedRoutes admitted(routes_view,
                                AdmittedStep{walkable.data(), s.hops.data(), max_hops});
  s.hops[source_vertex] = 0;
  s.paths[source_vertex] = 1.0;
  s.reached.push_back(source_vertex);
  boost::breadth_first_visit(admitted, source_vertex, s.queue, ShortestRoutesRecorder(s),
                             boost::make_iterator_property_map(
                                 s.color.begin(), boost::typed_identity_property_map<VertexId>()));
  // A step's head is finished before its tail: the tail was expanded earlier in the search, and
  // the DAG steps were recorded in expansion order.
  for (auto step = s.dag_steps.rbegin(); step != s.dag_steps.rend(); ++step) {
    const auto [u, w] = *step;
    const double ends_here = is_target[w] ? 1.0 : 0.0;
    s.dependency[u] += s.paths[u] / s.paths[w] * (ends_here + s.dependency[w]);
    s.onward_routes[u] += ends_here + s.onward_routes[w];
  }
  for (std::size_t i = 1; i < s.reached.size(); ++i) {  // the source itself earns nothing
    const VertexId v = s.reached[i];
    totals.score[v] += s.dependency[v];
    if (!totals.score_squares.empty()) totals.score_squares[v] += s.dependency[v] * s.dependency[v];
    totals.routes[v] += s.paths[v] * s.onward_routes[v];
  }
  for (const VertexId v : s.reached) {
    s.hops[v] = kUnreached;
    s.paths[v] = 0.0;
    s.dependency[v] = 0.0;
    s.onward_routes[v] = 0.0;
    s.color[v] = boost::white_color;
  }
  s.reached.clear();
  s.dag_steps.clear();
}

// n of the sources without replacement, the same n for the same seed; ascending.
std::vector<VertexId> draw_sample(std::vector<VertexId> sources, std::size_t n,
                                  std::uint64_t seed) {
  std::mt19937_64 random(seed);
  for (std::size_t i = 0; i < n; ++i) {  // a partial Fisher-Yates shuffle
    std::uniform_int_distribution<std::size_t> pick(i, sources.size() - 1);
    std::swap(sources[i], sources[pick(random)]);
  }
  sources.resize(n);
  std::sort(sources.begin(), sources.end());
  return sources;
}

std::vector<VertexId> ascending_unique(std::vector<VertexId> vertices) {
  std::sort(vertices.begin(), vertices.end());
  vertices.erase(std::unique(vertices.begin(), vertices.end()), vertices.end());
  return vertices;
}

// Whether `e` gives its endpoint a role: it passes the confidence and date window of `walk`.
bool role_relation(const QueryGraph& graph, EdgeIdx e, const queries::TraceOptions& walk) {
  auto role = walk;
  role.kinds = queries::kind_bit(graph.edge_kind(e));
  return queries::edge_admissible(graph, e, role);
}

}  // namespace

std::vector<VertexId> documented_parties(const QueryGraph& graph,
                                         const queries::TraceOptions& walk) {
  std::vector<VertexId> parties;
  for (VertexId v = 0; v < graph.vertex_count(); ++v) {
    if (graph.kind(v) != graph::EntityKind::Case) continue;
    graph.for_each_out_edge(v, [&](VertexId party, EdgeIdx e) {
      if (graph.edge_kind(e) == RelationKind::Documents && role_relation(graph, e, walk))
        parties.push_back(party);
    });
  }
  return ascending_unique(std::move(parties));
}

std::vector<VertexId> buyers(const QueryGraph& graph, const queries::TraceOptions& walk) {
  std::vector<VertexId> found;
  for (VertexId v = 0; v < graph.vertex_count(); ++v) {
    if (graph.kind(v) != graph::EntityKind::Company) continue;
    bool buys = false;
    graph.for_each_in_edge(v, [&](VertexId, EdgeIdx e) {
      const auto kind = graph.edge_kind(e);
      if ((kind == RelationKind::ConsignedTo || kind == RelationKind::Supplies) &&
          role_relation(graph, e, walk)) {
        buys = true;
      }
    });
    if (buys) found.push_back(v);
  }
  return found;
}

VertexScores restricted_betweenness(const QueryGraph& graph, std::vector<VertexId> sources,
                                    const std::vector<VertexId>& targets,
                                    const BrokerOptions& options) {
  const std::size_t n = graph.vertex_count();
  sources = ascending_unique(std::move(sources));
  const std::size_t all_sources = sources.size();
  VertexScores result;
  result.sampled = options.sample > 0 && options.sample < all_sources;
  if (result.sampled) sources = draw_sample(std::move(sources), options.sample, options.seed);
  result.sources_used = sources.size();
  result.sources = sources;

  std::vector<std::uint8_t> is_target(n, 0);
  for (const VertexId t : targets) is_target[t] = 1;
  const auto walkable = walkable_steps(graph, options.walk);
  const bool same_as_walked =
      graph.has_same_as() && (options.walk.kinds & queries::kind_bit(RelationKind::SameAs)) != 0;
  const RouteView routes_view(graph, same_as_walked);
  const std::int32_t max_hops = std::max(options.walk.max_hops, 0);

  std::vector<ChunkTotals> chunks;
  for (std::size_t c = 0; c < kSourceChunks; ++c) chunks.emplace_back(n, result.sampled);
  auto run_chunk = [&](std::size_t chunk) {
    SearchScratch scratch(n);
    const std::size_t begin = sources.size() * chunk / kSourceChunks;
    const std::size_t end = sources.size() * (chunk + 1) / kSourceChunks;
    for (std::size_t i = begin; i < end; ++i) {
      add_source(routes_view, walkable, max_hops, is_target, sources[i], scratch, chunks[chunk]);
    }
  };
  if (sources.size() >= kSourceChunks && std::thread::hardware_concurrency() > 1) {
    std::vector<std::thread> workers;
    for (std::size_t c = 1; c < kSourceChunks; ++c) workers.emplace_back(run_chunk, c);
    run_chunk(0);
    for (auto& worker : workers) worker.join();
  } else {
    for (std::size_t c = 0; c < kSourceChunks; ++c) run_chunk(c);
  }
  for (std::size_t c = 1; c < kSourceChunks; ++c) {
    for (std::size_t v = 0; v < n; ++v) {
      chunks[0].score[v] += chunks[c].score[v];
      chunks[0].routes[v] += chunks[c].routes[v];
      if (result.sampled) chunks[0].score_squares[v] += chunks[c].score_squares[v];
    }
  }

  result.score = std::move(chunks[0].score);
  result.routes = std::move(chunks[0].routes);
  result.score_error.assign(n, 0.0);
  if (!result.sampled) return result;
  // Scaled up by |S|/N; the error is the sample's standard deviation of per-source
  // contributions times |S|/sqrt(N), with the finite-population correction sqrt(1 - N/|S|).
  const auto used = static_cast<double>(result.sources_used);
  const auto total = static_cast<double>(all_sources);
  const double scale = total / used;
  const double correction = std::sqrt(1.0 - used / total);
  for (std::size_t v = 0; v < n; ++v) {
    const double sum = result.score[v];
    if (used < 2) {
      result.score_error[v] =
          sum > 0 ? std::numeric_limits<double>::quiet_NaN() : 0.0;  // cannot be estimated
    } else {
      const double variance =
          std::max(0.0, (chunks[0].score_squares[v] - sum * sum / used) / (used - 1));
      result.score_error[v] = std::sqrt(variance) * total / std::sqrt(used) * correction;
    }
    result.score[v] = sum * scale;
    result.routes[v] *= scale;
  }
  return result;
}

std::vector<double> broker_scores(const QueryGraph& graph, const BrokerOptions& options) {
  return restricted_betweenness(graph, documented_parties(graph, options.walk),
                                buyers(graph, options.walk), options)
      .score;
}

BrokersResult find_brokers(const QueryGraph& graph, const BrokerOptions& options) {
  const auto parties = documented_parties(graph, options.walk);
  const auto targets = buyers(graph, options.walk);
  const auto scores = restricted_betweenness(graph, parties, targets, options);
  BrokersResult result;
  result.sources = parties.size();
  result.sources_used = scores.sources_used;
  result.buyers = targets.size();
  result.sampled = scores.sampled;
  if (result.sampled) result.sampled_sources = scores.sources;
  std::vector<VertexId> ranked;
  for (VertexId v = 0; v < graph.vertex_count(); ++v) {
    if (scores.score[v] > 0.0) ranked.push_back(v);
  }
  // Vertex numbers follow id order, so the tie-break by number is the tie-break by id.
  auto higher = [&](VertexId a, VertexId b) {
    return scores.score[a] != scores.score[b] ? scores.score[a] > scores.score[b] : a < b;
  };
  const std::size_t kept = std::min(options.top, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(kept),
                    ranked.end(), higher);
  for (std::size_t i = 0; i < kept; ++i) {
    const VertexId v = ranked[i];
    result.rows.push_back({v, scores.score[v], scores.score_error[v], scores.routes[v]});
  }
  return result;
}

}  // namespace flgraph::analysis
