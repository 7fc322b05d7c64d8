// resolve/korean_readings.cpp: lookups built once from hanja_hangul.tsv and korean_cyrillic.tsv.
#include "resolve/korean_readings.h"

#include <unicode/unistr.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <unordered_map>
#include <vector>

#include "resolve/name_tables.h"

namespace flgraph::resolve {
namespace {

constexpr char32_t kSyllableBase = 0xAC00;
constexpr std::u32string_view kInitialJamo = U"ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";
constexpr std::u32string_view kFinalJamo =
    U"ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ";
constexpr char32_t kFirstVowelJamo = U'ㅏ';  // the 21 vowels follow in syllable order
constexpr int kFinalNieun = 4, kFinalIeung = 21;

std::u32string to_u32(std::string_view utf8) {
  std::u32string out;
  const auto text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  for (int32_t i = 0; i < text.length();) {
    const UChar32 c = text.char32At(i);
    out += static_cast<char32_t>(c);
    i += U16_LENGTH(c);
  }
  return out;
}

char32_t lower_cyrillic(char32_t c) {
  if (c >= U'А' && c <= U'Я') return c + 0x20;
  if (c == U'Ё') return U'ё';
  return c;
}

std::u32string lower(std::u32string_view word) {
  std::u32string out;
  for (char32_t c : word) out += lower_cyrillic(c);
  return out;
}

struct Option {
  std::u32string cyrillic;
  int index = 0;  // initial 0-18, vowel 0-20 or final 1-27
};

struct Tables {
  std::unordered_map<char32_t, std::u32string> readings;  // han -> syllables
  std::unordered_map<char32_t, int> hanja_count;          // syllable -> Han characters
  std::unordered_map<std::u32string, char32_t> surnames;  // lower-case Cyrillic -> syllable
  std::vector<Option> initials, vowels, medial_vowels, finals;
  std::vector<char32_t> surname_syllables;

