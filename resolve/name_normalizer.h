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
  std::string sound;          // sound_fold(fold): where Rungrado and Neungnado meet
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
  // A bracketed all-capital acronym that closed the name, lower-case and without its dots:
  // "KOREA MINING DEVELOPMENT TRADING CORPORATION (KOMID)" -> "komid". It is not in `tokens`.
  std::string acronym;
  // First letters of the distinctive and generic tokens, in order ("mdt" for the name above,
  // whose korea is a place and corp a legal form): what an acronym of the name may spell.
  std::string initials;
  // The tokens' texts joined by single spaces, e.g. "korea rungrado general trade corp".
  std::string text() const;
  bool empty() const { return tokens.empty(); }
};

// NFKC with case folding (ICU), then per script: Hangul is cut at known corporate words
// (조선 -> korea, 무역 -> trade, 총회사 -> general_corp, ...) and the rest romanised
// (romanize_hangul); Han likewise (朝鲜, 贸易, 有限公司, ...) with the rest in toneless pinyin, one
// token per run; every other script goes through ICU "Any-Latin; Latin-ASCII" (Cyrillic, Greek,
// accents). Apostrophes vanish (P'yŏngyang -> pyongyang), "&" is "and", other punctuation splits
// tokens, dotted initials join (S.A. -> sa). Synonyms get one spelling and each token a class.
// The tables of resolve/data/ apply to the folded words, longest phrase first: every legal form
// of legal_forms.tsv becomes one LegalForm token, its `canonical` key (OOO, ООО, LLC, Limited
// Liability Company -> llc; 주식회사, ㈜, (주), 有限公司, Co., Ltd. -> co_ltd), and every
// abbreviation of abbreviations.tsv and its expansion one spelling (DPRK, D.P.R.K., North Korea,
// Democratic People's Republic of Korea, КНДР, 조선 -> korea). An organisation's acronym
// (KOMID) is expanded only when it is the whole name; one in brackets at the end is `acronym`.
// Invalid UTF-8 is replaced, never rejected: a name to match is not an input to validate.
NormalizedName normalize_name(std::string_view utf8);

// How Han characters are read: as Chinese (toneless pinyin, what normalize_name does), as
// Korean (each Hanja by its reading in hanja_hangul.tsv, then the Hangul path), or as Korean
// with the first character of a 2-4 character run taking a surname reading (金 김, not 금).
enum class HanReading : std::uint8_t { Chinese, Korean, KoreanSurname };
// Whether the institutional words of korean_glossary.tsv in Hangul and Han are translated
// (청년 youth, 무역 trade) or spelled like the rest (chongnyon): vessel and place names keep
// the spelling in Latin lists (CHONG NYON HO), organisations the translation.
enum class CjkWords : std::uint8_t { Translated, Spelled };
NormalizedName normalize_name(std::string_view utf8, HanReading han_reading,
                              CjkWords cjk_words = CjkWords::Translated);

// The readings under which a name may appear in another script: normalize_name(utf8) first;
// then, when it holds Han, the Korean readings (金正恩 -> kimjongun, 朝鮮綾羅島貿易總會社 ->
// korea rungrado trade general_corp, as 조선릉라도무역총회사); then, when it holds Cyrillic, the
// words read back as Korean by the Kontsevich table (Ким Чен Ын -> kim jong un, Пхеньян ->
// pyongyang), a word that is no Korean syllable sequence keeping ICU's reading. Hangul and Han
// are also read spelled, without the glossary (CjkWords::Spelled), and Cyrillic also in BGN/PCGN
// (Агросоюз -> agrosoyuz). No two readings have the same token texts. A name with neither script
// costs one scan of its bytes.
std::vector<NormalizedName> name_readings(std::string_view utf8);

// The class a canonical token has (word tables in name_words.cpp; legal-form keys from
// legal_forms.tsv).
TokenClass classify_token(std::string_view canonical);

}  // namespace flgraph::resolve
