// importers/bill_of_lading_fields.cpp: strict parsers for the typed columns of a bill of lading.
#include "importers/bill_of_lading_fields.h"

#include <algorithm>
#include <charconv>
#include <unordered_set>

namespace flgraph::importers {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    const char c = text[i];
    if (((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c) != prefix[i]) return false;
  }
  return true;
}

// Reads exactly `count` digits at the front of `text` as a number no larger than `max`.
std::optional<int> take_number(std::string_view& text, std::size_t count, int max) {
  if (text.size() < count) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (!is_digit(text[i])) return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  if (value > max) return std::nullopt;
  text.remove_prefix(count);
  return value;
}

// ISO 8601 time of day, as export tools write it: HH:MM[:SS[.fraction]] then an optional zone
// Z, ±HH, ±HHMM or ±HH:MM. https://en.wikipedia.org/wiki/ISO_8601#Times
bool is_time_of_day(std::string_view text) {
  if (!take_number(text, 2, 23) || !text.starts_with(':')) return false;
  text.remove_prefix(1);
  if (!take_number(text, 2, 59)) return false;
  if (text.starts_with(':')) {
    text.remove_prefix(1);
    if (!take_number(text, 2, 60)) return false;  // 60: a leap second
    if (text.starts_with('.') || text.starts_with(',')) {
      text.remove_prefix(1);
      const auto digits = std::min(text.find_first_not_of("0123456789"), text.size());
      if (digits == 0) return false;
      text.remove_prefix(digits);
    }
  }
  if (text.empty() || text == "Z") return true;
  if (!text.starts_with('+') && !text.starts_with('-')) return false;
  text.remove_prefix(1);
  if (!take_number(text, 2, 14)) return false;
  if (text.empty()) return true;
  if (text.starts_with(':')) text.remove_prefix(1);
  return take_number(text, 2, 59) && text.empty();
}

}  // namespace

std::optional<graph::Date> parse_arrival_date(std::string_view text) {
  if (text.size() > 10) {
    if ((text[10] != 'T' && text[10] != ' ') || !is_time_of_day(text.substr(11)))
      return std::nullopt;
    text = text.substr(0, 10);
  }
  return graph::parse_date(text);
}

std::optional<double> parse_weight_kg(std::string_view text) {
  text = trim(text);
  if (text.size() > 2) {
    const auto unit = text.substr(text.size() - 2);
    if (unit == "kg" || unit == "KG" || unit == "Kg") text = trim(text.substr(0, text.size() - 2));
  }
  // The whole part: plain digits, or groups of three after the first group of one to three.
  const auto point = std::min(text.find('.'), text.size());
  const auto whole = text.substr(0, point);
  if (whole.empty() || !is_digit(whole.front())) return std::nullopt;
  std::string digits;
  if (whole.find(',') != std::string_view::npos) {
    const auto first_comma = whole.find(',');
    if (first_comma > 3) return std::nullopt;
    for (std::size_t at = first_comma; at < whole.size(); at += 4) {
      if (whole[at] != ',' || at + 4 > whole.size()) return std::nullopt;
    }
  }
  for (char c : whole) {
    if (c == ',') continue;
    if (!is_digit(c)) return std::nullopt;
    digits += c;
  }
  if (point < text.size()) {
    const auto fraction = text.substr(point + 1);
    if (fraction.empty() || !std::all_of(fraction.begin(), fraction.end(), is_digit))
      return std::nullopt;
    digits += '.';
    digits += fraction;
  }
  double value = 0.0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size() || value > 1e9)
    return std::nullopt;
  return value;
}

std::optional<std::vector<std::string>> parse_hs_codes(std::string_view text) {
  std::vector<std::string> codes;
  std::unordered_set<std::string> seen;  // a set, not a search of `codes`: rows may list thousands
  std::string current;
  auto flush = [&]() -> bool {
    if (current.empty()) return true;
    if (current.size() < 2 || current.size() > 10) return false;
    if (seen.insert(current).second) codes.push_back(current);
    current.clear();
    return true;
  };
  for (char c : text) {
    if (is_digit(c)) {
      current += c;
    } else if (c == '.') {
      continue;  // 0303.89 is 030389
    } else if (c == ';' || c == ',' || c == '|' || c == ' ' || c == '/') {
      if (!flush()) return std::nullopt;
    } else {
      return std::nullopt;
    }
  }
  if (!flush()) return std::nullopt;
  return codes;
}

std::optional<std::string> parse_imo(std::string_view text) {
  text = trim(text);
  if (starts_with_ignoring_case(text, "imo")) {
    text.remove_prefix(3);
    if (text.starts_with(':') || text.starts_with('-') || text.starts_with('.'))
      text.remove_prefix(1);
    text = trim(text);
  }
  if (!is_valid_imo(text)) return std::nullopt;
  return std::string(text);
}

bool is_valid_imo(std::string_view digits) {
  if (digits.size() != 7 || !std::all_of(digits.begin(), digits.end(), is_digit) ||
      digits.front() == '0') {
    return false;
  }
  int sum = 0;
  for (std::size_t i = 0; i < 6; ++i) sum += (digits[i] - '0') * static_cast<int>(7 - i);
  return sum % 10 == digits[6] - '0';
}

}  // namespace flgraph::importers
