// queries/trace.cpp: hop-limited backward walks, per-case temporal walks and best-path search.
#include "queries/trace.h"

#include <algorithm>
#include <exception>
#include <thread>

#include "queries/walk.h"

namespace flgraph::queries {
namespace {

using graph::QueryGraph;
using graph::RelationKind;

// Expansions one case's best-path search may spend before it reports a truncated search.
constexpr std::size_t kMaxExpansionsPerCase = 5'000'000;
// Below this many cases per thread, starting a thread costs more than the searches it takes.
constexpr std::size_t kCasesWorthAThread = 32;

// Upper bounds on the strength still reachable: best_[h][local] = the strongest path from a
// ball vertex to an origin with at most h counted hops. Lets the path search prune early.
class StrengthBound {
 public:
  // `to_case` (optional) marks vertices no case path within max_hops can cross: they keep 0.
  StrengthBound(const QueryGraph& g, const BackwardBall& ball, const TraceOptions& options,
                const std::vector<std::int8_t>* to_case) {
    const std::size_t n = ball.vertices.size();
    std::vector<std::uint8_t> relevant(n, 1);
    if (to_case != nullptr) {
      for (std::uint32_t local = 0; local < n; ++local) {
        relevant[local] =
            ball.hops[local] + (*to_case)[ball.vertices[local]] <= options.max_hops ? 1 : 0;
      }
    }
    best_.assign(static_cast<std::size_t>(options.max_hops) + 1, std::vector<float>(n, 0.0f));
    std::vector<std::pair<std::uint32_t, std::pair<std::uint32_t, float>>>
        same_as;  // (a, (b, conf))
    for (std::uint32_t local = 0; local < n; ++local) {
      g.for_each_out_edge(ball.vertices[local], [&](VertexId x, EdgeIdx e) {
        if (g.edge_kind(e) != RelationKind::SameAs || !ball.contains(x) ||
            !edge_admissible(g, e, options))
          return;
        same_as.push_back({local, {ball.local(x), g.edge_confidence(e)}});
      });
    }
    for (std::size_t h = 0; h < best_.size(); ++h) {
      auto& level = best_[h];
      if (h == 0) {
        for (VertexId origin : ball.origins) level[ball.local(origin)] = 1.0f;
      } else {
        const auto& previous = best_[h - 1];
        level = previous;
        for (std::uint32_t local = 0; local < n; ++local) {
          if (relevant[local] == 0) continue;
          float best = level[local];
          g.for_each_out_edge(ball.vertices[local], [&](VertexId x, EdgeIdx e) {
            if (g.edge_kind(e) == RelationKind::SameAs || !ball.contains(x) ||
                !edge_admissible(g, e, options))
              return;
            best = std::max(best, g.edge_confidence(e) * previous[ball.local(x)]);
          });
          level[local] = best;
        }
      }
      // same_as steps are free: close the level over them until nothing improves.
      for (bool changed = !same_as.empty(); changed;) {
        changed = false;
        for (const auto& [a, link] : same_as) {
          const auto [b, conf] = link;
          if (conf * level[b] > level[a]) level[a] = conf * level[b], changed = true;
          if (conf * level[a] > level[b]) level[b] = conf * level[a], changed = true;
        }
      }
    }
  }
  float at(int hops_left, std::uint32_t local) const {
    return best_[static_cast<std::size_t>(hops_left)][local];
  }

 private:
  std::vector<std::vector<float>> best_;
};

// Depth-first search from one case toward the origins, keeping the K best simple paths.
class BestPathSearch {
 public:
  BestPathSearch(const QueryGraph& g, const BackwardBall& ball, const StrengthBound& bound,
                 const TraceOptions& options, VertexArray<std::uint8_t, 0>& on_path)
      : g_(g), ball_(ball), bound_(bound), options_(options), on_path_(on_path) {}

  // Best paths from `case_vertex`; with a window, only edges valid for it (temporal mode).
  std::vector<EvidencePath> run(VertexId case_vertex, bool& truncated) {
    found_.clear();
    expansions_ = 0;
    truncated_ = false;
    path_vertices_.assign(1, case_vertex);
    path_edges_.clear();
    on_path_[case_vertex] = 1;
    // The first hop is a documents edge (or whatever leaves the case) and fixes the window.
    visit_steps(case_vertex, [&](VertexId x, EdgeIdx e) {
      std::optional<CaseWindow> window;
      if (options_.temporal) {
        if (g_.edge_kind(e) != RelationKind::Documents) return;
        window = case_window(g_, e, options_.tolerance_days);
      }
      const int cost = hop_cost(e);
      if (cost + ball_.distance(x) > options_.max_hops) return;
      extend(x, e, cost, 1.0, 1.0, window);
    });
    on_path_[case_vertex] = 0;
    truncated = truncated_;
    return found_;
  }

 private:
  int hop_cost(EdgeIdx e) const { return g_.edge_kind(e) == RelationKind::SameAs ? 0 : 1; }
  bool step_allowed(EdgeIdx e, VertexId x) const {
    return ball_.contains(x) && on_path_[x] == 0 && edge_admissible(g_, e, options_);
  }
  // A path weaker than the last kept one by no more than the tie margin may still outrank it.
  double threshold() const {
    return found_.size() < options_.paths_per_case ? -1.0
                                                   : found_.back().strength - kStrengthTieEpsilon;
  }

