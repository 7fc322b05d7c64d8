// resolve/entity_qualifiers.h: the dates of birth and identifiers an entity's attributes carry,
// as the importers write them, turned into Qualifiers.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "graph/records.h"
#include "resolve/qualifiers.h"

namespace flgraph::resolve {

// A date of birth as the lists write it, as YYYY[-MM[-DD]] dates: "1960-01-01", "01 Jan 1960",
// "Jan 1960", "1960", "circa 1960" (the year), "1960 to 1962" and "01 Jan 1960 to 31 Dec 1962"
// (each year, for ranges of at most kMaxBirthYearRange years). Empty when not understood.
inline constexpr int kMaxBirthYearRange = 10;
std::vector<std::string> birth_dates_from_text(std::string_view text);

// The entity's kind and country, and from attributes_json: `dates_of_birth` (OFAC strings, UN
// objects with date / year / from_year + to_year), `date_of_birth`, `birth_date` and FtM's
// `ftm.properties.birthDate`; `identifiers` (objects with type and value, or strings) as "TYPE
// VALUE" strings, and an `imo` (or `imo_number`) attribute, of the types that name one thing (IMO,
// MMSI, passport, national id, registration, SWIFT/BIC, document, aircraft); e-mail, phone, web and
// currency addresses are shared too often to qualify. Malformed attributes are ignored, never
// thrown.
Qualifiers entity_qualifiers(const graph::EntityRecord& entity);

}  // namespace flgraph::resolve
