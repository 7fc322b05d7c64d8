// resolve/detail/word_split.h: the first steps of normalisation after transliteration, ASCII
// text into raw words and raw words into canonical ones (name_normalizer.cpp).
#pragma once
#include <string>
#include <vector>

namespace flgraph::resolve::detail {

struct Word {
  std::string text;
  bool dotted = false;  // written with a full stop after it: "GEN." (an abbreviation)
};

// Splits ASCII text into raw lower-case words: apostrophes join, "&" is "and", dotted single
// letters join ("s.a." -> "sa"), any other punctuation separates.
std::vector<Word> split_words(const std::string& ascii);

// Words with one spelling each (synonyms, dotted abbreviations), before phrases are matched.
std::vector<std::string> canonical_words(const std::vector<Word>& words);

}  // namespace flgraph::resolve::detail
