// importers/bill_of_lading.cpp: bill-of-lading rows to shipments, with party resolution.
#include "importers/bill_of_lading.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "custody/sha256.h"
#include "importers/bill_of_lading_fields.h"
#include "importers/country_names.h"
#include "importers/csv_reader.h"
#include "importers/input_file.h"
#include "importers/progress.h"
#include "resolve/store_index.h"

namespace flgraph::importers {
namespace {

using nlohmann::json;

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Ids from free text: letters, digits, '.', '_' and '-' kept, anything else one '-'.
std::string id_part(std::string_view text, std::size_t max_length) {
  std::string out;
  for (char c : text) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '_' || c == '-';
    if (keep) {
      out += c;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (out.size() > max_length) out.resize(max_length);
  return out;
}

// "TO ORDER", "TO THE ORDER OF ..." and the like name no buyer: the goods go to whoever holds
// the bill, and the notify party is usually the real buyer.
bool is_to_order(std::string_view consignee) {
  const std::string words = normalise_header(consignee);
  return words == "to order" || words.rfind("to order of", 0) == 0 ||
         words.rfind("to the order", 0) == 0 || words == "order";
}

// The IMO number of a vessel entity: an "imo" attribute, or an identifier of type imo (as the
// sanctions-list readers write them).
std::vector<std::string> imo_numbers(const std::string& attributes_json) {
  std::vector<std::string> out;
  const auto attributes = json::parse(attributes_json, nullptr, false);
  if (!attributes.is_object()) return out;
  auto add = [&](const json& value) {
    if (!value.is_string()) return;
    std::string digits;
    for (char c : value.get<std::string>()) {
      if (c >= '0' && c <= '9') digits += c;
    }
    if (digits.size() == 7) out.push_back(digits);
  };
  if (attributes.contains("imo")) add(attributes["imo"]);
  if (attributes.contains("identifiers") && attributes["identifiers"].is_array()) {
    for (const auto& identifier : attributes["identifiers"]) {
      if (identifier.is_object() && identifier.value("type", "") == "imo" &&
          identifier.contains("value")) {
        add(identifier["value"]);
      }
    }
  }
  return out;
}

bool is_organisation(graph::EntityKind kind) {
  return kind == graph::EntityKind::Company || kind == graph::EntityKind::StateEntity;
}

constexpr graph::Credibility kRowCredibility = 2;  // a customs record row: probably true

class BolImport {
 public:
  BolImport(const BillOfLadingFile& file, graph::Store& store, ImportSession& session,
            ImportSummary& summary)
      : file_(file), store_(store), session_(session), summary_(summary) {
    // One pass over the store: names to resolve against, vessels by IMO, products by HS code.
    store.for_each_entity([&](const graph::StoredEntity& entity) {
      names_.add(entity.record, entity.row);
      if (entity.record.kind == graph::EntityKind::Vessel) {
        for (auto& imo : imo_numbers(entity.record.attributes_json))
          vessels_by_imo_.emplace(imo, entity.record.id);
      } else if (entity.record.kind == graph::EntityKind::Product) {
        const auto attributes = json::parse(entity.record.attributes_json, nullptr, false);
        if (attributes.is_object() && attributes.contains("hs_code") &&
            attributes["hs_code"].is_string()) {
          products_by_hs_.emplace(attributes["hs_code"].get<std::string>(), entity.record.id);
        }
      }
    });
    source_id_ = "src-bol-" + file.sha256.substr(0, 12);
  }

  void run() {
    const std::string name = file_.path.string();
    graph::SourceRecord source;
    source.id = source_id_;
    source.title = fmt::format("Bills of lading, {}", file_.path.filename().string());
    source.sha256 = file_.sha256;
    source.kind = graph::SourceKind::CustomsRecord;
    source.reliability = graph::Reliability::B;
    source.access = graph::Access::Public;
    session_.add_source(source);

    CsvReader reader(name, file_.text);
    CsvRow row;
    reader.next(row);  // the header, checked by open_bill_of_lading
    reader.set_header(file_.header);
    Progress progress(file_.path.filename().string(), file_.text.size());
    std::size_t rows = 0;
    while (reader.next(row)) {
      if (row.fields.size() != file_.header.size()) {
        throw InputError::malformed({name, row.line, ""},
                                    fmt::format("expected {} fields as in the header, got {}",
                                                file_.header.size(), row.fields.size()));
      }
      import_row(row);
      if (++rows % 1024 == 0) progress.update(reader.bytes_read());
    }
    progress.update(file_.text.size());
  }

 private:
  struct Row {
    RawRecord raw;
    std::map<BolField, std::string> fields;
    json extra = json::object();  // columns outside the layout
    std::string get(BolField field) const {
      const auto found = fields.find(field);
      return found == fields.end() ? std::string() : found->second;
    }
  };

  // A row's values checked and parsed.
  struct Checked {
    std::string shipper;
    std::string consignee;  // empty when not given or "to order"
    bool to_order = false;
    std::optional<graph::Date> arrival;
    std::optional<double> weight;
    std::vector<std::string> hs_codes;
    std::string imo;  // 7 digits
    std::string shipper_country;
    std::string consignee_country;
  };

  void import_row(const CsvRow& csv) {
    const Row row = read_row(csv);
    const Checked checked = check_row(row);
    const std::string shipment_id = shipment_id_of(row, csv.line);
    write_row(row, checked, shipment_id);
  }

  // The row's values by layout field; columns outside the layout kept as they are.
  Row read_row(const CsvRow& csv) const {
    // Fields keep the names the file gives them, so a message points at the column as written.
    Row row{RawRecord(file_.path.string(), csv.line), {}, json::object()};
    for (std::size_t i = 0; i < csv.fields.size(); ++i) {
      const std::string value(trim(csv.fields[i]));
      row.raw.set(file_.header[i], value);
      if (file_.columns[i]) {
        row.fields[*file_.columns[i]] = value;
      } else if (!value.empty()) {
        row.extra[file_.header[i]] = value;
      }
    }
    return row;
  }

  // Every value the shipment is made from, checked: the first bad one stops the import.
  Checked check_row(const Row& row) {
    Checked checked;
    checked.shipper = row.get(BolField::Shipper);
    if (checked.shipper.empty()) {
      throw InputError::bad_value(where(row, BolField::Shipper), "must not be empty",
                                  checked.shipper);
    }
    checked.consignee = row.get(BolField::Consignee);
    checked.to_order = !checked.consignee.empty() && is_to_order(checked.consignee);
    if (checked.to_order) checked.consignee.clear();

    if (const auto text = row.get(BolField::ArrivalDate); !text.empty()) {
      checked.arrival = parse_arrival_date(text);
      if (!checked.arrival) {
        throw InputError::bad_value(
            where(row, BolField::ArrivalDate),
            "expected a real date as YYYY-MM-DD, optionally with a valid time "
            "(THH:MM[:SS][Z|+HH:MM])",
            text);
      }
    }
    if (const auto text = row.get(BolField::WeightKg); !text.empty()) {
      checked.weight = parse_weight_kg(text);
      if (!checked.weight) {
        throw InputError::bad_value(
            where(row, BolField::WeightKg),
            "expected a weight in kg, a number >= 0 (thousands separated by commas in "
            "groups of three, as 12,345.5)",
            text);
      }
    }
    if (const auto text = row.get(BolField::HsCodes); !text.empty()) {
      auto codes = parse_hs_codes(text);
      if (!codes) {
        throw InputError::bad_value(
            where(row, BolField::HsCodes),
            "expected HS codes of 2 to 10 digits (dots allowed), separated by ; or ,", text);
      }
      if (codes->size() > kMaxHsCodesPerRow) {
        throw InputError::bad_value(where(row, BolField::HsCodes),
                                    fmt::format("at most {} HS codes in one row, this one lists {}",
                                                kMaxHsCodesPerRow, codes->size()),
                                    text);
      }
      checked.hs_codes = std::move(*codes);
    }
    if (const auto text = row.get(BolField::Imo); !text.empty()) {
      auto digits = parse_imo(text);
      if (!digits) {
        throw InputError::bad_value(where(row, BolField::Imo),
                                    "expected a 7-digit IMO number with a valid check digit", text);
      }
      checked.imo = std::move(*digits);
    }
    checked.shipper_country = country_of(row, BolField::ShipperCountry);
    checked.consignee_country = country_of(row, BolField::ConsigneeCountry);
    return checked;
  }

  InputLocation where(const Row& row, BolField field) const { return row.raw.at(header_of(field)); }

  // One bill is one shipment: the same bill again with other data would be merged into one
  // record, each row overwriting the last, so it is refused. An identical row changes nothing.
  std::string shipment_id_of(const Row& row, std::size_t line) {
    const std::string bill = row.get(BolField::BillOfLading);
    const std::string row_digest = custody::sha256_hex(joined_fields(row.raw));
    std::string shipment_id =
        bill.empty() ? "shipment-" + row_digest.substr(0, 16) : "bol-" + id_part(bill, 120);
    if (const auto [seen, is_new] = bills_.try_emplace(shipment_id, BillRow{line, row_digest});
        !is_new && seen->second.digest != row_digest) {
      throw InputError::bad_value(
          where(row, BolField::BillOfLading),
          fmt::format("bill {} is also on line {} with other data; one bill is one shipment",
                      shipment_id, seen->second.line),
          bill);
    }
    return shipment_id;
  }

  // The parties, the shipment and its relations, each with its claim on this row.
  void write_row(const Row& row, const Checked& checked, const std::string& shipment_id) {
    const std::string locator = fmt::format("row {}", row.raw.line());
    // The parties first, so the shipment's name can use the names as written.
    const std::string shipper_id =
        resolve_party(row, checked.shipper, checked.shipper_country, locator);
    const std::string consignee_id =
        checked.consignee.empty()
            ? std::string()
            : resolve_party(row, checked.consignee, checked.consignee_country, locator);
    std::string vessel_id;
    if (!checked.imo.empty() || !row.get(BolField::Vessel).empty()) {
      vessel_id = resolve_vessel(row, checked.imo, locator);
    }

    graph::EntityRecord shipment;
    shipment.kind = graph::EntityKind::Shipment;
    shipment.id = shipment_id;
    const std::string description = row.get(BolField::Description);
    const std::string consignee_words = checked.consignee.empty()
                                            ? (checked.to_order ? "order" : "unknown consignee")
                                            : checked.consignee;
    shipment.name =
        fmt::format("{}, {} to {}{}", description.empty() ? "Shipment" : description.substr(0, 80),
                    checked.shipper, consignee_words,
                    checked.arrival ? ", " + graph::format_date(*checked.arrival) : "");
    shipment.country = checked.shipper_country;
    shipment.valid = {checked.arrival, checked.arrival};
    json attributes = row.extra;
    for (const auto& [field, value] : row.fields) {
      if (value.empty() || field == BolField::WeightKg || field == BolField::HsCodes) continue;
      attributes[std::string(to_string(field))] = value;
    }
    if (checked.weight) attributes["weight_kg"] = *checked.weight;
    if (!checked.hs_codes.empty()) attributes["hs_codes"] = checked.hs_codes;
    if (checked.to_order) attributes["consignee_to_order"] = true;
    shipment.attributes_json = attributes.dump();
    session_.add_entity(row.raw, shipment);
    claim(row, shipment.id, locator);

    auto relate = [&](const std::string& src, const std::string& dst, graph::RelationKind kind) {
      graph::RelationRecord relation;
      relation.src = src;
      relation.dst = dst;
      relation.kind = kind;
      relation.valid = {checked.arrival, checked.arrival};
      relation.id = graph::derive_relation_id(relation);
      session_.add_relation(row.raw, relation);
      claim(row, relation.id, locator);
    };
    relate(shipper_id, shipment.id, graph::RelationKind::Ships);
    if (!consignee_id.empty()) relate(shipment.id, consignee_id, graph::RelationKind::ConsignedTo);
    for (const auto& code : checked.hs_codes) {
      relate(shipment.id, product_for(row, code, locator), graph::RelationKind::Carries);
    }
    if (!vessel_id.empty()) relate(shipment.id, vessel_id, graph::RelationKind::TransportedBy);
  }

  // Every column's name and value: a row without a bill number is named by its hash, so the same
  // row always names the same shipment.
  static std::string joined_fields(const RawRecord& raw) {
    std::string joined;
    for (const auto& [name, value] : raw.fields()) {
      joined += name;
      joined += '\x1f';
      joined += value;
      joined += '\x1e';
    }
    return joined;
  }

  std::string country_of(const Row& row, BolField field) {
    const std::string text = row.get(field);
    if (text.empty()) return {};
    const auto code = country_code(text);
    if (!code) {
      throw InputError::bad_value(row.raw.at(header_of(field)),
                                  "unknown country (an ISO 3166 code or a country name)", text);
    }
    return *code;
  }

  // The file's own name of a field's column (the layout's name when the file has none).
  std::string header_of(BolField field) const {
    for (std::size_t i = 0; i < file_.columns.size(); ++i) {
      if (file_.columns[i] == field) return file_.header[i];
    }
    return std::string(to_string(field));
  }

  void claim(const Row& row, const std::string& fact, const std::string& locator) {
    graph::ClaimRecord claim;
    claim.fact = fact;
    claim.source = source_id_;
    claim.locator = locator;
    claim.credibility = kRowCredibility;
    session_.add_claim(row.raw, claim);
  }

  // An organisation already known under this name (score at or above the default threshold), or a
  // new company. Each distinct name is resolved once per import and counted once.
  std::string resolve_party(const Row& row, const std::string& name, const std::string& country,
                            const std::string& locator) {
    const std::string key = name + '\x1f' + country;
    if (const auto found = parties_.find(key); found != parties_.end()) return found->second;
    auto qualifiers = resolve::country_qualifier(country);
    qualifiers.kind = "organization";
    const auto best =
        names_.match(name, qualifiers, 1, resolve::kDefaultMatchThreshold, is_organisation);
    std::string id;
    if (!best.empty()) {
      id = names_.id(best.front().record);
      ++summary_.parties.resolved;
      summary_.parties.details.push_back({"party", name, id, best.front().score.score, false});
    } else {
      graph::EntityRecord company;
      company.kind = graph::EntityKind::Company;
      company.id = free_id("co-" + slug_of(name), graph::EntityKind::Company, false);
      company.name = name;
      company.country = country;
      company.attributes_json = json{{"created_from", "bill of lading"}}.dump();
      session_.add_entity(row.raw, company);
      claim(row, company.id, locator);
      names_.add(company);
      id = company.id;
      ++summary_.parties.created;
      summary_.parties.details.push_back({"party", name, id, 0.0, true});
    }
    parties_.emplace(key, id);
    return id;
  }

  std::string resolve_vessel(const Row& row, const std::string& imo, const std::string& locator) {
    const std::string name = row.get(BolField::Vessel);
    const std::string key = imo + '\x1f' + name;
    if (const auto found = vessels_.find(key); found != vessels_.end()) return found->second;
    std::string id;
    double score = 0.0;
    if (!imo.empty()) {
      if (const auto found = vessels_by_imo_.find(imo); found != vessels_by_imo_.end()) {
        id = found->second;
        score = 1.0;
      }
    }
    if (id.empty() && !name.empty()) {
      resolve::Qualifiers qualifiers;  // a vessel, and its IMO number when the row gives one
      qualifiers.kind = "vessel";
      if (!imo.empty()) qualifiers.identifiers.push_back("IMO " + imo);
      const auto best =
          names_.match(name, qualifiers, 1, resolve::kDefaultMatchThreshold,
                       [](graph::EntityKind kind) { return kind == graph::EntityKind::Vessel; });
      // A name match never overrides a different IMO number the vessel already has.
      if (!best.empty()) {
        const auto& candidate = names_.id(best.front().record);
        const bool imo_conflict =
            !imo.empty() &&
            std::any_of(vessels_by_imo_.begin(), vessels_by_imo_.end(),
                        [&](const auto& entry) { return entry.second == candidate; });
        if (!imo_conflict) {
          id = candidate;
          score = best.front().score.score;
        }
      }
    }
    const bool created = id.empty();
    if (created) {
      graph::EntityRecord vessel;
      vessel.kind = graph::EntityKind::Vessel;
      // A vessel imo-N is the vessel with that IMO number, whatever it was called before.
      vessel.id = free_id(imo.empty() ? "vessel-" + slug_of(name) : "imo-" + imo,
                          graph::EntityKind::Vessel, !imo.empty());
      vessel.name = name.empty() ? "IMO " + imo : name;
      json attributes = {{"created_from", "bill of lading"}};
      if (!imo.empty())
        attributes["identifiers"] = json::array({{{"type", "imo"}, {"value", imo}}});
      vessel.attributes_json = attributes.dump();
      session_.add_entity(row.raw, vessel);
      claim(row, vessel.id, locator);
      names_.add(vessel);
      if (!imo.empty()) vessels_by_imo_.emplace(imo, vessel.id);
      id = vessel.id;
      ++summary_.parties.created;
    } else {
      ++summary_.parties.resolved;
    }
    summary_.parties.details.push_back(
        {"vessel", name.empty() ? "IMO " + imo : name, id, score, created});
    vessels_.emplace(key, id);
    return id;
  }

  std::string product_for(const Row& row, const std::string& code, const std::string& locator) {
    if (const auto found = products_by_hs_.find(code); found != products_by_hs_.end())
      return found->second;
    graph::EntityRecord product;
    product.kind = graph::EntityKind::Product;
    product.id = free_id("hs-" + code, graph::EntityKind::Product, true);
    product.name = "HS " + code;
    product.attributes_json = json{{"hs_code", code}}.dump();
    session_.add_entity(row.raw, product);
    claim(row, product.id, locator);
    products_by_hs_.emplace(code, product.id);
    return product.id;
  }

  // The normalised name as an id part: "KOREA RUNGRADO TRADING CO., LTD." ->
  // "korea-rungrado-trade-co-ltd".
  static std::string slug_of(const std::string& name) {
    std::string slug = id_part(resolve::normalize_name(name).text(), 80);
    if (slug.empty()) slug = custody::sha256_hex(name).substr(0, 12);
    return slug;
  }

  // `wanted`, or wanted-2, -3 ... when the id already names an entity: of another kind, or
  // (unless `reuse_same_kind`) any entity, since a party that did not resolve must not rename one.
  std::string free_id(const std::string& wanted, graph::EntityKind kind,
                      bool reuse_same_kind) const {
    std::string id = wanted;
    for (int suffix = 2;; ++suffix) {
      const auto existing = store_.find_entity(id);
      if (!existing || (reuse_same_kind && existing->kind == kind)) return id;
      id = fmt::format("{}-{}", wanted, suffix);
    }
  }

  const BillOfLadingFile& file_;
  graph::Store& store_;
  ImportSession& session_;
  ImportSummary& summary_;
  resolve::StoreNameIndex names_;
  std::unordered_map<std::string, std::string> vessels_by_imo_;
  std::unordered_map<std::string, std::string> products_by_hs_;
  std::unordered_map<std::string, std::string> parties_;
  std::unordered_map<std::string, std::string> vessels_;
  struct BillRow {
    std::size_t line;
    std::string digest;  // SHA-256 of the row's fields
  };
  std::unordered_map<std::string, BillRow> bills_;  // shipment id -> the row that first gave it
  std::string source_id_;
};

}  // namespace

BillOfLadingFile open_bill_of_lading(const std::filesystem::path& path) {
  BillOfLadingFile file{path, read_input_file(path), "", {}, {}};
  file.sha256 = custody::sha256_hex(file.text);
  const std::string name = path.string();
  CsvReader reader(name, file.text);
  CsvRow header;
  if (!reader.next(header)) throw InputError::malformed({name, 0, ""}, "no header row");
  file.header = header.fields;
  std::map<BolField, std::string> seen;
  for (const auto& column : file.header) {
    const auto field = bol_field_of_header(column);
    if (field) {
      if (const auto earlier = seen.find(*field); earlier != seen.end()) {
        throw InputError::bad_value(
            {name, header.line, column},
            fmt::format("names the same field ({}) as column {}", to_string(*field),
                        quote_for_message(earlier->second)),
            column);
      }
      seen.emplace(*field, column);
    }
    file.columns.push_back(field);
  }
  for (const auto required : {BolField::Shipper, BolField::Consignee}) {
    if (!seen.contains(required)) {
      throw InputError::missing_column({name, header.line, std::string(to_string(required))},
                                       to_string(required));
    }
  }
  return file;
}

void import_bill_of_lading(const BillOfLadingFile& file, graph::Store& store,
                           ImportSession& session, ImportSummary& summary) {
  BolImport(file, store, session, summary).run();
}

}  // namespace flgraph::importers
