// importers/ofac_sdn.cpp: SDN rows, their aliases, addresses and remarks, to entities.
// Format: https://ofac.treasury.gov/specially-designated-nationals-list-data-formats-data-schemas
// (legacy "delimited" files; SOURCES.md in the shared data folder describes the copies we test on).
#include "importers/ofac_sdn.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>

#include "custody/sha256.h"
#include "importers/country_names.h"
#include "importers/csv_reader.h"
#include "importers/input_file.h"
#include "importers/ofac_identifiers.h"
#include "importers/progress.h"
#include "importers/sanctions_rules.h"

namespace flgraph::importers {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 12> kSdnColumns = {
    "ent_num",   "SDN_Name", "SDN_Type", "Program",   "Title",      "Call_Sign",
    "Vess_type", "Tonnage",  "GRT",      "Vess_flag", "Vess_owner", "Remarks"};
constexpr std::array<std::string_view, 5> kAltColumns = {"ent_num", "alt_num", "alt_type",
                                                         "alt_name", "alt_remarks"};
constexpr std::array<std::string_view, 6> kAddColumns = {
    "ent_num", "add_num", "address", "city_state_postal", "country", "add_remarks"};
constexpr std::array<std::string_view, 2> kCommentColumns = {"ent_num", "remarks_extended"};

enum SdnColumn : std::size_t {
  EntNum,
  Name,
  Type,
  Program,
  Title,
  CallSign,
  VesselType,
  Tonnage,
  Grt,
  VesselFlag,
  VesselOwner,
  Remarks
};

// OFAC writes null as "-0-", most often followed by a space.
std::string value_of(std::string_view field) {
  const auto text = trim(field);
  if (text == "-0-") return {};
  return std::string(text);
}

// OFAC's files end with a DOS end-of-file byte (0x1A, Ctrl-Z) after the last CRLF; it is no record.
std::string_view without_eof_marker(std::string_view text) {
  auto end = text.size();
  while (end > 0 && (text[end - 1] == '\n' || text[end - 1] == '\r')) --end;
  if (end > 0 && text[end - 1] == '\x1A') return text.substr(0, end - 1);
  return text;
}

struct CsvInput {
  std::filesystem::path path;
  std::string name;  // for messages
  std::string text;
};

// Every record of a headerless OFAC file, checked to have exactly `columns.size()` fields.
template <typename Visit>
void for_each_row(const CsvInput& input, std::span<const std::string_view> columns, Visit&& visit) {
  CsvReader reader(input.name, without_eof_marker(input.text));
  reader.set_header(std::vector<std::string>(columns.begin(), columns.end()));
  CsvRow row;
  while (reader.next(row)) {
    if (row.fields.size() != columns.size()) {
      std::string names;
      for (auto column : columns) names += fmt::format("{}{}", names.empty() ? "" : ", ", column);
      throw InputError::malformed(
          {input.name, row.line, ""},
          fmt::format("expected {} fields ({}), got {}", columns.size(), names, row.fields.size()));
    }
    visit(row);
  }
}

std::string ent_num_of(const CsvInput& input, const CsvRow& row) {
  const auto text = trim(row.fields[0]);
  std::int64_t number = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || number <= 0) {
    throw InputError::bad_value({input.name, row.line, "ent_num"},
                                "expected a positive whole number", text);
  }
  return std::string(text);
}

// "NPWMD] [DPRK2" -> {"NPWMD", "DPRK2"}. Program names may hold spaces ("CAATSA - RUSSIA").
std::vector<std::string> split_programs(std::string_view field) {
  std::vector<std::string> programs;
  std::size_t start = 0;
  while (start <= field.size()) {
    const auto end = std::min(field.find_first_of("[]", start), field.size());
    const auto program = trim(field.substr(start, end - start));
    if (!program.empty() && program != "-0-") programs.emplace_back(program);
    start = end + 1;
  }
  return programs;
}

struct AltName {
  std::string name;
  std::string type;  // aka, fka, nka
  std::string remarks;
};

struct Address {
  std::string address;
  std::string city;  // OFAC's "City/State/Province/Postal Code" column
  std::string country;
  std::string remarks;
};

struct SdnRow {
  std::size_t line = 0;
  std::vector<std::string> fields;  // null already turned into empty text
  std::vector<std::string> programs;
};

