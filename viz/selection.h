// viz/selection.h: which facts an export covers (a trace result, a neighbourhood, listed ids, or
// everything) and how they may be shown.
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "graph/query_graph.h"
#include "graph/store.h"
#include "queries/trace.h"
#include "viz/evidence_reader.h"

namespace flgraph::viz {

// The facts, by their real store ids. Nothing here may be printed: ShownGraph is what outputs use.
struct Selection {
  std::vector<graph::StoredEntity> entities;  // byte-wise id order
  std::vector<graph::StoredRelation>
      relations;                     // byte-wise id order; both endpoints are in entities
  std::optional<std::string> start;  // real id of the start entity, if any
  bool whole_store = false;          // every fact (exports then keep every source too)
  // Network scores, by real entity id, when asked for (viz/network_scores.h); the cut only for a
  // trace.
  std::optional<std::map<std::string, double>> broker_scores;
  std::optional<std::set<std::string>> chokepoints;
};

Selection select_all(const graph::Store& store);
// The vertices and relations of every listed evidence path, the start and its origins (with the
// carries relations from a product's shipments).
Selection select_trace(const graph::Store& store, const graph::QueryGraph& graph,
                       const queries::TraceResult& result);
// Every entity within `radius` relations of `center` (either direction, any kind), with every
// relation among them.
Selection select_around(const graph::Store& store, const graph::QueryGraph& graph,
                        graph::VertexId center, int radius);
// The listed entities with every relation among them.
Selection select_vertices(const graph::Store& store, const graph::QueryGraph& graph,
                          const std::vector<graph::VertexId>& vertices);

// What every output shows of a selection, protection applied once, here.
struct ShownEntity {
  std::string id;    // pseudonym for a protected person
  std::string name;  // "protected person W-..." for a protected person
  graph::EntityKind kind = graph::EntityKind::Company;
  std::string country;               // empty for a protected person
  std::vector<std::string> aliases;  // none for a protected person
  graph::DateRange valid;
  bool is_protected = false;
  std::string attributes_json = "{}";                  // "{}" for a protected person
  std::vector<graph::DesignationRecord> designations;  // none for a protected person
  bool is_start = false;
  // In the remediation cut (analysis/chokepoints.h) of the start; unset when none was computed.
  std::optional<bool> chokepoint;
  bool is_chokepoint() const { return chokepoint.value_or(false); }
  std::optional<double>
      broker_score;  // betweenness from cases to buyers, when asked for (analysis/brokers.h)
  bool sanctioned() const { return !designations.empty(); }
};

struct ShownRelation {
  std::string id;  // pseudonym when an endpoint is protected
  std::string src;
  std::string dst;
  graph::RelationKind kind = graph::RelationKind::Supplies;
  graph::DateRange valid;
  std::optional<double> explicit_confidence;
  double confidence = graph::kUnjudgedConfidence;  // explicit, else best claim, else unjudged
  std::string attributes_json = "{}";
  graph::RelationRowId row = 0;
};

struct ShownGraph {
  std::vector<ShownEntity> entities;     // by shown id
  std::vector<ShownRelation> relations;  // by shown id
  // What export --network-scores computed: exports declare only those attributes.
  bool has_broker_scores = false;
  bool has_chokepoints = false;  // a trace's cut
  const ShownEntity* find(const std::string& shown_id) const;
};

ShownGraph show_selection(const EvidenceReader& reader, const Selection& selection);

}  // namespace flgraph::viz
