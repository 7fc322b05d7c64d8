// viz/bundle_export.cpp: store -> JSON bundle.
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
}  // namespace

json export_bundle(const graph::Store& store, const graph::Disclosure& disclosure) {
  std::map<std::string, graph::SourceRecord> sources_by_id;
  json sources = json::array();
  for (const auto& source : store.sources()) {
    sources_by_id[source.id] = source;
    const auto shown = disclosure.source(source);
    sources.push_back({{"id", shown.id},
                       {"title", shown.title},
                       {"publisher", shown.publisher},
                       {"published_on", optional_date(shown.published_on)},
                       {"url", shown.url},
                       {"sha256", shown.sha256},
                       {"kind", graph::to_string(shown.kind)},
                       {"reliability", std::string(1, graph::to_char(shown.reliability))},
                       {"access", graph::to_string(shown.access)}});
  }
  std::map<std::string, std::vector<json>> designations_by_entity;
  for (const auto& d : store.designations()) {
    designations_by_entity[d.entity].push_back(
        {{"authority", d.authority}, {"program", d.program}, {"listed_on", optional_date(d.listed_on)}, {"list_id", d.list_id}});
  }
  std::set<std::string> protected_ids;
  json entities = json::array();
  store.for_each_entity([&](const graph::StoredEntity& stored) {
    const auto& e = stored.record;
    if (e.is_protected) protected_ids.insert(e.id);
    json item = {{"id", disclosure.entity_id(e.id, e.is_protected)},
                 {"kind", graph::to_string(e.kind)},
                 {"name", e.is_protected ? "" : e.name},
                 {"country", e.is_protected ? "" : e.country},
                 {"aliases", e.is_protected ? json::array() : json(e.aliases)},
                 {"date_from", optional_date(e.valid.from)},
                 {"date_to", optional_date(e.valid.to)},
                 {"protected", e.is_protected},
                 {"attributes", e.is_protected ? json::object() : json::parse(e.attributes_json)}};
    if (auto found = designations_by_entity.find(e.id); found != designations_by_entity.end()) {
      item["designations"] = found->second;
    }
    entities.push_back(std::move(item));
  });
  // Entities come in store id order already; pseudonyms change the order, so sort by shown id.
  std::sort(entities.begin(), entities.end(), [](const json& a, const json& b) { return a["id"] < b["id"]; });

  std::map<std::string, std::string> shown_relation_id;
  json relations = json::array();
  store.for_each_relation([&](const graph::StoredRelation& r) {
    const bool touches_protected = r.src_protected || r.dst_protected;
    const std::string id = touches_protected ? graph::pseudonym(disclosure.key, r.record.id) : r.record.id;
    shown_relation_id[r.record.id] = id;
    relations.push_back({{"id", id},
                         {"src", disclosure.entity_id(r.record.src, r.src_protected)},
                         {"dst", disclosure.entity_id(r.record.dst, r.dst_protected)},
                         {"kind", graph::to_string(r.record.kind)},
                         {"date_from", optional_date(r.record.valid.from)},
                         {"date_to", optional_date(r.record.valid.to)},
                         {"confidence", r.record.confidence ? json(*r.record.confidence) : json(nullptr)},
                         {"attributes", json::parse(r.record.attributes_json)}});
  });
  std::sort(relations.begin(), relations.end(), [](const json& a, const json& b) { return a["id"] < b["id"]; });

  json claims = json::array();
  for (const auto& claim : store.claims()) {
    const auto shown = disclosure.claim(claim, sources_by_id.at(claim.source));
    std::string fact = claim.fact;
    if (protected_ids.count(fact) != 0) {
      fact = disclosure.entity_id(fact, true);
    } else if (auto found = shown_relation_id.find(fact); found != shown_relation_id.end()) {
      fact = found->second;
    }
    claims.push_back({{"fact", fact},
                      {"source", shown.source},
                      {"locator", shown.locator},
                      {"credibility", shown.credibility},
                      {"quote", shown.quote},
                      {"recorded_by", shown.recorded_by},
                      {"recorded_on", optional_date(shown.recorded_on)}});
  }
  std::sort(claims.begin(), claims.end(), [](const json& a, const json& b) {
    return std::tie(a["fact"], a["source"], a["locator"]) < std::tie(b["fact"], b["source"], b["locator"]);
  });
  std::sort(sources.begin(), sources.end(), [](const json& a, const json& b) { return a["id"] < b["id"]; });
  return {{"flgraph_bundle", 1}, {"sources", sources}, {"entities", entities}, {"relations", relations}, {"claims", claims}};
}

}  // namespace flgraph::viz
