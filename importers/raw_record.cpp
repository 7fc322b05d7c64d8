// importers/raw_record.cpp: validation and conversion of record fields, shared by CSV and JSON.
#include "importers/raw_record.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "graph/legal_mapping.h"
#include "importers/input_file.h"

namespace flgraph::importers {
namespace {

using graph::parse_date;

const std::vector<std::string_view> kEntityKnown = {
    "id",        "kind",    "name",      "country",    "aliases",
    "date_from", "date_to", "protected", "attributes", "designations"};
const std::vector<std::string_view> kRelationKnown = {
    "id", "src", "dst", "kind", "date_from", "date_to", "confidence", "attributes"};

// Longest text accepted in one field: beyond it, input is almost surely broken or hostile.
constexpr std::size_t kMaxFieldBytes = 1 << 20;

std::string_view required_text(const RawRecord& raw, std::string_view field) {
  if (!raw.has(field)) throw InputError::missing_column(raw.at(field), field);
  const auto value = raw.get(field);
  if (value.empty()) throw InputError::bad_value(raw.at(field), "must not be empty", value);
  return value;
}

std::string optional_text(const RawRecord& raw, std::string_view field) {
  const auto value = raw.get(field);
  if (value.size() > kMaxFieldBytes) {
    throw InputError::bad_value(raw.at(field), fmt::format("longer than {} bytes", kMaxFieldBytes),
                                value);
  }
  return std::string(value);
}

std::string id_text(const RawRecord& raw, std::string_view field) {
  const auto value = required_text(raw, field);
  if (value.size() > kMaxIdBytes) {
    throw InputError::bad_value(raw.at(field), fmt::format("ids are at most {} bytes", kMaxIdBytes),
                                value);
  }
  if (value.front() == ' ' || value.back() == ' ') {
    throw InputError::bad_value(raw.at(field), "ids must not start or end with a space", value);
  }
  return std::string(value);
}

std::optional<graph::Date> optional_date(const RawRecord& raw, std::string_view field) {
  const auto value = raw.get(field);
  if (value.empty()) return std::nullopt;
  auto date = parse_date(value);
  if (!date)
    throw InputError::bad_value(raw.at(field), "expected a real date as YYYY-MM-DD", value);
  return date;
}

graph::DateRange date_range(const RawRecord& raw) {
  graph::DateRange range{optional_date(raw, "date_from"), optional_date(raw, "date_to")};
  if (range.from && range.to && *range.to < *range.from) {
    throw InputError::bad_value(
        raw.at("date_to"), fmt::format("ends before date_from {}", graph::format_date(*range.from)),
        raw.get("date_to"));
  }
  return range;
}

std::string attributes_of(const RawRecord& raw, const std::vector<std::string_view>& known) {
  auto is_extra = [&](const auto& field) {
    return !field.second.empty() &&
           std::find(known.begin(), known.end(), field.first) == known.end();
  };
  // Most rows carry no attributes: skip building a JSON document for them (bulk imports).
  if (!raw.attributes_json && std::none_of(raw.fields().begin(), raw.fields().end(), is_extra))
    return "{}";
  nlohmann::json attributes = nlohmann::json::object();
  if (raw.attributes_json) attributes = nlohmann::json::parse(*raw.attributes_json);
  for (const auto& [name, value] : raw.fields()) {
    if (std::find(known.begin(), known.end(), name) != known.end() || value.empty()) continue;
    attributes[name] = value;
  }
  return attributes.dump();
}

// A list field: ";"-separated text (CSV) or, after a JSON bundle's attributes, an array of strings.
std::vector<std::string> list_items(const RawRecord& raw, std::string_view field,
                                    const nlohmann::json& value) {
  std::vector<std::string> items;
  auto add_split = [&](const std::string& text) {
    std::size_t start = 0;
    while (start <= text.size()) {
      const auto end = std::min(text.find(';', start), text.size());
      auto item = text.substr(start, end - start);
      item.erase(0, item.find_first_not_of(' '));
      item.erase(item.find_last_not_of(' ') + 1);
      if (!item.empty()) items.push_back(item);
      start = end + 1;
    }
  };
  if (value.is_string()) {
    add_split(value.get<std::string>());
  } else if (value.is_array()) {
    for (const auto& item : value) {
      if (!item.is_string())
        throw InputError::bad_value(raw.at(field), "expected a list of codes", value.dump());
      add_split(item.get<std::string>());
    }
  } else {
    throw InputError::bad_value(raw.at(field), "expected a list of codes", value.dump());
  }
  return items;
}

// A case's legal mapping (graph/legal_mapping.h), checked and stored in one canonical form:
// arrays of codes, an integer victim count. Other kinds may not carry these fields.
void canonicalise_case_fields(const RawRecord& raw, graph::EntityKind kind,
                              nlohmann::json& attributes) {
  using graph::kIloIndicatorsAttribute, graph::kRomeStatuteAttribute, graph::kVictimCountAttribute,
      graph::kLocationAttribute;
  for (const auto name : {kIloIndicatorsAttribute, kRomeStatuteAttribute, kVictimCountAttribute,
                          kLocationAttribute}) {
    if (attributes.contains(name) && kind != graph::EntityKind::Case) {
      const auto& value = attributes[std::string(name)];
      throw InputError::bad_value(raw.at(name), "only a case carries this field",
                                  value.is_string() ? value.get<std::string>() : value.dump());
    }
  }
  if (auto found = attributes.find(kIloIndicatorsAttribute); found != attributes.end()) {
    nlohmann::json codes = nlohmann::json::array();
    for (const auto& item : list_items(raw, kIloIndicatorsAttribute, *found)) {
      const auto* indicator = graph::find_ilo_indicator(item);
      if (!indicator) {
        throw InputError::bad_value(
            raw.at(kIloIndicatorsAttribute),
            "not one of the 11 ILO forced-labour indicators (a number 1-11 or a code "
            "such as withholding_of_wages)",
            item);
      }
      if (std::find(codes.begin(), codes.end(), indicator->code) == codes.end())
        codes.push_back(indicator->code);
    }
    *found = std::move(codes);
  }
  if (auto found = attributes.find(kRomeStatuteAttribute); found != attributes.end()) {
    nlohmann::json codes = nlohmann::json::array();
    for (const auto& item : list_items(raw, kRomeStatuteAttribute, *found)) {
      const auto* element = graph::find_rome_statute_element(item);
      if (!element) {
        throw InputError::bad_value(
            raw.at(kRomeStatuteAttribute),
            "not an element of Rome Statute art. 7(1) (a code such as 7(1)(c) or a name "
            "such as enslavement)",
            item);
      }
      if (std::find(codes.begin(), codes.end(), element->code) == codes.end())
        codes.push_back(element->code);
    }
    *found = std::move(codes);
  }
  if (auto found = attributes.find(kVictimCountAttribute); found != attributes.end()) {
    std::int64_t count = -1;
    if (found->is_number_integer()) {
      count = found->get<std::int64_t>();
    } else if (found->is_string()) {
      const auto text = found->get<std::string>();
      const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), count);
      if (ec != std::errc{} || ptr != text.data() + text.size()) count = -1;
    }
    constexpr std::int64_t kMaxVictims = 100'000'000;
    if (count < 0 || count > kMaxVictims) {
      throw InputError::bad_value(raw.at(kVictimCountAttribute),
                                  "expected a whole number of people, 0 or more",
                                  found->is_string() ? found->get<std::string>() : found->dump());
    }
    *found = count;
  }
  if (auto found = attributes.find(kLocationAttribute);
      found != attributes.end() && !found->is_string()) {
    throw InputError::bad_value(raw.at(kLocationAttribute), "expected text", found->dump());
  }
}

}  // namespace

