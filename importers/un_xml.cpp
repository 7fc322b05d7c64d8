// importers/un_xml.cpp: INDIVIDUAL and ENTITY records of the UN consolidated list to entities.
#include "importers/un_xml.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <set>

#include "custody/sha256.h"
#include "importers/country_names.h"
#include "importers/csv_reader.h"
#include "importers/input_file.h"
#include "importers/progress.h"
#include "importers/sanctions_rules.h"
#include "importers/strict_xml.h"

namespace flgraph::importers {
namespace {

using nlohmann::json;

constexpr std::string_view kUnIdPrefix = "un-";

class Reader {
 public:
  Reader(std::string name, const LineIndex& lines) : name_(std::move(name)), lines_(lines) {}

  InputLocation at(pugi::xml_node node, const std::string& path) const {
    return {name_, lines_.line_at(node.offset_debug()), path};
  }
  // The trimmed text of child `tag` ("" when absent), single-spaced.
  static std::string text(pugi::xml_node node, const char* tag) {
    return collapse_spaces(node.child_value(tag));
  }
  std::string required(pugi::xml_node node, const std::string& path, const char* tag) const {
    auto value = text(node, tag);
    if (value.empty()) {
      const auto child = node.child(tag);
      throw InputError::malformed(at(child ? child : node, path + "/" + tag),
                                  child ? "must not be empty" : "missing element");
    }
    return value;
  }

