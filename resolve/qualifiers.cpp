// resolve/qualifiers.cpp: kinds, identifiers and dates of birth as evidence for or against a pair.
#include "resolve/qualifiers.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

namespace flgraph::resolve {
namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

std::string lower_copy(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), lower);
  return out;
}

double round3(double value) { return std::round(value * 1000.0) / 1000.0; }

// The lists name one identifier type several ways.
std::string canonical_type(std::string type) {
  if (type.find("imo") != std::string::npos) return "imo";
  if (type.find("passport") != std::string::npos) return "passport";
  if (type.find("mmsi") != std::string::npos) return "mmsi";
  if (type.find("swift") != std::string::npos || type.find("bic") != std::string::npos)
    return "bic";
  return type;
}

struct DateParts {
  int year = 0;
  int month = 0;  // 0: not given
  int day = 0;
};

bool parse_date(std::string_view text, DateParts& out) {
  auto number = [&](std::size_t from, std::size_t length, int& value) {
    if (text.size() < from + length) return false;
    value = 0;
    for (std::size_t i = from; i < from + length; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
      value = value * 10 + (text[i] - '0');
    }
    return true;
  };
  out = {};
  if (!number(0, 4, out.year) || out.year < 1800 || out.year > 2200) return false;
  if (text.size() == 4) return true;
  if (text.size() < 7 || text[4] != '-' || !number(5, 2, out.month) || out.month < 1 ||
      out.month > 12)
    return false;
  if (text.size() == 7) return true;
  if (text.size() != 10 || text[7] != '-' || !number(8, 2, out.day) || out.day < 1 || out.day > 31)
    return false;
  return true;
}

enum class DateAgreement { Unknown, Equal, OtherDay, OtherYear };

DateAgreement compare_dates(const std::vector<std::string>& a, const std::vector<std::string>& b,
                            std::string& detail) {
  DateAgreement best = DateAgreement::Unknown;
  for (const auto& x : a) {
    DateParts p;
    if (!parse_date(x, p)) continue;
    for (const auto& y : b) {
      DateParts q;
      if (!parse_date(y, q)) continue;
      DateAgreement here = DateAgreement::Equal;
      if (p.year != q.year) {
        here = DateAgreement::OtherYear;
      } else if ((p.month != 0 && q.month != 0 && p.month != q.month) ||
                 (p.day != 0 && q.day != 0 && p.day != q.day)) {
        here = DateAgreement::OtherDay;
      }
      // One agreeing pair of dates is enough: lists give several candidate dates of birth.
      if (best == DateAgreement::Unknown || here < best) {
        best = here;
        detail = fmt::format("{} / {}", x, y);
      }
    }
  }
  return best;
}

}  // namespace

KindFamily kind_family(std::string_view kind) {
  const auto k = lower_copy(kind);
  if (k == "person" || k == "individual") return KindFamily::Person;
  if (k == "organization" || k == "organisation" || k == "company" || k == "state_entity" ||
      k == "legalentity" || k == "entity")
    return KindFamily::Organisation;
  if (k == "vessel") return KindFamily::Vessel;
  if (k == "aircraft") return KindFamily::Aircraft;
  if (k == "site") return KindFamily::Site;
  return KindFamily::Unknown;
}

bool kinds_compatible(std::string_view a, std::string_view b) {
  const auto x = kind_family(a);
  const auto y = kind_family(b);
  return x == KindFamily::Unknown || y == KindFamily::Unknown || x == y;
}

bool is_known_kind(std::string_view kind) {
  return kind.empty() || kind_family(kind) != KindFamily::Unknown;
}

