// graph/records.h: plain records of facts and evidence as they go into and come out of the store.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
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

// An entity-resolution decision (docs/COMMANDS.md, "judge": merge decisions are data too). The pair
// is kept in byte-wise id order; a judgement is never deleted, only marked undone.
struct JudgementRecord {
  std::int64_t id = 0;  // assigned by the store
  std::string entity_a;
  std::string entity_b;
  Decision decision = Decision::Unsure;
  std::string judged_by;
  std::string judged_at;        // UTC, ISO 8601: 2024-05-03T18:43:23Z
  std::optional<double> score;  // the matcher's score of the pair when judged
  std::string relation;         // the same_as relation a positive judgement created, if any
  bool undone = false;
  std::string undone_by;
  std::string undone_at;
};

// The id a relation gets when the data gives none: stable across re-imports of the same fact.
std::string derive_relation_id(const RelationRecord& relation);
// Whether the relation's id is the one derive_relation_id gives it (compared without building it).
bool has_derived_id(const RelationRecord& relation);

// One way a text can read as derive_relation_id's "SRC-KIND->DST[@DATE]".
struct DerivedIdReading {
  std::string_view src;
  RelationKind kind;
  std::string_view dst;
  std::optional<Date> from;
  bool is_of(const RelationRecord& relation) const {
    return src == relation.src && kind == relation.kind && dst == relation.dst &&
           from == relation.valid.from;
  }
};

// Calls `visit` with every reading of `id` until one returns a value, which it returns: each
// "->" preceded by "-KIND" (kind names hold no '-'), with and without a trailing "@DATE". Ids
// may hold '-', '>' and '@' themselves, so there can be several; only a store can tell which,
// if any, names a relation.
template <typename Visit>
auto first_reading_as_derived_id(std::string_view id, Visit visit)
    -> decltype(visit(std::declval<const DerivedIdReading&>())) {
  for (auto arrow = id.find("->"); arrow != std::string_view::npos;
       arrow = id.find("->", arrow + 1)) {
    const auto dash = arrow == 0 ? std::string_view::npos : id.rfind('-', arrow - 1);
    if (dash == std::string_view::npos) continue;
    const auto kind = parse_relation_kind(id.substr(dash + 1, arrow - dash - 1));
    if (!kind) continue;
    const auto src = id.substr(0, dash);
    const auto rest = id.substr(arrow + 2);
    if (auto found = visit(DerivedIdReading{src, *kind, rest, std::nullopt})) return found;
    const auto date_at = rest.rfind('@');
    if (date_at == std::string_view::npos) continue;
    if (const auto from = parse_date(rest.substr(date_at + 1))) {
      if (auto found = visit(DerivedIdReading{src, *kind, rest.substr(0, date_at), from}))
        return found;
    }
  }
  return {};
}

}  // namespace flgraph::graph
