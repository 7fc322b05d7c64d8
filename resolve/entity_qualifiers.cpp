// resolve/entity_qualifiers.cpp: dates of birth and identifiers read back from attributes_json.
#include "resolve/entity_qualifiers.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <nlohmann/json.hpp>

#include "graph/model.h"

namespace flgraph::resolve {
namespace {

using nlohmann::json;

std::string_view trim(std::string_view text) {
  const auto is_junk = [](char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '"' || c == ',';
  };
  while (!text.empty() && is_junk(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_junk(text.back())) text.remove_suffix(1);
  return text;
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

int month_of(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  if (word.size() < 3) return 0;
  std::string prefix;
  for (char c : word.substr(0, 3))
    prefix += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (kMonths[i] == prefix) return static_cast<int>(i) + 1;
  }
  return 0;
}

std::vector<std::string_view> words_of(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == ' ') {
      if (i > start) words.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return words;
}

std::string two_digits(int value) {
  return std::string(1, static_cast<char>('0' + value / 10)) + static_cast<char>('0' + value % 10);
}

// One date ("1960-01-01", "01 Jan 1960", "Jan 1960", "1960"), as YYYY[-MM[-DD]]; empty if not.
std::string one_date(std::string_view text) {
  text = trim(text);
  if (is_birth_date(text)) return std::string(text);
  const auto words = words_of(text);
  if (words.size() == 3 && all_digits(words[0]) && words[0].size() <= 2 && all_digits(words[2])) {
    const int month = month_of(words[1]);
    const int day = std::stoi(std::string(words[0]));
    if (month == 0) return {};
    auto date = std::string(words[2]) + "-" + two_digits(month) + "-" + two_digits(day);
    return is_birth_date(date) ? date : std::string();
  }
  if (words.size() == 2 && all_digits(words[1])) {
    const int month = month_of(words[0]);
    if (month == 0) return {};
    auto date = std::string(words[1]) + "-" + two_digits(month);
    return is_birth_date(date) ? date : std::string();
  }
  return {};
}

void add_years(std::string_view from, std::string_view to, std::vector<std::string>& out) {
  const auto first = one_date(from);
  const auto last = one_date(to);
  if (first.size() < 4 || last.size() < 4) return;
  const int a = std::stoi(first.substr(0, 4));
  const int b = std::stoi(last.substr(0, 4));
  if (b < a || b - a > kMaxBirthYearRange) return;
  for (int year = a; year <= b; ++year) out.push_back(std::to_string(year));
}

std::string string_of(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<long long>());
  return {};
}

void add_birth_value(const json& value, std::vector<std::string>& out) {
  if (value.is_array()) {
    for (const auto& item : value) add_birth_value(item, out);
    return;
  }
  if (value.is_string()) {
    for (auto& date : birth_dates_from_text(value.get<std::string>())) out.push_back(date);
    return;
  }
  if (!value.is_object()) return;
  if (auto date = one_date(string_of(value.value("date", json()))); !date.empty()) {
    out.push_back(std::move(date));
  } else if (auto year = one_date(string_of(value.value("year", json()))); !year.empty()) {
    out.push_back(std::move(year));
  } else {
    add_years(string_of(value.value("from_year", json())),
              string_of(value.value("to_year", json())), out);
  }
}

bool is_qualifying_type(std::string_view type) {
  static constexpr std::array<std::string_view, 11> kTypes = {
      "imo",      "mmsi",      "passport",        "national_id",   "registration", "swift_bic",
      "document", "call_sign", "aircraft_serial", "aircraft_tail", "bic"};
  return std::find(kTypes.begin(), kTypes.end(), type) != kTypes.end();
}

void add_identifier(const json& value, std::vector<std::string>& out) {
  if (value.is_string()) {
    if (!value.get<std::string>().empty()) out.push_back(value.get<std::string>());
    return;
  }
  if (!value.is_object()) return;
  const auto type = string_of(value.value("type", json()));
  const auto number = string_of(value.value("value", json()));
  if (number.empty() || !is_qualifying_type(type)) return;
  std::string label = type;
  std::replace(label.begin(), label.end(), '_', ' ');
  out.push_back(label + " " + number);
}

void read_attributes(const std::string& text, Qualifiers& out) {
  const auto attributes = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!attributes.is_object()) return;
  for (const char* key : {"dates_of_birth", "date_of_birth", "birth_date", "birthDate", "dob"}) {
    if (attributes.contains(key)) add_birth_value(attributes[key], out.birth_dates);
  }
  if (const auto ftm = attributes.find("ftm"); ftm != attributes.end() && ftm->is_object()) {
    if (const auto properties = ftm->find("properties");
        properties != ftm->end() && properties->is_object() && properties->contains("birthDate")) {
      add_birth_value((*properties)["birthDate"], out.birth_dates);
    }
  }
  for (const char* key : {"imo", "imo_number"}) {
    if (const auto imo = attributes.find(key); imo != attributes.end()) {
      if (auto number = string_of(*imo); !number.empty())
        out.identifiers.push_back("imo " + number);
    }
  }
  if (const auto identifiers = attributes.find("identifiers"); identifiers != attributes.end()) {
    if (identifiers->is_array()) {
      for (const auto& item : *identifiers) add_identifier(item, out.identifiers);
    } else {
      add_identifier(*identifiers, out.identifiers);
    }
  }
  std::sort(out.birth_dates.begin(), out.birth_dates.end());
  out.birth_dates.erase(std::unique(out.birth_dates.begin(), out.birth_dates.end()),
                        out.birth_dates.end());
}

}  // namespace

std::vector<std::string> birth_dates_from_text(std::string_view text) {
  std::vector<std::string> out;
  text = trim(text);
  for (std::string_view prefix : {"circa ", "Circa ", "c. ", "approximately ", "about "}) {
    if (text.starts_with(prefix)) {
      const auto date = one_date(text.substr(prefix.size()));
      if (date.size() >= 4) out.push_back(date.substr(0, 4));
      return out;
    }
  }
  if (const auto to = text.find(" to "); to != std::string_view::npos) {
    add_years(text.substr(0, to), text.substr(to + 4), out);
    return out;
  }
  if (auto date = one_date(text); !date.empty()) out.push_back(std::move(date));
  return out;
}

Qualifiers entity_qualifiers(const graph::EntityRecord& entity) {
  Qualifiers out;
  out.kind = graph::to_string(entity.kind);
  out.country = entity.country;
  try {
    read_attributes(entity.attributes_json, out);
  } catch (const std::exception&) {
    // A value of an unexpected type: this entity is matched on its names, kind and country.
    out.birth_dates.clear();
    out.identifiers.clear();
  }
  return out;
}

}  // namespace flgraph::resolve
