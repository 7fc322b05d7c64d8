// resolve/name_normalizer.h: a name in any script to classified lower-case ASCII tokens.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace flgraph::resolve {

// How much a token says about which entity a name means. Legal forms, stop words and generic
// business or place words are kept (they still break ties and count in the explanation) but
// weigh little, so two names that differ only in their distinctive token do not match.
enum class TokenClass : std::uint8_t { Distinctive, Generic, Place, LegalForm, StopWord };
std::string_view to_string(TokenClass token_class);
// The class weights of the scorer (name_matcher.h): 1.0, 0.3, 0.3, 0.1, 0.02.
double class_weight(TokenClass token_class);

struct NameToken {
  std::string text;  // canonical spelling: "corporation" -> "corp", "trading" -> "trade"
  std::string fold;  // fold_romanization(text): where Ryong/Ryeong/Ryung meet
  TokenClass token_class = TokenClass::Distinctive;
  bool numeric = false;       // holds a digit: matches only exactly
  bool korean_shape = false;  // is_korean_syllable_sequence(fold)
};

// A run of 2 or 3 neighbouring tokens written as one word ("yong chol" -> "yongchol"), kept so
// that a name writing it as one word can meet it (name_matcher.cpp).
struct JoinedRun {
  std::size_t first = 0;
  std::size_t length = 0;
  NameToken token;
};

struct NormalizedName {
  std::vector<NameToken> tokens;
  std::vector<JoinedRun> runs;  // longest first at each position
  // The tokens' texts joined by single spaces, e.g. "korea rungrado general trade corp".
  std::string text() const;
  bool empty() const { return tokens.empty(); }
};

// NFKC with case folding (ICU), then per script: Hangul is cut at known corporate words
// (조선 -> korea, 무역 -> trade, 총회사 -> general co, ...) and the rest romanised
// (romanize_hangul); Han likewise (朝鲜, 贸易, 有限公司, ...) with the rest in toneless pinyin, one
// token per run; every other script goes through ICU "Any-Latin; Latin-ASCII" (Cyrillic, Greek,
// accents). Apostrophes vanish (P'yŏngyang -> pyongyang), "&" is "and", other punctuation splits
// tokens, dotted initials join (S.A. -> sa). Synonyms get one spelling and each token a class.
// Invalid UTF-8 is replaced, never rejected: a name to match is not an input to validate.
NormalizedName normalize_name(std::string_view utf8);

// The class a canonical token has (tables in name_normalizer.cpp).
TokenClass classify_token(std::string_view canonical);

}  // namespace flgraph::resolve
