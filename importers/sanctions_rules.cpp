// importers/sanctions_rules.cpp: DPRK scope and kind rules, identifiers in free text.
#include "importers/sanctions_rules.h"

#include <algorithm>
#include <array>

#include "importers/country_names.h"

namespace flgraph::importers {
namespace {

bool is_alnum(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// Upper-case ASCII, with the typographic apostrophe of the UN list read as "'".
std::string upper(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i, 3) == "\xE2\x80\x99") {
      out += '\'';
      i += 2;
      continue;
    }
    const char c = text[i];
    out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return out;
}

// `needle` occurs in `haystack` with no letter or digit right before or after it.
bool contains_word(std::string_view haystack, std::string_view needle) {
  for (auto pos = haystack.find(needle); pos != std::string_view::npos;
       pos = haystack.find(needle, pos + 1)) {
    const bool starts = pos == 0 || !is_alnum(haystack[pos - 1]) || !is_alnum(needle.front());
    const auto end = pos + needle.size();
    const bool ends =
        end == haystack.size() || !is_alnum(haystack[end]) || !is_alnum(needle.back());
    if (starts && ends) return true;
  }
  return false;
}

constexpr std::array<std::string_view, 8> kNorthKoreanNameMarkers = {
    "DPRK",
    "PYONGYANG",
    "NORTH KOREA",
    "DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA",
    "WORKERS' PARTY OF KOREA",
    "KOREAN WORKERS",
    "KOREAN PEOPLE'S ARMY",
    "KOREA WORKERS' PARTY",
};

// Legal forms and places that North Korean bodies do not carry in their listed names.
constexpr std::array<std::string_view, 37> kForeignNameMarkers = {
    "PTE",
    "LLC",
    "L.L.C.",
    "CO., LTD",
    "CO.,LTD",
    "CO. LTD",
    "OOO",
    "GMBH",
    "S.A.",
    "SDN BHD",
    "SDN. BHD",
    "FZE",
    "FZCO",
    "(PTY)",
    "JSC",
    "AG",
    "INC",
    "B.V.",
    "LIMITED LIABILITY COMPANY",
    "JOINT-STOCK",
    "JOINT STOCK",
    "HONG KONG",
    "HONGKONG",
    "DANDONG",
    "DALIAN",
    "BEIJING",
    "SHANGHAI",
    "QINGDAO",
    "YANBIAN",
    "SHENYANG",
    "LIAONING",
    "WEIHAI",
    "SHENZHEN",
    "GUANGZHOU",
    "ZHUHAI",
    "HUNCHUN",
    "VLADIVOSTOK",
};

bool names_north_korea(const std::string& name) {
  if (name.starts_with("KOREA ") || name.starts_with("KOREAN ")) return true;
  return std::any_of(kNorthKoreanNameMarkers.begin(), kNorthKoreanNameMarkers.end(),
                     [&](std::string_view marker) { return contains_word(name, marker); });
}

bool names_foreign_form(const std::string& name) {
  return std::any_of(kForeignNameMarkers.begin(), kForeignNameMarkers.end(),
                     [&](std::string_view marker) { return contains_word(name, marker); });
}

bool is_placeholder_country(std::string_view country) {
  const auto text = upper(trim(country));
  return text.empty() || text == "UNDETERMINED" || text == "NONE IDENTIFIED" || text == "UNKNOWN";
}

std::size_t skip(std::string_view text, std::size_t pos, std::string_view chars) {
  while (pos < text.size() && chars.find(text[pos]) != std::string_view::npos) ++pos;
  return pos;
}

}  // namespace

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

std::string collapse_spaces(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : trim(text)) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

bool is_dprk_program(std::string_view program) {
  return program == "DPRK" || program == "DPRK2" || program == "DPRK3" || program == "DPRK4" ||
         program == "DPRK-NKSPEA";
}

bool mentions_north_korea(std::string_view text) {
  const auto text_upper = upper(text);
  return text_upper.find("NORTH KOREA") != std::string::npos ||
         text_upper.find("KOREA, NORTH") != std::string::npos ||
         text_upper.find("DPRK") != std::string::npos ||
         text_upper.find("PYONGYANG") != std::string::npos;
}

