// resolve/detail/token_alignment.cpp: token pairing and the name rules (token_alignment.h).
#include "resolve/detail/token_alignment.h"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "resolve/name_matcher.h"
#include "resolve/string_similarity.h"

namespace flgraph::resolve::detail {

namespace {
bool vowel(char c) { return std::string_view("aeiou").find(c) != std::string_view::npos; }

// Whether two strings of one length differ in exactly one place, a consonant for a consonant.
bool consonant_replaced(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  std::size_t differences = 0;
  bool consonants = false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] == b[i]) continue;
    ++differences;
    consonants = !vowel(a[i]) && !vowel(b[i]);
  }
  return differences == 1 && consonants;
}
}  // namespace

// A vessel's Korean name often ends in 호 ("ho", the ship): MUDUBONGHO is MU DU BONG.
bool differs_by_ship_suffix(std::string_view a, std::string_view b) {
  if (a.size() < b.size()) std::swap(a, b);
  return a.size() == b.size() + 2 && a.substr(b.size()) == "ho" && a.substr(0, b.size()) == b;
}

void lighten_ship_word(std::vector<WorkToken>& tokens, const std::vector<Pairing>& pairs,
                       bool query_side) {
  if (tokens.size() < 2 || tokens.back().token->fold != "ho") return;
  const std::size_t last = tokens.size() - 1;
  const bool matched = std::any_of(pairs.begin(), pairs.end(), [&](const Pairing& p) {
    return (query_side ? p.query : p.candidate) == last;
  });
  if (!matched) tokens[last].weight = 0.0;
}

Similarity token_similarity(const NameToken& a, const NameToken& b, KindFamily family) {
  if (a.text == b.text) return {1.0, "exact"};
  if (a.token_class == TokenClass::LegalForm && b.token_class == TokenClass::LegalForm)
    return {0.5, "legal_form"};
  if (a.numeric || b.numeric) return {};  // numbers agree exactly or not at all
  if (a.fold == b.fold || a.sound == b.sound) return {kRomanisationSimilarity, "romanisation"};
  if (family == KindFamily::Vessel && (differs_by_ship_suffix(a.fold, b.fold)))
    return {kRomanisationSimilarity, "ship_suffix"};
  // Short tokens are whole syllables ("yong", "kyong", "myong" are different names) and a
  // misspelt first letter is rarer than a different word: edits count only past both.
  if (a.fold.empty() || b.fold.empty() || a.fold[0] != b.fold[0]) return {};
  // One letter respelt in a long word is a typo more often than another name (DAESANG /
  // DAESONG, TANCHONE / TANCHON, NAMCHONGNAG / NAMCHONGANG). Not in Korean given names, where one
  // letter makes another person (Jae Hyong / Jae Myong).
  // Between two Korean syllable sequences a consonant swapped for another makes another syllable
  // of another name (CHONGBONG / CHONGSONG, YUJONG / YUSONG); a vowel or a dropped letter is the
  // usual respelling.
  const bool both_korean = a.korean_shape && b.korean_shape;
  const bool korean_given_names = family == KindFamily::Person && both_korean;
  auto usable = [&](std::string_view x, std::string_view y) {
    return one_edit_apart(x, y) && !(both_korean && consonant_replaced(x, y));
  };
  if (std::max(a.fold.size(), b.fold.size()) >= kMinEditLength && !korean_given_names &&
      (usable(a.fold, b.fold) || usable(a.text, b.text)))
    return {kOneEditSimilarity, "one_edit"};
  if (a.fold.size() < kMinEditLength || b.fold.size() < kMinEditLength) return {};
  // Otherwise two well-formed Korean syllable sequences that differ are two names
  // (romanization.h).
  if (a.korean_shape && b.korean_shape) return {};
  const double edit = 0.5 * jaro_winkler(a.fold, b.fold) + 0.5 * edit_similarity(a.fold, b.fold);
  if (edit < kMinTokenSimilarity) return {};
  return {std::min(edit, kMaxEditSimilarity), "edit"};
}

// The tokens of `name`, with runs joined where the other name writes them as one word ("Yong
// Chol" / "Yongchol", "North Wind" / "Northwind", "Rung Ra Do" / "Rungrado"). A joined run
// weighs what its heaviest token weighs: splitting a word must not make it count more.
void work_tokens(const NormalizedName& name, const std::vector<double>& weights,
                 const NormalizedName& other, std::vector<WorkToken>& out) {
  out.clear();
  std::size_t next = 0;  // first token not yet emitted
  for (const auto& run : name.runs) {
    if (run.first < next) continue;
    const bool partner =
        std::any_of(other.tokens.begin(), other.tokens.end(), [&](const NameToken& o) {
          return o.text == run.token.text || o.fold == run.token.fold ||
                 o.sound == run.token.sound || differs_by_ship_suffix(o.fold, run.token.fold) ||
                 (o.fold.size() >= kMinEditLength && one_edit_apart(o.fold, run.token.fold));
        });
    if (!partner) continue;
    for (; next < run.first; ++next) out.push_back({&name.tokens[next], weights[next], false});
    double weight = 0.0;
    for (std::size_t k = run.first; k < run.first + run.length; ++k)
      weight = std::max(weight, weights[k]);
    out.push_back({&run.token, weight, true});
    next = run.first + run.length;
  }
  for (; next < name.tokens.size(); ++next)
    out.push_back({&name.tokens[next], weights[next], false});
}

