// resolve/romanization.cpp: Hangul romanisation and the fold table of romanization.h.
#include "resolve/romanization.h"

#include <array>
#include <utility>
#include <vector>

namespace flgraph::resolve {
namespace {

constexpr char32_t kFirstSyllable = 0xAC00;
constexpr char32_t kLastSyllable = 0xD7A3;
constexpr int kMedials = 21;
constexpr int kFinals = 28;

// Initial consonants ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ, word-initially and
// after a voiced sound (a vowel, ㄴ, ㄹ, ㅁ or ㅇ), where the plain stops are voiced
// (McCune-Reischauer).
constexpr std::array<const char*, 19> kInitialPlain = {"k",  "kk", "n", "t",  "tt", "r",  "m",
                                                       "p",  "pp", "s", "ss", "",   "ch", "tch",
                                                       "ch", "k",  "t", "p",  "h"};
constexpr std::array<const char*, 19> kInitialVoiced = {"g",  "kk", "n", "d",  "tt", "r", "m",
                                                        "b",  "pp", "s", "ss", "",   "j", "tch",
                                                        "ch", "k",  "t", "p",  "h"};
// Vowels ㅏ ㅐ ㅑ ㅒ ㅓ ㅔ ㅕ ㅖ ㅗ ㅘ ㅙ ㅚ ㅛ ㅜ ㅝ ㅞ ㅟ ㅠ ㅡ ㅢ ㅣ (ŏ and ŭ without breves).
constexpr std::array<const char*, kMedials> kMedial = {"a",  "ae", "ya", "yae", "o",  "e",  "yo",
                                                       "ye", "o",  "wa", "wae", "oe", "yo", "u",
                                                       "wo", "we", "wi", "yu",  "u",  "ui", "i"};
// Final consonants (none, ㄱ ㄲ ㄳ ㄴ ㄵ ㄶ ㄷ ㄹ ㄺ ㄻ ㄼ ㄽ ㄾ ㄿ ㅀ ㅁ ㅂ ㅄ ㅅ ㅆ ㅇ ㅈ ㅊ ㅋ
// ㅌ ㅍ ㅎ), as pronounced.
constexpr std::array<const char*, kFinals> kFinal = {
    "",  "k", "k", "k", "n", "n", "n", "t",  "l", "k", "m", "l", "l", "l",
    "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "h"};
// Finals after which the next plain stop is voiced: ㄴ ㄵ ㄶ ㄹ ㄻ ㄼ ㄽ ㄾ ㅀ ㅁ ㅇ.
bool voices_next(int final_index) {
  switch (final_index) {
    case 0:
    case 4:
    case 5:
    case 6:
    case 8:
    case 10:
    case 11:
    case 12:
    case 13:
    case 15:
    case 16:
    case 21:
      return true;
    default:
      return false;
  }
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  std::size_t at = 0;
  while ((at = text.find(from, at)) != std::string::npos) {
    text.replace(at, from.size(), to);
    at += to.size();
  }
}

bool has_digit(std::string_view token) {
  for (char c : token) {
    if (c >= '0' && c <= '9') return true;
  }
  return false;
}

constexpr std::array<std::string_view, 9> kSyllableInitials = {"k", "n", "t", "r", "m",
                                                               "p", "s", "j", "h"};
// Longest first, so "yo" is tried before "o" would leave a stray "y".
constexpr std::array<std::string_view, 13> kSyllableVowels = {
    "ya", "ye", "yo", "wa", "we", "wi", "wo", "oe", "oi", "a", "e", "i", "o"};
constexpr std::array<std::string_view, 7> kSyllableFinals = {"ng", "k", "n", "t", "r", "m", "p"};
// Every letter the three lists above use.
constexpr std::string_view kSyllableLetters = "knrtmpsjhyaeiowg";

bool starts_with(std::string_view text, std::size_t at, std::string_view prefix) {
  return text.compare(at, prefix.size(), prefix) == 0;
}

}  // namespace

bool is_korean_syllable_sequence(std::string_view folded) {
  if (folded.empty()) return false;
  // Most tokens of a name list fail on a letter no syllable uses (b c d f l q u v x z): say so
  // before the walk, which every token of every indexed name goes through.
  for (const char c : folded) {
    if (kSyllableLetters.find(c) == std::string_view::npos) return false;
  }
  // reachable[i]: a syllable boundary can fall before position i. Names are short: a longer
  // token is no syllable sequence worth a heap allocation.
  constexpr std::size_t kLongest = 63;
  if (folded.size() > kLongest) return false;
  std::array<bool, kLongest + 1> reachable{};
  reachable[0] = true;
  for (std::size_t start = 0; start < folded.size(); ++start) {
    if (!reachable[start]) continue;
    // The syllable's vowel starts here (no initial) or after a one-letter initial.
    std::array<std::size_t, 2> after_initial = {start, start};
    std::size_t starts = 1;
    for (auto initial : kSyllableInitials) {
      if (starts_with(folded, start, initial)) after_initial[starts++] = start + initial.size();
    }
    for (std::size_t s = 0; s < starts; ++s) {
      const std::size_t at = after_initial[s];
      for (auto vowel : kSyllableVowels) {
        if (!starts_with(folded, at, vowel)) continue;
        const std::size_t open = at + vowel.size();
        reachable[open] = true;
        for (auto final_consonant : kSyllableFinals) {
          if (starts_with(folded, open, final_consonant))
            reachable[open + final_consonant.size()] = true;
        }
      }
    }
  }
  return reachable[folded.size()];
}

bool is_hangul_syllable(char32_t code_point) {
  return code_point >= kFirstSyllable && code_point <= kLastSyllable;
}

std::string romanize_hangul(std::u32string_view syllables) {
  std::string out;
  bool after_voiced = false;  // word-initial stops stay unvoiced
  for (char32_t syllable : syllables) {
    if (!is_hangul_syllable(syllable)) continue;
    const int index = static_cast<int>(syllable - kFirstSyllable);
    const auto initial = static_cast<std::size_t>(index / (kMedials * kFinals));
    const auto medial = static_cast<std::size_t>((index / kFinals) % kMedials);
    const int final_index = index % kFinals;
    out += after_voiced ? kInitialVoiced.at(initial) : kInitialPlain.at(initial);
    out += kMedial.at(medial);
    out += kFinal.at(static_cast<std::size_t>(final_index));
    after_voiced = voices_next(final_index);
  }
  return out;
}

std::string sound_fold(std::string_view folded) {
  std::string key(folded);
  if (key.size() > 2 && (key[0] == 'r' || key[0] == 'n') && key[1] == 'y') {
    key.erase(0, 1);  // 려 료 류 녀 뇨 -> 여 요 유
  } else if (key.size() > 1 && key[0] == 'r') {
    key[0] = 'n';  // 라 로 루 -> 나 노 누
  }
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kAssimilation = {{
      {"ngr", "ngn"},
      {"mr", "mn"},
      {"pr", "mn"},
      {"pn", "mn"},
      {"kr", "ngn"},
      {"kn", "ngn"},
      {"km", "ngm"},
      {"nr", "r"},
  }};
  for (const auto& [from, to] : kAssimilation) replace_all(key, from, to);
  return key;
}

std::string fold_romanization(std::string_view token) {
  std::string key(token);
  if (key.empty() || has_digit(key)) return key;
  // Surnames with spellings of their own (박 Park/Pak, 리 Rhee/Ri, 오 Oh/O, 노 Noh/No).
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kSurnames = {{
      {"park", "pak"},
      {"rhee", "ri"},
      {"oh", "o"},
      {"noh", "no"},
  }};
  for (const auto& [spelling, surname] : kSurnames) {
    if (key == spelling) key = surname;
  }
  // Rules in the order of romanization.h; each pair is (spelling, key).
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 11> kVowels = {{
      {"yeo", "yo"},
      {"eo", "o"},
      {"eu", "u"},
      {"woo", "u"},
      {"oo", "u"},
      {"ou", "u"},
      {"ae", "e"},
      {"ai", "e"},
      {"ei", "e"},
      {"oi", "oe"},
      {"ee", "i"},
  }};
  for (const auto& [from, to] : kVowels) replace_all(key, from, to);
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kConsonants = {{
      {"tch", "j"},
      {"ch", "j"},
      {"zh", "j"},
      {"z", "j"},
      {"q", "j"},
      {"sh", "s"},
      {"ph", "p"},
      {"th", "t"},
      {"kh", "k"},
      {"ck", "k"},
  }};
  for (const auto& [from, to] : kConsonants) replace_all(key, from, to);
  // "ng" is one sound (ㅇ): keep it whole while plain g turns into k.
  replace_all(key, "ng", "N");
  for (char& c : key) {
    switch (c) {
      case 'g':
        c = 'k';
        break;
      case 'd':
        c = 't';
        break;
      case 'b':
        c = 'p';
        break;
      case 'l':
        c = 'r';
        break;
      case 'u':
        c = 'o';
        break;
      default:
        break;
    }
  }
  replace_all(key, "N", "ng");
  // Initial ㄹ before i is dropped in the South (Ri/Li/Lee/Yi/I), so the key drops it everywhere.
  if (key.size() > 1 && (key[0] == 'r' || key[0] == 'y') && key[1] == 'i') key.erase(0, 1);
  std::string collapsed;
  collapsed.reserve(key.size());
  for (char c : key) {
    if (collapsed.empty() || collapsed.back() != c) collapsed += c;
  }
  return collapsed;
}

}  // namespace flgraph::resolve
