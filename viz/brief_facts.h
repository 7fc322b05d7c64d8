// viz/brief_facts.h: what the brief reports, gathered once from the exposure routes: the routes,
// the cases they reach, the dispatches of workers, the sanctioned parties and the sources cited.
#pragma once
#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "graph/legal_mapping.h"
#include "graph/query_graph.h"
#include "queries/exposure.h"
#include "queries/trace.h"
#include "viz/evidence_reader.h"

namespace flgraph::viz::brief {

// The documents cited, by shown id, with what the brief cites them for.
struct CitedSource {
  graph::SourceRecord shown;
  std::set<std::string> facts;  // shown ids of relations and cases resting on it
};

struct Route {
  const queries::CaseContribution* row = nullptr;
  const nlohmann::json* report = nullptr;  // the row in exposure_report()
  // A product's route ends at a shipment: the carries hop that ties it to the product.
  std::optional<nlohmann::json> carries_hop;
};

struct CaseFacts {
  graph::VertexId vertex = 0;
  EntityLabel label;
  graph::CaseLegalMapping legal;
  std::vector<ClaimView> claims;    // on the case itself
  std::vector<std::size_t> routes;  // 1-based route numbers
};

struct Sanctioned {
  EntityLabel label;
  std::vector<graph::DesignationRecord> designations;
};

// A dispatch of workers to a site on the routes: the fact CAATSA's presumption is about.
struct Dispatch {
  nlohmann::json hop;  // as evidence_path_json() shows a relation
  graph::EntityKind state_kind = graph::EntityKind::StateEntity;
  graph::EntityKind site_kind = graph::EntityKind::Site;
  std::vector<std::size_t> routes;  // 1-based numbers of the routes through the site
};

// Gathered when constructed. Routes point into `exposure` and into `report`, so the facts are
// neither copied nor moved, and `exposure` outlives them.
class BriefFacts {
 public:
  BriefFacts(const EvidenceReader& reader, const graph::QueryGraph& graph,
             const queries::ExposureResult& exposure);
  BriefFacts(const BriefFacts&) = delete;
  BriefFacts& operator=(const BriefFacts&) = delete;

  // The vertices and relations of every route, for the flow chart.
  queries::TraceResult routes_as_trace() const;
  std::string display_name() const { return subject.name.empty() ? subject.id : subject.name; }

  const EvidenceReader& reader;
  const graph::QueryGraph& graph;
  const queries::ExposureResult& exposure;
  const nlohmann::json report;  // exposure_report(): the routes as the JSON outputs show them
  const EntityLabel subject;
  std::string subject_country;
  std::vector<graph::DesignationRecord> subject_designations;
  std::vector<Route> routes;
  std::vector<CaseFacts> cases;
  std::vector<Sanctioned> sanctioned;
  std::vector<Dispatch> dispatches;
  std::map<std::string, CitedSource> sources;  // by shown id
  std::size_t consistent_routes = 0;

 private:
  void collect();
  void cite(const ClaimView& view, const std::string& fact);
  void cite_relation(graph::EdgeIdx e);
  nlohmann::json carries_hop(graph::VertexId shipment);
  CaseFacts case_facts(graph::VertexId vertex);
};

}  // namespace flgraph::viz::brief