// What the Remarks field says, in its "; "-separated phrases.
struct RemarksFacts {
  std::vector<AltName> aliases;
  std::vector<Identifier> identifiers;
  std::vector<std::string> linked_to;
  std::vector<std::string> dates_of_birth;
  std::vector<std::string> places_of_birth;
  std::vector<std::string> nationalities;
  std::vector<std::string> citizenships;
  std::vector<std::string> registration_countries;
  std::string gender;
  std::string organization_type;
};

RemarksFacts parse_remarks(std::string_view remarks) {
  RemarksFacts facts;
  std::vector<std::string_view> phrases;
  for (std::size_t start = 0; start < remarks.size();) {
    const auto end = std::min(remarks.find("; ", start), remarks.size());
    phrases.push_back(trim(remarks.substr(start, end - start)));
    start = end + 2;
  }
  if (!phrases.empty() && phrases.back().ends_with('.')) phrases.back().remove_suffix(1);
  for (auto phrase : phrases) {
    bool is_alias = false;
    for (auto [prefix, type] : {std::pair<std::string_view, std::string_view>{"a.k.a. ", "aka"},
                                {"f.k.a. ", "fka"},
                                {"n.k.a. ", "nka"}}) {
      if (!phrase.starts_with(prefix)) continue;
      auto name = trim(phrase.substr(prefix.size()));
      if (name.size() >= 2 && (name.front() == '\'' || name.front() == '"') &&
          name.back() == name.front()) {
        name = trim(name.substr(1, name.size() - 2));
      }
      if (!name.empty()) facts.aliases.push_back({std::string(name), std::string(type), ""});
      is_alias = true;
      break;
    }
    if (is_alias) continue;
    if (phrase.starts_with("alt. ")) phrase.remove_prefix(5);
    auto after = [&](std::string_view prefix) -> std::optional<std::string> {
      if (!phrase.starts_with(prefix) || phrase.size() == prefix.size()) return std::nullopt;
      return std::string(trim(phrase.substr(prefix.size())));
    };
    if (auto value = after("Linked To: ")) {
      facts.linked_to.push_back(*value);
    } else if (auto dob = after("DOB ")) {
      facts.dates_of_birth.push_back(*dob);
    } else if (auto pob = after("POB ")) {
      facts.places_of_birth.push_back(*pob);
    } else if (auto registered = after("Nationality of Registration ")) {
      facts.registration_countries.push_back(*registered);
    } else if (auto nationality = after("nationality ")) {
      facts.nationalities.push_back(*nationality);
    } else if (auto citizen = after("citizen ")) {
      facts.citizenships.push_back(*citizen);
    } else if (auto gender = after("Gender ")) {
      facts.gender = *gender;
    } else if (auto type = after("Organization Type: ")) {
      facts.organization_type = *type;
    } else if (auto identifier = identifier_in(phrase)) {
      facts.identifiers.push_back(std::move(*identifier));
    }
  }
  return facts;
}

std::string_view type_name(std::string_view sdn_type) {
  return sdn_type.empty() ? "entity" : sdn_type;
}

std::string first_code(const std::vector<std::string>& countries) {
  for (const auto& country : countries) {
    if (auto code = country_code(country)) return *code;
  }
  return {};
}

json string_array(const std::vector<std::string>& values) { return json(values); }

struct Companions {
  std::map<std::string, std::vector<AltName>> aliases;
  std::map<std::string, std::vector<Address>> addresses;
  std::map<std::string, std::string> comments;
};

