// analysis/route_view.h: the steps a route may take, as a Boost.Graph incidence graph over the
// query graph: every relation along its arrow and, when asked, every relation against it too
// (a same_as match is walked both ways). A boost::filtered_graph over it then keeps the steps the
// options allow. Internal to analysis/ (brokers.cpp); nothing is copied from the CSR arrays.
#pragma once
#include <boost/graph/graph_traits.hpp>
#include <boost/iterator/counting_iterator.hpp>
#include <boost/iterator/transform_iterator.hpp>
#include <cstddef>
#include <limits>
#include <utility>

#include "graph/query_graph.h"

namespace flgraph::analysis {

using graph::EdgeIdx;
using graph::QueryGraph;
using graph::VertexId;

// One step: from `from` to `to` over relation `index`, against its arrow when `against_arrow`.
struct RouteStep {
  VertexId from = 0;
  VertexId to = 0;
  EdgeIdx index = 0;
  bool against_arrow = false;
  friend bool operator==(const RouteStep& a, const RouteStep& b) {
    return a.index == b.index && a.against_arrow == b.against_arrow;
  }
  friend bool operator!=(const RouteStep& a, const RouteStep& b) { return !(a == b); }
};

struct RouteTraversal : boost::vertex_list_graph_tag, boost::incidence_graph_tag {};

// Non-owning; the graph must outlive the view.
class RouteView {
 public:
  RouteView(const QueryGraph& graph, bool with_steps_against_arrows)
      : graph_(&graph), against_arrows_(with_steps_against_arrows) {}
  const QueryGraph& graph() const { return *graph_; }
  bool with_steps_against_arrows() const { return against_arrows_; }

  // Step k of vertex v: its out-edges first, then (when walked) its in-edges reversed.
  struct StepAt {
    const QueryGraph* graph = nullptr;
    VertexId from = 0;
    std::size_t out_count = 0;
    RouteStep operator()(std::size_t k) const {
      if (k < out_count) {
        const auto e = static_cast<EdgeIdx>(graph->out_begin(from) + k);
        return {from, graph->edge_target(e), e, false};
      }
      const auto position = static_cast<EdgeIdx>(graph->in_begin(from) + (k - out_count));
      return {from, graph->in_source_at(position), graph->in_edge_at(position), true};
    }
  };

  using vertex_descriptor = VertexId;
  using edge_descriptor = RouteStep;
  using directed_category = boost::directed_tag;
  using edge_parallel_category = boost::allow_parallel_edge_tag;
  using traversal_category = RouteTraversal;
  using vertex_iterator = boost::counting_iterator<VertexId>;
  using out_edge_iterator = boost::transform_iterator<StepAt, boost::counting_iterator<std::size_t>,
                                                      RouteStep, RouteStep>;
  using vertices_size_type = std::size_t;
  using edges_size_type = std::size_t;
  using degree_size_type = std::size_t;
  static VertexId null_vertex() { return std::numeric_limits<VertexId>::max(); }

 private:
  const QueryGraph* graph_;
  bool against_arrows_;
};

inline std::pair<RouteView::vertex_iterator, RouteView::vertex_iterator> vertices(
    const RouteView& view) {
  return {RouteView::vertex_iterator(0),
          RouteView::vertex_iterator(static_cast<VertexId>(view.graph().vertex_count()))};
}
inline std::size_t num_vertices(const RouteView& view) { return view.graph().vertex_count(); }
inline VertexId source(const RouteStep& step, const RouteView&) { return step.from; }
inline VertexId target(const RouteStep& step, const RouteView&) { return step.to; }
inline std::size_t out_degree(VertexId v, const RouteView& view) {
  const auto& g = view.graph();
  std::size_t steps = g.out_end(v) - g.out_begin(v);
  if (view.with_steps_against_arrows()) steps += g.in_end(v) - g.in_begin(v);
  return steps;
}
inline std::pair<RouteView::out_edge_iterator, RouteView::out_edge_iterator> out_edges(
    VertexId v, const RouteView& view) {
  const RouteView::StepAt at{&view.graph(), v, view.graph().out_end(v) - view.graph().out_begin(v)};
  return {
      RouteView::out_edge_iterator(boost::counting_iterator<std::size_t>(0), at),
      RouteView::out_edge_iterator(boost::counting_iterator<std::size_t>(out_degree(v, view)), at)};
}

}  // namespace flgraph::analysis