// Greedy one-to-one alignment, most similar pairs first (heavier pairs break ties).
void align(const std::vector<WorkToken>& query, const std::vector<WorkToken>& candidate,
           KindFamily family, std::vector<Pairing>& chosen) {
  std::vector<Pairing> all;
  all.reserve(query.size() * 2);
  for (std::size_t i = 0; i < query.size(); ++i) {
    for (std::size_t j = 0; j < candidate.size(); ++j) {
      auto similarity = token_similarity(*query[i].token, *candidate[j].token, family);
      if (query[i].joined || candidate[j].joined)
        similarity.value = std::min(similarity.value, kJoinedSimilarity);
      if (similarity.value > 0.0) all.push_back({i, j, similarity});
    }
  }
  std::stable_sort(all.begin(), all.end(), [&](const Pairing& a, const Pairing& b) {
    if (a.similarity.value != b.similarity.value) return a.similarity.value > b.similarity.value;
    return query[a.query].weight + candidate[a.candidate].weight >
           query[b.query].weight + candidate[b.candidate].weight;
  });
  std::uint64_t query_used = 0;  // names have few tokens; longer ones fall back to the vector
  std::uint64_t candidate_used = 0;
  std::vector<char> q_used(query.size() > 64 ? query.size() : 0, 0);
  std::vector<char> c_used(candidate.size() > 64 ? candidate.size() : 0, 0);
  auto used = [](std::uint64_t bits, const std::vector<char>& wide, std::size_t i) {
    return wide.empty() ? ((bits >> i) & 1u) != 0 : wide[i] != 0;
  };
  auto mark = [](std::uint64_t& bits, std::vector<char>& wide, std::size_t i) {
    if (wide.empty()) {
      bits |= std::uint64_t{1} << i;
    } else {
      wide[i] = 1;
    }
  };
  chosen.clear();
  for (const auto& pairing : all) {
    if (used(query_used, q_used, pairing.query) || used(candidate_used, c_used, pairing.candidate))
      continue;
    mark(query_used, q_used, pairing.query);
    mark(candidate_used, c_used, pairing.candidate);
    chosen.push_back(pairing);
  }
}

bool distinctive(const WorkToken& token) {
  return token.token->token_class == TokenClass::Distinctive;
}

Coverage distinctive_coverage(const std::vector<WorkToken>& query,
                              const std::vector<WorkToken>& candidate,
                              const std::vector<Pairing>& pairs) {
  double q_total = 0.0, c_total = 0.0, q_matched = 0.0, c_matched = 0.0;
  for (const auto& token : query) q_total += distinctive(token) ? token.weight : 0.0;
  for (const auto& token : candidate) c_total += distinctive(token) ? token.weight : 0.0;
  for (const auto& pair : pairs) {
    const auto& a = query[pair.query];
    const auto& b = candidate[pair.candidate];
    // A rare word one letter off a common one is that word misspelt (MANAGMENT, CREDT): it
    // weighs as the common word does, so it is no distinctive word the other name lacks.
    if (distinctive(a) != distinctive(b) && pair.similarity.how == "one_edit") {
      (distinctive(a) ? q_total : c_total) -= distinctive(a) ? a.weight : b.weight;
      continue;
    }
    if (!distinctive(a) || !distinctive(b)) continue;
    q_matched += pair.similarity.value * a.weight;
    c_matched += pair.similarity.value * b.weight;
  }
  return {q_total > 0.0 ? q_matched / q_total : 0.0, c_total > 0.0 ? c_matched / c_total : 0.0};
}

namespace {
bool patronymic(std::string_view text) {
  for (const std::string_view ending :
       {"ovich", "evich", "ovych", "ovna", "evna", "ivna", "ogly"}) {
    if (text.size() > ending.size() + 2 && text.ends_with(ending)) return true;
  }
  return false;
}

// The most common Korean surnames, folded (fold_romanization), covering about three quarters of
// Koreans (Statistics Korea, 2015 census): a name led or closed by one is a Korean name.
bool korean_surname(std::string_view fold) {
  static constexpr std::array<std::string_view, 24> kSurnames = {
      "kim", "i",   "pak",  "choe",  "jong", "kang", "jo",  "yun",  "jang", "im", "han", "o",
      "so",  "sin", "kwon", "hwang", "an",   "song", "ryu", "hong", "jon",  "ko", "mun", "yang"};
  return std::find(kSurnames.begin(), kSurnames.end(), fold) != kSurnames.end();
}
}  // namespace

