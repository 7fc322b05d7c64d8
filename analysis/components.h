// analysis/components.h: the weakly connected parts of the DPRK-linked network.
#pragma once
#include <cstddef>
#include <vector>

#include "graph/query_graph.h"
#include "queries/trace.h"

namespace flgraph::analysis {

using graph::QueryGraph;
using graph::VertexId;

struct ComponentOptions {
  queries::TraceOptions walk;  // kinds, min_confidence and the date window decide the relations
  std::size_t central = 5;     // members listed as most central
};

struct Component {
  std::size_t size = 0;  // vertices
  std::size_t relations = 0;
  std::vector<VertexId> cases;              // ascending
  std::vector<VertexId> designated;         // members among `designated`, ascending
  std::vector<VertexId> central;            // highest degree within the component first, then id
  std::vector<std::size_t> central_degree;  // their degrees (admitted relations), same order
  VertexId first = 0;                       // its least vertex, a stable name
};

// Components holding a case or one of `designated` (entities on a sanctions list, by vertex),
// largest first, then by least vertex.
std::vector<Component> linked_components(const QueryGraph& graph,
                                         const std::vector<VertexId>& designated,
                                         const ComponentOptions& options);

}  // namespace flgraph::analysis