const std::vector<std::string_view> kEntityRequired = {"id", "kind", "name", "country"};
const std::vector<std::string_view> kRelationRequired = {"src",       "dst",     "kind",
                                                         "date_from", "date_to", "confidence"};
const std::vector<std::string_view> kSourceRequired = {
    "id", "title", "publisher", "published_on", "url", "sha256", "kind", "reliability", "access"};
const std::vector<std::string_view> kClaimRequired = {"fact", "source", "locator", "credibility",
                                                      "quote"};
const std::vector<std::string_view> kDesignationRequired = {"entity", "authority", "program",
                                                            "listed_on", "list_id"};

bool RawRecord::has(std::string_view name) const {
  return std::any_of(fields_.begin(), fields_.end(),
                     [&](const auto& field) { return field.first == name; });
}

std::string_view RawRecord::get(std::string_view name) const {
  for (const auto& [key, value] : fields_) {
    if (key == name) return value;
  }
  return {};
}

graph::EntityRecord parse_entity(const RawRecord& raw) {
  graph::EntityRecord entity;
  entity.id = id_text(raw, "id");
  const auto kind_text = required_text(raw, "kind");
  auto kind = graph::parse_entity_kind(kind_text);
  if (!kind) {
    throw InputError::bad_value(
        raw.at("kind"),
        "unknown entity kind (one of state_entity, company, person, site, vessel, "
        "shipment, product, case)",
        kind_text);
  }
  entity.kind = *kind;
  entity.name = optional_text(raw, "name");
  entity.country = optional_text(raw, "country");
  if (!entity.country.empty()) {
    const bool alpha2 =
        entity.country.size() == 2 && std::all_of(entity.country.begin(), entity.country.end(),
                                                  [](char c) { return c >= 'A' && c <= 'Z'; });
    if (!alpha2)
      throw InputError::bad_value(raw.at("country"), "expected an ISO 3166 alpha-2 code such as CN",
                                  entity.country);
  }
  if (raw.alias_list) {
    entity.aliases = *raw.alias_list;
  } else {
    const auto text = optional_text(raw, "aliases");
    std::size_t start = 0;
    while (start <= text.size() && !text.empty()) {
      const auto end = std::min(text.find(';', start), text.size());
      auto alias = text.substr(start, end - start);
      alias.erase(0, alias.find_first_not_of(' '));
      alias.erase(alias.find_last_not_of(' ') + 1);
      if (!alias.empty()) entity.aliases.push_back(alias);
      start = end + 1;
    }
  }
  entity.valid = date_range(raw);
  const auto flag = raw.get("protected");
  if (flag == "true" || flag == "1") {
    entity.is_protected = true;
  } else if (!(flag.empty() || flag == "false" || flag == "0")) {
    throw InputError::bad_value(raw.at("protected"), "expected true or false", flag);
  }
  entity.attributes_json = attributes_of(raw, kEntityKnown);
  if (entity.attributes_json != "{}") {
    auto attributes = nlohmann::json::parse(entity.attributes_json);
    canonicalise_case_fields(raw, entity.kind, attributes);
    entity.attributes_json = attributes.dump();
  }
  return entity;
}