Companions read_companions(const std::filesystem::path& folder,
                           const std::map<std::string, std::size_t>& known,
                           std::vector<std::filesystem::path>& files) {
  Companions companions;
  auto open = [&](const char* file_name) -> std::optional<CsvInput> {
    const auto path = folder / file_name;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return std::nullopt;
    files.push_back(path);
    return CsvInput{path, path.string(), read_input_file(path)};
  };
  auto check_known = [&](const CsvInput& input, const CsvRow& row) {
    auto ent_num = ent_num_of(input, row);
    if (!known.contains(ent_num)) {
      throw InputError::unknown_reference({input.name, row.line, "ent_num"}, "sdn.csv entry",
                                          ent_num);
    }
    return ent_num;
  };
  if (auto alt = open("alt.csv")) {
    for_each_row(*alt, kAltColumns, [&](const CsvRow& row) {
      auto ent_num = check_known(*alt, row);
      auto name = value_of(row.fields[3]);
      if (name.empty())
        throw InputError::bad_value({alt->name, row.line, "alt_name"}, "must not be empty",
                                    row.fields[3]);
      companions.aliases[ent_num].push_back(
          {name, value_of(row.fields[2]), value_of(row.fields[4])});
    });
  }
  if (auto add = open("add.csv")) {
    for_each_row(*add, kAddColumns, [&](const CsvRow& row) {
      auto ent_num = check_known(*add, row);
      Address address{value_of(row.fields[2]), value_of(row.fields[3]), value_of(row.fields[4]),
                      value_of(row.fields[5])};
      if (address.address.empty() && address.city.empty() && address.country.empty() &&
          address.remarks.empty()) {
        return;
      }
      companions.addresses[ent_num].push_back(std::move(address));
    });
  }
  if (auto comments = open("sdn_comments.csv")) {
    for_each_row(*comments, kCommentColumns, [&](const CsvRow& row) {
      auto ent_num = check_known(*comments, row);
      // The overflow continues the Remarks field mid-word: append it as it is.
      companions.comments[ent_num] += value_of(row.fields[1]);
    });
  }
  return companions;
}

struct Scope {
  std::string_view name;  // dprk_program, dprk_remarks, dprk_address, other
  bool in_dprk_scope() const { return name != "other"; }
};

Scope scope_of(const SdnRow& row, std::string_view remarks, const std::vector<Address>& addresses) {
  if (std::any_of(row.programs.begin(), row.programs.end(),
                  [](const auto& p) { return is_dprk_program(p); })) {
    return {"dprk_program"};
  }
  if (mentions_north_korea(remarks)) return {"dprk_remarks"};
  if (std::any_of(addresses.begin(), addresses.end(),
                  [](const Address& a) { return is_north_korea(a.country); })) {
    return {"dprk_address"};
  }
  return {"other"};
}

