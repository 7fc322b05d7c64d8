// importers/bill_of_lading_fields.h: the values of a bill-of-lading row: dates, weights, HS codes,
// IMO numbers.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/model.h"

namespace flgraph::importers {

// An ISO date, optionally with a time of day that must itself be valid and is then dropped:
// "2020-08-18", "2020-08-18T06:30:00Z", "2020-08-18 06:30", "2020-08-18T06:30:00.5+09:00".
std::optional<graph::Date> parse_arrival_date(std::string_view text);

// Kilograms, >= 0 and at most 1e9: digits with an optional decimal part, thousands optionally
// separated by commas in groups of three ("12,345.5"), and an optional "kg" ("9200 kg").
std::optional<double> parse_weight_kg(std::string_view text);

// Most HS codes one row may list (docs/FORMATS.md, "Limits"): each distinct code becomes a carries
// relation with its own claim. Real declarations list a few dozen at most; a longer list is
// broken or hostile, and its claims, which all share the row's locator, cost the store time
// that grows with the square of their number.
inline constexpr std::size_t kMaxHsCodesPerRow = 1000;

// HS codes of 2 to 10 digits (dots inside ignored: 0303.89 is 030389), separated by ; , | / or
// spaces; each code once, in the order first given. Linear in the text, however many codes.
std::optional<std::vector<std::string>> parse_hs_codes(std::string_view text);

// The 7 digits of an IMO number written "9074729", "IMO 9074729", "IMO9074729" or "IMO: 9074729",
// when they form a valid IMO number (is_valid_imo); nullopt for anything else.
std::optional<std::string> parse_imo(std::string_view text);

// True for a 7-digit IMO number with a valid check digit (the weighted sum of the first six
// digits, weights 7..2, ends in the seventh) and no leading zero ("0000000" passes the sum).
bool is_valid_imo(std::string_view digits);

// Lower case; every run of other characters than letters and digits is one space; trimmed. How
// headers are compared (bill_of_lading_header.cpp), and consignees read ("TO ORDER").
std::string normalise_header(std::string_view header);

}  // namespace flgraph::importers
