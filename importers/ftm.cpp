// importers/ftm.cpp: FollowTheMoney schemata to entities, owned_by relations and designations.
// Schemata and property names: FtM 4.x (shared/data/ftm/model),
// https://followthemoney.tech/explorer/
#include "importers/ftm.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "custody/sha256.h"
#include "importers/country_names.h"
#include "importers/input_file.h"
#include "importers/progress.h"
#include "importers/sanctions_rules.h"

namespace flgraph::importers {
namespace {

using nlohmann::json;

// Interval schemata that join two entities, with the property naming each end (FtM "edge").
struct EdgeSchema {
  std::string_view schema;
  std::string_view source;
  std::string_view target;
};
constexpr std::array<EdgeSchema, 13> kEdgeSchemata = {{
    {"Ownership", "owner", "asset"},
    {"Directorship", "director", "organization"},
    {"Employment", "employee", "employer"},
    {"Membership", "member", "organization"},
    {"Representation", "agent", "client"},
    {"UnknownLink", "subject", "object"},
    {"Family", "person", "relative"},
    {"Associate", "person", "associate"},
    {"Payment", "payer", "beneficiary"},
    {"Debt", "debtor", "creditor"},
    {"Succession", "predecessor", "successor"},
    {"Occupancy", "holder", "post"},
    {"Similar", "candidate", "match"},
}};

// Properties that become identifiers, with the identifier type (as OFAC and UN identifiers).
constexpr std::array<std::pair<std::string_view, std::string_view>, 24> kIdentifierProperties = {{
    {"imoNumber", "imo"},
    {"swiftBic", "swift_bic"},
    {"passportNumber", "passport"},
    {"idNumber", "national_id"},
    {"socialSecurityNumber", "national_id"},
    {"registrationNumber", "registration"},
    {"taxNumber", "registration"},
    {"innCode", "registration"},
    {"ogrnCode", "registration"},
    {"kppCode", "registration"},
    {"okpoCode", "registration"},
    {"leiCode", "registration"},
    {"vatCode", "registration"},
    {"dunsCode", "registration"},
    {"uniqueEntityId", "registration"},
    {"permId", "registration"},
    {"bikCode", "registration"},
    {"npiCode", "registration"},
    {"mmsi", "mmsi"},
    {"callSign", "call_sign"},
    {"email", "email"},
    {"phone", "phone"},
    {"website", "website"},
    {"icaoCode", "registration"},
}};

// Entity properties that fill model fields (besides the identifiers above).
constexpr std::array<std::string_view, 13> kEntityMapped = {
    "name",           "alias",        "previousName",  "abbreviation",
    "country",        "jurisdiction", "nationality",   "citizenship",
    "mainCountry",    "address",      "addressEntity", "incorporationDate",
    "dissolutionDate"};
constexpr std::array<std::string_view, 5> kOwnershipMapped = {"owner", "asset", "startDate",
                                                              "endDate", "percentage"};
constexpr std::array<std::string_view, 9> kSanctionMapped = {
    "entity",    "authority",   "program", "programId", "listingDate",
    "startDate", "authorityId", "unscId",  "recordId"};

std::optional<graph::EntityKind> entity_kind_of(std::string_view schema) {
  if (schema == "Person") return graph::EntityKind::Person;
  if (schema == "Company" || schema == "Organization" || schema == "LegalEntity" ||
      schema == "PublicBody") {
    return graph::EntityKind::Company;
  }
  if (schema == "Vessel") return graph::EntityKind::Vessel;
  // No aircraft kind in the model: an airplane is a company-like asset, as OFAC aircraft are.
  if (schema == "Airplane") return graph::EntityKind::Company;
  return std::nullopt;
}

bool is_legal_entity(std::string_view schema) {
  return schema == "Company" || schema == "Organization" || schema == "LegalEntity" ||
         schema == "PublicBody";
}

std::vector<std::string> strings(const FtmRecord& record, std::string_view property) {
  std::vector<std::string> out;
  const auto found = record.properties.find(std::string(property));
  if (found == record.properties.end()) return out;
  for (const auto& value : *found) out.push_back(value.get<std::string>());
  return out;
}

std::string first(const FtmRecord& record, std::string_view property) {
  auto values = strings(record, property);
  return values.empty() ? std::string() : values.front();
}

template <std::size_t N>
bool listed(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool is_identifier_property(std::string_view name) {
  return std::any_of(kIdentifierProperties.begin(), kIdentifierProperties.end(),
                     [&](const auto& entry) { return entry.first == name; });
}

std::string line_locator(const std::filesystem::path& path, std::size_t line) {
  return fmt::format("{} line {}", path.filename().string(), line);
}

// The FtM record itself, kept whole so nothing it said is lost.
json ftm_attribute(const FtmRecord& record) {
  json out = record.meta;
  out["schema"] = record.schema;
  out["properties"] = record.properties;
  return out;
}

// Earliest start or latest end of a date property; throws naming the property on a bad date.
std::optional<graph::Date> date_of(const std::string& file, const FtmRecord& record,
                                   std::string_view property, bool is_end) {
  std::optional<graph::Date> best;
  for (const auto& text : strings(record, property)) {
    auto date = ftm_date(text, is_end);
    if (!date) {
      throw InputError::bad_value({file, record.line, fmt::format("properties.{}", property)},
                                  "expected a date as YYYY, YYYY-MM or YYYY-MM-DD", text);
    }
    if (!best || (is_end ? *date > *best : *date < *best)) best = date;
  }
  return best;
}

graph::DateRange range_of(const std::string& file, const FtmRecord& record,
                          std::string_view from_property, std::string_view to_property) {
  graph::DateRange range{date_of(file, record, from_property, false),
                         date_of(file, record, to_property, true)};
  if (range.from && range.to && *range.to < *range.from) {
    throw InputError::bad_value(
        {file, record.line, fmt::format("properties.{}", to_property)},
        fmt::format("ends before {} {}", from_property, graph::format_date(*range.from)),
        first(record, to_property));
  }
  return range;
}

// An entity of this file on its way to the store, with what other records add to it.
struct PendingEntity {
  const FtmRecord* record = nullptr;
  graph::EntityRecord entity;
  json addresses = json::array();
  json identifiers = json::array();
  json links = json::array();
};

std::string country_from(const FtmRecord& record,
                         std::initializer_list<std::string_view> properties) {
  for (auto property : properties) {
    for (const auto& value : strings(record, property)) {
      if (value.size() != 2) continue;  // FtM also has codes such as "suhh" (Soviet Union)
      if (auto code = country_code(value)) return *code;
    }
  }
  return {};
}

bool mentions_kp(const FtmRecord& record) {
  for (auto property : {"country", "jurisdiction", "mainCountry", "nationality"}) {
    for (const auto& value : strings(record, property)) {
      if (value == "kp" || value == "KP") return true;
    }
  }
  return false;
}

PendingEntity make_entity(const std::string& file, const FtmRecord& record, graph::EntityKind kind,
                          const std::unordered_map<std::string, const FtmRecord*>& by_id) {
  PendingEntity pending;
  pending.record = &record;
  auto& entity = pending.entity;
  entity.id = record.id;
  // An organisation in North Korea is a state body (docs/FORMATS.md, "FollowTheMoney"); elsewhere a
  // company.
  entity.kind =
      is_legal_entity(record.schema) && mentions_kp(record) ? graph::EntityKind::StateEntity : kind;
  auto names = strings(record, "name");
  if (!names.empty()) {
    entity.name = names.front();
  } else if (auto caption = record.meta.find("caption");
             caption != record.meta.end() && caption->is_string()) {
    entity.name = caption->get<std::string>();
  } else {
    entity.name = record.id;
  }
  // A set, not a search of the list: exports may give an entity tens of thousands of aliases.
  std::unordered_set<std::string> seen_aliases = {entity.name};
  for (auto property : {"name", "alias", "previousName", "abbreviation"}) {
    for (auto& alias : strings(record, property)) {
      if (seen_aliases.insert(alias).second) entity.aliases.push_back(std::move(alias));
    }
  }
  entity.country = record.schema == "Person"
                       ? country_from(record, {"nationality", "citizenship", "country"})
                       : country_from(record, {"jurisdiction", "country", "mainCountry"});
  if (entity.kind == graph::EntityKind::StateEntity) entity.country = "KP";
  if (is_legal_entity(record.schema))
    entity.valid = range_of(file, record, "incorporationDate", "dissolutionDate");
  for (const auto& [property, type] : kIdentifierProperties) {
    for (const auto& value : strings(record, property)) {
      pending.identifiers.push_back(
          to_json(Identifier{std::string(type), std::string(property), value, "", ""}));
    }
  }
  for (const auto& full : strings(record, "address")) pending.addresses.push_back({{"full", full}});
  for (const auto& address_id : strings(record, "addressEntity")) {
    json item = {{"ftm_id", address_id}};
    if (auto found = by_id.find(address_id);
        found != by_id.end() && found->second->schema == "Address") {
      for (const auto& [key, values] : found->second->properties.items()) {
        std::string joined;
        for (const auto& value : values)
          joined += (joined.empty() ? "" : "; ") + value.get<std::string>();
        item[key] = joined;
      }
      if (item.contains("country")) {
        if (auto code = country_code(item["country"].get<std::string>()))
          item["country_code"] = *code;
      }
    }
    pending.addresses.push_back(std::move(item));
  }
  return pending;
}

json link_of(const FtmRecord& record, std::string_view role, const std::vector<std::string>& others,
             std::string_view other_role) {
  json link = {{"schema", record.schema}, {"id", record.id}, {"as", role}};
  if (!others.empty()) {
    link["other"] = others.size() == 1 ? json(others.front()) : json(others);
    link["other_as"] = other_role;
  }
  json rest = json::object();
  for (const auto& [key, values] : record.properties.items()) {
    if (key != role && key != other_role) rest[key] = values;
  }
  if (!rest.empty()) link["properties"] = std::move(rest);
  return link;
}

// The Ownership's percentage held as written, "" when it gives none: a finite number from 0 to
// 100, optionally followed by '%'. Every value is checked; the first is kept.
std::string ownership_share(const std::string& file, const FtmRecord& record) {
  std::string first_share;
  for (const auto& text : strings(record, "percentage")) {
    auto number = trim(text);
    if (number.empty()) continue;
    if (number.back() == '%') number = trim(number.substr(0, number.size() - 1));
    double value = 0.0;
    const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), value);
    const bool is_share = !number.empty() && error == std::errc() &&
                          end == number.data() + number.size() && std::isfinite(value) &&
                          value >= 0.0 && value <= 100.0;
    if (!is_share) {
      throw InputError::bad_value({file, record.line, "properties.percentage"},
                                  "expected a percentage, a number from 0 to 100", text);
    }
    if (first_share.empty()) first_share = std::string(trim(text));
  }
  return first_share;
}

// The id of one asset-owner pair of an Ownership naming several: the record's id and a hash of
// the pair, so each pair keeps its id whatever order the values come in.
std::string ownership_pair_id(const std::string& file, const FtmRecord& record,
                              const std::string& asset, const std::string& owner) {
  std::string id =
      fmt::format("{}-{}", record.id, custody::sha256_hex(asset + '\x1f' + owner).substr(0, 12));
  if (id.size() > kMaxIdBytes) {
    throw InputError::bad_value(
        {file, record.line, "id"},
        fmt::format("an Ownership of several assets or owners gives each pair the id ID-HASH, "
                    "which must fit in {} bytes",
                    kMaxIdBytes),
        record.id);
  }
  return id;
}

// The one source every fact of an FtM file rests on.
graph::SourceRecord ftm_source(const FtmFile& file) {
  graph::SourceRecord source;
  source.id = "src-ftm-" + file.sha256.substr(0, 12);
  source.title = fmt::format("FollowTheMoney entities ({})", file.path.filename().string());
  source.sha256 = file.sha256;
  // Who compiled an FtM export cannot be judged from the file: reliability F, claims credibility 6.
  source.kind = graph::SourceKind::Report;
  source.reliability = graph::Reliability::F;
  source.access = graph::Access::Public;
  return source;
}

// One file's records sorted into what the store holds, pass by pass: entities first, then
// the records that point at them, then everything written through the session.
class FtmPasses {
 public:
  FtmPasses(const FtmFile& file, const graph::Store& store, ListCounts& counts)
      : file_(file), name_(file.path.string()), store_(store), counts_(counts) {
    for (const auto& record : file_.records) by_id_.emplace(record.id, &record);
  }