Origin organisation_origin(const OrganisationEvidence& evidence) {
  const auto name = upper(evidence.name);
  auto in_north_korea = [](const std::string& country) { return is_north_korea(country); };
  if (std::any_of(evidence.address_countries.begin(), evidence.address_countries.end(),
                  in_north_korea) ||
      std::any_of(evidence.registration_countries.begin(), evidence.registration_countries.end(),
                  in_north_korea) ||
      names_north_korea(name)) {
    return Origin::NorthKorea;
  }
  auto elsewhere = [](const std::string& country) { return !is_placeholder_country(country); };
  if (std::any_of(evidence.address_countries.begin(), evidence.address_countries.end(),
                  elsewhere) ||
      std::any_of(evidence.registration_countries.begin(), evidence.registration_countries.end(),
                  elsewhere) ||
      names_foreign_form(name)) {
    return Origin::Foreign;
  }
  return Origin::Unknown;
}

graph::EntityKind dprk_organisation_kind(const OrganisationEvidence& evidence) {
  return organisation_origin(evidence) == Origin::Foreign ? graph::EntityKind::Company
                                                          : graph::EntityKind::StateEntity;
}

nlohmann::json to_json(const Identifier& identifier) {
  nlohmann::json out = {{"type", identifier.type}, {"value", identifier.value}};
  if (!identifier.label.empty()) out["label"] = identifier.label;
  if (!identifier.country.empty()) {
    out["country"] = identifier.country;
    if (auto code = country_code(identifier.country)) out["country_code"] = *code;
  }
  if (!identifier.note.empty()) out["note"] = identifier.note;
  return out;
}

std::string swift_country(std::string_view bic) {
  if (bic.size() != 8 && bic.size() != 11) return {};
  const bool letters =
      std::all_of(bic.begin(), bic.begin() + 6, [](char c) { return c >= 'A' && c <= 'Z'; });
  if (!letters || !std::all_of(bic.begin() + 6, bic.end(), is_alnum)) return {};
  return std::string(bic.substr(4, 2));
}

std::vector<Identifier> identifiers_in_text(std::string_view text) {
  std::vector<Identifier> found;
  auto add = [&](Identifier identifier) {
    const bool seen = std::any_of(found.begin(), found.end(), [&](const Identifier& other) {
      return other.type == identifier.type && other.value == identifier.value;
    });
    if (!seen) found.push_back(std::move(identifier));
  };
  for (auto pos = text.find("IMO"); pos != std::string_view::npos;
       pos = text.find("IMO", pos + 1)) {
    if ((pos > 0 && is_alnum(text[pos - 1])) || (pos + 3 < text.size() && is_alnum(text[pos + 3])))
      continue;
    auto at = skip(text, pos + 3, " :");
    for (std::string_view word : {"Number", "number", "No.", "no."}) {
      if (text.substr(at, word.size()) == word) {
        at = skip(text, at + word.size(), " :.");
        break;
      }
    }
    const auto digits_end = std::min(text.find_first_not_of("0123456789", at), text.size());
    if (digits_end - at == 7 && (digits_end == text.size() || !is_alnum(text[digits_end]))) {
      add({"imo", "IMO", std::string(text.substr(at, 7)), "", ""});
    }
  }
  for (auto pos = text.find("SWIFT"); pos != std::string_view::npos;
       pos = text.find("SWIFT", pos + 1)) {
    auto at = pos + 5;
    if (text.substr(at, 4) == "/BIC") at += 4;
    at = skip(text, at, " :");
    auto end = at;
    while (end < text.size() && is_alnum(text[end])) ++end;
    const auto code = text.substr(at, end - at);
    const auto country = swift_country(code);
    if (!country.empty()) add({"swift_bic", "SWIFT/BIC", std::string(code), country, ""});
  }
  return found;
}

}  // namespace flgraph::importers
