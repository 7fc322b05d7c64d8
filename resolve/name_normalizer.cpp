// resolve/name_normalizer.cpp: ICU normalisation, the name tables as phrases, and token classes.
#include "resolve/name_normalizer.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "graph/errors.h"
#include "resolve/detail/icu_text.h"
#include "resolve/detail/word_split.h"
#include "resolve/korean_readings.h"
#include "resolve/name_tables.h"
#include "resolve/name_words.h"
#include "resolve/romanization.h"
#include "resolve/string_similarity.h"

namespace flgraph::resolve {
namespace {

using detail::canonical_words;
using detail::CjkWord;
using detail::has_cjk;
using detail::nfkc_casefold;
using detail::only_cjk;
using detail::pinyin_of;
using detail::Run;
using detail::run_of;
using detail::split_words;
using detail::to_latin;

// The data tables as the normaliser uses them, built once (see Lexicon::get).
struct Replacement {
  std::vector<std::string> words;   // canonical words that spell it, the first is the map key
  std::vector<std::string> tokens;  // what they become: a legal form's key, an expansion
  bool whole_name_only = false;     // an organisation acronym ("KOMID", "MID", "RGB")
};

struct Lexicon {
  std::vector<CjkWord> hangul_words, han_words;  // longest first
  // Forms that mix CJK and punctuation, replaced in the folded text: "(주)" (also ㈜ after NFKC).
  std::vector<std::pair<icu::UnicodeString, std::string>> literal_forms;
  std::unordered_map<std::string, std::vector<Replacement>> phrases;  // longest first
  std::unordered_set<std::string> legal_keys;                         // canonical column
  // Each first word of a legal form's phrase (5+ letters) under itself and each spelling with
  // one letter dropped, so a respelt form is found by lookups (JOYNT STOCK COMPANY).
  std::unordered_map<std::string, std::vector<std::string>> legal_first_words_by_deletion;
  // The second words of those forms: only a word before one of them is looked up (names are
  // normalised by the hundred thousand; most words are no respelt form).
  std::unordered_set<std::string> legal_second_words;

