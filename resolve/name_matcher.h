// resolve/name_matcher.h: a name-to-name score in [0,1] with its explanation, and an
// index that finds the few names worth scoring (blocking) among many.
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "resolve/detail/blocking_postings.h"
#include "resolve/detail/packed_record.h"
#include "resolve/name_normalizer.h"
#include "resolve/name_score.h"
#include "resolve/qualifiers.h"
#include "resolve/token_statistics.h"

namespace flgraph::resolve {

// Scores at or above this are a match (the `match` boolean, `resolve --auto`, and the party
// resolution of bill-of-lading imports). Chosen from the measured score distribution of
// bench/name_matching_quality (see bench/RESULTS.md, "Name matching").
inline constexpr double kDefaultMatchThreshold = 0.70;

// The score is a weighted mean of features, each in [0,1]:
//   distinctive  the smaller of the two names' covered shares of their distinctive-token weight
//                (token similarity x IDF weight), so a name adding or lacking a distinctive token
//                loses what it weighs: RUNGRADO vs CHOLSAN in otherwise equal names scores ~0.2;
//   tokens       weighted soft Dice over all tokens, legal forms and generic words included;
//   legal_form   1 same form, 0.75 different forms, 0.5 only one name has one;
//   numbers      0 when both names carry numbers that differ (KUM SONG 3 / KUM SONG 5).
// A feature that does not apply (no legal form on either side, numbers equal or absent) is left
// out and the others are renormalised, so the score stays in [0,1]. Country, dates of birth and
// identifiers are not names: they move the name score afterwards (qualifiers.h).
inline constexpr double kDistinctiveWeight = 0.70;
inline constexpr double kTokensWeight = 0.20;
inline constexpr double kLegalFormWeight = 0.05;
inline constexpr double kNumbersWeight = 0.25;
//   sector       0 when both names name a line of business (trade, finance, shipping,
//                construction, mining, energy, textile, food) and share none: DAESONG TRADING is
//                not DAESONG BANK. Left out otherwise.
inline constexpr double kSectorWeight = 0.35;

// Token similarities: exact 1; equal under fold_romanization 0.96 (never 1, so the score does
// not saturate on a respelling); otherwise the mean of Jaro-Winkler and edit similarity of the
// folded tokens, capped at 0.94 and counted only from kMinTokenSimilarity up. Tokens joined to
// meet a one-word spelling ("yong chol" / "yongchol") count at most kJoinedSimilarity.
inline constexpr double kRomanisationSimilarity = 0.96;
inline constexpr double kMaxEditSimilarity = 0.94;
inline constexpr double kJoinedSimilarity = 0.98;
inline constexpr double kMinTokenSimilarity = 0.72;
// Two tokens of at least kMinEditLength letters, with one first letter, one edit apart.
inline constexpr double kOneEditSimilarity = 0.90;
inline constexpr double kReorderedGivenNames = 0.5;
// A name that is only the other's bracketed acronym (KOMID / ... CORPORATION (KOMID)).
inline constexpr double kAcronymSimilarity = 0.90;
// The weight share of a person's unmatched middle name or patronymic.
inline constexpr double kMiddleNameShare = 0.25;
// Edit similarity applies only to tokens of at least this many letters that share their first.
inline constexpr std::size_t kMinEditLength = 5;

// Scores two normalised names. `statistics` weighs tokens by rarity (null: class weights only);
// `family` is the kind both names are known to have: for persons the given names must keep their
// order (the distinctive feature is multiplied by kReorderedGivenNames when they do not), for
// vessels a trailing "ho" (호, ship) is a respelling.
NameScore score_names(const NormalizedName& query, const NormalizedName& candidate,
                      const TokenStatistics* statistics = nullptr,
                      KindFamily family = KindFamily::Unknown);

// The family a pair is scored as: the query's kind when it gives one, else the candidate's.
KindFamily pair_family(const Qualifiers& query, const Qualifiers& candidate);

// Scores a query against a candidate with their qualifiers: the name score (score_names), then
// qualify_score; the qualifier features are appended to the explanation. Kinds are not checked
// here: incompatible kinds are never candidates (NameIndex::match).
NameScore score_qualified(const NormalizedName& query, const Qualifiers& query_qualifiers,
                          const NormalizedName& candidate, const Qualifiers& candidate_qualifiers,
                          const TokenStatistics* statistics = nullptr);

// One entity (or list entry) with every name it goes by.
struct IndexedRecord {
  std::string id;
  Qualifiers qualifiers;  // kind, country, dates of birth, identifiers
  std::vector<std::string> names;
};

struct Candidate {
  std::size_t record = 0;
  std::size_t name = 0;  // which of the record's names scored best
  NameScore score;
};

struct BlockingCounts {
  std::uint64_t queries = 0;
  std::uint64_t candidate_records = 0;  // records scored, summed over queries
};

inline constexpr std::size_t kMaxCandidates = 200;
inline constexpr std::size_t kMinPostingCap = 64;
inline constexpr std::size_t kMaxDeletionKeyLength = 16;

// Blocking keys of a name: for each distinctive token (all tokens when a name has none) its
// folded form "=", its first four letters "<" and, from five letters, its last four ">" and
// each one-letter deletion "~" (up to kMaxDeletionKeyLength letters; a single edit anywhere
// leaves two spellings a key in common); and "@" + the folded distinctive tokens joined, so
// "Yong-Chol", "Yongchol" and 용철 meet.
std::vector<std::string> blocking_keys(const NormalizedName& name);
// Blocking keys of identifiers: "#" + each number (parse_identifier), so that a renamed vessel
// still meets its IMO number.
std::vector<std::string> identifier_keys(const std::vector<std::string>& identifiers);

// A blocking key as the index keeps it: a 64-bit hash of its text. Two keys that collide only
// make a record a candidate it would not have been; the score decides, so nothing is lost.
using BlockingKey = std::uint64_t;
BlockingKey hash_blocking_key(std::string_view key);
// blocking_keys hashed, sorted and without repeats, appended to `out`; built without a string per
// key, as the index does for every name it adds and every query.
void append_blocking_hashes(const NormalizedName& name, std::vector<BlockingKey>& out);

class NameIndex {
 public:
  NameIndex() = default;
  // An index of packed parts, as finish() leaves them (mapped from the name index file).
  NameIndex(detail::PackedRecords records, TokenStatistics statistics,
            detail::BlockingPostings postings)
      : packed_(std::move(records)),
        statistics_(std::move(statistics)),
        postings_(std::move(postings)) {}
  // Normalises the names, updates the token statistics and the blocking keys; returns the index.
  std::size_t add(IndexedRecord record);
  // Once the records are added: packs the records, the token statistics and the blocking
  // postings into flat arrays, a third of their memory, which the name index file writes as they
  // are. Adding afterwards still works (it unpacks them); answers are the same either way.
  void finish() {
    packed_.pack();
    statistics_.pack();
    postings_.pack();
  }
  std::size_t size() const { return packed_.size(); }
  // The record as added. Unpacked at each call, as normalized_names and id are.
  IndexedRecord record(std::size_t index) const;
  std::string id(std::size_t index) const { return std::string(packed_id(index)); }
  // Every reading of every name of a record (name_readings): a Han or Cyrillic name has a
  // Korean reading beside its Chinese or Russian one. Unpacked at each call.
  std::vector<NormalizedName> normalized_names(std::size_t index) const;
  // Which of the record's names a reading (an index into normalized_names) is of.
  std::size_t name_of_reading(std::size_t index, std::size_t reading) const;
  const TokenStatistics& statistics() const { return statistics_; }
  const detail::PackedRecords& packed_records() const { return packed_; }
  const detail::BlockingPostings& postings() const { return postings_; }

