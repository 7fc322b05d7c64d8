// graph/model.cpp: names, parsing and rules of the model's kinds, dates and grades.
#include "graph/model.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <charconv>

#include "graph/errors.h"

namespace flgraph::graph {
namespace {

constexpr std::array<std::string_view, kEntityKindCount> kEntityKindNames = {
    "state_entity", "company", "person", "site", "vessel", "shipment", "product", "case"};
constexpr std::array<std::string_view, kRelationKindCount> kRelationKindNames = {
    "dispatches_workers", "operated_by", "ships",   "consigned_to",   "supplies",
    "owned_by",           "documents",   "carries", "transported_by", "same_as"};
constexpr std::array<std::string_view, kSourceKindCount> kSourceKindNames = {
    "testimony", "customs_record", "designation", "report", "media", "court_record"};
constexpr std::array<std::string_view, kAccessCount> kAccessNames = {"public", "restricted",
                                                                     "protected"};
constexpr std::array<std::string_view, 3> kDecisionNames = {"positive", "negative", "unsure"};

template <typename Enum, std::size_t N>
std::optional<Enum> parse_name(const std::array<std::string_view, N>& names,
                               std::string_view text) {
  const auto* found = std::find(names.begin(), names.end(), text);
  if (found == names.end()) return std::nullopt;
  return static_cast<Enum>(found - names.begin());
}

using E = EntityKind;
constexpr unsigned bit(EntityKind kind) { return 1u << static_cast<unsigned>(kind); }
constexpr unsigned kAnyEntity = (1u << kEntityKindCount) - 1;

struct Endpoints {
  unsigned from;
  unsigned to;
};
// docs/MODEL.md, "The model": which kinds each relation connects. Ownership also covers sites and
// vessels (assets) and documents may name a vessel used as a worker site.
constexpr std::array<Endpoints, kRelationKindCount> kEndpoints = {{
    {bit(E::StateEntity), bit(E::Site)},                        // dispatches_workers
    {bit(E::Site), bit(E::Company) | bit(E::StateEntity)},      // operated_by
    {bit(E::Company) | bit(E::StateEntity), bit(E::Shipment)},  // ships
    {bit(E::Shipment), bit(E::Company) | bit(E::StateEntity)},  // consigned_to
    {bit(E::Company) | bit(E::StateEntity), bit(E::Company) | bit(E::StateEntity)},  // supplies
    {bit(E::Company) | bit(E::StateEntity) | bit(E::Site) | bit(E::Vessel),
     bit(E::Company) | bit(E::StateEntity) | bit(E::Person)},  // owned_by
    {bit(E::Case),
     bit(E::Site) | bit(E::Company) | bit(E::StateEntity) | bit(E::Vessel)},  // documents
    {bit(E::Shipment), bit(E::Product)},                                      // carries
    {bit(E::Shipment), bit(E::Vessel)},                                       // transported_by
    {kAnyEntity, kAnyEntity},                                                 // same_as
}};

// Days from civil date, after H. Hinnant's public-domain algorithm "days_from_civil".
std::int32_t days_from_civil(int year, unsigned month, unsigned day) {
  year -= month <= 2 ? 1 : 0;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const auto yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int32_t>(doe) - 719468;
}

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

unsigned days_in_month(int year, unsigned month) {
  static constexpr std::array<unsigned, 12> kDays = {31, 28, 31, 30, 31, 30,
                                                     31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

}  // namespace

std::string_view to_string(EntityKind kind) {
  return kEntityKindNames.at(static_cast<std::size_t>(kind));
}
std::string_view to_string(RelationKind kind) {
  return kRelationKindNames.at(static_cast<std::size_t>(kind));
}
std::string_view to_string(SourceKind kind) {
  return kSourceKindNames.at(static_cast<std::size_t>(kind));
}
std::string_view to_string(Access access) {
  return kAccessNames.at(static_cast<std::size_t>(access));
}
std::string_view to_string(Decision decision) {
  return kDecisionNames.at(static_cast<std::size_t>(decision));
}

std::optional<EntityKind> parse_entity_kind(std::string_view text) {
  return parse_name<EntityKind>(kEntityKindNames, text);
}
std::optional<RelationKind> parse_relation_kind(std::string_view text) {
  return parse_name<RelationKind>(kRelationKindNames, text);
}
std::optional<SourceKind> parse_source_kind(std::string_view text) {
  return parse_name<SourceKind>(kSourceKindNames, text);
}
std::optional<Access> parse_access(std::string_view text) {
  return parse_name<Access>(kAccessNames, text);
}
std::optional<Decision> parse_decision(std::string_view text) {
  return parse_name<Decision>(kDecisionNames, text);
}

namespace {

// What enum_from_code<Enum> accepts, and the name a damage report gives Enum.
template <typename Enum>
struct StoredEnum;
template <>
struct StoredEnum<EntityKind> {
  static constexpr std::size_t kCount = kEntityKindCount;
  static constexpr std::string_view kName = "entity kind";
};
template <>
struct StoredEnum<RelationKind> {
  static constexpr std::size_t kCount = kRelationKindCount;
  static constexpr std::string_view kName = "relation kind";
};
template <>
struct StoredEnum<SourceKind> {
  static constexpr std::size_t kCount = kSourceKindCount;
  static constexpr std::string_view kName = "source kind";
};
template <>
struct StoredEnum<Access> {
  static constexpr std::size_t kCount = kAccessCount;
  static constexpr std::string_view kName = "access level";
};

}  // namespace

template <typename Enum>
std::optional<Enum> enum_from_code(std::int64_t code) {
  if (code < 0 || static_cast<std::uint64_t>(code) >= StoredEnum<Enum>::kCount) return std::nullopt;
  return static_cast<Enum>(code);
}

template <typename Enum>
Enum enum_from_stored_code(std::int64_t code) {
  if (const auto value = enum_from_code<Enum>(code)) return *value;
  throw Error(fmt::format(
      "the database is damaged: {} code {} is not one flgraph knows (0 to {}); was the file "
      "edited outside flgraph?",
      StoredEnum<Enum>::kName, code, StoredEnum<Enum>::kCount - 1));
}

template std::optional<EntityKind> enum_from_code<EntityKind>(std::int64_t);
template std::optional<RelationKind> enum_from_code<RelationKind>(std::int64_t);
template std::optional<SourceKind> enum_from_code<SourceKind>(std::int64_t);
template std::optional<Access> enum_from_code<Access>(std::int64_t);
template EntityKind enum_from_stored_code<EntityKind>(std::int64_t);
template RelationKind enum_from_stored_code<RelationKind>(std::int64_t);
template SourceKind enum_from_stored_code<SourceKind>(std::int64_t);
template Access enum_from_stored_code<Access>(std::int64_t);

bool relation_allowed(RelationKind kind, EntityKind from, EntityKind to) {
  const auto& ends = kEndpoints.at(static_cast<std::size_t>(kind));
  return (ends.from & bit(from)) != 0 && (ends.to & bit(to)) != 0;
}

std::string describe_endpoints(RelationKind kind) {
  const auto& ends = kEndpoints.at(static_cast<std::size_t>(kind));
  auto names = [](unsigned mask) {
    if (mask == kAnyEntity) return std::string("any");
    std::string out;
    for (std::size_t i = 0; i < kEntityKindCount; ++i) {
      if ((mask & (1u << i)) == 0) continue;
      if (!out.empty()) out += '/';
      out += kEntityKindNames[i];
    }
    return out;
  };
  return fmt::format("{} -> {}", names(ends.from), names(ends.to));
}

bool is_trace_kind(RelationKind kind) {
  return kind != RelationKind::Carries && kind != RelationKind::TransportedBy;
}

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto number = [&](std::size_t pos, std::size_t len, unsigned& out) {
    const char* first = text.data() + pos;
    const char* last = first + len;
    if (!std::all_of(first, last, [](char c) { return c >= '0' && c <= '9'; })) return false;
    return std::from_chars(first, last, out).ec == std::errc{};
  };
  unsigned year = 0;
  unsigned month = 0;
  unsigned day = 0;
  if (!number(0, 4, year) || !number(5, 2, month) || !number(8, 2, day)) return std::nullopt;
  if (month < 1 || month > 12 || day < 1) return std::nullopt;
  if (day > days_in_month(static_cast<int>(year), month)) return std::nullopt;
  return Date{days_from_civil(static_cast<int>(year), month, day)};
}

DateText date_text(Date date) {
  // Inverse of days_from_civil (same public-domain algorithm).
  const std::int32_t z = date.days + 719468;
  const std::int32_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned day = doy - (153 * mp + 2) / 5 + 1;
  const unsigned month = mp < 10 ? mp + 3 : mp - 9;
  const int year = static_cast<int>(yoe) + era * 400 + (month <= 2 ? 1 : 0);
  DateText out;
  if (year < 0 || year > 9999) {
    const auto end = fmt::format_to_n(out.chars.data(), out.chars.size(), "{:04d}-{:02d}-{:02d}",
                                      year, month, day);
    out.size = std::min(end.size, out.chars.size());
    return out;
  }
  // Written by hand: every stored date passes through here, millions of times in a load.
  out.size = 10;
  const auto digits = [&](std::size_t end, unsigned value, std::size_t width) {
    for (std::size_t at = end; at > end - width; value /= 10)
      out.chars.at(--at) = static_cast<char>('0' + value % 10);
  };
  digits(4, static_cast<unsigned>(year), 4);
  out.chars[4] = '-';
  digits(7, month, 2);
  out.chars[7] = '-';
  digits(10, day, 2);
  return out;
}

std::string format_date(Date date) { return std::string(date_text(date).view()); }

bool DateRange::overlaps(const DateRange& other) const {
  const bool starts_before_other_ends = !from || !other.to || *from <= *other.to;
  const bool ends_after_other_starts = !to || !other.from || *to >= *other.from;
  return starts_before_other_ends && ends_after_other_starts;
}

std::optional<Reliability> parse_reliability(std::string_view text) {
  if (text.size() != 1 || text[0] < 'A' || text[0] > 'F') return std::nullopt;
  return static_cast<Reliability>(text[0] - 'A');
}

char to_char(Reliability reliability) {
  return static_cast<char>('A' + static_cast<int>(reliability));
}

double confidence_from_evidence(Reliability reliability, Credibility credibility) {
  assert(credibility >= kMinCredibility && credibility <= kMaxCredibility);
  return kConfidenceTable[static_cast<std::size_t>(reliability)]
                         [static_cast<std::size_t>(credibility - kMinCredibility)];
}

}  // namespace flgraph::graph
