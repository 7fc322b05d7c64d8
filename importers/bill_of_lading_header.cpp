// importers/bill_of_lading_header.cpp: a bill-of-lading file's header: the layout's column names
// and the aliases of common export spellings.
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "importers/bill_of_lading.h"
#include "importers/bill_of_lading_fields.h"

namespace flgraph::importers {
namespace {

struct FieldNames {
  BolField field;
  std::string_view name;                     // the layout's own column name
  std::array<std::string_view, 16> aliases;  // normalised: lower case, words split by one space
};

// The header-alias table (docs/FORMATS.md, "Bills of lading"). Layout names first, then common
// export spellings.
constexpr auto kFields = std::to_array<FieldNames>({
    {BolField::BillOfLading,
     "bill_of_lading",
     {"bill of lading", "bill of lading number", "bill of lading nbr", "bill of lading no", "bol",
      "bol number", "bol no", "b l", "b l number", "b l no", "bl number", "master bill of lading",
      "house bill of lading", "bill number", "bill no", "master bol"}},
    {BolField::Shipper,
     "shipper",
     {"shipper name", "exporter", "exporter name", "supplier", "supplier name", "seller"}},
    {BolField::ShipperCountry,
     "shipper_country",
     {"shipper country", "exporter country", "supplier country", "country of origin",
      "origin country"}},
    {BolField::Consignee,
     "consignee",
     {"consignee name", "importer", "importer name", "buyer", "buyer name"}},
    {BolField::ConsigneeCountry,
     "consignee_country",
     {"consignee country", "importer country", "buyer country", "destination country"}},
    {BolField::NotifyParty,
     "notify_party",
     {"notify party", "notify party name", "notify", "notify name"}},
    {BolField::ArrivalDate,
     "arrival_date",
     {"arrival date", "actual arrival date", "estimated arrival date", "date of arrival", "arrival",
      "date"}},
    {BolField::PortOfLading,
     "port_of_lading",
     {"port of lading", "foreign port of lading", "port of loading", "loading port", "origin port",
      "pol"}},
    {BolField::PortOfUnlading,
     "port_of_unlading",
     {"port of unlading", "us port of unlading", "port of discharge", "discharge port",
      "port of destination", "destination port", "pod"}},
    {BolField::HsCodes,
     "hs_codes",
     {"hs codes", "hs code", "hs", "harmonized code", "harmonized codes", "harmonized tariff code",
      "hts code", "hts", "tariff code", "commodity code"}},
    {BolField::Description,
     "description",
     {"goods description", "product description", "commodity description", "cargo description",
      "description of goods"}},
    {BolField::WeightKg,
     "weight_kg",
     {"weight kg", "weight", "gross weight kg", "gross weight", "weight in kg", "net weight kg",
      "kg", "kilos"}},
    {BolField::Container,
     "container",
     {"container number", "container numbers", "container id", "container no", "containers"}},
    {BolField::Vessel, "vessel", {"vessel name", "ship name", "carrier vessel"}},
    {BolField::Imo, "imo", {"imo number", "imo no", "vessel imo", "imo code"}},
});

}  // namespace

// Lower case; every run of other characters than letters and digits is one space; trimmed.
std::string normalise_header(std::string_view header) {
  std::string out;
  for (char raw : header) {
    const char c = (raw >= 'A' && raw <= 'Z') ? static_cast<char>(raw - 'A' + 'a') : raw;
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum) {
      out += c;
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string_view to_string(BolField field) {
  for (const auto& names : kFields) {
    if (names.field == field) return names.name;
  }
  return "";
}

std::optional<BolField> bol_field_of_header(std::string_view header) {
  const std::string wanted = normalise_header(header);
  for (const auto& names : kFields) {
    if (wanted == normalise_header(names.name)) return names.field;
    for (const auto alias : names.aliases) {
      if (!alias.empty() && wanted == alias) return names.field;
    }
  }
  return std::nullopt;
}

}  // namespace flgraph::importers