graph::RelationRecord parse_relation(const RawRecord& raw) {
  graph::RelationRecord relation;
  relation.src = id_text(raw, "src");
  relation.dst = id_text(raw, "dst");
  const auto kind_text = required_text(raw, "kind");
  auto kind = graph::parse_relation_kind(kind_text);
  if (!kind) {
    throw InputError::bad_value(
        raw.at("kind"),
        "unknown relation kind (one of dispatches_workers, operated_by, ships, "
        "consigned_to, supplies, owned_by, documents, carries, transported_by, same_as)",
        kind_text);
  }
  relation.kind = *kind;
  relation.valid = date_range(raw);
  const auto confidence_text = raw.get("confidence");
  if (!confidence_text.empty()) {
    double value = 0;
    const auto* end = confidence_text.data() + confidence_text.size();
    const auto [ptr, ec] = std::from_chars(confidence_text.data(), end, value);
    if (ec != std::errc{} || ptr != end || !std::isfinite(value)) {
      throw InputError::bad_value(raw.at("confidence"), "expected a number in (0,1]",
                                  confidence_text);
    }
    if (value <= 0.0 || value > 1.0) {
      throw InputError::bad_value(raw.at("confidence"), "confidence must be in (0,1]",
                                  confidence_text);
    }
    relation.confidence = value;
  }
  if (relation.src == relation.dst) {
    throw InputError::bad_value(raw.at("dst"), "a relation cannot join an entity to itself",
                                relation.dst);
  }
  relation.attributes_json = attributes_of(raw, kRelationKnown);
  relation.id = raw.get("id").empty() ? graph::derive_relation_id(relation) : id_text(raw, "id");
  return relation;
}

