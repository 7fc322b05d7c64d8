// queries/walk.cpp: 0-1 breadth-first walks over the query graph.
#include "queries/walk.h"

#include <algorithm>
#include <deque>

namespace flgraph::queries {

using graph::RelationKind;

std::vector<VertexId> trace_origins(const graph::QueryGraph& g, VertexId start) {
  if (g.kind(start) != graph::EntityKind::Product) return {start};
  std::vector<VertexId> shipments;
  g.for_each_in_edge(start, [&](VertexId shipment, EdgeIdx e) {
    if (g.edge_kind(e) == RelationKind::Carries) shipments.push_back(shipment);
  });
  std::sort(shipments.begin(), shipments.end());
  shipments.erase(std::unique(shipments.begin(), shipments.end()), shipments.end());
  return shipments;
}

namespace {

// With a shared distance-to-any-case bound, a vertex reached at depth d is kept only if a case
// lies within max_hops - d of it. Every vertex on a shortest path to a kept vertex is kept too,
// so the distances of the kept vertices are exact, and no case path within max_hops is lost.
class CaseReach {
 public:
  explicit CaseReach(const WalkOptions& options)
      : max_hops_(options.max_hops),
        to_case_(options.case_distances != nullptr &&
                         options.case_distances->bounds(options.max_hops)
                     ? options.case_distances->hops.data()
                     : nullptr) {}
  bool worth_keeping(VertexId v, int hops) const {
    return to_case_ == nullptr || hops + to_case_[v] <= max_hops_;
  }

