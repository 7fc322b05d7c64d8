// tests/analysis/random_network.h: small random supply networks with every kind of vertex and
// relation the model has (cases, sites, companies, shipments, same_as, context relations), and
// the plain step lists the tests' own brute-force answers walk.
#pragma once
#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <random>
#include <vector>

#include "graph/query_graph.h"
#include "queries/trace.h"

namespace flgraph::testing {

using graph::EdgeInput;
using graph::EntityKind;
using graph::RelationKind;
using graph::VertexId;

struct RandomNetwork {
  graph::QueryGraph graph;
  std::vector<EntityKind> kinds;
  std::vector<EdgeInput> relations;
};

inline RandomNetwork random_network(unsigned seed, std::size_t vertex_count,
                                    std::size_t relation_count) {
  std::mt19937 random(seed);
  const std::vector<EntityKind> palette = {
      EntityKind::Case,     EntityKind::StateEntity, EntityKind::Site,
      EntityKind::Company,  EntityKind::Company,     EntityKind::Company,
      EntityKind::Shipment, EntityKind::Product,     EntityKind::Person};
  std::vector<EntityKind> kinds;
  std::vector<graph::VertexInput> vertices;
  for (std::size_t i = 0; i < vertex_count; ++i) {
    kinds.push_back(palette[random() % palette.size()]);
    vertices.push_back(
        {fmt::format("v{:04d}", i), kinds.back(), false, static_cast<graph::EntityRowId>(i + 1)});
  }
  auto any_of = [&](std::vector<EntityKind> wanted) -> std::optional<VertexId> {
    std::vector<VertexId> candidates;
    for (VertexId v = 0; v < vertex_count; ++v) {
      if (std::find(wanted.begin(), wanted.end(), kinds[v]) != wanted.end())
        candidates.push_back(v);
    }
    if (candidates.empty()) return std::nullopt;
    return candidates[random() % candidates.size()];
  };
  struct Shape {
    RelationKind kind;
    std::vector<EntityKind> from;
    std::vector<EntityKind> to;
  };
  const std::vector<Shape> shapes = {
      {RelationKind::Documents,
       {EntityKind::Case},
       {EntityKind::Site, EntityKind::Company, EntityKind::StateEntity}},
      {RelationKind::DispatchesWorkers, {EntityKind::StateEntity}, {EntityKind::Site}},
      {RelationKind::OperatedBy, {EntityKind::Site}, {EntityKind::Company}},
      {RelationKind::Ships, {EntityKind::Company}, {EntityKind::Shipment}},
      {RelationKind::ConsignedTo, {EntityKind::Shipment}, {EntityKind::Company}},
      {RelationKind::Supplies, {EntityKind::Company}, {EntityKind::Company}},
      {RelationKind::Supplies, {EntityKind::Company}, {EntityKind::Company}},
      {RelationKind::OwnedBy,
       {EntityKind::Company},
       {EntityKind::Company, EntityKind::StateEntity, EntityKind::Person}},
      {RelationKind::SameAs, {EntityKind::Company}, {EntityKind::Company}},
      {RelationKind::Carries, {EntityKind::Shipment}, {EntityKind::Product}},
  };
  const std::vector<float> confidences = {0.3f, 0.6f, 0.9f, 1.0f, 1.0f};
  std::vector<EdgeInput> relations;
  while (relations.size() < relation_count) {
    const auto& shape = shapes[random() % shapes.size()];
    const auto from = any_of(shape.from);
    const auto to = any_of(shape.to);
    if (!from || !to) continue;
    EdgeInput relation{*from,
                       *to,
                       shape.kind,
                       graph::kOpenStart,
                       graph::kOpenEnd,
                       confidences[random() % confidences.size()],
                       static_cast<graph::RelationRowId>(relations.size() + 1)};
    if (random() % 4 == 0) {  // a dated relation: some fall outside the tests' windows
      relation.date_from = static_cast<std::int32_t>(18000 + random() % 2000);
      relation.date_to = relation.date_from + static_cast<std::int32_t>(random() % 400);
    }
    relations.push_back(relation);
  }
  return {graph::QueryGraph::build(vertices, relations), kinds, relations};
}

// Per vertex, where a route may step: along an admitted relation, or against an admitted
// same_as. Parallel relations are separate steps, as they are separate routes.
inline std::vector<std::vector<VertexId>> plain_steps(const RandomNetwork& network,
                                                      const queries::TraceOptions& walk) {
  std::vector<std::vector<VertexId>> steps(network.kinds.size());
  for (graph::EdgeIdx e = 0; e < network.graph.edge_count(); ++e) {
    if (!queries::edge_admissible(network.graph, e, walk)) continue;
    const VertexId from = network.graph.edge_source(e);
    const VertexId to = network.graph.edge_target(e);
    steps[from].push_back(to);
    if (network.graph.edge_kind(e) == RelationKind::SameAs) steps[to].push_back(from);
  }
  return steps;
}

}  // namespace flgraph::testing
