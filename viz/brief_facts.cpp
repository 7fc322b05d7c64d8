// viz/brief_facts.cpp: the brief's facts, gathered in one pass over the exposure routes.
#include "viz/brief_facts.h"

#include <algorithm>

#include "viz/exposure_reports.h"
#include "viz/reports.h"

namespace flgraph::viz::brief {

using nlohmann::json;

BriefFacts::BriefFacts(const EvidenceReader& reader_in, const graph::QueryGraph& graph_in,
                       const queries::ExposureResult& exposure_in)
    : reader(reader_in),
      graph(graph_in),
      exposure(exposure_in),
      report(exposure_report(reader_in, graph_in, exposure_in)),
      subject(reader_in.entity(graph_in, exposure_in.entity)) {
  collect();
}

queries::TraceResult BriefFacts::routes_as_trace() const {
  queries::TraceResult trace;
  trace.start = exposure.entity;
  std::set<graph::VertexId> origins;
  std::map<graph::VertexId, std::size_t> case_index;
  for (const auto& row : exposure.contributions) {
    if (!row.path.vertices.empty()) origins.insert(row.path.vertices.back());
    auto [at, inserted] = case_index.try_emplace(row.case_vertex, trace.cases.size());
    if (inserted) trace.cases.push_back({row.case_vertex, row.hops, {}, false});
    trace.cases[at->second].paths.push_back(row.path);
  }
  if (origins.empty()) origins.insert(exposure.entity);
  trace.origins.assign(origins.begin(), origins.end());
  return trace;
}

void BriefFacts::collect() {
  const auto& rows = report["contributions"];
  std::map<graph::VertexId, std::size_t> case_position;
  std::map<graph::VertexId, std::vector<std::size_t>> site_routes;
  std::set<graph::VertexId> on_routes;
  for (std::size_t i = 0; i < exposure.contributions.size(); ++i) {
    const auto& row = exposure.contributions[i];
    Route route{&row, &rows[i], std::nullopt};
    const std::size_t number = i + 1;
    on_routes.insert(row.path.vertices.begin(), row.path.vertices.end());
    for (const auto e : row.path.edges) cite_relation(e);
    for (const auto v :
         std::set<graph::VertexId>(row.path.vertices.begin(), row.path.vertices.end())) {
      if (graph.kind(v) == graph::EntityKind::Site) site_routes[v].push_back(number);
    }
    if (graph.kind(exposure.entity) == graph::EntityKind::Product && !row.path.vertices.empty() &&
        row.path.vertices.back() != exposure.entity) {
      route.carries_hop = carries_hop(row.path.vertices.back());
    }
    auto [at, inserted] = case_position.try_emplace(row.case_vertex, cases.size());
    if (inserted) cases.push_back(case_facts(row.case_vertex));
    cases[at->second].routes.push_back(number);
    if (row.temporally_consistent) ++consistent_routes;
    routes.push_back(std::move(route));
  }
  // Every recorded dispatch to a site on the routes, whether or not a route walks it: a case
  // documenting the site is enough for the route, but the dispatch is what CAATSA asks about.
  for (const auto& site_and_numbers : site_routes) {
    // Named, not a structured binding: the lambda below captures them.
    const auto site = site_and_numbers.first;
    const auto& numbers = site_and_numbers.second;
    graph.for_each_in_edge(site, [&](graph::VertexId state, graph::EdgeIdx e) {
      if (graph.edge_kind(e) != graph::RelationKind::DispatchesWorkers) return;
      cite_relation(e);
      queries::EvidencePath step;
      step.edges = {e};
      step.vertices = {state, site};
      dispatches.push_back({evidence_path_json(reader, graph, step)["hops"][0], graph.kind(state),
                            graph.kind(site), numbers});
    });
  }
  on_routes.insert(exposure.entity);
  for (const auto v : on_routes) {
    if (graph.is_protected(v)) continue;
    auto stored = reader.store().entity_by_row(graph.entity_row(v));
    if (!stored || stored->record.is_protected) continue;
    auto designations = reader.store().designations_of(stored->row);
    if (designations.empty()) continue;
    if (v == exposure.entity) subject_designations = designations;
    sanctioned.push_back({reader.entity(*stored), std::move(designations)});
  }
  std::sort(sanctioned.begin(), sanctioned.end(),
            [](const auto& a, const auto& b) { return a.label.id < b.label.id; });
  auto stored_subject = reader.store().entity_by_row(graph.entity_row(exposure.entity));
  if (stored_subject && !stored_subject->record.is_protected)
    subject_country = stored_subject->record.country;
}

void BriefFacts::cite(const ClaimView& view, const std::string& fact) {
  auto [at, inserted] = sources.try_emplace(view.claim.source, CitedSource{view.source, {}});
  at->second.facts.insert(fact);
}

void BriefFacts::cite_relation(graph::EdgeIdx e) {
  const auto row = graph.relation_row(e);
  const auto relation = reader.store().relation_by_row(row);
  const std::string fact = relation ? reader.relation_id(*relation) : std::string("relation");
  for (const auto& view : reader.claims_of_relation(row)) cite(view, fact);
}

json BriefFacts::carries_hop(graph::VertexId shipment) {
  std::optional<graph::EdgeIdx> found;
  graph.for_each_out_edge(shipment, [&](graph::VertexId other, graph::EdgeIdx e) {
    if (!found && other == exposure.entity && graph.edge_kind(e) == graph::RelationKind::Carries)
      found = e;
  });
  if (!found) return nullptr;
  cite_relation(*found);
  queries::EvidencePath step;
  step.edges = {*found};
  step.vertices = {shipment, exposure.entity};
  return evidence_path_json(reader, graph, step)["hops"][0];
}

CaseFacts BriefFacts::case_facts(graph::VertexId vertex) {
  CaseFacts facts;
  facts.vertex = vertex;
  facts.label = reader.entity(graph, vertex);
  if (auto stored = reader.store().entity_by_row(graph.entity_row(vertex));
      stored && !stored->record.is_protected) {
    facts.legal = graph::case_legal_mapping(stored->record.attributes_json);
    facts.claims = reader.claims_of_entity(*stored);
    for (const auto& view : facts.claims) cite(view, facts.label.id);
  }
  return facts;
}

}  // namespace flgraph::viz::brief
