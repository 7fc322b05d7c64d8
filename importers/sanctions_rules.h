// importers/sanctions_rules.h: rules shared by the sanctions-list readers: DPRK scope, the kind a
// DPRK organisation gets, and identifiers found in free text.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "graph/model.h"

namespace flgraph::importers {

// OFAC programs of the North Korea sanctions (docs/FORMATS.md, "Sanctions lists").
bool is_dprk_program(std::string_view program);

// Free text that ties an entry to North Korea: "North Korea", "Korea, North", "DPRK" or
// "Pyongyang", in any case. (OFAC remarks of DPRK-related entries of other programs, e.g. NPWMD,
// say "Secondary sanctions risk: North Korea Sanctions Regulations" or "nationality Korea, North".)
bool mentions_north_korea(std::string_view text);

// What a list says about where an organisation belongs.
struct OrganisationEvidence {
  std::string_view name;
  std::vector<std::string> address_countries;       // as the list writes them
  std::vector<std::string> registration_countries;  // registration, identifiers, SWIFT/BIC country
};

enum class Origin { NorthKorea, Foreign, Unknown };

// North Korea when an address or registration is there, or the name says so ("KOREA ..." or
// "KOREAN ...", "DPRK", "PYONGYANG", "DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA", "WORKERS' PARTY");
// else Foreign when an address or registration is elsewhere, or the name carries a foreign legal
// form or place ("PTE", "LLC", "CO., LTD.", "OOO", "HONG KONG", "DANDONG", ...); else Unknown.
Origin organisation_origin(const OrganisationEvidence& evidence);

// The kind of an organisation in DPRK scope: state_entity unless its origin is Foreign (a front
// or partner company abroad). DPRK-listed organisations with no location at all (a lone sdn.csv
// has no addresses) are presumed DPRK bodies. Measured on the 2021 OFAC set, this rule without
// add.csv agrees with the address-based one for 189 of 203 organisations.
graph::EntityKind dprk_organisation_kind(const OrganisationEvidence& evidence);

// One identifier of a listed entry, as kept in the `identifiers` attribute.
struct Identifier {
  std::string type;   // imo, swift_bic, passport, national_id, registration, mmsi, email, ...
  std::string label;  // the list's own wording, e.g. "Vessel Registration Identification IMO"
  std::string value;
  std::string country;  // as written, may be empty
  std::string note;     // e.g. "expires 17 Mar 2014"
};
nlohmann::json to_json(const Identifier& identifier);

// IMO numbers ("IMO 8712362", "IMO Number: 5342883") and SWIFT/BIC codes ("SWIFT: DCBKKPPY")
// mentioned in free text such as UN comments.
std::vector<Identifier> identifiers_in_text(std::string_view text);

// The country code inside a SWIFT/BIC code (letters 5-6), or empty when it is not one.
std::string swift_country(std::string_view bic);

// Trims ASCII white space at both ends.
std::string_view trim(std::string_view text);
// Collapses runs of white space (line breaks of wrapped XML text) into single spaces and trims.
std::string collapse_spaces(std::string_view text);

}  // namespace flgraph::importers
