// tests/analysis/components_test.cpp: linked components against a breadth-first search over the
// admitted relations written out in the test.
#include "analysis/components.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "random_network.h"

namespace flgraph::analysis {
namespace {

using testing::random_network;
using testing::RandomNetwork;

// Labels each vertex with the least vertex of its component, walking admitted relations both ways.
std::vector<VertexId> component_labels_by_hand(const RandomNetwork& network,
                                               const queries::TraceOptions& walk) {
  const std::size_t n = network.kinds.size();
  std::vector<std::vector<VertexId>> neighbours(n);
  for (graph::EdgeIdx e = 0; e < network.graph.edge_count(); ++e) {
    if (!queries::edge_admissible(network.graph, e, walk)) continue;
    neighbours[network.graph.edge_source(e)].push_back(network.graph.edge_target(e));
    neighbours[network.graph.edge_target(e)].push_back(network.graph.edge_source(e));
  }
  std::vector<VertexId> label(n, static_cast<VertexId>(n));
  for (VertexId start = 0; start < n; ++start) {
    if (label[start] != n) continue;
    std::vector<VertexId> stack = {start};
    label[start] = start;
    while (!stack.empty()) {
      const VertexId u = stack.back();
      stack.pop_back();
      for (const VertexId w : neighbours[u]) {
        if (label[w] == n) {
          label[w] = start;
          stack.push_back(w);
        }
      }
    }
  }
  return label;
}

void expect_components_by_hand(const RandomNetwork& network,
                               const std::vector<VertexId>& designated,
                               const ComponentOptions& options, const std::string& what) {
  const std::size_t n = network.kinds.size();
  const auto label = component_labels_by_hand(network, options.walk);
  std::map<VertexId, Component> expected;  // by least vertex
  std::vector<std::size_t> degree(n, 0);
  for (graph::EdgeIdx e = 0; e < network.graph.edge_count(); ++e) {
    if (!queries::edge_admissible(network.graph, e, options.walk)) continue;
    ++degree[network.graph.edge_source(e)];
    ++degree[network.graph.edge_target(e)];
    ++expected[label[network.graph.edge_source(e)]].relations;
  }
  std::map<VertexId, std::vector<VertexId>> members;
  for (VertexId v = 0; v < n; ++v) {
    auto& component = expected[label[v]];
    component.first = label[v];
    ++component.size;
    members[label[v]].push_back(v);
    if (network.kinds[v] == graph::EntityKind::Case) component.cases.push_back(v);
    if (std::find(designated.begin(), designated.end(), v) != designated.end())
      component.designated.push_back(v);
  }
  std::vector<Component> kept;
  for (auto& [first, component] : expected) {
    if (component.cases.empty() && component.designated.empty()) continue;
    auto list = members[first];
    std::stable_sort(list.begin(), list.end(),
                     [&](VertexId a, VertexId b) { return degree[a] > degree[b]; });
    for (std::size_t i = 0; i < std::min(options.central, list.size()); ++i)
      component.central.push_back(list[i]);
    kept.push_back(component);
  }
  std::stable_sort(kept.begin(), kept.end(),
                   [](const Component& a, const Component& b) { return a.size > b.size; });

  const auto actual = linked_components(network.graph, designated, options);
  ASSERT_EQ(actual.size(), kept.size()) << what;
  for (std::size_t i = 0; i < kept.size(); ++i) {
    EXPECT_EQ(actual[i].first, kept[i].first) << what;
    EXPECT_EQ(actual[i].size, kept[i].size) << what;
    EXPECT_EQ(actual[i].relations, kept[i].relations) << what;
    EXPECT_EQ(actual[i].cases, kept[i].cases) << what;
    EXPECT_EQ(actual[i].designated, kept[i].designated) << what;
    EXPECT_EQ(actual[i].central, kept[i].central) << what;
    ASSERT_EQ(actual[i].central_degree.size(), actual[i].central.size()) << what;
    for (std::size_t c = 0; c < actual[i].central.size(); ++c) {
      EXPECT_EQ(actual[i].central_degree[c], degree[actual[i].central[c]]) << what;
    }
  }
}

TEST(LinkedComponents, EqualAComponentSearchWrittenOutByHand) {
  for (unsigned seed = 1; seed <= 20; ++seed) {
    const auto network = random_network(seed, 60, 55);
    const std::vector<VertexId> designated = {static_cast<VertexId>(seed % 60),
                                              static_cast<VertexId>((seed * 7) % 60)};
    ComponentOptions options;
    options.central = 3;
    expect_components_by_hand(network, designated, options, "seed " + std::to_string(seed));
  }
}

TEST(LinkedComponents, OnlyTheChosenKindsJoinComponents) {
  for (unsigned seed = 1; seed <= 10; ++seed) {
    const auto network = random_network(seed, 60, 70);
    ComponentOptions options;
    options.walk.kinds =
        static_cast<queries::KindMask>(queries::kind_bit(graph::RelationKind::Documents) |
                                       queries::kind_bit(graph::RelationKind::Supplies));
    options.walk.min_confidence = 0.5;
    expect_components_by_hand(network, {}, options, "seed " + std::to_string(seed));
  }
}

TEST(LinkedComponents, ComponentsWithoutACaseOrDesignationAreLeftOut) {
  const auto network = random_network(3, 40, 10);
  for (const auto& component : linked_components(network.graph, {}, ComponentOptions{})) {
    EXPECT_FALSE(component.cases.empty());
  }
}

}  // namespace
}  // namespace flgraph::analysis