  static const Lexicon& get();
};

struct AsciiOptions {
  const Lexicon* lexicon = nullptr;  // CJK words to cut; none while the lexicon is being built
  HanReading han_reading = HanReading::Chinese;
  CjkWords cjk_words = CjkWords::Translated;
};

void segment_cjk(const std::u32string& run, bool hangul, const AsciiOptions& options,
                 std::string& out);

// Han read as Korean: each character by its Hanja reading, then the Hangul path; characters
// Unihan gives no reading stay pinyin. With KoreanSurname the first character of a short run
// takes its surname reading (金 김, not 금).
void read_han_as_korean(const std::u32string& han, bool surname_first, const AsciiOptions& options,
                        std::string& out) {
  std::u32string hangul;
  for (std::size_t i = 0; i < han.size(); ++i) {
    const auto readings = hanja_readings(han[i]);
    if (readings.empty()) {
      segment_cjk(hangul, true, options, out);
      hangul.clear();
      out += ' ' + pinyin_of(std::u32string(1, han[i])) + ' ';
      continue;
    }
    char32_t reading = readings.front();
    if (surname_first && i == 0) {
      // Only a reading that spells differently once folded: 林 림/임 is one name (Rim, Im).
      const auto folded = [](char32_t syllable) {
        return fold_romanization(romanize_hangul(std::u32string(1, syllable)));
      };
      const auto surname = std::find_if(readings.begin() + 1, readings.end(), [&](char32_t other) {
        return is_korean_surname(other) && folded(other) != folded(reading);
      });
      if (surname != readings.end()) reading = *surname;
    }
    hangul += reading;
  }
  segment_cjk(hangul, true, options, out);
}

// Cuts a Hangul or Han run at the known words; the pieces between are romanised (Hangul by
// romanize_hangul, Han by ICU pinyin with the syllables of one run joined into one token, or
// read as Korean).
void segment_cjk(const std::u32string& run, bool hangul, const AsciiOptions& options,
                 std::string& out) {
  if (run.empty()) return;
  static const std::vector<CjkWord> kNone;
  const auto& words = options.lexicon == nullptr ? kNone
                      : hangul                   ? options.lexicon->hangul_words
                                                 : options.lexicon->han_words;
  const bool spelled = options.cjk_words == CjkWords::Spelled;
  std::u32string pending;
  std::size_t pending_from = 0;
  auto flush = [&] {
    if (pending.empty()) return;
    if (hangul) {
      out += ' ' + romanize_hangul(pending) + ' ';
    } else if (options.han_reading == HanReading::Chinese) {
      out += ' ' + pinyin_of(pending) + ' ';
    } else {
      const bool short_run = run.size() >= 2 && run.size() <= 4 && pending_from == 0;
      read_han_as_korean(pending, short_run && options.han_reading == HanReading::KoreanSurname,
                         options, out);
    }
    pending.clear();
  };
  auto word_at = [&](std::size_t from) {
    return std::any_of(words.begin(), words.end(), [&](const CjkWord& word) {
      if (spelled && word.from_glossary) return false;
      return run.compare(from, word.word.size(), word.word) == 0;
    });
  };
  bool after_word = true;  // at the start of the run or right after a known word
  std::size_t at = 0;
  while (at < run.size()) {
    // The lists are longest first, so the first hit that may stand here is the longest.
    const auto found = std::find_if(words.begin(), words.end(), [&](const CjkWord& word) {
      if (spelled && word.from_glossary) return false;
      if (run.compare(at, word.word.size(), word.word) != 0) return false;
      const std::size_t end = at + word.word.size();
      switch (word.position) {
        case CjkWord::Position::Prefix:
          return after_word;
        case CjkWord::Position::Suffix:
          // One syllable (성 ministry, 도 island or province) is cut only where it closes a run
          // of known words (국가보위성), never off an unknown name (릉라도).
          if (word.word.size() == 1) return at > 0 && end == run.size() && after_word;
          return end == run.size() || word_at(end);
        case CjkWord::Position::Any:
          break;
      }
      return true;
    });
    if (found == words.end()) {
      if (pending.empty()) pending_from = at;
      pending += run[at++];
      after_word = false;
      continue;
    }
    flush();
    out += ' ' + found->tokens + ' ';
    at += found->word.size();
    after_word = true;
  }
  flush();
}

// The whole name in ASCII: CJK runs through the word tables, everything else through ICU.
std::string to_ascii(std::string_view utf8, const AsciiOptions& options) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString folded =
      nfkc_casefold().normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(
                                    utf8.data(), static_cast<int32_t>(utf8.size()))),
                                status);
  if (U_FAILURE(status)) return std::string(utf8);
  if (options.lexicon != nullptr && folded.indexOf(u'(') >= 0) {
    for (const auto& [form, key] : options.lexicon->literal_forms) {
      folded.findAndReplace(form, icu::UnicodeString::fromUTF8(' ' + key + ' '));
    }
  }
  std::string out;
  icu::UnicodeString other;
  std::u32string cjk;
  Run current = Run::Other;
  auto flush = [&] {
    if (current == Run::Other) {
      if (!other.isEmpty()) out += to_latin(other);
      other.remove();
    } else {
      segment_cjk(cjk, current == Run::Hangul, options, out);
    }
    cjk.clear();
  };
  for (int32_t i = 0; i < folded.length();) {
    const UChar32 c = folded.char32At(i);
    i += U16_LENGTH(c);
    const Run run = run_of(c);
    if (run != current) {
      flush();
      current = run;
    }
    if (run == Run::Other) {
      other.append(c);
    } else {
      cjk += static_cast<char32_t>(c);
    }
  }
  flush();
  return out;
}

// Replaces the longest phrase at each position: legal forms by their key, abbreviations and
// expansions by one spelling.
constexpr std::size_t kMinRespeltFormWord = 5;
constexpr std::size_t kMinRespeltSingleWordForm = 10;  // AKTIENGESELSCHAFT, not LIMITED

// The word and each spelling of it with one letter dropped: two words one edit apart share one.
std::vector<std::string> with_one_letter_dropped(const std::string& word) {
  std::vector<std::string> out{word};
  for (std::size_t i = 0; i < word.size(); ++i)
    out.push_back(word.substr(0, i) + word.substr(i + 1));
  return out;
}

bool legal_form_replacement(const Replacement& replacement, const Lexicon& lexicon) {
  return replacement.tokens.size() == 1 && lexicon.legal_keys.contains(replacement.tokens[0]);
}

