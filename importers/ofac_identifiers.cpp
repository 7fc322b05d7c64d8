// importers/ofac_identifiers.cpp: the identifiers an SDN entry's remarks carry.
#include "importers/ofac_identifiers.h"

#include <algorithm>
#include <array>
#include <string>

namespace flgraph::importers {
namespace {

struct IdentifierLabel {
  std::string_view label;
  std::string_view type;
};

// Remarks phrases that carry an identifier: "<label> <value> [(<country>)] [expires/issued ...]".
// Longer labels first, so "Company Number IMO" wins over "Company Number".
constexpr std::array<IdentifierLabel, 41> kIdentifierLabels = {{
    {"Vessel Registration Identification IMO", "imo"},
    {"Identification Number IMO", "imo"},
    {"Company Number IMO", "imo"},
    {"IMO", "imo"},
    {"SWIFT/BIC", "swift_bic"},
    {"Diplomatic Passport", "passport"},
    {"Passport", "passport"},
    {"National Foreign ID Number", "national_id"},
    {"National ID No.", "national_id"},
    {"Personal ID Card", "national_id"},
    {"Identification Number", "national_id"},
    {"Cedula No.", "national_id"},
    {"Residency Number", "national_id"},
    {"SSN", "national_id"},
    {"Unified Social Credit Code (USCC)", "registration"},
    {"Business Registration Document #", "registration"},
    {"Business Registration Number", "registration"},
    {"Certificate of Incorporation Number", "registration"},
    {"Commercial Registry Number", "registration"},
    {"Public Registration Number", "registration"},
    {"Chamber of Commerce Number", "registration"},
    {"Government Gazette Number", "registration"},
    {"Legal Entity Number", "registration"},
    {"Registration Number", "registration"},
    {"Registration ID", "registration"},
    {"Enterprise Number", "registration"},
    {"Business Number", "registration"},
    {"Company Number", "registration"},
    {"Trade License No.", "registration"},
    {"D-U-N-S Number", "registration"},
    {"Tax ID No.", "registration"},
    {"C.R. No.", "registration"},
    {"BIK (RU)", "registration"},
    {"MMSI", "mmsi"},
    {"Aircraft Manufacturer's Serial Number (MSN)", "aircraft_serial"},
    {"Aircraft Tail Number", "aircraft_tail"},
    {"Email Address", "email"},
    {"EMAIL", "email"},
    {"Phone Number", "phone"},
    {"PHONE", "phone"},
    {"Website", "website"},
}};

}  // namespace

std::optional<Identifier> identifier_in(std::string_view phrase) {
  std::string label;
  std::string type;
  std::string_view rest;
  constexpr std::string_view kCurrency = "Digital Currency Address - ";
  if (phrase.starts_with(kCurrency)) {
    // "Digital Currency Address - XBT 1A2b..."
    const auto space = phrase.find(' ', kCurrency.size());
    if (space == std::string_view::npos) return std::nullopt;
    label = std::string(phrase.substr(0, space));
    type = "digital_currency_address";
    rest = phrase.substr(space + 1);
  } else {
    const auto found =
        std::find_if(kIdentifierLabels.begin(), kIdentifierLabels.end(), [&](const auto& entry) {
          return phrase.size() > entry.label.size() + 1 && phrase.starts_with(entry.label) &&
                 phrase[entry.label.size()] == ' ';
        });
    if (found == kIdentifierLabels.end()) return std::nullopt;
    label = std::string(found->label);
    type = std::string(found->type);
    rest = phrase.substr(found->label.size() + 1);
  }
  Identifier identifier{type, label, "", "", ""};
  auto value_end = rest.size();
  for (std::string_view stop : {" (", " expires ", " issued "})
    value_end = std::min(value_end, rest.find(stop));
  identifier.value = std::string(trim(rest.substr(0, value_end)));
  auto tail = rest.substr(value_end);
  if (tail.starts_with(" (")) {
    const auto close = tail.find(')');
    if (close != std::string_view::npos) {
      identifier.country = std::string(trim(tail.substr(2, close - 2)));
      tail = tail.substr(close + 1);
    }
  }
  identifier.note = std::string(trim(tail));
  if (identifier.type == "swift_bic" && identifier.country.empty())
    identifier.country = swift_country(identifier.value);
  if (identifier.value.empty()) return std::nullopt;
  return identifier;
}

}  // namespace flgraph::importers
