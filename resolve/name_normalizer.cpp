// resolve/name_normalizer.cpp: ICU normalisation, CJK word tables and token classes.
#include "resolve/name_normalizer.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <array>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "graph/errors.h"
#include "resolve/romanization.h"

namespace flgraph::resolve {
namespace {

// Corporate and place words inside Hangul and Han names, longest first within a script, with
// the canonical tokens they stand for. Whatever lies between them is the distinctive part.
struct CjkWord {
  std::u32string_view word;
  std::string_view tokens;
};
constexpr auto kHangulWords = std::to_array<CjkWord>({
    {U"조선민주주의인민공화국", "korea"},
    {U"주식회사", "co ltd"},
    {U"유한회사", "ltd co"},
    {U"합영회사", "joint venture co"},
    {U"련합기업소", "associated enterprise"},
    {U"연합기업소", "associated enterprise"},
    {U"총회사", "general co"},
    {U"수출입", "import export"},
    {U"기업소", "enterprise"},
    {U"조선", "korea"},
    {U"북한", "north korea"},
    {U"무역", "trade"},
    {U"회사", "co"},
    {U"공사", "corp"},
    {U"상사", "trade co"},
    {U"총국", "general bureau"},
    {U"은행", "bank"},
    {U"합영", "joint venture"},
    {U"합작", "joint venture"},
    {U"련합", "associated"},
    {U"연합", "associated"},
    {U"기업", "enterprise"},
    {U"공장", "factory"},
    {U"개발", "development"},
    {U"투자", "investment"},
    {U"기술", "tech"},
    {U"해운", "shipping"},
    {U"그룹", "group"},
    {U"국제", "intl"},
    {U"보험", "insurance"},
});
constexpr auto kHanWords = std::to_array<CjkWord>({
    {U"朝鲜民主主义人民共和国", "korea"},
    {U"朝鮮民主主義人民共和國", "korea"},
    {U"股份有限公司", "co ltd"},
    {U"有限责任公司", "co ltd"},
    {U"有限責任公司", "co ltd"},
    {U"有限公司", "co ltd"},
    {U"株式会社", "co ltd"},
    {U"株式會社", "co ltd"},
    {U"总公司", "general co"},
    {U"總公司", "general co"},
    {U"总会社", "general co"},
    {U"總會社", "general co"},
    {U"进出口", "import export"},
    {U"進出口", "import export"},
    {U"朝鲜", "korea"},
    {U"朝鮮", "korea"},
    {U"北韩", "north korea"},
    {U"北韓", "north korea"},
    {U"中国", "china"},
    {U"中國", "china"},
    {U"香港", "hong kong"},
    {U"贸易", "trade"},
    {U"貿易", "trade"},
    {U"商贸", "trade"},
    {U"商貿", "trade"},
    {U"经贸", "economic trade"},
    {U"經貿", "economic trade"},
    {U"公司", "co"},
    {U"会社", "co"},
    {U"會社", "co"},
    {U"集团", "group"},
    {U"集團", "group"},
    {U"实业", "industry"},
    {U"實業", "industry"},
    {U"工业", "industry"},
    {U"工業", "industry"},
    {U"国际", "intl"},
    {U"國際", "intl"},
    {U"发展", "development"},
    {U"發展", "development"},
    {U"科技", "tech"},
    {U"投资", "investment"},
    {U"投資", "investment"},
    {U"航运", "shipping"},
    {U"航運", "shipping"},
    {U"海运", "shipping"},
    {U"海運", "shipping"},
    {U"物流", "logistics"},
    {U"银行", "bank"},
    {U"銀行", "bank"},
    {U"控股", "holding"},
    {U"合营", "joint venture"},
});

// One spelling per word: abbreviations, plurals and transliteration variants of the same word.
const std::unordered_map<std::string_view, std::string_view>& synonyms() {
  // The tables keep their hand layout, several related spellings per line, in this whole file.
  // clang-format off
  static const std::unordered_map<std::string_view, std::string_view> table = {
      {"corporation", "corp"}, {"corporations", "corp"}, {"corpn", "corp"},
      {"company", "co"}, {"companies", "co"}, {"coy", "co"}, {"cos", "co"}, {"hoesa", "co"}, {"gongsi", "co"},
      {"limited", "ltd"}, {"ltda", "ltd"}, {"lim", "ltd"}, {"youxian", "ltd"},
      {"incorporated", "inc"}, {"incorp", "inc"},
      {"trading", "trade"}, {"trdg", "trade"}, {"trd", "trade"}, {"trades", "trade"}, {"traders", "trade"},
      {"shpg", "shipping"}, {"shipg", "shipping"},
      {"industrial", "industry"}, {"industries", "industry"}, {"ind", "industry"}, {"indus", "industry"},
      {"international", "intl"}, {"internacional", "intl"}, {"internat", "intl"},
      {"enterprises", "enterprise"}, {"holdings", "holding"}, {"groups", "group"},
      {"investments", "investment"}, {"invest", "investment"},
      {"developments", "development"}, {"dev", "development"}, {"devt", "development"},
      {"technology", "tech"}, {"technologies", "tech"}, {"technological", "tech"}, {"techno", "tech"},
      {"services", "service"}, {"svc", "service"}, {"svcs", "service"},
      {"mgmt", "management"}, {"mgt", "management"},
      {"economy", "economic"}, {"economics", "economic"},
      {"partners", "partner"}, {"associates", "associated"}, {"association", "associated"},
      {"centre", "center"}, {"materials", "material"}, {"metals", "metal"}, {"metallic", "metal"},
      {"minerals", "mineral"}, {"resource", "resources"}, {"products", "product"}, {"foods", "food"},
      {"textiles", "textile"}, {"garments", "garment"}, {"electronics", "electronic"},
      {"supplies", "supply"}, {"commodity", "commodities"}, {"transportation", "transport"},
      {"banking", "bank"}, {"banks", "bank"}, {"financial", "finance"},
      {"korean", "korea"}, {"dprk", "korea"}, {"dprkn", "korea"}, {"chosun", "korea"}, {"choson", "korea"},
      {"joseon", "korea"}, {"koreas", "korea"},
      {"hongkong", "hong kong"}, {"hkg", "hk"}, {"chinese", "china"}, {"prc", "china"},
      {"russian", "russia"}, {"singaporean", "singapore"},
      {"obschestvo", "obshchestvo"}, {"obshestvo", "obshchestvo"},
      {"ogranichennoy", "ogranichennoi"}, {"ogranichennoj", "ogranichennoi"},
      {"otvetstvennostiu", "otvetstvennostyu"}, {"otvetstvennostju", "otvetstvennostyu"},
      {"aktsionernoye", "aktsionernoe"}, {"and", "and"}, {"number", "no"}, {"nr", "no"},
      {"ooo", "llc"}, {"too", "llp"},
      // Korean corporate words written in Latin letters, as in CHOSON TAESONG UNHAENG or
      // CHOSUN CHAWO'N KAEBAL T'UJA HOESA (the Hangul table above, romanised).
      {"unhaeng", "bank"}, {"eunhaeng", "bank"}, {"muyok", "trade"}, {"muyeok", "trade"}, {"yonhap", "associated"},
      {"yeonhap", "associated"}, {"kaebal", "development"}, {"gaebal", "development"}, {"tuja", "investment"},
      {"kongsa", "corp"}, {"gongsa", "corp"}, {"chonghoesa", "general co"}, {"chonghoisa", "general co"},
      {"kiopso", "enterprise"}, {"kieopso", "enterprise"}, {"haeun", "shipping"}, {"kukje", "intl"}, {"gukje", "intl"},
      {"chongguk", "general bureau"}, {"hoisa", "co"}, {"hapyong", "joint venture"},
      {"grp", "group"}, {"genl", "general"}, {"gnrl", "general"}, {"natl", "national"}, {"mfg", "manufacturing"},
      {"assoc", "associated"}, {"assn", "associated"}, {"engg", "engineering"},
  };
  // clang-format on
  return table;
}

// Abbreviations that are also words or name syllables ("Gen" is a Chinese given name): read as
// the abbreviation only when written with a full stop ("GEN. TRDG CORP").
const std::unordered_map<std::string_view, std::string_view>& dotted_abbreviations() {
  // clang-format off
  static const std::unordered_map<std::string_view, std::string_view> table = {
      {"gen", "general"}, {"nat", "national"}, {"int", "intl"}, {"ent", "enterprise"}, {"mgt", "management"},
      {"dev", "development"}, {"eng", "engineering"}, {"mar", "marine"}, {"ship", "shipping"},
  };
  // clang-format on
  return table;
}

// Several-word spellings of one legal form, after synonyms: "cong ty" is Vietnamese for company,
// "obshchestvo s ogranichennoi otvetstvennostyu" Russian for limited liability company (OOO).
struct Phrase {
  std::array<std::string_view, 4> words;  // unused trailing words are empty
  std::string_view replacement;
};
constexpr auto kPhrases = std::to_array<Phrase>({
    {{"obshchestvo", "s", "ogranichennoi", "otvetstvennostyu"}, "llc"},
    {{"ltd", "liability", "co", ""}, "llc"},
    {{"ltd", "liability", "partnership", ""}, "llp"},
    {{"cong", "ty", "tnhh", ""}, "llc"},
    {{"cong", "ty", "", ""}, "co"},
    {{"gong", "si", "", ""}, "co"},
    {{"you", "xian", "", ""}, "ltd"},
    {{"joint", "stock", "co", ""}, "jsc"},
});

const std::unordered_set<std::string_view>& legal_forms() {
  // clang-format off
  static const std::unordered_set<std::string_view> table = {
      "co", "corp", "inc", "ltd", "llc", "llp", "lp", "plc", "pte", "pvt", "private", "gmbh", "ag", "kg", "sa",
      "sas", "sarl", "srl", "spa", "bv", "nv", "oy", "jsc", "ojsc", "cjsc", "pjsc", "zao", "oao", "pao", "ooo",
      "tov", "fze", "fzco", "fzc", "fzllc", "dmcc", "sdn", "bhd", "tbk", "kk", "kft", "sro", "doo", "ood",
      "eood", "jv", "jvc", "liability", "partnership", "obshchestvo", "ogranichennoi", "otvetstvennostyu", "aktsionernoe",
      "zakrytoe", "otkrytoe", "publichnoe", "tnhh", "sia", "uab", "pty", "bvba", "cia", "sl",
  };
  // clang-format on
  return table;
}

const std::unordered_set<std::string_view>& generic_words() {
  // clang-format off
  static const std::unordered_set<std::string_view> table = {
      "trade", "general", "group", "holding", "intl", "industry", "enterprise", "development", "investment",
      "import", "export", "impex", "imp", "exp", "shipping", "logistics", "tech", "service", "management",
      "commercial", "economic", "business", "partner", "associated", "union", "united", "joint", "venture",
      "global", "world", "agency", "bureau", "department", "ministry", "office", "committee", "center",
      "factory", "plant", "works", "construction", "material", "metal", "mining", "mineral", "energy",
      "petroleum", "oil", "marine", "maritime", "transport", "bank", "insurance", "credit", "finance",
      "capital", "resources", "product", "food", "textile", "garment", "electronic", "machinery",
      "equipment", "engineering", "supply", "commodities", "overseas", "foreign", "external", "national",
      "central", "state", "peoples", "republic", "democratic", "party", "workers", "worker", "cooperation",
      "cooperative", "guidance", "studio", "art", "project", "projects",
      "ship", "vessel", "stock", "network", "system", "solutions", "consulting", "manufacturing",
      "exploration", "research", "institute", "university", "co-operative", "unit", "division", "branch",
  };
  // clang-format on
  return table;
}

const std::unordered_set<std::string_view>& place_words() {
  // clang-format off
  static const std::unordered_set<std::string_view> table = {
      "korea", "north", "south", "pyongyang", "china", "hong", "kong", "hk", "macau", "macao", "singapore",
      "russia", "rf", "uae", "dubai", "asia", "asian", "pacific", "east", "west", "eastern", "western",
      "northern", "southern", "america", "american", "europe", "european",
      // Cities and regions that recur in DPRK trade and front-company names.
      "dandong", "dalian", "shenyang", "yanbian", "yanji", "hunchun", "beijing", "shanghai", "qingdao",
      "tianjin", "guangzhou", "shenzhen", "liaoning", "jilin", "vladivostok", "nakhodka", "moscow",
      "khabarovsk", "bangkok", "taipei", "kaohsiung", "nampo", "chongjin", "rason", "sinuiju", "wonsan",
      "hamhung", "kaesong", "haeju", "manila", "hanoi", "jakarta", "kuala", "lumpur", "phnom", "penh", "vientiane",
      "ulaanbaatar", "minsk", "kiev", "kyiv", "tehran", "damascus", "beirut", "istanbul", "panama", "belize",
      "seychelles", "samoa", "marshall", "islands", "virgin", "bvi", "cayman", "cyprus", "malta", "liberia",
  };
  // clang-format on
  return table;
}

const std::unordered_set<std::string_view>& stop_words() {
  static const std::unordered_set<std::string_view> table = {
      "of", "the", "and", "for", "de", "del", "della", "la", "le", "les", "du",  "des", "da",
      "y",  "et",  "und", "an",  "a",  "in",  "at",    "on", "by", "no",  "num", "s",   "with",
  };
  return table;
}

class IcuTools {
 public:
  // One per thread: ICU transliterators are not safe to share between threads.
  static const IcuTools& get() {
    static thread_local const IcuTools tools;
    return tools;
  }
  const icu::Normalizer2& nfkc_casefold() const { return *nfkc_cf_; }
  const icu::Transliterator& to_latin() const { return *to_latin_; }