  Tables() {
    const auto& tables = name_tables();
    const auto& hanja = tables.hanja_hangul;
    for (const auto& row : hanja.rows) {
      const auto han = to_u32(row[0]);
      std::u32string syllables;
      for (const auto reading : split_values(row[1])) syllables += to_u32(reading);
      for (char32_t syllable : syllables) ++hanja_count[syllable];
      if (han.size() == 1) readings.emplace(han[0], std::move(syllables));
    }
    const auto& cyrillic = tables.korean_cyrillic;
    for (const auto& row : cyrillic.rows) {
      const auto hangul = to_u32(row[0]);
      auto spelled = lower(to_u32(row[1]));
      const std::string_view position = row[3];
      if (hangul.empty()) continue;
      if (position == "surname") {
        surnames.emplace(std::move(spelled), hangul[0]);
        surname_syllables.push_back(hangul[0]);
        continue;
      }
      if (hangul.size() != 1) continue;  // ㄹㄹ -> лл: read as final ль + initial р (below)
      const char32_t jamo = hangul[0];
      if (position == "initial" || position == "medial") {
        initials.push_back({std::move(spelled), static_cast<int>(kInitialJamo.find(jamo))});
      } else if (position == "final") {
        finals.push_back({std::move(spelled), static_cast<int>(kFinalJamo.find(jamo)) + 1});
      } else if (position == "vowel") {
        vowels.push_back({std::move(spelled), static_cast<int>(jamo - kFirstVowelJamo)});
      } else if (position == "vowel_medial") {
        medial_vowels.push_back({std::move(spelled), static_cast<int>(jamo - kFirstVowelJamo)});
      }
    }
  }
  static const Tables& get() {
    static const Tables tables;
    return tables;
  }
};

struct Parse {
  double score = -1e9;
  std::u32string syllables;
};

// Best split of word[at..] into syllables; memo[at] caches it.
class CyrillicParser {
 public:
  CyrillicParser(std::u32string word, FinalN final_n)
      : word_(std::move(word)), final_n_(final_n), memo_(word_.size() + 1) {}
  Parse best(std::size_t at) {
    if (at == word_.size()) return {0.0, {}};
    if (memo_[at]) return *memo_[at];
    const auto& tables = Tables::get();
    Parse found;
    auto consider = [&](std::size_t next, int initial, int vowel, int final_index) {
      Parse rest = best(next);
      if (rest.score < -1e8) return;
      const auto syllable = static_cast<char32_t>(
          kSyllableBase + static_cast<char32_t>((initial * 21 + vowel) * 28 + final_index));
      // Only Sino-Korean syllables: they make DPRK names, and the rule keeps Russian words
      // such as "компания" (콤반기야) from reading as Korean.
      const auto count = tables.hanja_count.find(syllable);
      if (count == tables.hanja_count.end()) return;
      double score = std::log1p(count->second) - 1.0;
      // A bonus of 1 (ㅇ counts e-fold) turns near ties (정/전, 영/연), not 은/응 (32 to 5).
      if (final_n_ == FinalN::PreferNg && final_index == kFinalIeung) score += 1.0;
      if (score + rest.score > found.score) {
        found.score = score + rest.score;
        found.syllables = syllable + rest.syllables;
      }
    };
    auto matches = [&](std::size_t from, const std::u32string& text) {
      return word_.compare(from, text.size(), text) == 0;
    };
    for (const auto& initial : tables.initials) {
      if (!matches(at, initial.cyrillic)) continue;
      const std::size_t after_initial = at + initial.cyrillic.size();
      const bool consonant = !initial.cyrillic.empty();
      auto try_vowel = [&](const Option& vowel) {
        if (vowel.cyrillic.empty() || !matches(after_initial, vowel.cyrillic)) return;
        const std::size_t after_vowel = after_initial + vowel.cyrillic.size();
        consider(after_vowel, initial.index, vowel.index, 0);
        for (const auto& final_option : tables.finals) {
          if (!matches(after_vowel, final_option.cyrillic)) continue;
          std::size_t next = after_vowel + final_option.cyrillic.size();
          // A hard or soft sign after н keeps it out of the next syllable: Kontsevich writes
          // ㅇ before a vowel as нъ (Пхёнъян), the press нь (Пхеньян); ㄴ gets no sign.
          const bool sign = next < word_.size() && (word_[next] == U'ь' || word_[next] == U'ъ');
          if (sign && final_option.index == kFinalNieun) continue;
          if (sign) ++next;
          consider(next, initial.index, vowel.index, final_option.index);
        }
      };
      for (const auto& vowel : tables.vowels) try_vowel(vowel);
      if (consonant) {
        for (const auto& vowel : tables.medial_vowels) try_vowel(vowel);
      }
    }
    memo_[at] = found;
    return found;
  }

 private:
  std::u32string word_;
  FinalN final_n_;
  std::vector<std::optional<Parse>> memo_;
};

}  // namespace

std::u32string_view hanja_readings(char32_t han) {
  const auto& readings = Tables::get().readings;
  const auto found = readings.find(han);
  return found == readings.end() ? std::u32string_view() : std::u32string_view(found->second);
}

bool is_korean_surname(char32_t syllable) {
  const auto& surnames = Tables::get().surname_syllables;
  return std::find(surnames.begin(), surnames.end(), syllable) != surnames.end();
}

std::optional<std::u32string> cyrillic_to_hangul(std::u32string_view word, FinalN final_n) {
  const bool acronym = word.size() > 1 && std::all_of(word.begin(), word.end(), [](char32_t c) {
                         return lower_cyrillic(c) != c;
                       });
  if (word.empty() || acronym) return std::nullopt;
  std::u32string lowered = lower(word);
  // лл is final ㄹ and initial ㄹ (Kontsevich's one two-jamo rule).
  for (auto at = lowered.find(U"лл"); at != std::u32string::npos; at = lowered.find(U"лл", at))
    lowered.replace(at, 2, U"льр");
  Parse parse = CyrillicParser(lowered, final_n).best(0);
  if (parse.score > -1e8) return parse.syllables;
  // Customary surnames the syllable table cannot split: Ли, Цой, Огай.
  const auto& surnames = Tables::get().surnames;
  if (const auto found = surnames.find(lowered); found != surnames.end())
    return std::u32string(1, found->second);
  return std::nullopt;
}

}  // namespace flgraph::resolve