  // Pass 1: entities.
  void read_entities() {
    for (const auto& record : file_.records) {
      ++counts_.read;
      ++counts_.by_scope["all"];
      ++counts_.types_by_scope["all"][record.schema];
      const auto kind = entity_kind_of(record.schema);
      if (!kind) continue;
      entity_at_.emplace(record.id, entities_.size());
      entities_.push_back(make_entity(name_, record, *kind, by_id_));
      for (const auto& [property, values] : record.properties.items()) {
        if (!listed(kEntityMapped, property) && !is_identifier_property(property)) {
          ++counts_.unmapped[fmt::format("property:{}.{}", record.schema, property)];
        }
      }
    }
  }

  // Pass 2: everything that points at entities.
  void read_references() {
    for (const auto& record : file_.records) {
      if (entity_kind_of(record.schema)) continue;
      if (record.schema == "Sanction") {
        read_sanction(record);
        continue;
      }
      if (record.schema == "Ownership" && read_ownership(record)) continue;
      ++counts_.unmapped["schema:" + record.schema];
      if (record.schema == "Passport" || record.schema == "Identification") {
        read_identification(record);
        continue;
      }
      read_links(record);
    }
  }

  // Entities with their claims, then relations, then designations.
  void write(ImportSession& session, const graph::SourceRecord& source) {
    Progress progress(file_.path.filename().string(),
                      entities_.size() + relations_.size() + designations_.size());
    std::size_t done = 0;
    auto claim_on = [&](const RawRecord& raw, const std::string& fact, std::size_t line) {
      graph::ClaimRecord claim;
      claim.fact = fact;
      claim.source = source.id;
      claim.locator = line_locator(file_.path, line);
      claim.credibility = 6;
      session.add_claim(raw, claim);
    };
    for (auto& pending : entities_) {
      json attributes = {{"ftm", ftm_attribute(*pending.record)}};
      if (!pending.addresses.empty()) attributes["addresses"] = std::move(pending.addresses);
      if (!pending.identifiers.empty()) attributes["identifiers"] = std::move(pending.identifiers);
      if (!pending.links.empty()) attributes["links"] = std::move(pending.links);
      pending.entity.attributes_json = attributes.dump();
      RawRecord raw(name_, pending.record->line);
      session.add_entity(raw, pending.entity);
      claim_on(raw, pending.entity.id, pending.record->line);
      ++counts_.imported;
      ++counts_.by_kind[std::string(graph::to_string(pending.entity.kind))];
      if (++done % 256 == 0) progress.update(done);
    }
    for (const auto& [record, relation] : relations_) {
      RawRecord raw(name_, record->line);
      session.add_relation(raw, relation);
      claim_on(raw, relation.id, record->line);
      if (++done % 256 == 0) progress.update(done);
    }
    for (const auto& [record, designation] : designations_) {
      RawRecord raw(name_, record->line);
      session.add_designation(raw, designation, "properties.entity");
      if (++done % 256 == 0) progress.update(done);
    }
    progress.update(done);
  }

