// viz/evidence_reader.h: names, dates and claims of query results, as an output may show them.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "graph/protection.h"
#include "graph/query_graph.h"
#include "graph/store.h"

namespace flgraph::viz {

struct EntityLabel {
  std::string id;    // pseudonym for protected entities
  std::string name;  // "protected person W-..." for protected entities
  graph::EntityKind kind = graph::EntityKind::Company;
  graph::DateRange valid;
};

struct ClaimView {
  graph::ClaimRecord claim;    // source id and quote already redacted where needed
  graph::SourceRecord source;  // redacted where needed
};

// Every output goes through this reader, so no renderer can forget the protection rules.
class EvidenceReader {
 public:
  EvidenceReader(const graph::Store& store, graph::Disclosure disclosure)
      : store_(store), disclosure_(disclosure) {}

  EntityLabel entity(const graph::QueryGraph& graph, graph::VertexId vertex) const;
  EntityLabel entity(const graph::StoredEntity& entity) const;
  std::vector<ClaimView> claims_of_relation(graph::RelationRowId relation) const;
  std::vector<ClaimView> claims_of_entity(const graph::StoredEntity& entity) const;
  // A relation id safe to print: derived ids embed endpoint ids, so they are hidden when an
  // endpoint is protected.
  std::string relation_id(const graph::StoredRelation& relation) const;
  const graph::Disclosure& disclosure() const { return disclosure_; }
  const graph::Store& store() const { return store_; }

 private:
  ClaimView view(const graph::StoredClaim& claim) const;
  const graph::Store& store_;
  graph::Disclosure disclosure_;
};

// "2019-03-01..2021-06-30", "2019-03-01..open", "undated".
std::string format_range(std::int32_t from_days, std::int32_t to_days);
std::string format_range(const graph::DateRange& range);
nlohmann::json date_json(const std::optional<graph::Date>& date);
nlohmann::json date_json(std::int32_t days, std::int32_t open_value);

}  // namespace flgraph::viz
