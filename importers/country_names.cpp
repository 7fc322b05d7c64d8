// importers/country_names.cpp: the name table (ISO 3166 English short names plus list spellings).
#include "importers/country_names.h"

#include <algorithm>
#include <unordered_map>
#include <utility>
#include <vector>

namespace flgraph::importers {
namespace {

// English short names as CLDR 42 (ICU 72) writes them, one per ISO 3166-1 alpha-2 code.
constexpr std::pair<std::string_view, std::string_view> kIsoNames[] = {
    {"Andorra", "AD"},
    {"United Arab Emirates", "AE"},
    {"Afghanistan", "AF"},
    {"Antigua & Barbuda", "AG"},
    {"Anguilla", "AI"},
    {"Albania", "AL"},
    {"Armenia", "AM"},
    {"Angola", "AO"},
    {"Antarctica", "AQ"},
    {"Argentina", "AR"},
    {"American Samoa", "AS"},
    {"Austria", "AT"},
    {"Australia", "AU"},
    {"Aruba", "AW"},
    {"Åland Islands", "AX"},
    {"Azerbaijan", "AZ"},
    {"Bosnia & Herzegovina", "BA"},
    {"Barbados", "BB"},
    {"Bangladesh", "BD"},
    {"Belgium", "BE"},
    {"Burkina Faso", "BF"},
    {"Bulgaria", "BG"},
    {"Bahrain", "BH"},
    {"Burundi", "BI"},
    {"Benin", "BJ"},
    {"St. Barthélemy", "BL"},
    {"Bermuda", "BM"},
    {"Brunei", "BN"},
    {"Bolivia", "BO"},
    {"Caribbean Netherlands", "BQ"},
    {"Brazil", "BR"},
    {"Bahamas", "BS"},
    {"Bhutan", "BT"},
    {"Bouvet Island", "BV"},
    {"Botswana", "BW"},
    {"Belarus", "BY"},
    {"Belize", "BZ"},
    {"Canada", "CA"},
    {"Cocos (Keeling) Islands", "CC"},
    {"Congo - Kinshasa", "CD"},
    {"Central African Republic", "CF"},
    {"Congo - Brazzaville", "CG"},
    {"Switzerland", "CH"},
    {"Côte d’Ivoire", "CI"},
    {"Cook Islands", "CK"},
    {"Chile", "CL"},
    {"Cameroon", "CM"},
    {"China", "CN"},
    {"Colombia", "CO"},
    {"Costa Rica", "CR"},
    {"Cuba", "CU"},
    {"Cape Verde", "CV"},
    {"Curaçao", "CW"},
    {"Christmas Island", "CX"},
    {"Cyprus", "CY"},
    {"Czechia", "CZ"},
    {"Germany", "DE"},
    {"Djibouti", "DJ"},
    {"Denmark", "DK"},
    {"Dominica", "DM"},
    {"Dominican Republic", "DO"},
    {"Algeria", "DZ"},
    {"Ecuador", "EC"},
    {"Estonia", "EE"},
    {"Egypt", "EG"},
    {"Western Sahara", "EH"},
    {"Eritrea", "ER"},
    {"Spain", "ES"},
    {"Ethiopia", "ET"},
    {"Finland", "FI"},
    {"Fiji", "FJ"},
    {"Falkland Islands", "FK"},
    {"Micronesia", "FM"},
    {"Faroe Islands", "FO"},
    {"France", "FR"},
    {"Gabon", "GA"},
    {"United Kingdom", "GB"},
    {"Grenada", "GD"},
    {"Georgia", "GE"},
    {"French Guiana", "GF"},
    {"Guernsey", "GG"},
    {"Ghana", "GH"},
    {"Gibraltar", "GI"},
    {"Greenland", "GL"},
    {"Gambia", "GM"},
    {"Guinea", "GN"},
    {"Guadeloupe", "GP"},
    {"Equatorial Guinea", "GQ"},
    {"Greece", "GR"},
    {"South Georgia & South Sandwich Islands", "GS"},
    {"Guatemala", "GT"},
    {"Guam", "GU"},
    {"Guinea-Bissau", "GW"},
    {"Guyana", "GY"},
    {"Hong Kong SAR China", "HK"},
    {"Heard & McDonald Islands", "HM"},
    {"Honduras", "HN"},
    {"Croatia", "HR"},
    {"Haiti", "HT"},
    {"Hungary", "HU"},
    {"Indonesia", "ID"},
    {"Ireland", "IE"},
    {"Israel", "IL"},
    {"Isle of Man", "IM"},
    {"India", "IN"},
    {"British Indian Ocean Territory", "IO"},
    {"Iraq", "IQ"},
    {"Iran", "IR"},
    {"Iceland", "IS"},
    {"Italy", "IT"},
    {"Jersey", "JE"},
    {"Jamaica", "JM"},
    {"Jordan", "JO"},
    {"Japan", "JP"},
    {"Kenya", "KE"},
    {"Kyrgyzstan", "KG"},
    {"Cambodia", "KH"},
    {"Kiribati", "KI"},
    {"Comoros", "KM"},
    {"St. Kitts & Nevis", "KN"},
    {"North Korea", "KP"},
    {"South Korea", "KR"},
    {"Kuwait", "KW"},
    {"Cayman Islands", "KY"},
    {"Kazakhstan", "KZ"},
    {"Laos", "LA"},
    {"Lebanon", "LB"},
    {"St. Lucia", "LC"},
    {"Liechtenstein", "LI"},
    {"Sri Lanka", "LK"},
    {"Liberia", "LR"},
    {"Lesotho", "LS"},
    {"Lithuania", "LT"},
    {"Luxembourg", "LU"},
    {"Latvia", "LV"},
    {"Libya", "LY"},
    {"Morocco", "MA"},
    {"Monaco", "MC"},
    {"Moldova", "MD"},
    {"Montenegro", "ME"},
    {"St. Martin", "MF"},
    {"Madagascar", "MG"},
    {"Marshall Islands", "MH"},
    {"North Macedonia", "MK"},
    {"Mali", "ML"},
    {"Myanmar (Burma)", "MM"},
    {"Mongolia", "MN"},
    {"Macao SAR China", "MO"},
    {"Northern Mariana Islands", "MP"},
    {"Martinique", "MQ"},
    {"Mauritania", "MR"},
    {"Montserrat", "MS"},
    {"Malta", "MT"},
    {"Mauritius", "MU"},
    {"Maldives", "MV"},
    {"Malawi", "MW"},
    {"Mexico", "MX"},
    {"Malaysia", "MY"},
    {"Mozambique", "MZ"},
    {"Namibia", "NA"},
    {"New Caledonia", "NC"},
    {"Niger", "NE"},
    {"Norfolk Island", "NF"},
    {"Nigeria", "NG"},
    {"Nicaragua", "NI"},
    {"Netherlands", "NL"},
    {"Norway", "NO"},
    {"Nepal", "NP"},
    {"Nauru", "NR"},
    {"Niue", "NU"},
    {"New Zealand", "NZ"},
    {"Oman", "OM"},
    {"Panama", "PA"},
    {"Peru", "PE"},
    {"French Polynesia", "PF"},
    {"Papua New Guinea", "PG"},
    {"Philippines", "PH"},
    {"Pakistan", "PK"},
    {"Poland", "PL"},
    {"St. Pierre & Miquelon", "PM"},
    {"Pitcairn Islands", "PN"},
    {"Puerto Rico", "PR"},
    {"Palestinian Territories", "PS"},
    {"Portugal", "PT"},
    {"Palau", "PW"},
    {"Paraguay", "PY"},
    {"Qatar", "QA"},
    {"Réunion", "RE"},
    {"Romania", "RO"},
    {"Serbia", "RS"},
    {"Russia", "RU"},
    {"Rwanda", "RW"},
    {"Saudi Arabia", "SA"},
    {"Solomon Islands", "SB"},
    {"Seychelles", "SC"},
    {"Sudan", "SD"},
    {"Sweden", "SE"},
    {"Singapore", "SG"},
    {"St. Helena", "SH"},
    {"Slovenia", "SI"},
    {"Svalbard & Jan Mayen", "SJ"},
    {"Slovakia", "SK"},
    {"Sierra Leone", "SL"},
    {"San Marino", "SM"},
    {"Senegal", "SN"},
    {"Somalia", "SO"},
    {"Suriname", "SR"},
    {"South Sudan", "SS"},
    {"São Tomé & Príncipe", "ST"},
    {"El Salvador", "SV"},
    {"Sint Maarten", "SX"},
    {"Syria", "SY"},
    {"Eswatini", "SZ"},
    {"Turks & Caicos Islands", "TC"},
    {"Chad", "TD"},
    {"French Southern Territories", "TF"},
    {"Togo", "TG"},
    {"Thailand", "TH"},
    {"Tajikistan", "TJ"},
    {"Tokelau", "TK"},
    {"Timor-Leste", "TL"},
    {"Turkmenistan", "TM"},
    {"Tunisia", "TN"},
    {"Tonga", "TO"},
    {"Turkey", "TR"},
    {"Trinidad & Tobago", "TT"},
    {"Tuvalu", "TV"},
    {"Taiwan", "TW"},
    {"Tanzania", "TZ"},
    {"Ukraine", "UA"},
    {"Uganda", "UG"},
    {"U.S. Outlying Islands", "UM"},
    {"United States", "US"},
    {"Uruguay", "UY"},
    {"Uzbekistan", "UZ"},
    {"Vatican City", "VA"},
    {"St. Vincent & Grenadines", "VC"},
    {"Venezuela", "VE"},
    {"British Virgin Islands", "VG"},
    {"U.S. Virgin Islands", "VI"},
    {"Vietnam", "VN"},
    {"Vanuatu", "VU"},
    {"Wallis & Futuna", "WF"},
    {"Samoa", "WS"},
    {"Kosovo", "XK"},
    {"Yemen", "YE"},
    {"Mayotte", "YT"},
    {"South Africa", "ZA"},
    {"Zambia", "ZM"},
    {"Zimbabwe", "ZW"},

};

// Spellings of the OFAC SDN files and the UN consolidated list, and other common long forms.
constexpr std::pair<std::string_view, std::string_view> kListSpellings[] = {
    {"Korea, North", "KP"},
    {"Democratic People's Republic of Korea", "KP"},
    {"DPRK", "KP"},
    {"Korea, Democratic People's Republic of", "KP"},
    {"Korea, South", "KR"},
    {"Republic of Korea", "KR"},
    {"Korea, Republic of", "KR"},
    {"Burma", "MM"},
    {"Myanmar", "MM"},
    {"Congo, Democratic Republic of the", "CD"},
    {"Democratic Republic of the Congo", "CD"},
    {"Congo, Republic of the", "CG"},
    {"Congo", "CG"},
    {"Cote d Ivoire", "CI"},
    {"Cote d'Ivoire", "CI"},
    {"Ivory Coast", "CI"},
    {"Hong Kong", "HK"},
    {"China, Hong Kong Special Administrative Region", "HK"},
    {"Macau", "MO"},
    {"Macao", "MO"},
    {"China, Macao Special Administrative Region", "MO"},
    {"Palestinian", "PS"},
    {"State of Palestine", "PS"},
    {"West Bank", "PS"},
    {"Region: Gaza", "PS"},
    {"Gaza", "PS"},
    {"Virgin Islands, British", "VG"},
    {"Bahamas, The", "BS"},
    {"The Bahamas", "BS"},
    {"The Gambia", "GM"},
    {"Gambia, The", "GM"},
    {"Czech Republic", "CZ"},
    {"Man, Isle of", "IM"},
    {"North Macedonia, The Republic of", "MK"},
    {"Macedonia", "MK"},
    {"Cabo Verde", "CV"},
    {"Viet Nam", "VN"},
    {"Iran (Islamic Republic of)", "IR"},
    {"Syrian Arab Republic", "SY"},
    {"Russian Federation", "RU"},
    {"Lao People's Democratic Republic", "LA"},
    {"United Republic of Tanzania", "TZ"},
    {"Bolivia (Plurinational State of)", "BO"},
    {"Venezuela (Bolivarian Republic of)", "VE"},
    {"Republic of Moldova", "MD"},
    {"United Kingdom of Great Britain and Northern Ireland", "GB"},
    {"United States of America", "US"},
    {"Micronesia (Federated States of)", "FM"},
    {"Netherlands (Kingdom of the)", "NL"},
    {"Brunei Darussalam", "BN"},
    {"Turkiye", "TR"},
    {"Swaziland", "SZ"},
    {"Kyrgyz Republic", "KG"},
    {"Timor-Leste", "TL"},
    {"East Timor", "TL"},
    {"Taiwan, Province of China", "TW"},
    {"Holy See", "VA"},
    {"Vatican City", "VA"},
};

// Lower-case ASCII letters and digits separated by single spaces; "&" reads "and", "st" reads
// "saint", apostrophes and dots vanish and the accents of the names above fold to ASCII.
std::string normalise(std::string_view name) {
  static constexpr std::pair<std::string_view, std::string_view> kFolds[] = {
      {"é", "e"}, {"É", "e"}, {"ô", "o"}, {"ç", "c"}, {"ã", "a"},
      {"í", "i"}, {"Å", "a"}, {"å", "a"}, {"ü", "u"}, {"’", ""},
  };
  std::string folded;
  for (std::size_t i = 0; i < name.size();) {
    bool replaced = false;
    for (const auto& [from, to] : kFolds) {
      if (name.substr(i, from.size()) == from) {
        folded += to;
        i += from.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) folded += name[i++];
  }
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    words.push_back(word == "st" ? "saint" : word);
    word.clear();
  };
  for (char c : folded) {
    if (c >= 'A' && c <= 'Z') {
      word += static_cast<char>(c - 'A' + 'a');
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      word += c;
    } else if (c == '\'' || c == '.') {
      continue;
    } else if (c == '&') {
      flush();
      words.emplace_back("and");
    } else {
      flush();
    }
  }
  flush();
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

const std::unordered_map<std::string, std::string>& name_table() {
  static const auto table = [] {
    std::unordered_map<std::string, std::string> map;
    for (const auto& [name, code] : kIsoNames) {
      map.emplace(normalise(name), std::string(code));
      map.emplace(normalise(code), std::string(code));
    }
    for (const auto& [name, code] : kListSpellings)
      map.insert_or_assign(normalise(name), std::string(code));
    return map;
  }();
  return table;
}

}  // namespace

std::optional<std::string> country_code(std::string_view name) {
  const auto& table = name_table();
  auto found = table.find(normalise(name));
  if (found == table.end()) return std::nullopt;
  return found->second;
}

bool is_north_korea(std::string_view name) {
  return country_code(name) == std::optional<std::string>("KP");
}

}  // namespace flgraph::importers