// A person's unmatched middle name (Barack Hussein Obama) or patronymic (Arkadii Romanovich
// Rotenberg) weighs kMiddleNameShare: lists add or drop them. Korean names have none (KIM Yong
// Chol is not KIM Chol), so neither side is lightened when either is Korean.
bool korean_person_name(const std::vector<WorkToken>& tokens) {
  return !tokens.empty() &&
         (korean_surname(tokens.front().token->fold) || korean_surname(tokens.back().token->fold));
}

void lighten_middle_names(std::vector<WorkToken>& tokens, const std::vector<Pairing>& pairs,
                          bool query_side) {
  if (tokens.size() < 3) return;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const bool matched = std::any_of(pairs.begin(), pairs.end(), [&](const Pairing& p) {
      return (query_side ? p.query : p.candidate) == i;
    });
    if (matched) continue;
    const bool middle = i > 0 && i + 1 < tokens.size();
    if (middle || patronymic(tokens[i].token->text)) tokens[i].weight *= kMiddleNameShare;
  }
}

// Whether a person's given names are aligned out of order once the surname is set aside: the
// surname may lead or close a name (KIM Yong Chol, Yong Chol KIM), the given names keep their
// order (KIM Yong Chol is not KIM Chol Yong).
bool given_names_reordered(const std::vector<WorkToken>& query,
                           const std::vector<WorkToken>& candidate,
                           const std::vector<Pairing>& pairs) {
  const std::size_t q_last = query.empty() ? 0 : query.size() - 1;
  const std::size_t c_last = candidate.empty() ? 0 : candidate.size() - 1;
  auto surname_pair = [&](const Pairing& p) {
    return (p.query == 0 || p.query == q_last) && (p.candidate == 0 || p.candidate == c_last);
  };
  std::vector<std::pair<std::size_t, std::size_t>> given;
  bool surname_seen = false;
  // Prefer the leading pair as the surname: KIM ... / KIM ...
  std::vector<Pairing> ordered(pairs.begin(), pairs.end());
  std::sort(ordered.begin(), ordered.end(), [](const Pairing& a, const Pairing& b) {
    return a.query + a.candidate < b.query + b.candidate;
  });
  for (const auto& p : ordered) {
    if (!distinctive(query[p.query]) && !distinctive(candidate[p.candidate])) continue;
    if (!surname_seen && surname_pair(p)) {
      surname_seen = true;
      continue;
    }
    given.emplace_back(p.query, p.candidate);
  }
  std::sort(given.begin(), given.end());
  for (std::size_t i = 1; i < given.size(); ++i) {
    if (given[i].second < given[i - 1].second) return true;
  }
  return false;
}

std::string legal_forms_of(const std::vector<WorkToken>& tokens) {
  std::string out;
  for (const auto& token : tokens) {
    if (token.token->token_class != TokenClass::LegalForm) continue;
    if (!out.empty()) out += ' ';
    out += token.token->text;
  }
  return out;
}

namespace {
// Lines of business, by the canonical token that names them (name_normalizer.cpp maps "trading"
// to "trade", "banking" to "bank" and so on), as bits.
constexpr std::array<std::string_view, 8> kSectorNames = {
    "trade", "finance", "shipping", "construction", "mining", "energy", "textile", "food"};
const std::unordered_map<std::string_view, std::uint8_t>& sector_table() {
  static const std::unordered_map<std::string_view, std::uint8_t> table = [] {
    const std::array<std::vector<std::string_view>, 8> words = {{
        {"trade", "import", "export", "impex", "imp", "exp", "commodities", "commercial"},
        {"bank", "credit", "finance", "insurance", "capital", "investment"},
        {"shipping", "ship", "vessel", "marine", "maritime", "transport", "logistics"},
        {"construction", "engineering"},
        {"mining", "mineral", "metal", "exploration"},
        {"petroleum", "oil", "energy"},
        {"textile", "garment"},
        {"food"},
    }};
    std::unordered_map<std::string_view, std::uint8_t> out;
    for (std::size_t sector = 0; sector < words.size(); ++sector) {
      for (const auto word : words[sector]) out[word] |= static_cast<std::uint8_t>(1u << sector);
    }
    return out;
  }();
  return table;
}
}  // namespace

std::uint8_t sectors_of(const std::vector<WorkToken>& tokens) {
  std::uint8_t bits = 0;
  for (const auto& token : tokens) {
    if (const auto found = sector_table().find(token.token->text); found != sector_table().end())
      bits |= found->second;
  }
  return bits;
}

std::string sector_names(std::uint8_t bits) {
  std::string out;
  for (std::size_t sector = 0; sector < kSectorNames.size(); ++sector) {
    if ((bits & (1u << sector)) == 0) continue;
    if (!out.empty()) out += '+';
    out += kSectorNames[sector];
  }
  return out;
}

// Gives the tokens that spell `acronym` no weight; returns how many there were.
std::size_t explained_by_acronym(std::vector<WorkToken>& tokens, const std::string& acronym) {
  if (acronym.size() < 3) return 0;
  std::size_t explained = 0;
  for (auto& token : tokens) {
    if (token.token->text != acronym) continue;
    token.weight = 0.0;
    ++explained;
  }
  return explained;
}

}  // namespace flgraph::resolve::detail
