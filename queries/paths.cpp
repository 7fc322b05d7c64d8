// queries/paths.cpp: bounded enumeration of simple paths with a distance-to-target prune.
#include "queries/paths.h"

#include <algorithm>

#include "queries/scratch.h"

namespace flgraph::queries {
namespace {

using graph::QueryGraph;
using graph::RelationKind;

class PathEnumerator {
 public:
  // `hops_left` is read, not copied: a shared bound of millions of vertices stays shared.
  PathEnumerator(const QueryGraph& g, const PathsOptions& options,
                 const std::vector<std::int8_t>& hops_left)
      : g_(g), options_(options), hops_to_target_(hops_left.data()), on_path_(g.vertex_count()) {}

  PathsResult run(VertexId from) {
    vertices_.assign(1, from);
    on_path_[from] = 1;
    walk(from, 0, 1.0, 1.0);
    on_path_[from] = 0;
    on_path_.mark_clean();  // the walk unmarks each vertex as it backtracks
    std::sort(result_.paths.begin(), result_.paths.end(),
              [](const EvidencePath& a, const EvidencePath& b) { return ranks_before(a, b); });
    return std::move(result_);
  }

 private:
  bool is_target(VertexId v) const {
    return options_.target ? v == *options_.target : g_.kind(v) == graph::EntityKind::Case;
  }

  void walk(VertexId v, int hops, double strength, double weakest) {
    auto step = [&](VertexId u, EdgeIdx e, bool free_step) {
      if (on_path_[u] != 0 || !edge_admissible(g_, e, options_.walk)) return;
      const int next_hops = hops + (free_step ? 0 : 1);
      if (next_hops + hops_to_target_[u] > options_.walk.max_hops) return;
      const double conf = g_.edge_confidence(e);
      vertices_.push_back(u);
      edges_.push_back(e);
      on_path_[u] = 1;
      if (is_target(u)) found(next_hops, strength * conf, std::min(weakest, conf));
      // Past a fixed target no simple path can come back to it; cases may be passed through.
      if (!options_.target || u != *options_.target)
        walk(u, next_hops, strength * conf, std::min(weakest, conf));
      on_path_[u] = 0;
      vertices_.pop_back();
      edges_.pop_back();
    };
    g_.for_each_in_edge(
        v, [&](VertexId u, EdgeIdx e) { step(u, e, g_.edge_kind(e) == RelationKind::SameAs); });
    if (!g_.has_same_as()) return;
    g_.for_each_out_edge(v, [&](VertexId u, EdgeIdx e) {
      if (g_.edge_kind(e) == RelationKind::SameAs) step(u, e, true);
    });
  }

  void found(int hops, double strength, double weakest) {
    ++result_.count;
    if (options_.limit == 0) return;
    auto worse = [](const EvidencePath& a, const EvidencePath& b) { return ranks_before(a, b); };
    auto& heap = result_.paths;  // a max-heap on "worse": heap.front() is the weakest kept
    if (heap.size() == options_.limit) {
      const EvidencePath& weakest_kept = heap.front();
      if (!ranks_before(PathRank{strength, hops},
                        PathRank{weakest_kept.strength, weakest_kept.hops}))
        return;
      std::pop_heap(heap.begin(), heap.end(), worse);
      heap.pop_back();
    }
    // Stored target first, origin last, like trace paths: reverse of the walk order.
    EvidencePath path{{edges_.rbegin(), edges_.rend()},
                      {vertices_.rbegin(), vertices_.rend()},
                      strength,
                      weakest,
                      hops};
    heap.push_back(std::move(path));
    std::push_heap(heap.begin(), heap.end(), worse);
  }

  const QueryGraph& g_;
  const PathsOptions& options_;
  const std::int8_t* hops_to_target_;
  VertexArray<std::uint8_t, 0> on_path_;
  std::vector<VertexId> vertices_;
  std::vector<EdgeIdx> edges_;
  PathsResult result_;
};

}  // namespace

PathsResult find_paths(const QueryGraph& g, VertexId from, const PathsOptions& options) {
  std::vector<std::int8_t> computed;
  const std::vector<std::int8_t>* bound = &computed;
  if (options.target) {
    computed = hops_to_targets(g, {*options.target}, options.walk, options.walk.max_hops);
  } else if (options.case_distances != nullptr &&
             options.case_distances->bounds(options.walk.max_hops)) {
    bound = &options.case_distances->hops;
  } else {
    computed = hops_to_cases(g, options.walk, options.walk.max_hops);
  }
  PathEnumerator enumerator(g, options, *bound);
  return enumerator.run(from);
}

}  // namespace flgraph::queries
