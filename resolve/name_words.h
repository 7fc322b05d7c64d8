// resolve/name_words.h: the normaliser's word tables that have no data file (name_words.cpp).
// Internal to resolve/: legal forms and abbreviations are in resolve/data/ (name_tables.h).
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace flgraph::resolve::detail {

// A business word inside Hangul or Han text and the canonical tokens it stands for.
struct CjkWord {
  std::u32string word;
  std::string tokens;
  // Where in a run the word may be cut: a one-syllable suffix such as 성 (ministry) only closes a
  // name or stands before another known word, or it would cut 대성 (Taesong) apart.
  enum class Position : std::uint8_t { Any, Prefix, Suffix } position = Position::Any;
  bool from_glossary = false;  // korean_glossary.tsv: left spelled under CjkWords::Spelled
};
const std::vector<CjkWord>& hangul_words();
const std::vector<CjkWord>& han_words();

// One spelling per word: abbreviations, plurals and transliteration variants.
const std::unordered_map<std::string_view, std::string_view>& synonyms();
// Abbreviations that are also words or name syllables ("Gen" is a Chinese given name): read as
// the abbreviation only when written with a full stop ("GEN. TRDG CORP").
const std::unordered_map<std::string_view, std::string_view>& dotted_abbreviations();

struct CodePhrase {
  std::array<std::string_view, 2> words;
  std::string_view replacement;
};
const std::vector<CodePhrase>& code_phrases();

const std::unordered_set<std::string_view>& legal_form_words();
const std::unordered_set<std::string_view>& generic_words();
const std::unordered_set<std::string_view>& place_words();
const std::unordered_set<std::string_view>& stop_words();

}  // namespace flgraph::resolve::detail