  // Records sharing a usable blocking key with the query (its name keys and `identifier_keys`),
  // at most kMaxCandidates of them: those sharing the rarest keys (sum of ln(1 + records /
  // postings)). A key whose posting list is longer than max(kMinPostingCap, 2 sqrt(records)) is
  // too common to block on and is skipped, unless every key of the query is: then the shortest
  // list is used. Sorted by record index.
  std::vector<std::uint32_t> candidate_records(
      const NormalizedName& query, const std::vector<BlockingKey>& extra_keys = {}) const;

  // The best-scoring name of each candidate record whose kind is compatible with the query's
  // (kinds_compatible), scored with score_qualified; best first (ties by id), at least
  // `min_score`, at most `limit`; `keep` (if set) filters records before scoring.
  std::vector<Candidate> match(const NormalizedName& query, const Qualifiers& qualifiers,
                               std::size_t limit, double min_score,
                               const std::function<bool(std::size_t)>& keep = {}) const;
  // The same for a query with several readings (name_readings): each record scores its best
  // pair of readings.
  std::vector<Candidate> match(const std::vector<NormalizedName>& query_readings,
                               const Qualifiers& qualifiers, std::size_t limit, double min_score,
                               const std::function<bool(std::size_t)>& keep = {}) const;

  // A snapshot of the counts; match() may run on several threads at once.
  BlockingCounts counts() const { return {queries_.load(), candidate_records_.load()}; }

 private:
  void unpack(std::size_t index, detail::UnpackedRecord& out) const;
  std::string_view packed_id(std::size_t index) const {
    return detail::packed_id(packed_.at(index));
  }

  // Each record with its readings, packed (detail/packed_record.h).
  detail::PackedRecords packed_;
  TokenStatistics statistics_;
  detail::BlockingPostings postings_;
  // A count that several threads may bump, copied and moved with the index.
  struct Counter {
    std::atomic<std::uint64_t> value{0};
    Counter() = default;
    Counter(const Counter& other) : value(other.value.load()) {}
    Counter& operator=(const Counter& other) {
      value = other.value.load();
      return *this;
    }
    void operator++() { ++value; }
    std::uint64_t load() const { return value.load(); }
  };
  mutable Counter queries_;
  mutable Counter candidate_records_;
};

}  // namespace flgraph::resolve
