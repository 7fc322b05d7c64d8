// resolve/detail/word_split.cpp: ASCII text into canonical words (word_split.h).
#include "resolve/detail/word_split.h"

#include <algorithm>

#include "resolve/name_words.h"

namespace flgraph::resolve::detail {

namespace {
// '_' joins the words of a table key inserted for a CJK form ("co_ltd").
bool is_word_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }
}  // namespace

std::vector<Word> split_words(const std::string& ascii) {
  std::string cleaned;
  cleaned.reserve(ascii.size() + 8);
  for (char raw : ascii) {
    const char c = (raw >= 'A' && raw <= 'Z') ? static_cast<char>(raw - 'A' + 'a') : raw;
    if (c == '\'' || c == '`') continue;
    if (c == '&') {
      cleaned += " and ";
    } else if (is_word_char(c) || c == '.') {
      cleaned += c;
    } else {
      cleaned += ' ';
    }
  }
  std::vector<Word> words;
  std::size_t start = 0;
  while (start < cleaned.size()) {
    const auto end = std::min(cleaned.find(' ', start), cleaned.size());
    const std::string chunk = cleaned.substr(start, end - start);
    start = end + 1;
    if (chunk.empty()) continue;
    std::vector<Word> parts;
    std::size_t from = 0;
    while (from <= chunk.size()) {
      const auto dot = std::min(chunk.find('.', from), chunk.size());
      if (dot > from) parts.push_back({chunk.substr(from, dot - from), dot < chunk.size()});
      from = dot + 1;
    }
    const bool initials =
        parts.size() > 1 && std::all_of(parts.begin(), parts.end(), [](const Word& part) {
          return part.text.size() == 1 && part.text[0] >= 'a' && part.text[0] <= 'z';
        });
    if (initials) {
      std::string joined;
      for (const auto& part : parts) joined += part.text;
      words.push_back({std::move(joined), false});
    } else {
      words.insert(words.end(), parts.begin(), parts.end());
    }
  }
  return words;
}

std::vector<std::string> canonical_words(const std::vector<Word>& words) {
  std::vector<std::string> canonical;
  canonical.reserve(words.size());
  for (const auto& word : words) {
    std::string_view spelled = word.text;
    if (const auto found = synonyms().find(word.text); found != synonyms().end()) {
      spelled = found->second;
    } else if (const auto abbreviation = dotted_abbreviations().find(word.text);
               word.dotted && abbreviation != dotted_abbreviations().end()) {
      spelled = abbreviation->second;
    }
    // A synonym may stand for two words ("hongkong" -> "hong kong").
    std::size_t from = 0;
    while (from <= spelled.size()) {
      const auto space = std::min(spelled.find(' ', from), spelled.size());
      if (space > from) canonical.emplace_back(spelled.substr(from, space - from));
      from = space + 1;
    }
  }
  return canonical;
}

}  // namespace flgraph::resolve::detail
