// graph/sealed_record.cpp: JSON payloads of sealed records.
#include "graph/sealed_record.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "graph/sealing.h"

namespace flgraph::graph {
namespace {

using nlohmann::json;

json date_json(const std::optional<Date>& date) { return date ? json(format_date(*date)) : json(); }

std::optional<Date> date_of(const json& object, const char* key) {
  const auto found = object.find(key);
  if (found == object.end() || found->is_null()) return std::nullopt;
  // A payload only opens if it was sealed with the key, but a damaged or foreign record must
  // still be refused as a SealError, never escape as a JSON type error.
  if (!found->is_string())
    throw SealError(std::string("a protected value opened but its ") + key + " is not a date");
  return parse_date(found->get_ref<const std::string&>());
}

json parse_payload(std::string_view text) {
  auto parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object()) throw SealError("a protected value opened but holds no valid record");
  return parsed;
}

std::string text_of(const json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

bool same_designation(const DesignationRecord& a, const DesignationRecord& b) {
  return a.authority == b.authority && a.program == b.program && a.list_id == b.list_id;
}

}  // namespace

std::string SealedEntity::to_json() const {
  json designations_json = json::array();
  for (const auto& d : designations) {
    designations_json.push_back({{"authority", d.authority},
                                 {"program", d.program},
                                 {"listed_on", date_json(d.listed_on)},
                                 {"list_id", d.list_id}});
  }
  return json{{"id", record.id},
              {"kind", to_string(record.kind)},
              {"name", record.name},
              {"country", record.country},
              {"aliases", record.aliases},
              {"date_from", date_json(record.valid.from)},
              {"date_to", date_json(record.valid.to)},
              {"attributes", json::parse(record.attributes_json, nullptr, false)},
              {"designations", designations_json}}
      .dump();
}

SealedEntity SealedEntity::from_json(std::string_view text) {
  const json payload = parse_payload(text);
  SealedEntity out;
  try {
    out.record.id = text_of(payload, "id");
    out.record.kind = parse_entity_kind(text_of(payload, "kind")).value_or(EntityKind::Person);
    out.record.name = text_of(payload, "name");
    out.record.country = text_of(payload, "country");
    if (payload.contains("aliases"))
      out.record.aliases = payload["aliases"].get<std::vector<std::string>>();
    out.record.valid = {date_of(payload, "date_from"), date_of(payload, "date_to")};
    out.record.is_protected = true;
    const auto& attributes = payload.value("attributes", json::object());
    out.record.attributes_json = attributes.is_object() ? attributes.dump() : "{}";
    for (const auto& d : payload.value("designations", json::array())) {
      out.designations.push_back({out.record.id, text_of(d, "authority"), text_of(d, "program"),
                                  date_of(d, "listed_on"), text_of(d, "list_id")});
    }
  } catch (const json::exception&) {
    throw SealError("a protected entity opened but its record is malformed");
  }
  return out;
}

void SealedEntity::merge(const EntityRecord& incoming) {
  if (!incoming.name.empty()) record.name = incoming.name;
  if (!incoming.country.empty()) record.country = incoming.country;
  for (const auto& alias : incoming.aliases) {
    if (std::find(record.aliases.begin(), record.aliases.end(), alias) == record.aliases.end()) {
      record.aliases.push_back(alias);
    }
  }
  std::sort(record.aliases.begin(), record.aliases.end());
  record.valid = incoming.valid;
  auto attributes = json::parse(record.attributes_json, nullptr, false);
  if (!attributes.is_object()) attributes = json::object();
  attributes.merge_patch(json::parse(incoming.attributes_json, nullptr, false));
  record.attributes_json = attributes.dump();
}

void SealedEntity::add_designation(const DesignationRecord& designation) {
  for (auto& existing : designations) {
    if (same_designation(existing, designation)) {
      existing.listed_on = designation.listed_on;
      return;
    }
  }
  designations.push_back(designation);
  designations.back().entity = record.id;
}

std::string source_payload(const SourceRecord& source) {
  return json{{"id", source.id},
              {"title", source.title},
              {"publisher", source.publisher},
              {"published_on", date_json(source.published_on)},
              {"url", source.url},
              {"sha256", source.sha256}}
      .dump();
}

SourceRecord source_from_payload(std::string_view text, const SourceRecord& clear_part) {
  const json payload = parse_payload(text);
  SourceRecord out = clear_part;
  out.id = text_of(payload, "id");
  out.title = text_of(payload, "title");
  out.publisher = text_of(payload, "publisher");
  out.published_on = date_of(payload, "published_on");
  out.url = text_of(payload, "url");
  out.sha256 = text_of(payload, "sha256");
  return out;
}

SourceRecord merge_source(SourceRecord existing, const SourceRecord& incoming) {
  auto keep = [](std::string& known, const std::string& given) {
    if (!given.empty()) known = given;
  };
  keep(existing.title, incoming.title);
  keep(existing.publisher, incoming.publisher);
  keep(existing.url, incoming.url);
  keep(existing.sha256, incoming.sha256);
  if (incoming.published_on) existing.published_on = incoming.published_on;
  existing.kind = incoming.kind;
  existing.reliability = incoming.reliability;
  return existing;
}

std::string claim_payload(const ClaimRecord& claim) {
  return json{{"locator", claim.locator},
              {"quote", claim.quote},
              {"recorded_by", claim.recorded_by},
              {"recorded_on", date_json(claim.recorded_on)}}
      .dump();
}

SealedClaimPart claim_part_from_payload(std::string_view text) {
  const json payload = parse_payload(text);
  return {text_of(payload, "locator"), text_of(payload, "quote"), text_of(payload, "recorded_by"),
          date_of(payload, "recorded_on")};
}

std::string relation_payload(const RelationRecord& relation) {
  return json{{"id", relation.id},
              {"src", relation.src},
              {"dst", relation.dst},
              {"kind", to_string(relation.kind)},
              {"date_from", date_json(relation.valid.from)},
              {"date_to", date_json(relation.valid.to)},
              {"confidence", relation.confidence ? json(*relation.confidence) : json()},
              {"attributes", json::parse(relation.attributes_json, nullptr, false)}}
      .dump();
}

RelationRecord relation_from_payload(std::string_view text) {
  const json payload = parse_payload(text);
  RelationRecord out;
  out.id = text_of(payload, "id");
  out.src = text_of(payload, "src");
  out.dst = text_of(payload, "dst");
  out.kind = parse_relation_kind(text_of(payload, "kind")).value_or(RelationKind::SameAs);
  out.valid = {date_of(payload, "date_from"), date_of(payload, "date_to")};
  if (payload.contains("confidence") && payload["confidence"].is_number()) {
    out.confidence = payload["confidence"].get<double>();
  }
  const auto& attributes = payload.value("attributes", json::object());
  out.attributes_json = attributes.is_object() ? attributes.dump() : "{}";
  return out;
}

std::string entity_context(std::string_view pseudonym) {
  return "entity:" + std::string(pseudonym);
}
std::string source_context(std::string_view pseudonym) {
  return "source:" + std::string(pseudonym);
}
std::string relation_context(std::string_view pseudonym) {
  return "relation:" + std::string(pseudonym);
}
std::string claim_context(std::string_view locator_tag) {
  return "claim:" + std::string(locator_tag);
}
std::string document_context(std::string_view document_tag) {
  return "document:" + std::string(document_tag);
}

}  // namespace flgraph::graph