OfacEntry make_entry(const SdnRow& row, Scope scope, const std::vector<AltName>& alt_names,
                     const std::vector<Address>& addresses, const std::string& remarks) {
  const auto& fields = row.fields;
  const auto facts = parse_remarks(remarks);
  const auto& ent_num = fields[EntNum];
  const std::string_view sdn_type = fields[Type];

  std::vector<std::string> address_countries;
  address_countries.reserve(addresses.size());
  for (const auto& address : addresses) address_countries.push_back(address.country);

  OfacEntry entry;
  entry.line = row.line;
  auto& entity = entry.entity;
  entity.id = "ofac-" + ent_num;
  entity.name = fields[Name];
  if (sdn_type == "individual") {
    entity.kind = graph::EntityKind::Person;
    entity.country = first_code(facts.nationalities);
    if (entity.country.empty()) entity.country = first_code(facts.citizenships);
    for (const auto& identifier : facts.identifiers) {
      if (entity.country.empty() && identifier.type == "passport")
        entity.country = first_code({identifier.country});
    }
    if (entity.country.empty()) entity.country = first_code(address_countries);
  } else if (sdn_type == "vessel") {
    entity.kind = graph::EntityKind::Vessel;
    if (auto flag = country_code(fields[VesselFlag])) entity.country = *flag;
  } else if (sdn_type == "aircraft") {
    // The model has no aircraft kind; a company (with ofac_type "aircraft") can be owned_by its
    // operator and never enters vessel matching of bills of lading.
    entity.kind = graph::EntityKind::Company;
    entity.country = first_code(address_countries);
  } else {
    OrganisationEvidence evidence{entity.name, address_countries, facts.registration_countries};
    for (const auto& identifier : facts.identifiers) {
      if (!identifier.country.empty())
        evidence.registration_countries.push_back(identifier.country);
    }
    entity.kind =
        scope.in_dprk_scope() ? dprk_organisation_kind(evidence) : graph::EntityKind::Company;
    entity.country = entity.kind == graph::EntityKind::StateEntity
                         ? "KP"
                         : first_code(facts.registration_countries);
    if (entity.country.empty()) entity.country = first_code(address_countries);
  }

  json alias_details = json::array();
  auto add_alias = [&](const AltName& alias, std::string_view from) {
    if (alias.name != entity.name && std::find(entity.aliases.begin(), entity.aliases.end(),
                                               alias.name) == entity.aliases.end()) {
      entity.aliases.push_back(alias.name);
    }
    json detail = {{"name", alias.name}, {"source", from}};
    if (!alias.type.empty()) detail["type"] = alias.type;
    if (!alias.remarks.empty()) detail["remarks"] = alias.remarks;
    alias_details.push_back(std::move(detail));
  };
  for (const auto& alias : alt_names) add_alias(alias, "alt.csv");
  for (const auto& alias : facts.aliases) add_alias(alias, "remarks");

  json attributes = {
      {"ofac_type", type_name(sdn_type)}, {"ent_num", ent_num}, {"programs", row.programs}};
  if (scope.in_dprk_scope())
    attributes["dprk_scope"] = scope.name.substr(5);  // program, remarks, address
  const std::array<std::pair<SdnColumn, std::string_view>, 7> optional_columns = {
      {{Title, "title"},
       {CallSign, "call_sign"},
       {VesselType, "vessel_type"},
       {Tonnage, "tonnage"},
       {Grt, "gross_registered_tonnage"},
       {VesselFlag, "vessel_flag"},
       {VesselOwner, "vessel_owner"}}};
  for (const auto& [column, key] : optional_columns) {
    if (!fields[column].empty()) attributes[std::string(key)] = fields[column];
  }
  if (!remarks.empty()) attributes["remarks"] = remarks;
  if (!alias_details.empty()) attributes["alias_details"] = std::move(alias_details);
  if (!addresses.empty()) {
    json list = json::array();
    for (const auto& address : addresses) {
      json item = json::object();
      if (!address.address.empty()) item["address"] = address.address;
      if (!address.city.empty()) item["city"] = address.city;
      if (!address.country.empty()) item["country"] = address.country;
      if (auto code = country_code(address.country)) item["country_code"] = *code;
      if (!address.remarks.empty()) item["remarks"] = address.remarks;
      list.push_back(std::move(item));
    }
    attributes["addresses"] = std::move(list);
  }
  if (!facts.identifiers.empty()) {
    json list = json::array();
    for (const auto& identifier : facts.identifiers) list.push_back(to_json(identifier));
    attributes["identifiers"] = std::move(list);
  }
  const std::array<std::pair<const std::vector<std::string>*, std::string_view>, 6> lists = {{
      {&facts.linked_to, "linked_to"},
      {&facts.dates_of_birth, "dates_of_birth"},
      {&facts.places_of_birth, "places_of_birth"},
      {&facts.nationalities, "nationalities"},
      {&facts.citizenships, "citizenships"},
      {&facts.registration_countries, "registration_countries"},
  }};
  for (const auto& [values, key] : lists) {
    if (!values->empty()) attributes[std::string(key)] = string_array(*values);
  }
  if (!facts.gender.empty()) attributes["gender"] = facts.gender;
  if (!facts.organization_type.empty()) attributes["organization_type"] = facts.organization_type;
  entity.attributes_json = attributes.dump();

  for (const auto& program : row.programs) {
    entry.designations.push_back({entity.id, "OFAC", program, std::nullopt, ent_num});
  }
  return entry;
}

}  // namespace

