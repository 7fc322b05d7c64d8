// graph/records.h: plain records of facts and evidence as they go into and come out of the store.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "graph/model.h"

namespace flgraph::graph {

struct EntityRecord {
  std::string id;  // chosen by the data, e.g. "ofac-12345"
  EntityKind kind = EntityKind::Company;
  std::string name;
  std::string country;  // ISO 3166 alpha-2, or empty
  std::vector<std::string> aliases;
  DateRange valid;
  bool is_protected = false;  // a witness or other person who must never be named
  std::string attributes_json = "{}";
};

struct RelationRecord {
  std::string id;  // from the data, or derived by derive_relation_id()
  std::string src;
  std::string dst;
  RelationKind kind = RelationKind::Supplies;
  DateRange valid;
  std::optional<double> confidence;  // explicit; otherwise derived from claims
  std::string attributes_json = "{}";
};

struct SourceRecord {
  std::string id;
  std::string title;
  std::string publisher;
  std::optional<Date> published_on;
  std::string url;
  std::string sha256;
  SourceKind kind = SourceKind::Report;
  Reliability reliability = Reliability::F;
  Access access = Access::Public;
};

struct ClaimRecord {
  std::string fact;  // an entity id or a relation id
  std::string source;
  std::string locator;  // page, paragraph, row, timestamp
  Credibility credibility = 6;
  std::string quote;
  std::string recorded_by;
  std::optional<Date> recorded_on;
};

struct DesignationRecord {
  std::string entity;
  std::string authority;  // OFAC, UN, EU, ...
  std::string program;    // DPRK3, ...
  std::optional<Date> listed_on;
  std::string list_id;
};

// The id a relation gets when the data gives none: stable across re-imports of the same fact.
std::string derive_relation_id(const RelationRecord& relation);

}  // namespace flgraph::graph
