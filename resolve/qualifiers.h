// resolve/qualifiers.h: what a query or a record says besides its names (kind, country, dates of
// birth, identifiers), and how it moves a name score.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "resolve/name_score.h"

namespace flgraph::resolve {

struct Qualifiers {
  // person, organization, company, state_entity, vessel, aircraft, site; empty: not known.
  std::string kind;
  std::string country;                   // ISO 3166 alpha-2 (any case), or empty
  std::vector<std::string> birth_dates;  // YYYY, YYYY-MM or YYYY-MM-DD
  // As the lists write them: "IMO 7937317", "Passport 654435458", or a bare number.
  std::vector<std::string> identifiers;
};

// Kinds that can be one real entity fall in one family: organization, company and state_entity are
// all organisations (a list's trading corporation is a bill of lading's shipper).
enum class KindFamily { Unknown, Person, Organisation, Vessel, Aircraft, Site };
KindFamily kind_family(std::string_view kind);
// Unknown is compatible with every family; otherwise the families must be equal.
bool kinds_compatible(std::string_view a, std::string_view b);
// Whether a kind is one of the names above (or empty); for validating user input.
bool is_known_kind(std::string_view kind);
// The kinds is_known_kind accepts, for messages.
inline constexpr std::string_view kKindNames =
    "person, organization, company, state_entity, vessel, aircraft, site";

// An identifier cut into its type ("imo", "passport"; empty when bare) and its number (letters
// and digits only, upper case). An identifier without a digit has no number.
struct ParsedIdentifier {
  std::string type;
  std::string number;
};
ParsedIdentifier parse_identifier(std::string_view identifier);

// A date of birth as written, checked: YYYY, YYYY-MM or YYYY-MM-DD with plausible fields.
bool is_birth_date(std::string_view date);

// How qualifiers move the name score (applied in this order):
//   identifier  a number shared by both sides lifts the score to at least kIdentifierMatchFloor
//               (a vessel renamed keeps its IMO number); both sides giving numbers of one type
//               and none shared caps it at kIdentifierMismatchCap (two vessels of one name).
//   birth_date  compared at the precision both give: equal lifts the score by kBirthDateSupport of
//               what it lacks; a different year takes kBirthYearPenalty, the same year but another
//               month or day kBirthDayPenalty (lists often disagree on the day, rarely on the
//               year).
//   country     equal lifts by kCountrySupport of what the score lacks (at most 0.015 near the
//               threshold), different takes kCountryPenalty: a small qualifier that cannot by
//               itself carry two different names over the threshold.
// Every lift is a share of what the score lacks, so none makes it saturate at 1.
inline constexpr double kIdentifierMatchFloor = 0.95;
inline constexpr double kIdentifierMismatchCap = 0.40;
inline constexpr double kBirthYearPenalty = 0.35;
inline constexpr double kBirthDayPenalty = 0.20;
inline constexpr double kBirthDateSupport = 0.10;
inline constexpr double kCountrySupport = 0.05;
inline constexpr double kCountryPenalty = 0.08;

// The name score moved by the qualifiers, in [0,1]. With `explain`, one feature per qualifier
// (applied or not) is appended, its `value` the score after that step.
double qualify_score(double name_score, const Qualifiers& query, const Qualifiers& candidate,
                     std::vector<ScoreFeature>* explain = nullptr);

}  // namespace flgraph::resolve
