// analysis/bgl_view.h: the query graph seen through Boost.Graph's concepts (vertex list,
// incidence, bidirectional, property maps over the CSR arrays), so Boost's algorithms run on the
// mapped snapshot without copying it. Filters are boost::filtered_graph views over it, using the
// same admissibility rule as trace (queries/trace.h).
#pragma once
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/graph_traits.hpp>
#include <boost/graph/properties.hpp>
#include <boost/iterator/counting_iterator.hpp>
#include <boost/iterator/transform_iterator.hpp>
#include <boost/property_map/function_property_map.hpp>
#include <boost/property_map/property_map.hpp>
#include <limits>
#include <utility>

#include "graph/query_graph.h"
#include "queries/trace.h"

namespace flgraph::analysis {

using graph::EdgeIdx;
using graph::QueryGraph;
using graph::VertexId;

// A relation as Boost sees it: both ends travel with it, so source() needs no search.
struct BglEdge {
  VertexId from = 0;
  VertexId to = 0;
  EdgeIdx index = 0;
  friend bool operator==(const BglEdge& a, const BglEdge& b) { return a.index == b.index; }
  friend bool operator!=(const BglEdge& a, const BglEdge& b) { return a.index != b.index; }
};

struct BglTraversal : boost::vertex_list_graph_tag,
                      boost::edge_list_graph_tag,
                      boost::bidirectional_graph_tag {};

// Non-owning; the graph must outlive the view.
class BglView {
 public:
  explicit BglView(const QueryGraph& graph) : graph_(&graph) {}
  const QueryGraph& graph() const { return *graph_; }

  struct OutEdgeAt {
    const QueryGraph* graph = nullptr;
    VertexId from = 0;
    BglEdge operator()(EdgeIdx e) const { return {from, graph->edge_target(e), e}; }
  };
  struct InEdgeAt {
    const QueryGraph* graph = nullptr;
    VertexId to = 0;
    BglEdge operator()(EdgeIdx position) const {
      return {graph->in_source_at(position), to, graph->in_edge_at(position)};
    }
  };

  // Listing every edge finds each source by binary search; the walks use out_ and in_edges.
  struct EdgeAt {
    const QueryGraph* graph = nullptr;
    BglEdge operator()(EdgeIdx e) const {
      return {graph->edge_source(e), graph->edge_target(e), e};
    }
  };

  // What boost::graph_traits reads.
  using vertex_descriptor = VertexId;
  using edge_descriptor = BglEdge;
  using directed_category = boost::bidirectional_tag;
  using edge_parallel_category = boost::allow_parallel_edge_tag;
  using traversal_category = BglTraversal;
  using vertex_iterator = boost::counting_iterator<VertexId>;
  using out_edge_iterator =
      boost::transform_iterator<OutEdgeAt, boost::counting_iterator<EdgeIdx>, BglEdge, BglEdge>;
  using in_edge_iterator =
      boost::transform_iterator<InEdgeAt, boost::counting_iterator<EdgeIdx>, BglEdge, BglEdge>;
  using edge_iterator =
      boost::transform_iterator<EdgeAt, boost::counting_iterator<EdgeIdx>, BglEdge, BglEdge>;
  using vertices_size_type = std::size_t;
  using edges_size_type = std::size_t;
  using degree_size_type = std::size_t;
  static VertexId null_vertex() { return std::numeric_limits<VertexId>::max(); }

 private:
  const QueryGraph* graph_;
};

// Found by argument-dependent lookup on BglView, as Boost's algorithms expect.
inline std::pair<BglView::vertex_iterator, BglView::vertex_iterator> vertices(const BglView& view) {
  return {BglView::vertex_iterator(0),
          BglView::vertex_iterator(static_cast<VertexId>(view.graph().vertex_count()))};
}
inline std::size_t num_vertices(const BglView& view) { return view.graph().vertex_count(); }
inline std::pair<BglView::edge_iterator, BglView::edge_iterator> edges(const BglView& view) {
  const BglView::EdgeAt at{&view.graph()};
  return {
      BglView::edge_iterator(boost::counting_iterator<EdgeIdx>(0), at),
      BglView::edge_iterator(
          boost::counting_iterator<EdgeIdx>(static_cast<EdgeIdx>(view.graph().edge_count())), at)};
}
inline std::size_t num_edges(const BglView& view) { return view.graph().edge_count(); }
inline VertexId source(const BglEdge& e, const BglView&) { return e.from; }
inline VertexId target(const BglEdge& e, const BglView&) { return e.to; }
inline std::pair<BglView::out_edge_iterator, BglView::out_edge_iterator> out_edges(
    VertexId v, const BglView& view) {
  const BglView::OutEdgeAt at{&view.graph(), v};
  return {
      BglView::out_edge_iterator(boost::counting_iterator<EdgeIdx>(view.graph().out_begin(v)), at),
      BglView::out_edge_iterator(boost::counting_iterator<EdgeIdx>(view.graph().out_end(v)), at)};
}
inline std::pair<BglView::in_edge_iterator, BglView::in_edge_iterator> in_edges(
    VertexId v, const BglView& view) {
  const BglView::InEdgeAt at{&view.graph(), v};
  return {
      BglView::in_edge_iterator(boost::counting_iterator<EdgeIdx>(view.graph().in_begin(v)), at),
      BglView::in_edge_iterator(boost::counting_iterator<EdgeIdx>(view.graph().in_end(v)), at)};
}
inline std::size_t out_degree(VertexId v, const BglView& view) {
  return view.graph().out_end(v) - view.graph().out_begin(v);
}
inline std::size_t in_degree(VertexId v, const BglView& view) {
  return view.graph().in_end(v) - view.graph().in_begin(v);
}
inline std::size_t degree(VertexId v, const BglView& view) {
  return out_degree(v, view) + in_degree(v, view);
}

// Vertex numbers are already dense indices; edges index the per-edge arrays.
using VertexIndexMap = boost::typed_identity_property_map<VertexId>;
inline VertexIndexMap get(boost::vertex_index_t, const BglView&) { return {}; }
struct EdgeIndexOf {
  EdgeIdx operator()(const BglEdge& e) const { return e.index; }
};
using EdgeIndexMap = boost::function_property_map<EdgeIndexOf, BglEdge, EdgeIdx>;
inline EdgeIndexMap get(boost::edge_index_t, const BglView&) { return EdgeIndexMap(EdgeIndexOf{}); }

}  // namespace flgraph::analysis

namespace boost {
template <>
struct property_map<flgraph::analysis::BglView, vertex_index_t> {
  using type = flgraph::analysis::VertexIndexMap;
  using const_type = flgraph::analysis::VertexIndexMap;
};
template <>
struct property_map<flgraph::analysis::BglView, edge_index_t> {
  using type = flgraph::analysis::EdgeIndexMap;
  using const_type = flgraph::analysis::EdgeIndexMap;
};
}  // namespace boost

namespace flgraph::analysis {

// The edges trace may walk under these options: kind, least confidence and date window.
struct AdmissibleEdge {
  const QueryGraph* graph = nullptr;
  queries::TraceOptions options;
  bool operator()(const BglEdge& e) const {
    return queries::edge_admissible(*graph, e.index, options);
  }
};
using FilteredView = boost::filtered_graph<BglView, AdmissibleEdge>;
inline FilteredView filtered(const BglView& view, const queries::TraceOptions& options) {
  return FilteredView(view, AdmissibleEdge{&view.graph(), options});
}

}  // namespace flgraph::analysis
