// graph/model.h: the data model: entity and relation kinds, dates, evidence grades.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flgraph::graph {

enum class EntityKind : std::uint8_t {
  StateEntity,  // DPRK ministry, bureau, trading corporation, military unit
  Company,
  Person,
  Site,  // overseas worker site: factory, plant, construction site, vessel, camp
  Vessel,
  Shipment,  // one bill of lading or customs declaration
  Product,   // a good, by HS code where known
  Case,      // one documented forced-labour case
};
inline constexpr std::size_t kEntityKindCount = 8;

// Every relation points the way goods, labour or benefit flow: toward the buyer.
enum class RelationKind : std::uint8_t {
  DispatchesWorkers,  // state_entity -> site
  OperatedBy,         // site -> company
  Ships,              // company -> shipment (shipper)
  ConsignedTo,        // shipment -> company (consignee)
  Supplies,           // company -> company
  OwnedBy,            // company -> company/state_entity/person
  Documents,          // case -> site/company/state_entity
  Carries,            // shipment -> product (context, not traced)
  TransportedBy,      // shipment -> vessel (context, not traced)
  SameAs,             // accepted entity-resolution match; walked both ways at no hop cost
};
inline constexpr std::size_t kRelationKindCount = 10;

enum class SourceKind : std::uint8_t {
  Testimony,
  CustomsRecord,
  Designation,
  Report,
  Media,
  CourtRecord
};
inline constexpr std::size_t kSourceKindCount = 6;
enum class Access : std::uint8_t { Public, Restricted, Protected };
inline constexpr std::size_t kAccessCount = 3;
// An entity-resolution judgement on a pair of entities: the same (positive), not (negative), or
// looked at without a decision (unsure).
enum class Decision : std::uint8_t { Positive, Negative, Unsure };

std::string_view to_string(EntityKind kind);
std::string_view to_string(RelationKind kind);
std::string_view to_string(SourceKind kind);
std::string_view to_string(Access access);
std::string_view to_string(Decision decision);
std::optional<EntityKind> parse_entity_kind(std::string_view text);
std::optional<RelationKind> parse_relation_kind(std::string_view text);
std::optional<SourceKind> parse_source_kind(std::string_view text);
std::optional<Access> parse_access(std::string_view text);
std::optional<Decision> parse_decision(std::string_view text);

// The store keeps EntityKind, RelationKind, SourceKind and Access as their enum values. A code
// read back that names none (a damaged or hand-edited database) gives nothing here, so that it
// is reported as damage instead of indexing past a table of names.
template <typename Enum>
std::optional<Enum> enum_from_code(std::int64_t code);
// The same for a code the store just returned: throws Error ("the database is damaged: ...").
template <typename Enum>
Enum enum_from_stored_code(std::int64_t code);

// Whether a relation of `kind` may go from an entity of kind `from` to one of kind `to`.
bool relation_allowed(RelationKind kind, EntityKind from, EntityKind to);
// "state_entity -> site" style description of the endpoints a relation kind accepts.
std::string describe_endpoints(RelationKind kind);

// Trace walks these kinds against the arrows (docs/COMMANDS.md, "trace").
bool is_trace_kind(RelationKind kind);

// A calendar date as days since 1970-01-01 (proleptic Gregorian).
struct Date {
  std::int32_t days = 0;
  friend auto operator<=>(const Date&, const Date&) = default;
};
// Parses strict ISO YYYY-MM-DD, rejecting impossible days such as 2023-02-30.
std::optional<Date> parse_date(std::string_view text);
std::string format_date(Date date);
// The same text without allocating: YYYY-MM-DD (a year past 9999 takes more digits).
struct DateText {
  std::array<char, 24> chars{};
  std::size_t size = 0;
  std::string_view view() const { return {chars.data(), size}; }
};
DateText date_text(Date date);

// A validity interval; either end may be open (unknown or ongoing).
struct DateRange {
  std::optional<Date> from;
  std::optional<Date> to;
  bool overlaps(const DateRange& other) const;
};

// Admiralty-scale source reliability: A completely reliable ... E unreliable, F cannot be judged.
enum class Reliability : std::uint8_t { A, B, C, D, E, F };
std::optional<Reliability> parse_reliability(std::string_view text);
char to_char(Reliability reliability);

// Credibility of one claim: 1 confirmed ... 5 improbable, 6 cannot be judged.
using Credibility = int;
inline constexpr Credibility kMinCredibility = 1;
inline constexpr Credibility kMaxCredibility = 6;

// The one table mapping reliability x credibility to a confidence in (0,1].
// Rows A..F, columns 1..6. "Cannot be judged" (F, 6) is 0.5: neither trusted nor dismissed.
inline constexpr std::array<std::array<double, 6>, 6> kConfidenceTable = {{
    //  1     2     3     4     5     6
    {{1.00, 0.90, 0.75, 0.45, 0.20, 0.60}},  // A
    {{0.90, 0.80, 0.65, 0.40, 0.15, 0.55}},  // B
    {{0.75, 0.65, 0.55, 0.35, 0.10, 0.50}},  // C
    {{0.50, 0.45, 0.35, 0.25, 0.05, 0.35}},  // D
    {{0.30, 0.25, 0.20, 0.10, 0.05, 0.20}},  // E
    {{0.60, 0.55, 0.50, 0.35, 0.10, 0.50}},  // F
}};
double confidence_from_evidence(Reliability reliability, Credibility credibility);
// Confidence of a relation with neither an explicit value nor a claim: F6, cannot be judged.
inline constexpr double kUnjudgedConfidence = 0.50;

}  // namespace flgraph::graph
