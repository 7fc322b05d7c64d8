// queries/walk.h: the walks every query shares: backward balls and per-case temporal distances.
#pragma once
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include "graph/query_graph.h"
#include "queries/case_distances.h"
#include "queries/scratch.h"
#include "queries/temporal_rule.h"
#include "queries/walk_filter.h"

namespace flgraph::queries {

inline constexpr int kDefaultMaxHops = 6;

// What every walk takes: the relations it may use, how far it goes, and what may bound it.
struct WalkOptions : WalkFilter {
  int max_hops = kDefaultMaxHops;
  int tolerance_days = kDefaultToleranceDays;  // widens each case's window (temporal_rule.h)
  // Optional hops_to_any_case() of the same graph, computed once and shared by many queries: a
  // start with no case within reach is answered at once, and the path search skips vertices no
  // case path within max_hops can cross. Results do not change, only speed.
  const CaseDistances* case_distances = nullptr;
};

// Every vertex within max_hops backward steps of the origins, with its least hop count.
// same_as edges are walked both ways at no hop cost (0-1 breadth-first search).
struct BackwardBall {
  static constexpr std::uint32_t kAbsent = std::numeric_limits<std::uint32_t>::max();

  BackwardBall() = default;
  explicit BackwardBall(std::size_t vertex_count) : local_of(vertex_count) {}
  // Gives local_of back clean: only the ball's own vertices were ever set.
  ~BackwardBall() {
    if (local_of.size() == 0) return;
    for (VertexId v : vertices) local_of[v] = kAbsent;
    local_of.mark_clean();
  }
  BackwardBall(BackwardBall&&) noexcept = default;
  BackwardBall& operator=(BackwardBall&&) noexcept = default;

  std::vector<VertexId> origins;
  std::vector<VertexId> vertices;                // discovery order; local index = position
  std::vector<std::int8_t> hops;                 // by local index
  std::vector<std::uint8_t> origin;              // by local index: 1 for an origin
  VertexArray<std::uint32_t, kAbsent> local_of;  // by vertex: local index or kAbsent

  // A vertex enters the ball here: listed before it is marked, so the list covers every mark.
  std::uint32_t add(VertexId v, int hop_count, bool is_origin) {
    const auto local = static_cast<std::uint32_t>(vertices.size());
    vertices.push_back(v);
    hops.push_back(static_cast<std::int8_t>(hop_count));
    origin.push_back(is_origin ? 1 : 0);
    local_of[v] = local;
    return local;
  }

  bool contains(VertexId v) const { return local_of[v] != kAbsent; }
  std::uint32_t local(VertexId v) const { return local_of[v]; }
  int distance(VertexId v) const { return hops[local_of[v]]; }
  bool is_origin(VertexId v) const { return origin[local_of[v]] != 0; }
};

// The start itself, or for a product every shipment that carries it.
std::vector<VertexId> trace_origins(const graph::QueryGraph& graph, VertexId start);

BackwardBall walk_backward(const graph::QueryGraph& graph, const std::vector<VertexId>& origins,
                           const WalkOptions& options);

// Least hops from a case to the origins over edges valid for the case's window (Q3 of
// ../shared/bench/WORKLOAD.md). The ball's distances bound the search: a vertex entered at
// depth k is kept only if k + distance(v) <= max_hops, which keeps it small and exact.
//
// A second bound skips vertices from which no path can fit the window. A path fits [L, R]
// when each of its relations does: a shipment dated d needs L <= d <= R, any other relation
// [f, t] needs L <= t and f <= R. So a path fits exactly when L <= (the least d or t on it)
// and R >= (the greatest d or f on it). Per vertex and hop budget h, the constructor computes
// the best of each over all paths of at most h hops to an origin (each maximised or minimised
// on its own, so an optimistic bound); a window beyond either bound fits no path from there.
class TemporalDistances {
 public:
  TemporalDistances(const graph::QueryGraph& graph, const BackwardBall& ball,
                    const WalkOptions& options);

  // What one search marks; one per thread, so several threads can search the same ball.
  class Search {
   public:
    explicit Search(std::size_t ball_size) : stamp_(ball_size, 0), depth_(ball_size, 0) {}

   private:
    friend class TemporalDistances;
    std::vector<std::uint32_t> stamp_;  // by ball local index; == epoch_: seen in this search
    std::vector<std::int8_t> depth_;    // by ball local index
    std::uint32_t epoch_ = 0;
    std::vector<std::vector<std::pair<VertexId, std::int8_t>>> open_;  // by depth + distance left
  };
  Search search() const { return Search(ball_.vertices.size()); }

  // -1 when no valid path of at most max_hops hops exists.
  int distance_from_case(VertexId case_vertex, Search& search) const;
  int distance_from_case(VertexId case_vertex) {
    if (!own_search_) own_search_.emplace(search());
    return distance_from_case(case_vertex, *own_search_);
  }

 private:
  int distance_in_window(VertexId case_vertex, VertexId first, EdgeIdx documents_edge,
                         Search& search) const;
  void compute_fit_bounds();
  bool may_fit(std::uint32_t local, int hops_left, const CaseWindow& window) const {
    const std::size_t at = static_cast<std::size_t>(hops_left) * ball_.vertices.size() + local;
    return fits(RelationFit{true, latest_start_[at], earliest_end_[at]}, window);
  }

  const graph::QueryGraph& graph_;
  const BackwardBall& ball_;
  const WalkOptions& options_;
  // By hop budget h, then ball local index: the largest window start and the smallest window
  // end that some path of at most h hops to an origin admits (see above).
  std::vector<std::int32_t> latest_start_;
  std::vector<std::int32_t> earliest_end_;
  std::optional<Search> own_search_;
};

}  // namespace flgraph::queries