  void extend(VertexId x, EdgeIdx e, int hops, double strength, double weakest,
              const std::optional<CaseWindow>& window) {
    if (window && !edge_valid_in_window(g_, e, *window)) return;
    const double conf = g_.edge_confidence(e);
    const double next_strength = strength * conf;
    if (next_strength * bound_.at(options_.max_hops - hops, ball_.local(x)) < threshold()) return;
    if (++expansions_ > kMaxExpansionsPerCase) {
      truncated_ = true;
      return;
    }
    path_vertices_.push_back(x);
    path_edges_.push_back(e);
    on_path_[x] = 1;
    const double next_weakest = std::min(weakest, conf);
    if (ball_.is_origin(x)) {
      record(hops, next_strength, next_weakest);
    } else {
      visit_steps(x, [&](VertexId y, EdgeIdx f) {
        const int cost = hops + hop_cost(f);
        if (cost + ball_.distance(y) > options_.max_hops) return;
        extend(y, f, cost, next_strength, next_weakest, window);
      });
    }
    on_path_[x] = 0;
    path_vertices_.pop_back();
    path_edges_.pop_back();
  }

  // Steps toward the buyer: along the arrows, and same_as both ways.
  template <typename Visit>
  void visit_steps(VertexId v, Visit&& visit) {
    g_.for_each_out_edge(v, [&](VertexId y, EdgeIdx f) {
      if (step_allowed(f, y)) visit(y, f);
    });
    // Without a same_as relation in the graph, the reverse rows (a hub's are long) hold nothing.
    if (!g_.has_same_as()) return;
    g_.for_each_in_edge(v, [&](VertexId y, EdgeIdx f) {
      if (g_.edge_kind(f) == RelationKind::SameAs && step_allowed(f, y)) visit(y, f);
    });
  }

  void record(int hops, double strength, double weakest) {
    EvidencePath path{path_edges_, path_vertices_, strength, weakest, hops};
    const auto position = std::upper_bound(
        found_.begin(), found_.end(), path,
        [](const EvidencePath& a, const EvidencePath& b) { return ranks_before(a, b); });
    found_.insert(position, std::move(path));
    if (found_.size() > options_.paths_per_case) found_.pop_back();
  }

  const QueryGraph& g_;
  const BackwardBall& ball_;
  const StrengthBound& bound_;
  const TraceOptions& options_;
  VertexArray<std::uint8_t, 0>& on_path_;
  std::vector<VertexId> path_vertices_;
  std::vector<EdgeIdx> path_edges_;
  std::vector<EvidencePath> found_;
  std::size_t expansions_ = 0;
  bool truncated_ = false;
};

}  // namespace

TraceResult trace_to_cases(const QueryGraph& g, VertexId start, const TraceOptions& options) {
  TraceResult result;
  result.start = start;
  result.origins = trace_origins(g, start);
  const std::vector<std::int8_t>* to_case = nullptr;
  if (options.case_distances != nullptr && options.case_distances->bounds(options.max_hops)) {
    to_case = &options.case_distances->hops;
    const bool reachable =
        std::any_of(result.origins.begin(), result.origins.end(),
                    [&](VertexId origin) { return (*to_case)[origin] <= options.max_hops; });
    if (!reachable) return result;
  }
  const BackwardBall ball = walk_backward(g, result.origins, options);

  std::vector<CaseResult> cases;
  for (VertexId v : ball.vertices) {
    if (g.kind(v) == graph::EntityKind::Case && !ball.is_origin(v))
      cases.push_back({v, ball.distance(v), {}, false});
  }
  if (options.temporal) {
    const TemporalDistances temporal(g, ball, options);
    std::vector<int> hops(cases.size(), -1);
    // Cases are dealt round-robin, so the costly ones (near hubs) spread over the threads.
    auto search_cases = [&](std::size_t first, std::size_t stride) {
      auto search = temporal.search();
      for (std::size_t i = first; i < cases.size(); i += stride) {
        hops[i] = temporal.distance_from_case(cases[i].case_vertex, search);
      }
    };
    const auto threads = static_cast<std::size_t>(std::max(1, options.threads));
    if (threads > 1 && cases.size() >= kCasesWorthAThread * threads) {
      std::vector<std::exception_ptr> errors(threads);
      std::vector<std::thread> helpers;
      for (std::size_t t = 1; t < threads; ++t) {
        helpers.emplace_back([&, t] {
          try {
            search_cases(t, threads);
          } catch (...) {
            errors[t] = std::current_exception();
          }
        });
      }
      try {
        search_cases(0, threads);
      } catch (...) {
        errors[0] = std::current_exception();
      }
      for (auto& helper : helpers) helper.join();
      for (const auto& error : errors) {
        if (error) std::rethrow_exception(error);
      }
    } else {
      search_cases(0, 1);
    }
    for (std::size_t i = 0; i < cases.size(); ++i) cases[i].hops = hops[i];
    std::erase_if(cases, [](const CaseResult& found) { return found.hops < 0; });
  }
  if (options.paths_per_case > 0 && !cases.empty()) {
    const StrengthBound bound(g, ball, options, to_case);
    VertexArray<std::uint8_t, 0> on_path(g.vertex_count());
    BestPathSearch search(g, ball, bound, options, on_path);
    for (auto& found : cases) {
      bool truncated = false;
      found.paths = search.run(found.case_vertex, truncated);
      found.search_truncated = truncated;
    }
    on_path.mark_clean();  // each search unmarks what it marked as it backtracks
    std::erase_if(cases, [](const CaseResult& found) {
      return found.paths.empty() && !found.search_truncated;
    });
  }
  std::sort(cases.begin(), cases.end(), [](const CaseResult& a, const CaseResult& b) {
    const double strength_a = a.paths.empty() ? 0.0 : a.paths.front().strength;
    const double strength_b = b.paths.empty() ? 0.0 : b.paths.front().strength;
    if (strengths_differ(strength_a, strength_b)) return strength_a > strength_b;
    if (a.hops != b.hops) return a.hops < b.hops;
    return a.case_vertex < b.case_vertex;
  });
  result.cases = std::move(cases);
  return result;
}

}  // namespace flgraph::queries