 private:
  std::optional<graph::EntityKind> kind_of(const std::string& id) const {
    if (auto found = entity_at_.find(id); found != entity_at_.end())
      return entities_[found->second].entity.kind;
    if (auto stored = store_.find_entity(id)) return stored->kind;
    return std::nullopt;
  }

  void add_link(const std::string& id, json link) {
    if (auto found = entity_at_.find(id); found != entity_at_.end())
      entities_[found->second].links.push_back(std::move(link));
  }

  void read_sanction(const FtmRecord& record) {
    const auto targets = strings(record, "entity");
    if (targets.empty())
      throw InputError::malformed({name_, record.line, "properties.entity"},
                                  "a Sanction needs an entity");
    graph::DesignationRecord designation;
    designation.authority = first(record, "authority");
    if (designation.authority.empty()) designation.authority = "unknown";
    // The short programme code (OpenSanctions' programId, e.g. "RUSSIA-EO14024") reads like an
    // OFAC or UN programme; the programme's full title stays in the entity's links.
    designation.program = first(record, "programId");
    if (designation.program.empty()) designation.program = first(record, "program");
    if (designation.program.empty()) designation.program = "unspecified";
    designation.listed_on = date_of(name_, record, "listingDate", false);
    if (!designation.listed_on) designation.listed_on = date_of(name_, record, "startDate", false);
    for (auto property : {"authorityId", "unscId", "recordId"}) {
      if (designation.list_id.empty()) designation.list_id = first(record, property);
    }
    if (designation.list_id.empty()) designation.list_id = record.id;
    for (const auto& target : targets) {
      if (!kind_of(target))
        throw InputError::unknown_reference({name_, record.line, "properties.entity"}, "entity",
                                            target);
      designation.entity = target;
      designations_.emplace_back(&record, designation);
      add_link(target, link_of(record, "entity", {}, ""));
    }
    ++counts_.by_program[designation.program];
    for (const auto& [property, values] : record.properties.items()) {
      if (!listed(kSanctionMapped, property))
        ++counts_.unmapped[fmt::format("property:Sanction.{}", property)];
    }
  }