graph::SourceRecord parse_source(const RawRecord& raw) {
  graph::SourceRecord source;
  source.id = id_text(raw, "id");
  source.title = optional_text(raw, "title");
  source.publisher = optional_text(raw, "publisher");
  source.published_on = optional_date(raw, "published_on");
  source.url = optional_text(raw, "url");
  source.sha256 = optional_text(raw, "sha256");
  std::transform(source.sha256.begin(), source.sha256.end(), source.sha256.begin(), [](char c) {
    return static_cast<char>(c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c);
  });
  if (!source.sha256.empty() &&
      (source.sha256.size() != 64 ||
       source.sha256.find_first_not_of("0123456789abcdef") != std::string::npos)) {
    throw InputError::bad_value(raw.at("sha256"), "expected 64 hexadecimal digits", source.sha256);
  }
  const auto kind_text = required_text(raw, "kind");
  auto kind = graph::parse_source_kind(kind_text);
  if (!kind) {
    throw InputError::bad_value(
        raw.at("kind"),
        "unknown source kind (one of testimony, customs_record, designation, report, "
        "media, court_record)",
        kind_text);
  }
  source.kind = *kind;
  const auto reliability_text = required_text(raw, "reliability");
  auto reliability = graph::parse_reliability(reliability_text);
  if (!reliability)
    throw InputError::bad_value(raw.at("reliability"), "expected a grade A to F", reliability_text);
  source.reliability = *reliability;
  // Witness testimony is protected unless the data says otherwise (docs/PROTECTION.md, "What is
  // protected").
  const auto access_text = raw.get("access");
  if (access_text.empty()) {
    source.access = source.kind == graph::SourceKind::Testimony ? graph::Access::Protected
                                                                : graph::Access::Public;
  } else {
    auto access = graph::parse_access(access_text);
    if (!access)
      throw InputError::bad_value(raw.at("access"), "expected public, restricted or protected",
                                  access_text);
    source.access = *access;
  }
  return source;
}

graph::ClaimRecord parse_claim(const RawRecord& raw) {
  graph::ClaimRecord claim;
  claim.fact = id_text(raw, "fact");
  claim.source = id_text(raw, "source");
  claim.locator = optional_text(raw, "locator");
  const auto credibility_text = required_text(raw, "credibility");
  int credibility = 0;
  const auto* end = credibility_text.data() + credibility_text.size();
  const auto [ptr, ec] = std::from_chars(credibility_text.data(), end, credibility);
  if (ec != std::errc{} || ptr != end || credibility < graph::kMinCredibility ||
      credibility > graph::kMaxCredibility) {
    throw InputError::bad_value(raw.at("credibility"), "expected a whole number from 1 to 6",
                                credibility_text);
  }
  claim.credibility = credibility;
  claim.quote = optional_text(raw, "quote");
  claim.recorded_by = optional_text(raw, "recorded_by");
  claim.recorded_on = optional_date(raw, "recorded_on");
  return claim;
}

graph::DesignationRecord parse_designation(const RawRecord& raw) {
  graph::DesignationRecord designation;
  designation.entity = raw.has("entity") ? id_text(raw, "entity") : std::string();
  designation.authority = std::string(required_text(raw, "authority"));
  designation.program = std::string(required_text(raw, "program"));
  designation.listed_on = optional_date(raw, "listed_on");
  designation.list_id = optional_text(raw, "list_id");
  return designation;
}

}  // namespace flgraph::importers