// A legal form whose first word is respelt by one letter and whose other words are exact:
// typed forms carry typos (JOYNT STOCK COMPANY, AKTIENGESELSCHAFT) that would otherwise stand
// as distinctive words.
const Replacement* respelt_legal_form(const std::vector<std::string>& words, std::size_t i,
                                      const Lexicon& lexicon) {
  const std::string& word = words[i];
  for (const auto& variant : with_one_letter_dropped(word)) {
    const auto keys = lexicon.legal_first_words_by_deletion.find(variant);
    if (keys == lexicon.legal_first_words_by_deletion.end()) continue;
    for (const auto& key : keys->second) {
      if (!one_edit_apart(word, key)) continue;
      for (const auto& candidate : lexicon.phrases.at(key)) {
        const std::size_t length = candidate.words.size();
        if (!legal_form_replacement(candidate, lexicon) || i + length > words.size()) continue;
        if (length == 1 && key.size() < kMinRespeltSingleWordForm) continue;
        if (std::equal(candidate.words.begin() + 1, candidate.words.end(),
                       words.begin() + static_cast<std::ptrdiff_t>(i + 1)))
          return &candidate;
      }
    }
  }
  return nullptr;
}

std::vector<std::string> apply_phrases(const std::vector<std::string>& words,
                                       const Lexicon& lexicon) {
  std::vector<std::string> out;
  out.reserve(words.size());
  for (std::size_t i = 0; i < words.size();) {
    const Replacement* chosen = nullptr;
    if (const auto found = lexicon.phrases.find(words[i]); found != lexicon.phrases.end()) {
      for (const auto& candidate : found->second) {
        const std::size_t length = candidate.words.size();
        if (i + length > words.size()) continue;
        if (candidate.whole_name_only && length != words.size()) continue;
        if (std::equal(candidate.words.begin(), candidate.words.end(),
                       words.begin() + static_cast<std::ptrdiff_t>(i))) {
          chosen = &candidate;
          break;
        }
      }
    }
    const bool may_be_respelt_form =
        words[i].size() + 1 >= kMinRespeltSingleWordForm ||
        (words[i].size() >= kMinRespeltFormWord && i + 1 < words.size() &&
         lexicon.legal_second_words.contains(words[i + 1]));
    if (chosen == nullptr && may_be_respelt_form && !lexicon.phrases.contains(words[i]))
      chosen = respelt_legal_form(words, i, lexicon);
    if (chosen == nullptr) {
      out.push_back(words[i++]);
      continue;
    }
    out.insert(out.end(), chosen->tokens.begin(), chosen->tokens.end());
    i += chosen->words.size();
  }
  return out;
}

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& word : words) out += (out.empty() ? "" : " ") + word;
  return out;
}

NameToken make_token(std::string text) {
  NameToken token;
  token.token_class = classify_token(text);
  token.numeric =
      std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  token.fold = fold_romanization(text);
  token.korean_shape = !token.numeric && is_korean_syllable_sequence(token.fold);
  token.sound = token.korean_shape ? sound_fold(token.fold) : token.fold;
  token.text = std::move(text);
  return token;
}

// A bracketed all-capital acronym closing a name, "... CORPORATION (KOMID)": returns the
// name without it and sets `acronym`. A bracketed country or legal form ("(HK)") stays.
std::string_view strip_acronym(std::string_view utf8, const Lexicon& lexicon,
                               std::string& acronym) {
  std::string_view name = utf8;
  while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
  if (name.size() < 4 || name.back() != ')') return utf8;
  const auto open = name.rfind('(');
  if (open == std::string_view::npos || open == 0) return utf8;
  const std::string_view inside = name.substr(open + 1, name.size() - open - 2);
  std::string letters;
  for (char c : inside) {
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      letters += static_cast<char>(c >= 'A' ? c - 'A' + 'a' : c);
    } else if (c != '.' && c != '&' && c != '-' && c != ' ') {
      return utf8;
    }
  }
  if (letters.size() < 2 || letters.size() > 12 || (letters[0] >= '0' && letters[0] <= '9'))
    return utf8;
  const auto phrase = lexicon.phrases.find(letters);
  if ((phrase != lexicon.phrases.end() && !phrase->second.back().whole_name_only) ||
      lexicon.legal_keys.contains(letters) || detail::legal_form_words().contains(letters))
    return utf8;
  acronym = std::move(letters);
  return utf8.substr(0, open);
}

