// graph/legal_mapping.cpp: looking up ILO indicators and Rome Statute elements by any spelling.
#include "graph/legal_mapping.h"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

namespace flgraph::graph {
namespace {

// Lower case, with spaces and hyphens as underscores and runs of them collapsed: "Debt-bondage "
// and "debt bondage" both become "debt_bondage".
std::string folded(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == ' ' || c == '-' || c == '_' || c == '\t') {
      if (!out.empty() && out.back() != '_') out.push_back('_');
    } else {
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

}  // namespace

const IloIndicator* find_ilo_indicator(std::string_view text) {
  const auto key = folded(text);
  if (key.empty()) return nullptr;
  int number = 0;
  const auto [ptr, ec] = std::from_chars(key.data(), key.data() + key.size(), number);
  if (ec == std::errc{} && ptr == key.data() + key.size()) {
    return number >= 1 && number <= static_cast<int>(kIloIndicators.size())
               ? &kIloIndicators[static_cast<std::size_t>(number - 1)]
               : nullptr;
  }
  for (const auto& indicator : kIloIndicators) {
    if (key == indicator.code || key == folded(indicator.label)) return &indicator;
  }
  return nullptr;
}

const RomeStatuteElement* find_rome_statute_element(std::string_view text) {
  auto key = folded(text);
  for (const std::string_view prefix : {"article_", "art._", "art_", "art."}) {
    if (key.starts_with(prefix)) key.erase(0, prefix.size());
  }
  if (key.empty()) return nullptr;
  for (const auto& element : kRomeStatuteArticle7) {
    const char letter = element.code[element.code.size() - 2];  // "7(1)(c)" -> 'c'
    if (key == element.code || key == element.slug || key == folded(element.label) ||
        (key.size() == 1 && key[0] == letter) || key == std::string("(") + letter + ")") {
      return &element;
    }
  }
  return nullptr;
}

CaseLegalMapping case_legal_mapping(std::string_view attributes_json) {
  CaseLegalMapping mapping;
  const auto attributes =
      nlohmann::json::parse(attributes_json, nullptr, /*allow_exceptions=*/false);
  if (!attributes.is_object()) return mapping;
  auto strings_of = [&](std::string_view name) {
    std::vector<std::string> out;
    const auto found = attributes.find(name);
    if (found == attributes.end()) return out;
    if (found->is_array()) {
      for (const auto& item : *found) {
        if (item.is_string()) out.push_back(item.get<std::string>());
      }
    } else if (found->is_string()) {
      out.push_back(found->get<std::string>());
    }
    return out;
  };
  for (const auto& code : strings_of(kIloIndicatorsAttribute)) {
    if (const auto* indicator = find_ilo_indicator(code))
      mapping.ilo_indicators.push_back(indicator);
  }
  for (const auto& code : strings_of(kRomeStatuteAttribute)) {
    if (const auto* element = find_rome_statute_element(code))
      mapping.rome_statute.push_back(element);
  }
  auto by_table_order = [](auto& list) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
  };
  by_table_order(mapping.ilo_indicators);  // pointers into one array: address order is table order
  by_table_order(mapping.rome_statute);
  if (const auto count = attributes.find(kVictimCountAttribute);
      count != attributes.end() && count->is_number_integer()) {
    mapping.victim_count = count->get<std::int64_t>();
  }
  if (const auto location = attributes.find(kLocationAttribute);
      location != attributes.end() && location->is_string()) {
    mapping.location = location->get<std::string>();
  }
  return mapping;
}

}  // namespace flgraph::graph
