// viz/bundle_export.cpp: store or selection -> JSON bundle.
#include "viz/bundle_export.h"

#include <algorithm>
#include <map>
#include <set>

namespace flgraph::viz {

using nlohmann::json;

namespace {

json optional_date(const std::optional<graph::Date>& date) {
  return date ? json(graph::format_date(*date)) : json(nullptr);
}

json source_json(const graph::SourceRecord& shown) {
  return {{"id", shown.id},
          {"title", shown.title},
          {"publisher", shown.publisher},
          {"published_on", optional_date(shown.published_on)},
          {"url", shown.url},
          {"sha256", shown.sha256},
          {"kind", graph::to_string(shown.kind)},
          {"reliability", std::string(1, graph::to_char(shown.reliability))},
          {"access", graph::to_string(shown.access)}};
}

json entity_json(const ShownEntity& e) {
  json item = {{"id", e.id},
               {"kind", graph::to_string(e.kind)},
               {"name", e.is_protected ? "" : e.name},
               {"country", e.country},
               {"aliases", e.aliases},
               {"date_from", optional_date(e.valid.from)},
               {"date_to", optional_date(e.valid.to)},
               {"protected", e.is_protected},
               {"attributes", json::parse(e.attributes_json)}};
  if (!e.designations.empty()) {
    json designations = json::array();
    for (const auto& d : e.designations) {
      designations.push_back({{"authority", d.authority},
                              {"program", d.program},
                              {"listed_on", optional_date(d.listed_on)},
                              {"list_id", d.list_id}});
    }
    item["designations"] = std::move(designations);
  }
  if (e.broker_score) item["broker_score"] = *e.broker_score;
  if (e.chokepoint) item["chokepoint"] = *e.chokepoint;
  return item;
}

json relation_json(const ShownRelation& r) {
  return {{"id", r.id},
          {"src", r.src},
          {"dst", r.dst},
          {"kind", graph::to_string(r.kind)},
          {"date_from", optional_date(r.valid.from)},
          {"date_to", optional_date(r.valid.to)},
          {"confidence", r.explicit_confidence ? json(*r.explicit_confidence) : json(nullptr)},
          {"attributes", json::parse(r.attributes_json)}};
}

json claim_json(const std::string& fact, const graph::ClaimRecord& shown) {
  return {{"fact", fact},
          {"source", shown.source},
          {"locator", shown.locator},
          {"credibility", shown.credibility},
          {"quote", shown.quote},
          {"recorded_by", shown.recorded_by},
          {"recorded_on", optional_date(shown.recorded_on)}};
}

void sort_by(json& list, const char* key) {
  std::sort(list.begin(), list.end(),
            [key](const json& a, const json& b) { return a[key] < b[key]; });
}

}  // namespace

json export_bundle(const graph::Store& store, const graph::Disclosure& disclosure) {
  return export_bundle(EvidenceReader(store, disclosure), select_all(store));
}

json export_bundle(const EvidenceReader& reader, const Selection& selection) {
  const auto& store = reader.store();
  const auto& disclosure = reader.disclosure();
  const ShownGraph shown = show_selection(reader, selection);

  json entities = json::array();
  for (const auto& e : shown.entities) entities.push_back(entity_json(e));
  json relations = json::array();
  for (const auto& r : shown.relations) relations.push_back(relation_json(r));

  // Claims on the selected facts, each under the fact's shown id.
  std::map<std::string, graph::SourceRecord> used_sources;  // by real id
  json claims = json::array();
  auto add_claim = [&](const std::string& fact, const graph::StoredClaim& stored) {
    used_sources.emplace(stored.source.id, stored.source);
    claims.push_back(claim_json(fact, disclosure.claim(stored)));
  };
  if (selection.whole_store) {
    std::map<std::string, graph::SourceRecord> sources_by_id;
    for (const auto& source : store.sources()) sources_by_id.emplace(source.id, source);
    std::map<std::string, std::string> shown_fact;
    for (const auto& e : selection.entities) {
      shown_fact[e.record.id] = disclosure.entity_id(e.record.id, e.record.is_protected);
    }
    for (const auto& r : selection.relations) {
      shown_fact[r.record.id] =
          disclosure.relation_id(r.record.id, r.src_protected || r.dst_protected);
    }
    for (const auto& stored : store.claims()) {
      const auto fact = shown_fact.find(stored.claim.fact);
      add_claim(fact != shown_fact.end() ? fact->second : stored.claim.fact, stored);
    }
    used_sources = std::move(sources_by_id);
  } else {
    for (const auto& e : selection.entities) {
      const std::string fact = disclosure.entity_id(e.record.id, e.record.is_protected);
      for (const auto& claim : store.claims_of_entity(e.row)) add_claim(fact, claim);
    }
    for (const auto& r : selection.relations) {
      const std::string fact =
          disclosure.relation_id(r.record.id, r.src_protected || r.dst_protected);
      for (const auto& claim : store.claims_of_relation(r.row)) add_claim(fact, claim);
    }
  }
  std::sort(claims.begin(), claims.end(), [](const json& a, const json& b) {
    return std::tie(a["fact"], a["source"], a["locator"]) <
           std::tie(b["fact"], b["source"], b["locator"]);
  });
  json sources = json::array();
  for (const auto& [id, source] : used_sources)
    sources.push_back(source_json(disclosure.source(source)));
  sort_by(sources, "id");
  return {{"flgraph_bundle", 1},
          {"sources", sources},
          {"entities", entities},
          {"relations", relations},
          {"claims", claims}};
}

}  // namespace flgraph::viz