  // True when every asset-owner pair became an owned_by relation.
  bool read_ownership(const FtmRecord& record) {
    // Every asset is owned by every owner the record names (FtM allows several of each).
    const auto share = ownership_share(name_, record);
    const auto owners = strings(record, "owner");
    const auto assets = strings(record, "asset");
    std::vector<std::pair<std::string, std::string>> pairs;  // asset, owner
    bool every_pair_mapped = !owners.empty() && !assets.empty();
    for (const auto& asset : assets) {
      const auto asset_kind = kind_of(asset);
      if (!asset_kind)
        throw InputError::unknown_reference({name_, record.line, "properties.asset"}, "entity",
                                            asset);
      for (const auto& owner : owners) {
        const auto owner_kind = kind_of(owner);
        if (!owner_kind)
          throw InputError::unknown_reference({name_, record.line, "properties.owner"}, "entity",
                                              owner);
        // Our owned_by points from the asset to its owner (benefit flows to the owner).
        if (owner != asset &&
            graph::relation_allowed(graph::RelationKind::OwnedBy, *asset_kind, *owner_kind)) {
          pairs.emplace_back(asset, owner);
        } else {
          every_pair_mapped = false;
        }
      }
    }
    if (!pairs.empty()) {
      const auto valid = range_of(name_, record, "startDate", "endDate");
      json attributes = {{"ftm", ftm_attribute(record)}};
      if (!share.empty()) attributes["share_percent"] = share;
      const std::string attributes_json = attributes.dump();
      for (const auto& [asset, owner] : pairs) {
        graph::RelationRecord relation;
        relation.id =
            pairs.size() == 1 ? record.id : ownership_pair_id(name_, record, asset, owner);
        relation.src = asset;
        relation.dst = owner;
        relation.kind = graph::RelationKind::OwnedBy;
        relation.valid = valid;
        relation.attributes_json = attributes_json;
        relations_.emplace_back(&record, std::move(relation));
      }
      for (const auto& [property, values] : record.properties.items()) {
        if (!listed(kOwnershipMapped, property))
          ++counts_.unmapped[fmt::format("property:Ownership.{}", property)];
      }
      // A pair the model cannot hold (a self-loop, or kinds owned_by does not join) is kept
      // as a link (read_links), with the rest of the record.
      return every_pair_mapped;
    }
    return false;
  }

