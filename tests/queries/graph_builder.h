// tests/queries/graph_builder.h: small query graphs written by hand in tests.
#pragma once
#include <algorithm>
#include <string>
#include <vector>

#include "graph/query_graph.h"

namespace flgraph::testing {

struct TinyEdge {
  std::string src;
  std::string dst;
  graph::RelationKind kind;
  std::string date_from;  // "" = open
  std::string date_to;
  float confidence = 1.0f;
};

inline std::int32_t day_or(const std::string& text, std::int32_t open) {
  return text.empty() ? open : graph::parse_date(text)->days;
}

// Builds a query graph from named vertices and edges; vertex ids follow byte order of the names.
class GraphBuilder {
 public:
  GraphBuilder& node(const std::string& id, graph::EntityKind kind) {
    nodes_.push_back({id, kind, false, static_cast<graph::EntityRowId>(nodes_.size() + 1)});
    return *this;
  }
  GraphBuilder& edge(const std::string& src, const std::string& dst, graph::RelationKind kind,
                     float confidence = 1.0f, const std::string& date_from = "",
                     const std::string& date_to = "") {
    edges_.push_back({src, dst, kind, date_from, date_to, confidence});
    return *this;
  }
  graph::QueryGraph build() const {
    auto nodes = nodes_;
    std::sort(nodes.begin(), nodes.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    auto index = [&](const std::string& id) {
      const auto found =
          std::find_if(nodes.begin(), nodes.end(), [&](const auto& n) { return n.id == id; });
      return static_cast<graph::VertexId>(found - nodes.begin());
    };
    std::vector<graph::EdgeInput> edges;
    graph::RelationRowId row = 1;
    for (const auto& e : edges_) {
      edges.push_back({index(e.src), index(e.dst), e.kind, day_or(e.date_from, graph::kOpenStart),
                       day_or(e.date_to, graph::kOpenEnd), e.confidence, row++});
    }
    return graph::QueryGraph::build(std::move(nodes), std::move(edges));
  }

 private:
  std::vector<graph::VertexInput> nodes_;
  std::vector<TinyEdge> edges_;
};

}  // namespace flgraph::testing
