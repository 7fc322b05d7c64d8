// analysis/components.cpp: weakly connected components over the admitted relations, with
// Boost's disjoint sets over the filtered view (no copy of the graph).
#include "analysis/components.h"

#include <algorithm>
#include <boost/pending/disjoint_sets.hpp>
#include <boost/property_map/property_map.hpp>
#include <limits>

#include "analysis/bgl_view.h"

namespace flgraph::analysis {
namespace {

constexpr std::size_t kNoComponent = std::numeric_limits<std::size_t>::max();

// The representative of every vertex's component, joining the ends of each admitted relation.
std::vector<VertexId> component_roots(const FilteredView& admitted, std::size_t n) {
  std::vector<VertexId> parent(n);
  std::vector<std::uint32_t> rank(n, 0);
  const boost::typed_identity_property_map<VertexId> index;
  boost::disjoint_sets sets(boost::make_iterator_property_map(rank.begin(), index),
                            boost::make_iterator_property_map(parent.begin(), index));
  for (VertexId v = 0; v < n; ++v) sets.make_set(v);
  for (VertexId v = 0; v < n; ++v) {
    for (auto [step, end] = boost::out_edges(v, admitted); step != end; ++step)
      sets.union_set(v, step->to);
  }
  std::vector<VertexId> roots(n);
  for (VertexId v = 0; v < n; ++v) roots[v] = sets.find_set(v);
  return roots;
}

}  // namespace

std::vector<Component> linked_components(const QueryGraph& graph,
                                         const std::vector<VertexId>& designated,
                                         const ComponentOptions& options) {
  const std::size_t n = graph.vertex_count();
  const BglView view(graph);
  const auto admitted = filtered(view, options.walk);
  const auto roots = component_roots(admitted, n);

  std::vector<std::uint8_t> is_designated(n, 0);
  for (const VertexId v : designated) is_designated[v] = 1;
  // Only components holding a case or a designated member are kept: mark their roots first.
  std::vector<std::size_t> kept_at(n, kNoComponent);
  std::vector<Component> kept;
  for (VertexId v = 0; v < n; ++v) {
    if (graph.kind(v) != graph::EntityKind::Case && is_designated[v] == 0) continue;
    if (kept_at[roots[v]] == kNoComponent) {
      kept_at[roots[v]] = kept.size();
      kept.emplace_back();
    }
  }

  std::vector<std::size_t> degree(n, 0);
  std::vector<std::vector<VertexId>> members(kept.size());
  for (VertexId v = 0; v < n; ++v) {
    const std::size_t at = kept_at[roots[v]];
    if (at == kNoComponent) continue;
    auto& component = kept[at];
    if (component.size == 0) component.first = v;  // vertices are visited in ascending order
    ++component.size;
    members[at].push_back(v);
    if (graph.kind(v) == graph::EntityKind::Case) component.cases.push_back(v);
    if (is_designated[v] != 0) component.designated.push_back(v);
    for (auto [step, end] = boost::out_edges(v, admitted); step != end; ++step) {
      ++component.relations;
      ++degree[v];
      ++degree[step->to];
    }
  }

  for (std::size_t at = 0; at < kept.size(); ++at) {
    auto& list = members[at];
    const std::size_t listed = std::min(options.central, list.size());
    std::partial_sort(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(listed), list.end(),
                      [&](VertexId a, VertexId b) {
                        return degree[a] != degree[b] ? degree[a] > degree[b] : a < b;
                      });
    for (std::size_t i = 0; i < listed; ++i) {
      kept[at].central.push_back(list[i]);
      kept[at].central_degree.push_back(degree[list[i]]);
    }
  }
  std::sort(kept.begin(), kept.end(), [](const Component& a, const Component& b) {
    return a.size != b.size ? a.size > b.size : a.first < b.first;
  });
  return kept;
}

}  // namespace flgraph::analysis