  void read_identification(const FtmRecord& record) {
    auto number = first(record, "number");
    if (number.empty()) number = first(record, "passportNumber");
    for (const auto& holder : strings(record, "holder")) {
      if (auto found = entity_at_.find(holder); found != entity_at_.end() && !number.empty()) {
        entities_[found->second].identifiers.push_back(to_json(
            Identifier{record.schema == "Passport" ? "passport" : "identification", record.schema,
                       number, first(record, "country"), first(record, "type")}));
      }
      add_link(holder, link_of(record, "holder", {}, ""));
    }
  }

  // An edge schema is linked from both ends.
  void read_links(const FtmRecord& record) {
    const auto edge = std::find_if(kEdgeSchemata.begin(), kEdgeSchemata.end(),
                                   [&](const EdgeSchema& e) { return e.schema == record.schema; });
    if (edge != kEdgeSchemata.end()) {
      const auto sources = strings(record, edge->source);
      const auto targets = strings(record, edge->target);
      for (const auto& id : sources)
        add_link(id, link_of(record, edge->source, targets, edge->target));
      for (const auto& id : targets)
        add_link(id, link_of(record, edge->target, sources, edge->source));
      return;
    }
    // Any other schema: attach it to each entity of this file that it names.
    for (const auto& [property, values] : record.properties.items()) {
      for (const auto& value : values) {
        const auto id = value.get<std::string>();
        if (id != record.id && entity_at_.contains(id))
          add_link(id, link_of(record, property, {}, ""));
      }
    }
  }

