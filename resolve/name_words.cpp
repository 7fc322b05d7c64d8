// resolve/name_words.cpp: the word tables that have no data file: generic, place and stop words,
// spelling variants, and the CJK business words that are not legal forms or abbreviations.
#include "resolve/name_words.h"

namespace flgraph::resolve::detail {
// Corporate and place words inside Hangul and Han names, longest first within a script, with
// the canonical tokens they stand for. Whatever lies between them is the distinctive part.
// Legal forms and country or organisation names come from legal_forms.tsv and
// abbreviations.tsv (name_normalizer.cpp adds them).
const std::vector<CjkWord>& hangul_words() {
  static const std::vector<CjkWord> table = {
      {U"련합기업소", "associated enterprise"},
      {U"연합기업소", "associated enterprise"},
      {U"수출입", "import export"},
      {U"기업소", "enterprise"},
      {U"무역", "trade"},
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
  };
  return table;
}

const std::vector<CjkWord>& han_words() {
  static const std::vector<CjkWord> table = {
      {U"朝鮮民主主義人民共和國", "korea"},
      {U"株式會社", "co ltd"},
      {U"总公司", "general_corp"},
      {U"總公司", "general_corp"},
      {U"总会社", "general_corp"},
      {U"總會社", "general_corp"},
      {U"进出口", "import export"},
      {U"進出口", "import export"},
      {U"朝鮮", "korea"},
      {U"北韩", "north korea"},
      {U"中国", "china"},
      {U"中國", "china"},
      {U"香港", "hong kong"},
      {U"贸易", "trade"},
      {U"貿易", "trade"},
      {U"商贸", "trade"},
      {U"商貿", "trade"},
      {U"经贸", "economic trade"},
      {U"經貿", "economic trade"},
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
  };
  return table;
}

// One spelling per word: abbreviations, plurals and transliteration variants of the same word.
const std::unordered_map<std::string_view, std::string_view>& synonyms() {
  // The tables keep their hand layout, several related spellings per line, in this whole file.
  // clang-format off
  static const std::unordered_map<std::string_view, std::string_view> table = {
      {"corporations", "corp"}, {"corpn", "corp"},
      {"companies", "co"}, {"coy", "co"}, {"cos", "co"}, {"gongsi", "co"},
      {"ltda", "ltd"}, {"youxian", "ltd"},
      {"incorp", "inc"},
      {"trading", "trade"}, {"trd", "trade"}, {"trades", "trade"}, {"traders", "trade"},
      {"shipg", "shipping"},
      {"industrial", "industry"}, {"industries", "industry"}, {"ind", "industry"}, {"indus", "industry"},
      {"international", "intl"}, {"internacional", "intl"}, {"internat", "intl"},
      {"enterprises", "enterprise"}, {"holdings", "holding"}, {"groups", "group"},
      {"investments", "investment"}, {"invest", "investment"},
      {"developments", "development"}, {"dev", "development"}, 
      {"technology", "tech"}, {"technologies", "tech"}, {"technological", "tech"}, {"techno", "tech"},
      {"services", "service"}, {"svc", "service"}, {"svcs", "service"},
      {"mgt", "management"},
      {"economy", "economic"}, {"economics", "economic"},
      {"partners", "partner"}, {"associates", "associated"}, {"association", "associated"},
      {"centre", "center"}, {"materials", "material"}, {"metals", "metal"}, {"metallic", "metal"},
      {"minerals", "mineral"}, {"resource", "resources"}, {"products", "product"}, {"foods", "food"},
      {"textiles", "textile"}, {"garments", "garment"}, {"electronics", "electronic"},
      {"supplies", "supply"}, {"commodity", "commodities"}, {"transportation", "transport"},
      {"banking", "bank"}, {"banks", "bank"}, {"financial", "finance"},
      {"korean", "korea"}, {"chosun", "korea"}, {"choson", "korea"},
      {"joseon", "korea"}, {"koreas", "korea"},
      {"hongkong", "hong kong"}, {"hkg", "hk"}, {"chinese", "china"}, {"prc", "china"},
      {"russian", "russia"}, {"singaporean", "singapore"},
      {"obschestvo", "obshchestvo"}, {"obshestvo", "obshchestvo"},
      {"ogranichennoy", "ogranichennoi"}, {"ogranichennoj", "ogranichennoi"},
      {"otvetstvennostiu", "otvetstvennostyu"}, {"otvetstvennostju", "otvetstvennostyu"},
      {"aktsionernoye", "aktsionernoe"}, {"and", "and"}, {"number", "no"}, {"nr", "no"},
      
      // Korean corporate words written in Latin letters, as in CHOSON TAESONG UNHAENG or
      // CHOSUN CHAWO'N KAEBAL T'UJA HOESA (the Hangul table above, romanised).
      {"eunhaeng", "bank"}, {"muyok", "trade"}, {"muyeok", "trade"}, {"yonhap", "associated"},
      {"yeonhap", "associated"}, {"gaebal", "development"}, {"tuja", "investment"},
      {"kongsa", "corp"}, {"gongsa", "corp"}, {"chonghoesa", "general co"}, {"chonghoisa", "general co"},
      {"kiopso", "enterprise"}, {"kieopso", "enterprise"}, {"haeun", "shipping"}, {"kukje", "intl"}, {"gukje", "intl"},
      {"hoisa", "co"}, {"hapyong", "joint venture"},
      {"genl", "general"}, {"gnrl", "general"}, {"mfg", "manufacturing"},
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

// Several-word spellings of "company" that no table lists: Vietnamese "cong ty" and pinyin
// written with spaces ("gong si", "you xian"). Legal forms come from legal_forms.tsv.
const std::vector<CodePhrase>& code_phrases() {
  static const std::vector<CodePhrase> table = {
      {{"cong", "ty"}, "co"},
      {{"gong", "si"}, "co"},
      {{"you", "xian"}, "ltd"},
  };
  return table;
}

// Legal-form words that legal_forms.tsv does not list (KG, SpA, Oy, ...) or lists only inside a
// longer form ("liability", "pte"); classify_token adds the table's canonical keys.
const std::unordered_set<std::string_view>& legal_form_words() {
  // clang-format off
  static const std::unordered_set<std::string_view> table = {
      "pte", "pvt", "private", "kg", "sas", "spa", "bv", "nv", "oy", "fzc", "fzllc", "sdn", "bhd", "tbk", "kk",
      "kft", "doo", "ood", "eood", "liability", "partnership", "obshchestvo", "ogranichennoi", "otvetstvennostyu",
      "aktsionernoe", "zakrytoe", "otkrytoe", "publichnoe", "tnhh", "uab", "pty", "bvba", "cia", "sl",
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
      // Countries in the languages of their own registries, as branch names write them
      // ("Deutsche Bank (Schweiz) AG").
      "switzerland", "swiss", "schweiz", "suisse", "svizzera", "germany", "deutschland", "austria",
      "osterreich", "france", "luxembourg", "netherlands", "nederland", "belgium", "belgique", "italy",
      "italia", "spain", "espana", "uk", "britain", "japan", "nippon", "taiwan", "vietnam", "thailand",
      "mongolia", "india", "malaysia", "indonesia", "philippines", "cambodia", "laos", "myanmar",
  };
  // clang-format on
  return table;
}

const std::unordered_set<std::string_view>& stop_words() {
  static const std::unordered_set<std::string_view> table = {
      "of",
      "the",
      "and",
      "for",
      "de",
      "del",
      "della",
      "la",
      "le",
      "les",
      "du",
      "des",
      "da",
      "y",
      "et",
      "und",
      "an",
      "a",
      "in",
      "at",
      "on",
      "by",
      "no",
      "num",
      "s",
      "with",
      // Ship prefixes: motor vessel, motor tanker, steam ship.
      "mv",
      "mt",
      "ss",
  };
  return table;
}
}  // namespace flgraph::resolve::detail
