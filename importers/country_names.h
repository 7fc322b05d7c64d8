// importers/country_names.h: country names as sanctions lists write them, to ISO 3166 alpha-2
// codes.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace flgraph::importers {

// "Korea, North" (OFAC), "Democratic People's Republic of Korea" (UN), "North Korea" and "kp"
// all give "KP". Case, punctuation, "&"/"and", "St."/"Saint" and common accents are ignored.
// nullopt for regions without a code of their own ("Region: Crimea"), "undetermined" and the like.
std::optional<std::string> country_code(std::string_view name);

// True when `name` (a country name or code) means North Korea.
bool is_north_korea(std::string_view name);

}  // namespace flgraph::importers