OfacSdnSet open_ofac_sdn(const std::filesystem::path& input, bool all_programs) {
  OfacSdnSet set;
  std::error_code ec;
  const bool is_folder = std::filesystem::is_directory(input, ec);
  set.sdn_path = is_folder ? input / "sdn.csv" : input;
  if (is_folder && !std::filesystem::exists(set.sdn_path, ec)) {
    throw InputError::malformed({input.string(), 0, ""},
                                "folder holds no sdn.csv (the OFAC SDN entries file)");
  }
  const CsvInput sdn{set.sdn_path, set.sdn_path.string(), read_input_file(set.sdn_path)};
  set.files.push_back(set.sdn_path);

  std::vector<SdnRow> rows;
  std::map<std::string, std::size_t> line_of_ent_num;
  for_each_row(sdn, kSdnColumns, [&](const CsvRow& row) {
    SdnRow parsed;
    parsed.line = row.line;
    const auto ent_num = ent_num_of(sdn, row);
    if (auto [it, inserted] = line_of_ent_num.emplace(ent_num, row.line); !inserted) {
      throw InputError::bad_value({sdn.name, row.line, "ent_num"},
                                  fmt::format("entry listed twice (first on line {})", it->second),
                                  ent_num);
    }
    for (const auto& field : row.fields) parsed.fields.push_back(value_of(field));
    parsed.fields[EntNum] = ent_num;
    if (parsed.fields[Name].empty()) {
      throw InputError::bad_value({sdn.name, row.line, "SDN_Name"}, "must not be empty",
                                  row.fields[Name]);
    }
    const auto& type = parsed.fields[Type];
    if (!(type.empty() || type == "individual" || type == "vessel" || type == "aircraft")) {
      throw InputError::bad_value({sdn.name, row.line, "SDN_Type"},
                                  "expected individual, vessel, aircraft or -0- (an entity)",
                                  row.fields[Type]);
    }
    parsed.programs = split_programs(row.fields[Program]);
    if (parsed.programs.empty()) {
      throw InputError::bad_value({sdn.name, row.line, "Program"},
                                  "expected at least one program, as \"[DPRK3]\"",
                                  row.fields[Program]);
    }
    rows.push_back(std::move(parsed));
  });
  if (rows.empty()) throw InputError::malformed({sdn.name, 0, ""}, "no SDN entries");

  const auto companions = read_companions(set.sdn_path.parent_path(), line_of_ent_num, set.files);
  static const std::vector<AltName> kNoAliases;
  static const std::vector<Address> kNoAddresses;

  auto& counts = set.counts;
  counts.file = sdn.name;
  counts.format = "ofac";
  for (const auto& row : rows) {
    const auto& ent_num = row.fields[EntNum];
    const auto alt = companions.aliases.find(ent_num);
    const auto add = companions.addresses.find(ent_num);
    const auto comment = companions.comments.find(ent_num);
    const auto& addresses = add == companions.addresses.end() ? kNoAddresses : add->second;
    const std::string remarks =
        row.fields[Remarks] +
        (comment == companions.comments.end() ? std::string() : comment->second);
    const auto scope = scope_of(row, remarks, addresses);
    ++counts.read;
    ++counts.by_scope[std::string(scope.name)];
    ++counts.types_by_scope[std::string(scope.name)][std::string(type_name(row.fields[Type]))];
    if (!scope.in_dprk_scope() && !all_programs) continue;
    auto entry = make_entry(row, scope, alt == companions.aliases.end() ? kNoAliases : alt->second,
                            addresses, remarks);
    ++counts.imported;
    for (const auto& program : row.programs) ++counts.by_program[program];
    ++counts.by_kind[std::string(graph::to_string(entry.entity.kind))];
    set.entries.push_back(std::move(entry));
  }

  const auto digest = custody::sha256_hex(sdn.text);
  set.source.id = "src-ofac-sdn-" + digest.substr(0, 12);
  set.source.title = "OFAC SDN list (sdn.csv)";
  set.source.publisher = "U.S. Department of the Treasury, OFAC";
  set.source.sha256 = digest;
  set.source.kind = graph::SourceKind::Designation;
  set.source.reliability = graph::Reliability::A;
  set.source.access = graph::Access::Public;
  return set;
}

void import_ofac_sdn(const OfacSdnSet& set, ImportSession& session) {
  session.add_source(set.source);
  const std::string name = set.sdn_path.string();
  const std::string file_name = set.sdn_path.filename().string();
  Progress progress(file_name, set.entries.size());
  std::size_t done = 0;
  for (const auto& entry : set.entries) {
    RawRecord raw(name, entry.line);
    session.add_entity(raw, entry.entity);
    for (const auto& designation : entry.designations)
      session.add_designation(raw, designation, "ent_num");
    graph::ClaimRecord claim;
    claim.fact = entry.entity.id;
    claim.source = set.source.id;
    claim.locator = fmt::format("{} row {}", file_name, entry.line);
    claim.credibility = 1;
    session.add_claim(raw, claim);
    if (++done % 512 == 0) progress.update(done);
  }
  progress.update(set.entries.size());
}

}  // namespace flgraph::importers