 private:
  int max_hops_;
  const std::int8_t* to_case_;
};

// Level by level with flat frontiers: the common case, where no same_as step can be walked.
void walk_levels(const graph::QueryGraph& g, BackwardBall& ball, const WalkOptions& options) {
  const CaseReach case_reach(options);
  std::vector<VertexId> frontier = ball.vertices;
  std::vector<VertexId> next;
  for (int hops = 1; hops <= options.max_hops && !frontier.empty(); ++hops) {
    next.clear();
    for (VertexId v : frontier) {
      g.for_each_in_edge(v, [&](VertexId u, EdgeIdx e) {
        if (ball.local_of[u] != BackwardBall::kAbsent || !edge_admissible(g, e, options)) return;
        if (!case_reach.worth_keeping(u, hops)) return;
        ball.add(u, hops, false);
        next.push_back(u);
      });
    }
    frontier.swap(next);
  }
}

}  // namespace

BackwardBall walk_backward(const graph::QueryGraph& g, const std::vector<VertexId>& origins,
                           const WalkOptions& options) {
  BackwardBall ball(g.vertex_count());
  ball.origins = origins;
  const bool free_steps = g.has_same_as() && (options.kinds & kind_bit(RelationKind::SameAs)) != 0;
  // Origins stay, reachable cases or not: searches end there.
  std::deque<VertexId> queue;
  for (VertexId origin : origins) {
    if (ball.local_of[origin] != BackwardBall::kAbsent) continue;
    ball.add(origin, 0, true);
    if (free_steps) queue.push_front(origin);
  }
  if (!free_steps) {
    walk_levels(g, ball, options);
    return ball;
  }
  const CaseReach case_reach(options);
  auto improve = [&](VertexId v, int hops) {
    if (hops > options.max_hops || !case_reach.worth_keeping(v, hops)) return false;
    const auto local = ball.local_of[v];
    if (local == BackwardBall::kAbsent) {
      ball.add(v, hops, false);
    } else if (ball.hops[local] <= hops) {
      return false;
    } else {
      ball.hops[local] = static_cast<std::int8_t>(hops);
    }
    return true;
  };
  walk_zero_one<StepDirection::AgainstArrows>(
      g, queue, [&](EdgeIdx e) { return edge_admissible(g, e, options); }, improve,
      [&](VertexId v) { return static_cast<int>(ball.hops[ball.local_of[v]]); });
  return ball;
}

TemporalDistances::TemporalDistances(const graph::QueryGraph& g, const BackwardBall& ball,
                                     const WalkOptions& options)
    : graph_(g), ball_(ball), options_(options) {
  compute_fit_bounds();
}

void TemporalDistances::compute_fit_bounds() {
  const std::size_t n = ball_.vertices.size();
  const int levels = options_.max_hops + 1;
  // Unreachable within h hops: the loosest values, which prune nothing but never wrongly.
  latest_start_.assign(static_cast<std::size_t>(levels) * n, graph::kOpenStart);
  earliest_end_.assign(static_cast<std::size_t>(levels) * n, graph::kOpenEnd);
  struct Step {
    std::uint32_t from;
    std::uint32_t to;
    RelationFit fit;
  };
  std::vector<Step> free_steps;  // same_as, walked both ways at no hop cost
  for (std::uint32_t local = 0; local < n; ++local) {
    graph_.for_each_out_edge(ball_.vertices[local], [&](VertexId x, EdgeIdx e) {
      if (graph_.edge_kind(e) != RelationKind::SameAs || !ball_.contains(x) ||
          !edge_admissible(graph_, e, options_))
        return;
      const auto fit = relation_fit(graph_, e);
      if (!fit.possible) return;
      free_steps.push_back({local, ball_.local(x), fit});
      free_steps.push_back({ball_.local(x), local, fit});
    });
  }
  for (int h = 0; h < levels; ++h) {
    std::int32_t* start = latest_start_.data() + static_cast<std::size_t>(h) * n;
    std::int32_t* end = earliest_end_.data() + static_cast<std::size_t>(h) * n;
    if (h == 0) {
      for (VertexId origin : ball_.origins) {
        start[ball_.local(origin)] = graph::kOpenEnd;  // the empty path fits every window
        end[ball_.local(origin)] = graph::kOpenStart;
      }
    } else {
      const std::int32_t* previous_start = start - n;
      const std::int32_t* previous_end = end - n;
      std::copy(previous_start, previous_start + n, start);
      std::copy(previous_end, previous_end + n, end);
      for (std::uint32_t local = 0; local < n; ++local) {
        // Fewer hops than the plain distance to an origin reach none: nothing to improve.
        if (ball_.hops[local] > h || ball_.origin[local] != 0) continue;
        graph_.for_each_out_edge(ball_.vertices[local], [&](VertexId x, EdgeIdx e) {
          if (graph_.edge_kind(e) == RelationKind::SameAs || !ball_.contains(x) ||
              !edge_admissible(graph_, e, options_)) {
            return;
          }
          const auto fit = relation_fit(graph_, e);
          if (!fit.possible) return;
          const auto next = ball_.local(x);
          start[local] = std::max(start[local], std::min(fit.latest_start, previous_start[next]));
          end[local] = std::min(end[local], std::max(fit.earliest_end, previous_end[next]));
        });
      }
    }
    for (bool changed = !free_steps.empty(); changed;) {
      changed = false;
      for (const auto& step : free_steps) {
        const auto s = std::min(step.fit.latest_start, start[step.to]);
        const auto t = std::max(step.fit.earliest_end, end[step.to]);
        if (s > start[step.from]) start[step.from] = s, changed = true;
        if (t < end[step.from]) end[step.from] = t, changed = true;
      }
    }
  }
}

int TemporalDistances::distance_from_case(VertexId case_vertex, Search& search) const {
  int best = -1;
  graph_.for_each_out_edge(case_vertex, [&](VertexId first, EdgeIdx e) {
    if (graph_.edge_kind(e) != RelationKind::Documents || !ball_.contains(first) ||
        !edge_admissible(graph_, e, options_)) {
      return;
    }
    const int hops = distance_in_window(case_vertex, first, e, search);
    if (hops >= 0 && (best < 0 || hops < best)) best = hops;
  });
  return best;
}

// Best first on depth + the plain distance left (the ball's distance, never more than what a
// window allows): that estimate never decreases along a step, so the first origin taken from
// the open lists is a nearest one, usually found without the breadth of the ball.
int TemporalDistances::distance_in_window(VertexId case_vertex, VertexId first,
                                          EdgeIdx documents_edge, Search& search) const {
  const CaseWindow window = case_window(graph_, documents_edge, options_.tolerance_days);
  if (1 + ball_.distance(first) > options_.max_hops) return -1;
  const std::uint32_t epoch = ++search.epoch_;
  auto& open = search.open_;
  open.resize(static_cast<std::size_t>(options_.max_hops) + 1);
  for (auto& list : open) list.clear();
  auto reach = [&](VertexId v, int depth) {
    if (!ball_.contains(v)) return;
    const int estimate = depth + ball_.distance(v);
    if (estimate > options_.max_hops) return;
    const auto local = ball_.local(v);
    if (search.stamp_[local] == epoch && search.depth_[local] <= depth) return;
    if (!may_fit(local, options_.max_hops - depth, window)) return;
    search.stamp_[local] = epoch;
    search.depth_[local] = static_cast<std::int8_t>(depth);
    open[static_cast<std::size_t>(estimate)].emplace_back(v, static_cast<std::int8_t>(depth));
  };
  // The case itself is never re-entered: a walk through it again would not be a path from it.
  if (ball_.contains(case_vertex)) {
    search.stamp_[ball_.local(case_vertex)] = epoch;
    search.depth_[ball_.local(case_vertex)] = 0;
  }
  reach(first, 1);
  auto usable = [&](EdgeIdx e) {
    return edge_admissible(graph_, e, options_) && edge_valid_in_window(graph_, e, window);
  };
  for (std::size_t estimate = 0; estimate < open.size(); ++estimate) {
    auto& list = open[estimate];
    // Last in, first out within one estimate: the deepest entries are nearest an origin.
    while (!list.empty()) {
      // Named copies, not a structured binding: the lambdas below capture them.
      const VertexId v = list.back().first;
      const auto depth = list.back().second;
      list.pop_back();
      if (search.depth_[ball_.local(v)] != depth) continue;  // reached again, with fewer hops
      if (ball_.is_origin(v)) return depth;
      graph_.for_each_out_edge(v, [&](VertexId x, EdgeIdx e) {
        if (!usable(e)) return;
        reach(x, depth + (graph_.edge_kind(e) == RelationKind::SameAs ? 0 : 1));
      });
      if (!graph_.has_same_as()) continue;
      graph_.for_each_in_edge(v, [&](VertexId x, EdgeIdx e) {
        if (graph_.edge_kind(e) == RelationKind::SameAs && usable(e)) reach(x, depth);
      });
    }
  }
  return -1;
}

}  // namespace flgraph::queries