 private:
  std::string name_;
  const LineIndex& lines_;
};

// xs:date, possibly with a time zone: "2009-04-24" or "2015-04-07-04:00".
std::optional<graph::Date> parse_listed_on(std::string_view text) {
  if (text.size() < 10) return std::nullopt;
  const auto zone = text.substr(10);
  const bool zone_ok = zone.empty() || zone == "Z" ||
                       (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':');
  if (!zone_ok) return std::nullopt;
  return graph::parse_date(text.substr(0, 10));
}

// The address-like children of an element, as one JSON object of its non-empty fields.
json fields_object(pugi::xml_node node,
                   std::initializer_list<std::pair<const char*, const char*>> fields) {
  json out = json::object();
  for (const auto& [tag, key] : fields) {
    auto value = Reader::text(node, tag);
    if (!value.empty()) out[key] = value;
  }
  return out;
}

// A quoted alias ("KOMID" in double quotes) is kept without its quotes.
std::string unquote(std::string text) {
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"')
    return collapse_spaces(text.substr(1, text.size() - 2));
  return text;
}

std::string identifier_type(std::string_view document_type) {
  std::string lower;
  for (char c : document_type)
    lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  if (lower.find("pas") != std::string::npos) return "passport";  // Passport, pasaporte, passeport
  if (lower.find("national") != std::string::npos) return "national_id";
  return "document";
}

UnEntry read_record(const Reader& reader, pugi::xml_node record, const std::string& path,
                    bool is_individual, bool in_scope, std::size_t line) {
  const char* prefix = is_individual ? "INDIVIDUAL" : "ENTITY";
  UnEntry entry;
  entry.line = line;
  // Single-valued in the schema: a second one would be silently ignored, so it is refused.
  for (const char* tag :
       {"DATAID", "VERSIONNUM", "FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME",
        "UN_LIST_TYPE", "REFERENCE_NUMBER", "LISTED_ON", "NAME_ORIGINAL_SCRIPT", "COMMENTS1"}) {
    if (const auto second = record.child(tag).next_sibling(tag)) {
      throw InputError::malformed(reader.at(second, path + "/" + tag),
                                  "element given twice; a record has one");
    }
  }
  const auto dataid = reader.required(record, path, "DATAID");
  if (dataid.find_first_not_of("0123456789") != std::string::npos) {
    throw InputError::bad_value(reader.at(record.child("DATAID"), path + "/DATAID"),
                                "expected a whole number", dataid);
  }
  const auto reference = reader.required(record, path, "REFERENCE_NUMBER");
  if (reference.find_first_of(" \t'\"") != std::string::npos) {
    throw InputError::bad_value(
        reader.at(record.child("REFERENCE_NUMBER"), path + "/REFERENCE_NUMBER"),
        "expected a reference such as KPe.001, without spaces or quotes", reference);
  }
  // The entity id is "un-" + the reference: it must stay within the id limit, or an export of it
  // could not be imported again.
  if (reference.size() + kUnIdPrefix.size() > kMaxIdBytes) {
    throw InputError::bad_value(
        reader.at(record.child("REFERENCE_NUMBER"), path + "/REFERENCE_NUMBER"),
        fmt::format("reference numbers are at most {} bytes (ids are at most {})",
                    kMaxIdBytes - kUnIdPrefix.size(), kMaxIdBytes),
        reference);
  }
  const auto list_type = reader.required(record, path, "UN_LIST_TYPE");
  std::string name;
  for (const char* tag : {"FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"}) {
    auto part = Reader::text(record, tag);
    if (part.empty()) continue;
    if (!name.empty()) name += ' ';
    name += part;
  }
  if (name.empty())
    throw InputError::malformed(reader.at(record, path + "/FIRST_NAME"), "record has no name");
  entry.locator = fmt::format("/CONSOLIDATED_LIST/{}/{}[DATAID='{}']",
                              is_individual ? "INDIVIDUALS" : "ENTITIES", prefix, dataid);

  auto& entity = entry.entity;
  entity.id = std::string(kUnIdPrefix) + reference;
  entity.name = name;

  json attributes = {
      {"un_reference_number", reference}, {"un_dataid", dataid}, {"un_list_type", list_type}};
  json aliases = json::array();
  auto add_alias = [&](const std::string& alias, const std::string& quality, json extra) {
    if (alias.empty()) return;
    if (alias != entity.name &&
        std::find(entity.aliases.begin(), entity.aliases.end(), alias) == entity.aliases.end()) {
      entity.aliases.push_back(alias);
    }
    extra["name"] = alias;
    if (!quality.empty()) extra["quality"] = quality;
    aliases.push_back(std::move(extra));
  };
  if (auto original = Reader::text(record, "NAME_ORIGINAL_SCRIPT"); !original.empty()) {
    add_alias(original, "original script", json::object());
  }
  const std::string alias_tag = std::string(prefix) + "_ALIAS";
  for (auto alias : record.children(alias_tag.c_str())) {
    auto extra = fields_object(alias, {{"NOTE", "note"},
                                       {"DATE_OF_BIRTH", "date_of_birth"},
                                       {"CITY_OF_BIRTH", "city_of_birth"},
                                       {"COUNTRY_OF_BIRTH", "country_of_birth"}});
    add_alias(unquote(Reader::text(alias, "ALIAS_NAME")), Reader::text(alias, "QUALITY"),
              std::move(extra));
  }
  if (!aliases.empty()) attributes["alias_details"] = std::move(aliases);

  std::vector<std::string> address_countries;
  json addresses = json::array();
  const std::string address_tag = std::string(prefix) + "_ADDRESS";
  for (auto address : record.children(address_tag.c_str())) {
    auto item = fields_object(address, {{"STREET", "street"},
                                        {"CITY", "city"},
                                        {"STATE_PROVINCE", "state_province"},
                                        {"ZIP_CODE", "zip_code"},
                                        {"COUNTRY", "country"},
                                        {"NOTE", "note"}});
    if (item.empty()) continue;
    if (item.contains("country")) {
      const auto country = item["country"].get<std::string>();
      address_countries.push_back(country);
      if (auto code = country_code(country)) item["country_code"] = *code;
    }
    addresses.push_back(std::move(item));
  }
  if (!addresses.empty()) attributes["addresses"] = std::move(addresses);

  auto values_of = [&](const char* tag) {
    std::vector<std::string> values;
    for (auto holder : record.children(tag)) {
      for (auto value : holder.children("VALUE")) {
        auto text = collapse_spaces(value.child_value());
        if (!text.empty()) values.push_back(std::move(text));
      }
    }
    return values;
  };
  const auto nationalities = values_of("NATIONALITY");
  for (auto [tag, key] :
       std::array<std::pair<const char*, const char*>, 4>{{{"NATIONALITY", "nationalities"},
                                                           {"DESIGNATION", "positions"},
                                                           {"TITLE", "titles"},
                                                           {"LAST_DAY_UPDATED", "last_updated"}}}) {
    auto values = values_of(tag);
    if (!values.empty()) attributes[key] = values;
  }
  if (auto list = values_of("LIST_TYPE"); !list.empty()) attributes["list_type"] = list.front();
  for (auto [tag, key] : std::array<std::pair<const char*, const char*>, 3>{
           {{"COMMENTS1", "comments"}, {"GENDER", "gender"}, {"VERSIONNUM", "version"}}}) {
    if (auto value = Reader::text(record, tag); !value.empty()) attributes[key] = value;
  }

  json births = json::array();
  for (auto birth : record.children("INDIVIDUAL_DATE_OF_BIRTH")) {
    auto item = fields_object(birth, {{"TYPE_OF_DATE", "type"},
                                      {"DATE", "date"},
                                      {"YEAR", "year"},
                                      {"FROM_YEAR", "from_year"},
                                      {"TO_YEAR", "to_year"},
                                      {"NOTE", "note"}});
    if (item.size() > (item.contains("type") ? 1u : 0u)) births.push_back(std::move(item));
  }
  if (!births.empty()) attributes["dates_of_birth"] = std::move(births);
  json places = json::array();
  for (auto place : record.children("INDIVIDUAL_PLACE_OF_BIRTH")) {
    auto item = fields_object(place, {{"STREET", "street"},
                                      {"CITY", "city"},
                                      {"STATE_PROVINCE", "state_province"},
                                      {"COUNTRY", "country"},
                                      {"NOTE", "note"}});
    if (!item.empty()) places.push_back(std::move(item));
  }
  if (!places.empty()) attributes["places_of_birth"] = std::move(places);

  std::vector<Identifier> identifiers;
  for (auto document : record.children("INDIVIDUAL_DOCUMENT")) {
    auto number = Reader::text(document, "NUMBER");
    if (number.empty()) continue;
    const auto type = Reader::text(document, "TYPE_OF_DOCUMENT");
    auto country = Reader::text(document, "ISSUING_COUNTRY");
    if (country.empty()) country = Reader::text(document, "COUNTRY_OF_ISSUE");
    std::string note;
    for (const char* tag : {"TYPE_OF_DOCUMENT2", "DATE_OF_ISSUE", "CITY_OF_ISSUE", "NOTE"}) {
      auto value = Reader::text(document, tag);
      if (value.empty()) continue;
      if (!note.empty()) note += "; ";
      note += value;
    }
    identifiers.push_back({identifier_type(type), type, number, country, note});
  }
  for (auto& found : identifiers_in_text(Reader::text(record, "COMMENTS1")))
    identifiers.push_back(std::move(found));
  if (!identifiers.empty()) {
    json list = json::array();
    for (const auto& identifier : identifiers) list.push_back(to_json(identifier));
    attributes["identifiers"] = std::move(list);
  }

  auto first_code = [](const std::vector<std::string>& countries) -> std::string {
    for (const auto& country : countries) {
      if (auto code = country_code(country)) return *code;
    }
    return {};
  };
  if (is_individual) {
    entity.kind = graph::EntityKind::Person;
    entity.country = first_code(nationalities);
    if (entity.country.empty()) entity.country = first_code(address_countries);
  } else {
    OrganisationEvidence evidence{entity.name, address_countries, {}};
    for (const auto& identifier : identifiers) {
      if (!identifier.country.empty())
        evidence.registration_countries.push_back(identifier.country);
    }
    entity.kind = in_scope ? dprk_organisation_kind(evidence) : graph::EntityKind::Company;
    entity.country =
        entity.kind == graph::EntityKind::StateEntity ? "KP" : first_code(address_countries);
  }
  entity.attributes_json = attributes.dump();

  entry.designation.entity = entity.id;
  entry.designation.authority = "UN";
  entry.designation.program = list_type;
  entry.designation.list_id = reference;
  if (auto listed = Reader::text(record, "LISTED_ON"); !listed.empty()) {
    entry.designation.listed_on = parse_listed_on(listed);
    if (!entry.designation.listed_on) {
      throw InputError::bad_value(reader.at(record.child("LISTED_ON"), path + "/LISTED_ON"),
                                  "expected a date as YYYY-MM-DD", listed);
    }
  }
  return entry;
}

}  // namespace

UnXmlFile open_un_xml(const std::filesystem::path& path, bool all_programs) {
  UnXmlFile file;
  file.path = path;
  const std::string name = path.string();
  const std::string text = read_input_file(path);
  const LineIndex lines(text);
  if (auto offset = doctype_offset(text)) {
    throw InputError::malformed(
        {name, lines.line_at(static_cast<std::ptrdiff_t>(*offset)), "<!DOCTYPE>"},
        "document type declarations are refused: they can declare external entities "
        "or entity-expansion bombs, and the UN list has none");
  }
  check_xml_characters(name, text);

  pugi::xml_document document;
  const auto result = document.load_buffer(
      text.data(), text.size(), pugi::parse_default | pugi::parse_doctype, pugi::encoding_utf8);
  if (!result) {
    const auto at = static_cast<std::size_t>(std::max<std::ptrdiff_t>(result.offset, 0));
    const bool on_last_line = text.find('\n', at) == std::string::npos;
    throw InputError::malformed(
        {name, lines.line_at(result.offset), ""},
        fmt::format("not well-formed XML: {}{}", result.description(),
                    on_last_line ? " (the file ends before its elements close: truncated?)" : ""));
  }
  for (auto node : document.children()) {
    if (node.type() == pugi::node_doctype) {
      throw InputError::malformed({name, lines.line_at(node.offset_debug()), "<!DOCTYPE>"},
                                  "document type declarations are refused");
    }
  }
  check_xml_structure(name, text, lines);
  const auto root = document.child("CONSOLIDATED_LIST");
  if (!root) {
    throw InputError::malformed(
        {name, lines.line_at(document.document_element().offset_debug()), ""},
        "expected the root element CONSOLIDATED_LIST of the UN consolidated list");
  }

  const Reader reader(name, lines);
  auto& counts = file.counts;
  counts.file = name;
  counts.format = "un";
  std::set<std::string> ids;
  std::size_t total = 0;
  for (const char* group : {"INDIVIDUALS", "ENTITIES"}) {
    for (auto holder : root.children(group))
      total += static_cast<std::size_t>(std::distance(holder.begin(), holder.end()));
  }
  Progress progress(path.filename().string(), total);
  std::size_t done = 0;
  for (const bool is_individual : {true, false}) {
    const char* group = is_individual ? "INDIVIDUALS" : "ENTITIES";
    const char* tag = is_individual ? "INDIVIDUAL" : "ENTITY";
    std::size_t position = 0;
    for (auto holder : root.children(group)) {
      for (auto record : holder.children(tag)) {
        const auto record_path = fmt::format("{}/{}[{}]", group, tag, ++position);
        const auto list_type = Reader::text(record, "UN_LIST_TYPE");
        const bool in_scope = list_type == "DPRK";
        const std::string scope = in_scope ? "dprk_list_type" : "other";
        ++counts.read;
        ++counts.by_scope[scope];
        ++counts.types_by_scope[scope][is_individual ? "individual" : "entity"];
        if (++done % 256 == 0) progress.update(done);
        if (!in_scope && !all_programs) continue;
        auto entry = read_record(reader, record, record_path, is_individual, in_scope,
                                 lines.line_at(record.offset_debug()));
        if (!ids.insert(entry.entity.id).second) {
          throw InputError::bad_value(
              reader.at(record.child("REFERENCE_NUMBER"), record_path + "/REFERENCE_NUMBER"),
              "reference number listed twice", entry.designation.list_id);
        }
        ++counts.imported;
        ++counts.by_program[entry.designation.program];
        ++counts.by_kind[std::string(graph::to_string(entry.entity.kind))];
        file.entries.push_back(std::move(entry));
      }
    }
  }
  progress.update(total);
  if (counts.read == 0) {
    throw InputError::malformed({name, lines.line_at(root.offset_debug()), "CONSOLIDATED_LIST"},
                                "no INDIVIDUAL or ENTITY records");
  }

  const auto digest = custody::sha256_hex(text);
  file.source.id = "src-un-consolidated-" + digest.substr(0, 12);
  file.source.title =
      fmt::format("UN Security Council Consolidated List ({})", path.filename().string());
  file.source.publisher = "United Nations Security Council";
  const std::string generated = root.attribute("dateGenerated").value();
  if (generated.size() >= 10)
    file.source.published_on = graph::parse_date(std::string_view(generated).substr(0, 10));
  file.source.sha256 = digest;
  file.source.kind = graph::SourceKind::Designation;
  file.source.reliability = graph::Reliability::A;
  file.source.access = graph::Access::Public;
  return file;
}

void import_un_xml(const UnXmlFile& file, ImportSession& session) {
  session.add_source(file.source);
  const std::string name = file.path.string();
  for (const auto& entry : file.entries) {
    RawRecord raw(name, entry.line);
    session.add_entity(raw, entry.entity);
    session.add_designation(raw, entry.designation, "REFERENCE_NUMBER");
    graph::ClaimRecord claim;
    claim.fact = entry.entity.id;
    claim.source = file.source.id;
    claim.locator = entry.locator;
    claim.credibility = 1;
    session.add_claim(raw, claim);
  }
}

}  // namespace flgraph::importers