const Lexicon& Lexicon::get() {
  static const Lexicon lexicon = [] {
    Lexicon built;
    built.hangul_words = detail::hangul_words();
    built.han_words = detail::han_words();
    const auto& tables = name_tables();
    // A form or abbreviation in CJK script joins the CJK word lists; one that also holds
    // punctuation is replaced literally; any other is a phrase of canonical words.
    auto add = [&](std::string_view spelled, const std::vector<std::string>& tokens,
                   bool whole_name_only) {
      if (tokens.empty()) return;
      const auto text = icu::UnicodeString::fromUTF8(
          icu::StringPiece(spelled.data(), static_cast<int32_t>(spelled.size())));
      if (has_cjk(spelled)) {
        if (const auto cjk = only_cjk(spelled)) {
          auto& list = run_of(static_cast<UChar32>(cjk->front())) == Run::Hangul
                           ? built.hangul_words
                           : built.han_words;
          list.push_back({*cjk, join(tokens)});
        } else {
          UErrorCode status = U_ZERO_ERROR;
          auto folded = nfkc_casefold().normalize(text, status);
          if (U_SUCCESS(status)) built.literal_forms.emplace_back(folded, join(tokens));
        }
        return;
      }
      auto words = canonical_words(split_words(to_ascii(spelled, {})));
      if (words.empty() || words == tokens) return;
      const std::string first = words.front();
      built.phrases[first].push_back({std::move(words), tokens, whole_name_only});
    };
    // The glossary's institutional words, by their first English rendering.
    for (const auto& row : tables.korean_glossary.rows) {
      const auto rendering = split_values(row[3]).front();
      const auto tokens = join(canonical_words(split_words(std::string(rendering))));
      const auto position = row[4] == "suffix"   ? CjkWord::Position::Suffix
                            : row[4] == "prefix" ? CjkWord::Position::Prefix
                                                 : CjkWord::Position::Any;
      for (const auto column : {0, 1, 2}) {
        for (const auto spelled : split_values(row[static_cast<std::size_t>(column)])) {
          const auto cjk = only_cjk(spelled);
          if (!cjk) continue;
          auto& list = run_of(static_cast<UChar32>(cjk->front())) == Run::Hangul
                           ? built.hangul_words
                           : built.han_words;
          CjkWord word{*cjk, tokens};
          word.position = position;
          word.from_glossary = true;
          list.push_back(std::move(word));
        }
      }
    }
    const auto& legal = tables.legal_forms;
    for (const auto& row : legal.rows) {
      built.legal_keys.emplace(row[1]);
      add(row[0], {std::string(row[1])}, false);
    }
    for (const auto& phrase : detail::code_phrases()) {
      built.phrases[std::string(phrase.words[0])].push_back(
          {{std::string(phrase.words[0]), std::string(phrase.words[1])},
           {std::string(phrase.replacement)},
           false});
    }
    // Country names share the key the code gave them (조선 -> korea before the tables).
    static const std::unordered_map<std::string_view, std::string_view> kCountryKeys = {
        {"Democratic People's Republic of Korea", "korea"},
        {"조선 (Korea, DPRK usage)", "korea"},
        {"Корейская Народно-Демократическая Республика", "korea"},
        {"Republic of Korea", "south korea"},
        {"People's Republic of China", "china"},
        {"Hong Kong", "hong kong"},
        {"United Arab Emirates", "uae"},
        {"Russian Federation", "russia"},
        {"Российская Федерация", "russia"},
    };
    // ISO codes are also name syllables and vessel words ("AP ROK GANG", OFAC 17084).
    static const std::unordered_set<std::string_view> kNotExpanded = {"KP", "KR", "KOR", "PRK",
                                                                      "ROK"};
    for (const auto& row : tables.abbreviations.rows) {
      const std::string_view abbreviation = row[0], kind = row[2];
      std::string_view expansion = row[1];
      if (kNotExpanded.contains(abbreviation)) continue;
      std::string lower(abbreviation);
      for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      if (detail::dotted_abbreviations().contains(lower)) continue;  // "Gen" is also a name
      std::vector<std::string> key;
      if (const auto country = kCountryKeys.find(expansion); country != kCountryKeys.end()) {
        key = canonical_words(split_words(std::string(country->second)));
        // The expansion meets the key too: "Democratic People's Republic of Korea" -> korea.
        if (expansion.find('(') == std::string_view::npos) add(expansion, key, false);
      } else {
        expansion = expansion.substr(0, expansion.find(" ("));  // "Bank (은행)" -> "Bank"
        key = apply_phrases(canonical_words(split_words(to_ascii(expansion, {}))), built);
      }
      // An organisation's acronym is expanded only when it is the whole name: MID, RGB, NADA
      // are also ordinary words and syllables.
      const bool acronym =
          kind == "organisation" && std::all_of(abbreviation.begin(), abbreviation.end(),
                                                [](char c) { return c >= 'A' && c <= 'Z'; });
      add(abbreviation, key, acronym);
    }
    for (auto& [first, candidates] : built.phrases) {
      std::stable_sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
        return a.words.size() > b.words.size();
      });
    }
    for (const auto& [first, candidates] : built.phrases) {
      const bool has_legal_form =
          std::any_of(candidates.begin(), candidates.end(),
                      [&](const auto& c) { return legal_form_replacement(c, built); });
      if (!has_legal_form || first.size() < kMinRespeltFormWord) continue;
      for (const auto& candidate : candidates) {
        if (candidate.words.size() > 1) built.legal_second_words.insert(candidate.words[1]);
      }
      for (auto& variant : with_one_letter_dropped(first))
        built.legal_first_words_by_deletion[std::move(variant)].push_back(first);
    }
    for (auto* list : {&built.hangul_words, &built.han_words}) {
      std::stable_sort(list->begin(), list->end(), [](const CjkWord& a, const CjkWord& b) {
        return a.word.size() > b.word.size();
      });
    }
    return built;
  }();
  return lexicon;
}

}  // namespace