  const FtmFile& file_;
  const std::string name_;
  const graph::Store& store_;
  ListCounts& counts_;
  std::unordered_map<std::string, const FtmRecord*> by_id_;
  std::vector<PendingEntity> entities_;
  std::unordered_map<std::string, std::size_t> entity_at_;
  std::vector<std::pair<const FtmRecord*, graph::RelationRecord>> relations_;
  std::vector<std::pair<const FtmRecord*, graph::DesignationRecord>> designations_;
};

}  // namespace

std::optional<graph::Date> ftm_date(std::string_view text, bool is_end) {
  if (text.size() > 10 && text[10] == 'T') text = text.substr(0, 10);
  if (text.size() == 10) return graph::parse_date(text);
  if (text.size() == 4)
    return graph::parse_date(fmt::format("{}-{}", text, is_end ? "12-31" : "01-01"));
  if (text.size() == 7 && text[4] == '-') {
    if (!is_end) return graph::parse_date(fmt::format("{}-01", text));
    for (std::string_view last_day : {"31", "30", "29", "28"}) {
      if (auto date = graph::parse_date(fmt::format("{}-{}", text, last_day))) return date;
    }
  }
  return std::nullopt;
}

ListCounts import_ftm(const FtmFile& file, const graph::Store& store, ImportSession& session) {
  ListCounts counts;
  counts.file = file.path.string();
  counts.format = "ftm";
  const auto source = ftm_source(file);
  session.add_source(source);
  FtmPasses passes(file, store, counts);
  passes.read_entities();
  passes.read_references();
  passes.write(session, source);
  return counts;
}

}  // namespace flgraph::importers