 private:
  IcuTools() {
    UErrorCode status = U_ZERO_ERROR;
    nfkc_cf_ = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status))
      throw Error(std::string("ICU NFKC_Casefold is unavailable: ") + u_errorName(status));
    to_latin_.reset(
        icu::Transliterator::createInstance("Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !to_latin_) {
      throw Error(std::string("ICU transliterator Any-Latin is unavailable: ") +
                  u_errorName(status));
    }
  }
  const icu::Normalizer2* nfkc_cf_ = nullptr;
  std::unique_ptr<icu::Transliterator> to_latin_;
};

std::string to_latin(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  // Most names are ASCII already: the transliterator would hand them back unchanged.
  if (std::all_of(out.begin(), out.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
    return out;
  icu::UnicodeString copy = text;
  IcuTools::get().to_latin().transliterate(copy);
  out.clear();
  copy.toUTF8String(out);
  return out;
}

// Cuts a Hangul or Han run at the known words; the pieces between are romanised (Hangul by
// romanize_hangul, Han by ICU pinyin with the syllables of one run joined into one token).
template <std::size_t N>
void segment_cjk(const std::u32string& run, const std::array<CjkWord, N>& words, bool hangul,
                 std::string& out) {
  std::u32string pending;
  auto flush = [&] {
    if (pending.empty()) return;
    if (hangul) {
      out += ' ' + romanize_hangul(pending) + ' ';
    } else {
      icu::UnicodeString text;
      for (char32_t c : pending) text.append(static_cast<UChar32>(c));
      std::string latin = to_latin(text);
      latin.erase(
          std::remove_if(latin.begin(), latin.end(), [](char c) { return c == ' ' || c == '\''; }),
          latin.end());
      out += ' ' + latin + ' ';
    }
    pending.clear();
  };
  std::size_t at = 0;
  while (at < run.size()) {
    const CjkWord* found = nullptr;
    for (const auto& word : words) {
      if (run.compare(at, word.word.size(), word.word) == 0 &&
          (found == nullptr || word.word.size() > found->word.size())) {
        found = &word;
      }
    }
    if (found == nullptr) {
      pending += run[at++];
      continue;
    }
    flush();
    out += ' ';
    out += found->tokens;
    out += ' ';
    at += found->word.size();
  }
  flush();
}

enum class Run { Other, Hangul, Han };

Run run_of(UChar32 c) {
  if (is_hangul_syllable(static_cast<char32_t>(c))) return Run::Hangul;
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(c, &status);
  if (U_SUCCESS(status) && script == USCRIPT_HAN) return Run::Han;
  return Run::Other;
}

// The whole name in ASCII: CJK runs through the word tables, everything else through ICU.
std::string to_ascii(std::string_view utf8) {
  const auto& tools = IcuTools::get();
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString folded =
      tools.nfkc_casefold().normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(
                                          utf8.data(), static_cast<int32_t>(utf8.size()))),
                                      status);
  if (U_FAILURE(status)) return std::string(utf8);
  std::string out;
  icu::UnicodeString other;
  std::u32string cjk;
  Run current = Run::Other;
  auto flush = [&] {
    if (current == Run::Other) {
      if (!other.isEmpty()) out += to_latin(other);
      other.remove();
    } else if (current == Run::Hangul) {
      segment_cjk(cjk, kHangulWords, true, out);
    } else {
      segment_cjk(cjk, kHanWords, false, out);
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

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

struct Word {
  std::string text;
  bool dotted = false;  // written with a full stop after it: "GEN." (an abbreviation)
};

// Splits ASCII text into raw lower-case words: apostrophes join, "&" is "and", dotted single
// letters join ("s.a." -> "sa"), any other punctuation separates.
std::vector<Word> split_words(const std::string& ascii) {
  std::string cleaned;
  cleaned.reserve(ascii.size() + 8);
  for (char raw : ascii) {
    const char c = (raw >= 'A' && raw <= 'Z') ? static_cast<char>(raw - 'A' + 'a') : raw;
    if (c == '\'' || c == '`') continue;
    if (c == '&') {
      cleaned += " and ";
    } else if (is_alnum(c) || c == '.') {
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

NameToken make_token(std::string text) {
  NameToken token;
  token.token_class = classify_token(text);
  token.numeric =
      std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  token.fold = fold_romanization(text);
  token.korean_shape = !token.numeric && is_korean_syllable_sequence(token.fold);
  token.text = std::move(text);
  return token;
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
  if (stop_words().contains(canonical)) return TokenClass::StopWord;
  if (legal_forms().contains(canonical)) return TokenClass::LegalForm;
  if (place_words().contains(canonical)) return TokenClass::Place;
  if (generic_words().contains(canonical)) return TokenClass::Generic;
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
  const auto words = split_words(to_ascii(utf8));
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
  NormalizedName out;
  for (std::size_t i = 0; i < canonical.size(); ++i) {
    std::string text = canonical[i];
    for (const auto& phrase : kPhrases) {
      std::size_t length = 0;
      while (length < phrase.words.size() && !phrase.words[length].empty()) ++length;
      if (i + length > canonical.size()) continue;
      bool same = true;
      for (std::size_t k = 0; k < length && same; ++k) same = canonical[i + k] == phrase.words[k];
      if (!same) continue;
      text = phrase.replacement;
      i += length - 1;
      break;
    }
    out.tokens.push_back(make_token(std::move(text)));
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
      run.token.token_class = distinctive ? TokenClass::Distinctive : out.tokens[first].token_class;
      out.runs.push_back(std::move(run));
    }
  }
  return out;
}

}  // namespace flgraph::resolve
