// resolve/name_matcher.cpp: the weighted features of a name score, token statistics, blocking
// and the name index (token pairing is in detail/token_alignment).
#include "resolve/name_matcher.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <span>
#include <unordered_set>

#include "resolve/detail/token_alignment.h"
#include "resolve/qualifiers.h"
#include "resolve/romanization.h"
#include "resolve/string_similarity.h"

namespace flgraph::resolve {
namespace {

using detail::align;
using detail::Coverage;
using detail::distinctive;
using detail::distinctive_coverage;
using detail::explained_by_acronym;
using detail::given_names_reordered;
using detail::korean_person_name;
using detail::legal_forms_of;
using detail::lighten_middle_names;
using detail::lighten_ship_word;
using detail::Pairing;
using detail::sector_names;
using detail::sectors_of;
using detail::work_tokens;
using detail::WorkToken;

double round3(double value) { return std::round(value * 1000.0) / 1000.0; }

// Weighted soft Dice over every token: 2 x sum(similarity x mean pair weight) / all weight.
double soft_dice(const std::vector<WorkToken>& query, const std::vector<WorkToken>& candidate,
                 const std::vector<Pairing>& pairs, double& matched, double& total) {
  total = 0.0;
  for (const auto& token : query) total += token.weight;
  for (const auto& token : candidate) total += token.weight;
  matched = 0.0;
  for (const auto& pair : pairs) {
    matched +=
        pair.similarity.value * (query[pair.query].weight + candidate[pair.candidate].weight);
  }
  const double value = total > 0.0 ? matched / total : 0.0;
  matched /= 2.0;
  total /= 2.0;
  return value;
}

std::vector<double> token_weights(const NormalizedName& name, const TokenStatistics* statistics) {
  std::vector<double> out;
  out.reserve(name.tokens.size());
  for (const auto& token : name.tokens) {
    out.push_back(statistics != nullptr ? statistics->weight(token)
                                        : class_weight(token.token_class));
  }
  return out;
}

// Scratch space reused across the candidates of one query.
struct Scratch {
  std::vector<WorkToken> query;
  std::vector<WorkToken> candidate;
  std::vector<Pairing> pairs;
};

// The score, and with kExplain its features and alignments. One code path for both, so the
// explanation always describes the number.
template <bool kExplain>
double score_impl(const NormalizedName& query_name, const std::vector<double>& query_weights,
                  const NormalizedName& candidate_name,
                  const std::vector<double>& candidate_weights, KindFamily family, Scratch& scratch,
                  NameScore* out) {
  auto& q = scratch.query;
  auto& c = scratch.candidate;
  auto& pairs = scratch.pairs;
  work_tokens(query_name, query_weights, candidate_name, q);
  work_tokens(candidate_name, candidate_weights, query_name, c);
  // A token that spells the other name's bracketed acronym ("... 'KOMID'" / "... (KOMID)") is
  // explained by it; a name that is nothing but that acronym is that name.
  const bool bare_acronym =
      (!q.empty() && explained_by_acronym(q, candidate_name.acronym) == q.size()) ||
      (!c.empty() && explained_by_acronym(c, query_name.acronym) == c.size());
  if (bare_acronym) {
    if constexpr (kExplain) {
      out->score = kAcronymSimilarity;
      out->features.push_back(
          {"acronym", kAcronymSimilarity, 1.0,
           "one name is the other's acronym: " +
               (query_name.acronym.empty() ? candidate_name.acronym : query_name.acronym)});
    }
    return kAcronymSimilarity;
  }
  align(q, c, family, pairs);
  // Only the side that adds a name is lightened: two different middle names (Owner Chen
  // Placeholder / Owner Volkov Placeholder) are a clash, not an omission.
  if (family == KindFamily::Person && !korean_person_name(q) && !korean_person_name(c)) {
    if (pairs.size() == c.size()) lighten_middle_names(q, pairs, true);
    if (pairs.size() == q.size()) lighten_middle_names(c, pairs, false);
  }
  if (family == KindFamily::Vessel) {
    lighten_ship_word(q, pairs, true);
    lighten_ship_word(c, pairs, false);
  }

  double weighted = 0.0;
  double weights = 0.0;
  auto feature = [&](std::string_view name, double value, double weight, auto&& detail) {
    weighted += weight * value;
    weights += weight;
    if constexpr (kExplain)
      out->features.push_back({std::string(name), round3(value), weight, detail()});
  };

  // A distinctive token given no weight (explained by an acronym) does not count.
  const auto weighs = [](const WorkToken& t) { return distinctive(t) && t.weight > 0.0; };
  const bool any_distinctive =
      std::any_of(q.begin(), q.end(), weighs) || std::any_of(c.begin(), c.end(), weighs);
  if (any_distinctive) {
    const auto covered = distinctive_coverage(q, c, pairs);
    const bool reordered = family == KindFamily::Person && given_names_reordered(q, c, pairs);
    const double coverage =
        std::min(covered.query, covered.candidate) * (reordered ? kReorderedGivenNames : 1.0);
    feature("distinctive", coverage, kDistinctiveWeight, [&] {
      std::string detail;
      for (const auto& pair : pairs) {
        if (!distinctive(q[pair.query]) || !distinctive(c[pair.candidate])) continue;
        if (!detail.empty()) detail += ", ";
        detail +=
            fmt::format("{}~{} {:.2f} ({})", q[pair.query].token->text,
                        c[pair.candidate].token->text, pair.similarity.value, pair.similarity.how);
      }
      if (detail.empty()) detail = "no distinctive token in common";
      return fmt::format(
          "{}; covers {:.0f}% of the query's and {:.0f}% of the candidate's distinctive weight{}",
          detail, 100.0 * covered.query, 100.0 * covered.candidate,
          reordered ? "; given names in another order" : "");
    });
  } else {
    feature("distinctive", 0.0, 0.0,
            [] { return std::string("neither name has a distinctive token"); });
  }

  double matched = 0.0;
  double total = 0.0;
  const double dice = soft_dice(q, c, pairs, matched, total);
  feature("tokens", dice, kTokensWeight, [&] {
    return fmt::format("{} of {} tokens aligned; {:.2f} of {:.2f} weight", pairs.size(),
                       std::max(q.size(), c.size()), matched, total);
  });

  // Numbers tell apart what is otherwise one name: KUM SONG 3 / KUM SONG 5, UNIT 110 / UNIT 586.
  // Equal numbers already count as matched distinctive tokens; only a disagreement is news here.
  const bool q_numbers =
      std::any_of(q.begin(), q.end(), [](const WorkToken& t) { return t.token->numeric; });
  const bool c_numbers =
      std::any_of(c.begin(), c.end(), [](const WorkToken& t) { return t.token->numeric; });
  if (q_numbers || c_numbers) {
    auto numbers_of = [](const std::vector<WorkToken>& tokens) {
      std::vector<std::string_view> numbers;
      for (const auto& t : tokens) {
        if (t.token->numeric) numbers.push_back(t.token->text);
      }
      std::sort(numbers.begin(), numbers.end());
      return numbers;
    };
    const auto qn = numbers_of(q);
    const auto cn = numbers_of(c);
    const bool same = qn == cn;
    const bool one_sided = qn.empty() || cn.empty();
    feature("numbers", same ? 1.0 : (one_sided ? 0.5 : 0.0), same ? 0.0 : kNumbersWeight, [&] {
      return one_sided ? std::string("only one name has a number")
                       : fmt::format("{} / {}", fmt::join(qn, " "), fmt::join(cn, " "));
    });
  } else if constexpr (kExplain) {
    feature("numbers", 0.0, 0.0, [] { return std::string("no numbers"); });
  }

  // Line of business: KOREA DAESONG GENERAL TRADING CORPORATION is not KOREA DAESONG BANK, nor
  // NAMGANG TRADING NAMGANG CONSTRUCTION. Only a clash is news: both names name a business and
  // share none.
  const auto q_sectors = sectors_of(q);
  const auto c_sectors = sectors_of(c);
  if (q_sectors != 0 && c_sectors != 0) {
    const bool shared = (q_sectors & c_sectors) != 0;
    feature("sector", shared ? 1.0 : 0.0, shared ? 0.0 : kSectorWeight, [&] {
      return fmt::format("{} / {}", sector_names(q_sectors), sector_names(c_sectors));
    });
  } else if constexpr (kExplain) {
    feature("sector", 0.0, 0.0,
            [] { return std::string("a line of business on at most one side"); });
  }

  const bool q_legal = std::any_of(q.begin(), q.end(), [](const WorkToken& t) {
    return t.token->token_class == TokenClass::LegalForm;
  });
  const bool c_legal = std::any_of(c.begin(), c.end(), [](const WorkToken& t) {
    return t.token->token_class == TokenClass::LegalForm;
  });
  if (!q_legal && !c_legal) {
    feature("legal_form", 0.0, 0.0, [] { return std::string("neither name has a legal form"); });
  } else if (!q_legal || !c_legal) {
    feature("legal_form", 0.5, kLegalFormWeight, [&] {
      return fmt::format("only one name has a legal form ({})",
                         q_legal ? legal_forms_of(q) : legal_forms_of(c));
    });
  } else {
    const bool shared = std::any_of(pairs.begin(), pairs.end(), [&](const Pairing& pair) {
      return q[pair.query].token->token_class == TokenClass::LegalForm &&
             pair.similarity.value == 1.0;
    });
    feature("legal_form", shared ? 1.0 : 0.75, kLegalFormWeight,
            [&] { return fmt::format("{} / {}", legal_forms_of(q), legal_forms_of(c)); });
  }

  const double score = weights > 0.0 ? round3(std::clamp(weighted / weights, 0.0, 1.0)) : 0.0;
  if constexpr (kExplain) {
    out->score = score;
    std::uint64_t q_seen = 0;
    std::uint64_t c_seen = 0;
    for (const auto& pair : pairs) {
      if (pair.query < 64) q_seen |= std::uint64_t{1} << pair.query;
      if (pair.candidate < 64) c_seen |= std::uint64_t{1} << pair.candidate;
      const bool joined = q[pair.query].joined || c[pair.candidate].joined;
      out->alignments.push_back({q[pair.query].token->text, c[pair.candidate].token->text,
                                 round3(pair.similarity.value),
                                 joined ? "joined+" + std::string(pair.similarity.how)
                                        : std::string(pair.similarity.how)});
    }
    for (std::size_t i = 0; i < q.size() && i < 64; ++i) {
      if (((q_seen >> i) & 1u) == 0)
        out->alignments.push_back({q[i].token->text, "", 0.0, "unmatched"});
    }
    for (std::size_t j = 0; j < c.size() && j < 64; ++j) {
      if (((c_seen >> j) & 1u) == 0)
        out->alignments.push_back({"", c[j].token->text, 0.0, "unmatched"});
    }
  }
  return score;
}

}  // namespace

NameScore score_names(const NormalizedName& query, const NormalizedName& candidate,
                      const TokenStatistics* statistics, KindFamily family) {
  NameScore out;
  Scratch scratch;
  score_impl<true>(query, token_weights(query, statistics), candidate,
                   token_weights(candidate, statistics), family, scratch, &out);
  return out;
}

KindFamily pair_family(const Qualifiers& query, const Qualifiers& candidate) {
  const auto family = kind_family(query.kind);
  return family != KindFamily::Unknown ? family : kind_family(candidate.kind);
}

NameScore score_qualified(const NormalizedName& query, const Qualifiers& query_qualifiers,
                          const NormalizedName& candidate, const Qualifiers& candidate_qualifiers,
                          const TokenStatistics* statistics) {
  auto out = score_names(query, candidate, statistics,
                         pair_family(query_qualifiers, candidate_qualifiers));
  out.score = qualify_score(out.score, query_qualifiers, candidate_qualifiers, &out.features);
  return out;
}

std::vector<std::string> identifier_keys(const std::vector<std::string>& identifiers) {
  std::vector<std::string> keys;
  for (const auto& identifier : identifiers) {
    auto parsed = parse_identifier(identifier);
    if (parsed.number.size() >= 4) keys.push_back("#" + parsed.number);
  }
  return keys;
}

namespace {

// Calls emit(tag, head, tail) for each blocking key tag + head + tail of a name, in no order and
// possibly twice: the one definition of the keys, spelled out by blocking_keys and hashed by
// append_blocking_hashes.
template <typename Emit>
void for_each_blocking_key(const NormalizedName& name, Emit&& emit) {
  std::vector<const NameToken*> chosen;
  for (const auto& token : name.tokens) {
    if (token.token_class == TokenClass::Distinctive) chosen.push_back(&token);
  }
  if (chosen.empty()) {
    for (const auto& token : name.tokens) {
      if (token.token_class == TokenClass::Generic || token.token_class == TokenClass::Place)
        chosen.push_back(&token);
    }
  }
  if (chosen.empty()) {
    for (const auto& token : name.tokens) chosen.push_back(&token);
  }
  std::string joined;
  for (const auto* token : chosen) {
    const std::string_view fold = token->fold;
    if (fold.empty()) continue;
    joined += fold;
    emit('=', fold, {});
    if (token->sound != fold) emit('=', token->sound, {});
    emit('<', fold.substr(0, 4), {});
    if (fold.size() < kMinEditLength) continue;
    emit('>', fold.substr(fold.size() - 4), {});
    // One letter deleted at each place: any single edit leaves the two spellings a key in common.
    if (fold.size() > kMaxDeletionKeyLength) continue;
    for (std::size_t at = 0; at < fold.size(); ++at)
      emit('~', fold.substr(0, at), fold.substr(at + 1));
  }
  if (!joined.empty()) emit('@', joined, {});
  // Syllables written apart meet their one-word spelling even when some of them read as place or
  // stop words on their own (MU DU BONG / MUDUBONG, KIM WON HONG / 김원홍).
  // Folded as one word, as the one-word spelling is: folding is not the same per syllable
  // ("gon" -> "kon", but "mangon" keeps its "ng").
  std::string all_joined;
  for (const auto& token : name.tokens) {
    if (token.token_class != TokenClass::LegalForm && !token.numeric) all_joined += token.text;
  }
  all_joined = fold_romanization(all_joined);
  if (!all_joined.empty()) emit('@', all_joined, {});
  if (is_korean_syllable_sequence(all_joined)) emit('@', sound_fold(all_joined), {});
  if (name.acronym.size() >= 3) emit('=', fold_romanization(name.acronym), {});
  // A vessel's trailing 호 ("ho"), as token_similarity allows it.
  if (all_joined.size() >= 6 && all_joined.ends_with("ho"))
    emit('@', std::string_view(all_joined).substr(0, all_joined.size() - 2), {});
}

template <typename T>
void sort_unique(std::vector<T>& values, std::size_t from = 0) {
  const auto first = values.begin() + static_cast<std::ptrdiff_t>(from);
  std::sort(first, values.end());
  values.erase(std::unique(first, values.end()), values.end());
}

}  // namespace

std::vector<std::string> blocking_keys(const NormalizedName& name) {
  std::vector<std::string> keys;
  for_each_blocking_key(name, [&](char tag, std::string_view head, std::string_view tail) {
    std::string key(1, tag);
    key += head;
    key += tail;
    keys.push_back(std::move(key));
  });
  sort_unique(keys);
  return keys;
}

// XXH3, not std::hash: the keys are saved in the name index file, so they must not change with
// the standard library or the word size.
BlockingKey hash_blocking_key(std::string_view key) { return XXH3_64bits(key.data(), key.size()); }

void append_blocking_hashes(const NormalizedName& name, std::vector<BlockingKey>& out) {
  const std::size_t from = out.size();
  std::string key;
  for_each_blocking_key(name, [&](char tag, std::string_view head, std::string_view tail) {
    key.assign(1, tag);
    key += head;
    key += tail;
    out.push_back(hash_blocking_key(key));
  });
  sort_unique(out, from);
}

std::size_t NameIndex::add(IndexedRecord record) {
  const auto index = static_cast<std::uint32_t>(packed_.size());
  std::vector<NormalizedName> names;
  names.reserve(record.names.size());
  std::vector<const NameToken*> tokens;
  std::vector<BlockingKey> keys;
  for (const auto& key : identifier_keys(record.qualifiers.identifiers))
    keys.push_back(hash_blocking_key(key));
  std::vector<std::uint32_t> owners;
  for (std::size_t n = 0; n < record.names.size(); ++n) {
    for (auto& reading : name_readings(record.names[n])) {
      names.push_back(std::move(reading));
      owners.push_back(static_cast<std::uint32_t>(n));
    }
  }
  for (const auto& name : names) {
    for (const auto& token : name.tokens) tokens.push_back(&token);
    append_blocking_hashes(name, keys);
  }
  const auto ids = statistics_.add_document(tokens);
  detail::UnpackedRecord packing{std::move(record.id),    std::move(record.qualifiers),
                                 std::move(record.names), std::move(names),
                                 std::move(owners),       {}};
  std::size_t next = 0;
  for (const auto& name : packing.readings) {
    packing.token_ids.emplace_back(
        ids.begin() + static_cast<std::ptrdiff_t>(next),
        ids.begin() + static_cast<std::ptrdiff_t>(next + name.tokens.size()));
    next += name.tokens.size();
  }
  packed_.append(packing);
  sort_unique(keys);
  for (const auto key : keys) postings_.add(key, index);
  return index;
}

void NameIndex::unpack(std::size_t index, detail::UnpackedRecord& out) const {
  detail::unpack_record(packed_.at(index), out);
}

IndexedRecord NameIndex::record(std::size_t index) const {
  detail::UnpackedRecord unpacked;
  unpack(index, unpacked);
  return {std::move(unpacked.id), std::move(unpacked.qualifiers), std::move(unpacked.names)};
}

std::size_t NameIndex::name_of_reading(std::size_t index, std::size_t reading) const {
  detail::UnpackedRecord unpacked;
  unpack(index, unpacked);
  return unpacked.owners.at(reading);
}

std::vector<NormalizedName> NameIndex::normalized_names(std::size_t index) const {
  detail::UnpackedRecord unpacked;
  unpack(index, unpacked);
  return std::move(unpacked.readings);
}

std::vector<std::uint32_t> NameIndex::candidate_records(
    const NormalizedName& query, const std::vector<BlockingKey>& extra_keys) const {
  std::vector<BlockingKey> keys = extra_keys;
  append_blocking_hashes(query, keys);
  const double records = static_cast<double>(packed_.size());
  const std::size_t cap =
      std::max<std::size_t>(kMinPostingCap, static_cast<std::size_t>(2.0 * std::sqrt(records)));
  std::vector<std::span<const std::uint32_t>> usable;
  std::span<const std::uint32_t> shortest;
  for (const auto& key : keys) {
    const auto found = postings_.find(key);
    if (found.empty()) continue;
    if (found.size() <= cap) usable.push_back(found);
    if (shortest.empty() || found.size() < shortest.size()) shortest = found;
  }
  if (usable.empty() && !shortest.empty()) usable.push_back(shortest);
  // Rank by the rarity of the keys shared: ln(1 + records / postings) summed.
  std::unordered_map<std::uint32_t, double> shared;
  for (const auto posting : usable) {
    const double rarity = std::log1p(records / static_cast<double>(posting.size()));
    for (const auto record : posting) shared[record] += rarity;
  }
  std::vector<std::pair<double, std::uint32_t>> ranked;
  ranked.reserve(shared.size());
  for (const auto& [record, rarity] : shared) ranked.emplace_back(rarity, record);
  if (ranked.size() > kMaxCandidates) {
    std::nth_element(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(kMaxCandidates),
                     ranked.end(), [](const auto& a, const auto& b) {
                       return a.first > b.first || (a.first == b.first && a.second < b.second);
                     });
    ranked.resize(kMaxCandidates);
  }
  std::vector<std::uint32_t> out;
  out.reserve(ranked.size());
  for (const auto& [rarity, record] : ranked) out.push_back(record);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<Candidate> NameIndex::match(const NormalizedName& query, const Qualifiers& qualifiers,
                                        std::size_t limit, double min_score,
                                        const std::function<bool(std::size_t)>& keep) const {
  return match(std::vector<NormalizedName>{query}, qualifiers, limit, min_score, keep);
}

std::vector<Candidate> NameIndex::match(const std::vector<NormalizedName>& query_readings,
                                        const Qualifiers& qualifiers, std::size_t limit,
                                        double min_score,
                                        const std::function<bool(std::size_t)>& keep) const {
  struct Hit {
    std::size_t record;
    std::size_t reading;        // of the record
    std::size_t query_reading;  // of the query
    double score;
    std::string_view id;  // into the packed record, for the order of ties
  };
  ++queries_;
  std::vector<BlockingKey> extra_keys;
  for (const auto& key : identifier_keys(qualifiers.identifiers))
    extra_keys.push_back(hash_blocking_key(key));
  std::vector<std::uint32_t> candidates;
  std::vector<std::vector<double>> query_weights;
  for (const auto& reading : query_readings) {
    auto found = candidate_records(reading, extra_keys);
    candidates.insert(candidates.end(), found.begin(), found.end());
    query_weights.push_back(token_weights(reading, &statistics_));
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::vector<Hit> hits;
  Scratch scratch;
  detail::UnpackedRecord unpacked;
  std::vector<double> candidate_weights;
  for (const auto record_index : candidates) {
    unpack(record_index, unpacked);
    const auto& record_qualifiers = unpacked.qualifiers;
    if (!kinds_compatible(qualifiers.kind, record_qualifiers.kind)) continue;
    if (keep && !keep(record_index)) continue;
    ++candidate_records_;
    const auto family = pair_family(qualifiers, record_qualifiers);
    const auto& names = unpacked.readings;
    Hit best{record_index, 0, 0, -1.0, packed_id(record_index)};
    for (std::size_t name_index = 0; name_index < names.size(); ++name_index) {
      const auto& name = names[name_index];
      const auto& ids = unpacked.token_ids[name_index];
      candidate_weights.clear();
      for (std::size_t t = 0; t < name.tokens.size(); ++t)
        candidate_weights.push_back(statistics_.weight(name.tokens[t].token_class, ids[t]));
      for (std::size_t q = 0; q < query_readings.size(); ++q) {
        const double score = score_impl<false>(query_readings[q], query_weights[q], name,
                                               candidate_weights, family, scratch, nullptr);
        if (score > best.score) {
          best.reading = name_index;
          best.query_reading = q;
          best.score = score;
        }
      }
    }
    best.score = qualify_score(best.score, qualifiers, record_qualifiers);
    if (best.score >= min_score) hits.push_back(best);
  }
  std::sort(hits.begin(), hits.end(), [&](const Hit& a, const Hit& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.id < b.id;
  });
  if (hits.size() > limit) hits.resize(limit);
  // Only the few results returned are explained.
  std::vector<Candidate> out;
  out.reserve(hits.size());
  for (const auto& hit : hits) {
    unpack(hit.record, unpacked);
    out.push_back(
        {hit.record, unpacked.owners[hit.reading],
         score_qualified(query_readings[hit.query_reading], qualifiers,
                         unpacked.readings[hit.reading], unpacked.qualifiers, &statistics_)});
  }
  return out;
}

}  // namespace flgraph::resolve