ParsedIdentifier parse_identifier(std::string_view identifier) {
  // The number is the last word holding a digit, with what follows it; the words before are the
  // type ("Vessel Registration Identification IMO 7937317", "Passport 654435458").
  std::size_t number_start = std::string_view::npos;
  std::size_t word_start = 0;
  for (std::size_t i = 0; i <= identifier.size(); ++i) {
    const bool end = i == identifier.size() || identifier[i] == ' ' || identifier[i] == ':';
    if (!end) continue;
    const auto word = identifier.substr(word_start, i - word_start);
    if (std::any_of(word.begin(), word.end(),
                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; })) {
      number_start = word_start;
      break;
    }
    word_start = i + 1;
  }
  ParsedIdentifier out;
  if (number_start == std::string_view::npos) return out;
  for (char c : identifier.substr(number_start)) {
    if (std::isalnum(static_cast<unsigned char>(c)))
      out.number += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  std::string type;
  for (char c : identifier.substr(0, number_start)) {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      type += lower(c);
    } else if (!type.empty() && type.back() != ' ') {
      type += ' ';
    }
  }
  while (!type.empty() && type.back() == ' ') type.pop_back();
  out.type = canonical_type(std::move(type));
  return out;
}

bool is_birth_date(std::string_view date) {
  DateParts parts;
  return parse_date(date, parts);
}

double qualify_score(double name_score, const Qualifiers& query, const Qualifiers& candidate,
                     std::vector<ScoreFeature>* explain) {
  double score = name_score;
  auto note = [&](std::string_view name, double weight, std::string detail) {
    if (explain != nullptr)
      explain->push_back({std::string(name), round3(score), weight, std::move(detail)});
  };

  // Identifiers: one shared number is near-certain; typed numbers that all differ are decisive.
  std::string shared;
  std::string clash;
  bool same_type_seen = false;
  for (const auto& a : query.identifiers) {
    const auto x = parse_identifier(a);
    if (x.number.size() < 4) continue;  // "No. 1" is not an identifier
    for (const auto& b : candidate.identifiers) {
      const auto y = parse_identifier(b);
      if (y.number.size() < 4) continue;
      const bool comparable = x.type.empty() || y.type.empty() || x.type == y.type;
      if (!comparable) continue;
      if (x.number == y.number) {
        shared = fmt::format("{} = {}", a, b);
      } else if (!x.type.empty() && x.type == y.type) {
        same_type_seen = true;
        if (clash.empty()) clash = fmt::format("{} / {}", a, b);
      }
    }
  }
  if (!shared.empty()) {
    score = std::max(score, kIdentifierMatchFloor + (1.0 - kIdentifierMatchFloor) * score);
    note("identifier", 1.0, "shared: " + shared);
  } else if (same_type_seen) {
    score = std::min(score, kIdentifierMismatchCap);
    note("identifier", 1.0, "different: " + clash);
  } else {
    note("identifier", 0.0, "no comparable identifiers");
  }

  std::string dates;
  switch (compare_dates(query.birth_dates, candidate.birth_dates, dates)) {
    case DateAgreement::Equal:
      score += kBirthDateSupport * (1.0 - score);
      note("birth_date", 1.0, "equal: " + dates);
      break;
    case DateAgreement::OtherDay:
      score -= kBirthDayPenalty;
      note("birth_date", 1.0, "same year, other day: " + dates);
      break;
    case DateAgreement::OtherYear:
      score -= kBirthYearPenalty;
      note("birth_date", 1.0, "different: " + dates);
      break;
    case DateAgreement::Unknown:
      note("birth_date", 0.0, "date of birth unknown on one side");
      break;
  }

  const auto qc = lower_copy(query.country);
  const auto cc = lower_copy(candidate.country);
  if (qc.empty() || cc.empty()) {
    note("country", 0.0, "country unknown on one side");
  } else if (qc == cc) {
    score += kCountrySupport * (1.0 - score);
    note("country", 1.0, fmt::format("{} / {}", query.country, candidate.country));
  } else {
    score -= kCountryPenalty;
    note("country", 1.0, fmt::format("{} / {}", query.country, candidate.country));
  }
  return round3(std::clamp(score, 0.0, 1.0));
}

}  // namespace flgraph::resolve