std::string_view to_string(TokenClass token_class) {
  switch (token_class) {
    case TokenClass::Distinctive:
      return "distinctive";
    case TokenClass::Generic:
      return "generic";
    case TokenClass::Place:
      return "place";
    case TokenClass::LegalForm:
      return "legal_form";
    case TokenClass::StopWord:
      return "stop_word";
  }
  return "distinctive";
}

double class_weight(TokenClass token_class) {
  switch (token_class) {
    case TokenClass::Distinctive:
      return 1.0;
    case TokenClass::Generic:
    case TokenClass::Place:
      return 0.3;
    case TokenClass::LegalForm:
      return 0.1;
    case TokenClass::StopWord:
      return 0.02;
  }
  return 1.0;
}

TokenClass classify_token(std::string_view canonical) {
  if (detail::stop_words().contains(canonical)) return TokenClass::StopWord;
  if (detail::legal_form_words().contains(canonical) ||
      Lexicon::get().legal_keys.contains(std::string(canonical)))
    return TokenClass::LegalForm;
  if (detail::place_words().contains(canonical)) return TokenClass::Place;
  if (detail::generic_words().contains(canonical)) return TokenClass::Generic;
  return TokenClass::Distinctive;
}

std::string NormalizedName::text() const {
  std::string out;
  for (const auto& token : tokens) {
    if (!out.empty()) out += ' ';
    out += token.text;
  }
  return out;
}

NormalizedName normalize_name(std::string_view utf8) {
  return normalize_name(utf8, HanReading::Chinese);
}

NormalizedName normalize_name(std::string_view utf8, HanReading han_reading, CjkWords cjk_words) {
  const auto& lexicon = Lexicon::get();
  NormalizedName out;
  const std::string_view name = strip_acronym(utf8, lexicon, out.acronym);
  const auto written =
      canonical_words(split_words(to_ascii(name, {&lexicon, han_reading, cjk_words})));
  auto words = apply_phrases(written, lexicon);
  // A name that is an acronym alone ("KOMID") is expanded, and keeps the acronym it was.
  if (out.acronym.empty() && written.size() == 1 && words != written && written[0].size() >= 3)
    out.acronym = written[0];
  for (auto& word : words) {
    out.tokens.push_back(make_token(std::move(word)));
    const auto& token = out.tokens.back();
    if (!token.numeric &&
        (token.token_class == TokenClass::Distinctive || token.token_class == TokenClass::Generic))
      out.initials += token.text.front();
  }
  // Runs of 2-4 tokens, for names that write them as one word (syllables of Korean names:
  // MU DU BONG, where "du" alone reads as a stop word).
  auto joinable = [](const NameToken& token) {
    return token.token_class != TokenClass::LegalForm && !token.numeric;
  };
  for (std::size_t first = 0; first < out.tokens.size(); ++first) {
    for (std::size_t length = 4; length >= 2; --length) {
      if (first + length > out.tokens.size()) continue;
      std::string text;
      bool usable = true;
      bool distinctive = false;
      for (std::size_t k = first; k < first + length; ++k) {
        usable = usable && joinable(out.tokens[k]);
        distinctive = distinctive || out.tokens[k].token_class == TokenClass::Distinctive;
        text += out.tokens[k].text;
      }
      if (!usable) continue;
      JoinedRun run{first, length, make_token(std::move(text))};
      // A run that spells a known word is that word (WON SAN is the port Wonsan).
      if (run.token.token_class == TokenClass::Distinctive)
        run.token.token_class =
            distinctive ? TokenClass::Distinctive : out.tokens[first].token_class;
      out.runs.push_back(std::move(run));
    }
  }
  return out;
}

}  // namespace flgraph::resolve
