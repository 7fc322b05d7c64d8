// viz/selection.cpp: choosing the facts of an export and redacting them once for every format.
#include "viz/selection.h"

#include <algorithm>
#include <deque>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "queries/walk.h"

namespace flgraph::viz {
namespace {

void sort_by_id(Selection& selection) {
  std::sort(selection.entities.begin(), selection.entities.end(),
            [](const auto& a, const auto& b) { return a.record.id < b.record.id; });
  std::sort(selection.relations.begin(), selection.relations.end(),
            [](const auto& a, const auto& b) { return a.record.id < b.record.id; });
}

// Fills entities and relations from vertex and relation-row sets; relations whose endpoints are
// missing are left out, so a selection is always a proper subgraph.
Selection build(const graph::Store& store, const graph::QueryGraph& g,
                const std::set<graph::VertexId>& vertices,
                const std::set<graph::RelationRowId>& relation_rows) {
  Selection selection;
  std::unordered_set<std::string> ids;
  for (const auto v : vertices) {
    auto stored = store.entity_by_row(g.entity_row(v));
    if (!stored) continue;
    ids.insert(stored->record.id);
    selection.entities.push_back(std::move(*stored));
  }
  for (const auto row : relation_rows) {
    auto relation = store.relation_by_row(row);
    if (!relation || ids.count(relation->record.src) == 0 || ids.count(relation->record.dst) == 0)
      continue;
    selection.relations.push_back(std::move(*relation));
  }
  sort_by_id(selection);
  return selection;
}

// Every relation row among the given vertices.
std::set<graph::RelationRowId> induced_relations(const graph::QueryGraph& g,
                                                 const std::set<graph::VertexId>& vertices) {
  std::set<graph::RelationRowId> rows;
  for (const auto v : vertices) {
    g.for_each_out_edge(v, [&](graph::VertexId other, graph::EdgeIdx e) {
      if (vertices.count(other) != 0) rows.insert(g.relation_row(e));
    });
  }
  return rows;
}

}  // namespace

Selection select_all(const graph::Store& store) {
  Selection selection;
  selection.whole_store = true;
  store.for_each_entity(
      [&](const graph::StoredEntity& entity) { selection.entities.push_back(entity); });
  store.for_each_relation(
      [&](const graph::StoredRelation& relation) { selection.relations.push_back(relation); });
  sort_by_id(selection);
  return selection;
}

Selection select_trace(const graph::Store& store, const graph::QueryGraph& g,
                       const queries::TraceResult& result) {
  std::set<graph::VertexId> vertices = {result.start};
  std::set<graph::RelationRowId> rows;
  for (const auto origin : result.origins) {
    vertices.insert(origin);
    if (origin == result.start) continue;
    // A product's shipments: keep the carries relations that made them origins.
    g.for_each_out_edge(origin, [&](graph::VertexId other, graph::EdgeIdx e) {
      if (other == result.start && g.edge_kind(e) == graph::RelationKind::Carries)
        rows.insert(g.relation_row(e));
    });
  }
  for (const auto& found : result.cases) {
    vertices.insert(found.case_vertex);
    for (const auto& path : found.paths) {
      vertices.insert(path.vertices.begin(), path.vertices.end());
      for (const auto e : path.edges) rows.insert(g.relation_row(e));
    }
  }
  Selection selection = build(store, g, vertices, rows);
  selection.start = std::string(g.id(result.start));
  return selection;
}

Selection select_around(const graph::Store& store, const graph::QueryGraph& g,
                        graph::VertexId center, int radius) {
  std::map<graph::VertexId, int> depth = {{center, 0}};
  std::deque<graph::VertexId> queue = {center};
  while (!queue.empty()) {
    const auto v = queue.front();
    queue.pop_front();
    const int next = depth[v] + 1;
    if (next > radius) continue;
    auto visit = [&](graph::VertexId other, graph::EdgeIdx) {
      if (depth.emplace(other, next).second) queue.push_back(other);
    };
    g.for_each_out_edge(v, visit);
    g.for_each_in_edge(v, visit);
  }
  std::set<graph::VertexId> vertices;
  for (const auto& [v, d] : depth) vertices.insert(v);
  Selection selection = build(store, g, vertices, induced_relations(g, vertices));
  selection.start = std::string(g.id(center));
  return selection;
}

Selection select_vertices(const graph::Store& store, const graph::QueryGraph& g,
                          const std::vector<graph::VertexId>& listed) {
  const std::set<graph::VertexId> vertices(listed.begin(), listed.end());
  return build(store, g, vertices, induced_relations(g, vertices));
}

const ShownEntity* ShownGraph::find(const std::string& shown_id) const {
  auto it = std::lower_bound(entities.begin(), entities.end(), shown_id,
                             [](const ShownEntity& e, const std::string& id) { return e.id < id; });
  return it != entities.end() && it->id == shown_id ? &*it : nullptr;
}

ShownGraph show_selection(const EvidenceReader& reader, const Selection& selection) {
  const auto& store = reader.store();
  const auto& disclosure = reader.disclosure();
  ShownGraph shown;
  shown.has_broker_scores = selection.broker_scores.has_value();
  shown.has_chokepoints = selection.chokepoints.has_value();

  std::map<std::string, std::vector<graph::DesignationRecord>> designations;
  if (selection.whole_store) {
    for (auto& d : store.designations()) designations[d.entity].push_back(d);
  } else {
    for (const auto& entity : selection.entities)
      designations[entity.record.id] = store.designations_of(entity.row);
  }
  for (const auto& stored : selection.entities) {
    const auto& e = stored.record;
    ShownEntity item;
    item.id = disclosure.entity_id(e.id, e.is_protected);
    item.name = disclosure.entity_name(e.id, e.name, e.is_protected);
    item.kind = e.kind;
    item.valid = e.valid;
    item.is_protected = e.is_protected;
    item.is_start = selection.start && *selection.start == e.id;
    if (selection.chokepoints) item.chokepoint = selection.chokepoints->count(e.id) != 0;
    if (selection.broker_scores) {
      const auto score = selection.broker_scores->find(e.id);
      item.broker_score = score == selection.broker_scores->end() ? 0.0 : score->second;
    }
    if (!e.is_protected) {
      item.country = e.country;
      item.aliases = e.aliases;
      item.attributes_json = e.attributes_json;
      if (auto found = designations.find(e.id); found != designations.end())
        item.designations = found->second;
    }
    shown.entities.push_back(std::move(item));
  }
  std::sort(shown.entities.begin(), shown.entities.end(),
            [](const auto& a, const auto& b) { return a.id < b.id; });

  // Effective confidence: explicit, else the best claim, else unjudged (graph/model.h).
  std::unordered_map<graph::RelationRowId, double> confidence;
  if (selection.whole_store) {
    store.for_each_relation_row(
        [&](const graph::RelationRow& row) { confidence[row.row] = row.confidence; });
  } else {
    for (const auto& r : selection.relations) {
      if (r.record.confidence) {
        confidence[r.row] = *r.record.confidence;
        continue;
      }
      std::optional<double> best;
      for (const auto& claim : store.claims_of_relation(r.row)) {
        const double value =
            graph::confidence_from_evidence(claim.source.reliability, claim.claim.credibility);
        if (!best || value > *best) best = value;
      }
      confidence[r.row] = best.value_or(graph::kUnjudgedConfidence);
    }
  }
  for (const auto& r : selection.relations) {
    ShownRelation item;
    item.id = disclosure.relation_id(r.record.id, r.src_protected || r.dst_protected);
    item.src = disclosure.entity_id(r.record.src, r.src_protected);
    item.dst = disclosure.entity_id(r.record.dst, r.dst_protected);
    item.kind = r.record.kind;
    item.valid = r.record.valid;
    item.explicit_confidence = r.record.confidence;
    item.confidence =
        confidence.count(r.row) != 0 ? confidence.at(r.row) : graph::kUnjudgedConfidence;
    item.attributes_json = r.record.attributes_json;
    item.row = r.row;
    shown.relations.push_back(std::move(item));
  }
  std::sort(shown.relations.begin(), shown.relations.end(),
            [](const auto& a, const auto& b) { return a.id < b.id; });
  return shown;
}

}  // namespace flgraph::viz
