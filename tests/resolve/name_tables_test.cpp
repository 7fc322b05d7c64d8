// tests/resolve/name_tables_test.cpp: the compiled-in tables of resolve/data/ and what the
// normaliser makes of them: legal forms, abbreviations, acronyms, Korean readings.
#include "resolve/name_tables.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "graph/errors.h"
#include "resolve/korean_readings.h"
#include "resolve/name_normalizer.h"
#include "resolve/romanization.h"

namespace flgraph::resolve {
namespace {

std::vector<std::string> texts_of(const std::vector<NormalizedName>& readings) {
  std::vector<std::string> out;
  for (const auto& reading : readings) out.push_back(reading.text());
  return out;
}

std::string folds_of(const NormalizedName& name) {
  std::string out;
  for (const auto& token : name.tokens) out += (out.empty() ? "" : " ") + token.fold;
  return out;
}

bool has_reading(const std::vector<NormalizedName>& readings, const std::string& text) {
  const auto texts = texts_of(readings);
  return std::find(texts.begin(), texts.end(), text) != texts.end();
}

// The readings' joined runs and tokens, folded: where a one-word spelling meets a spaced one.
bool meets(const std::vector<NormalizedName>& readings, const NormalizedName& other) {
  for (const auto& reading : readings) {
    if (folds_of(reading) == folds_of(other)) return true;
    for (const auto& run : other.runs) {
      if (reading.tokens.size() == 1 && run.first == 0 && run.length == other.tokens.size() &&
          reading.tokens[0].fold == run.token.fold)
        return true;
    }
  }
  return false;
}

TEST(NameTables, EveryTableParsesWithItsColumnsAndSources) {
  const auto& tables = name_tables();
  EXPECT_EQ(tables.legal_forms.rows.size(), 124U);
  EXPECT_EQ(tables.abbreviations.rows.size(), 104U);
  EXPECT_EQ(tables.korean_cyrillic.rows.size(), 169U);
  EXPECT_GT(tables.hanja_hangul.rows.size(), 10000U);
  for (const auto* table : {&tables.legal_forms, &tables.abbreviations, &tables.korean_cyrillic,
                            &tables.hanja_hangul}) {
    const auto source = table->column("source");
    for (const auto& row : table->rows) {
      ASSERT_EQ(row.size(), table->header.size()) << table->file;
      EXPECT_FALSE(row[source].empty()) << table->file << ": " << row[0];
    }
  }
  for (const auto& row : tables.legal_forms.rows) EXPECT_FALSE(row[1].empty()) << row[0];
}

TEST(NameTables, ABrokenTableNamesItsFileAndLine) {
  const std::vector<std::string_view> header{"han", "hangul", "source"};
  EXPECT_NO_THROW(parse_tsv("t.tsv", "han\thangul\tsource\n金\t금|김\tUnihan\n", header));
  try {
    parse_tsv("t.tsv", "han\thangul\tsource\n金\t금\n", header);
    FAIL() << "a short row was accepted";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("t.tsv:2"), std::string::npos) << error.what();
  }
  EXPECT_THROW(parse_tsv("t.tsv", "han\thangul\tsource\n金\t금\t\n", header), Error);
  EXPECT_THROW(parse_tsv("t.tsv", "han\thangul\n", header), Error);
}

TEST(NameTables, HanjaReadingsPutTheDprkFormFirst) {
  EXPECT_EQ(hanja_readings(U'李'), U"리이");
  EXPECT_EQ(hanja_readings(U'綾'), U"릉능");
  EXPECT_EQ(hanja_readings(U'绫'), U"릉능");  // simplified, via kTraditionalVariant
  EXPECT_EQ(hanja_readings(U'金'), U"금김");
  EXPECT_TRUE(hanja_readings(U'a').empty());
}

TEST(LegalForms, EverySpellingOfAFormIsOneTokenWithTheTableKey) {
  for (const char* name :
       {"ООО \"Апполон\"", "APOLLON OOO", "Apollon LLC", "Apollon L.L.C.",
        "Apollon Limited Liability Company", "Общество с ограниченной ответственностью Апполон"}) {
    const auto normalized = normalize_name(name);
    ASSERT_EQ(normalized.tokens.size(), 2U) << name << ": " << normalized.text();
    const auto& form =
        normalized.tokens[0].text == "llc" ? normalized.tokens[0] : normalized.tokens[1];
    EXPECT_EQ(form.text, "llc") << name;
    EXPECT_EQ(form.token_class, TokenClass::LegalForm) << name;
  }
  EXPECT_EQ(normalize_name("APOLLON OOO").text(), "apollon llc");
  EXPECT_EQ(normalize_name("ОАО Мокран").text(),
            normalize_name("Mokran OJSC").text().substr(7) + " mokran");
  EXPECT_EQ(normalize_name("Mokran Open Joint Stock Company").text(), "mokran ojsc");
  for (const char* name : {"대성주식회사", "대성㈜", "(주)대성", "Taesong Co., Ltd.",
                           "TAESONG CO LTD", "Taesong Company Limited"}) {
    const auto normalized = normalize_name(name);
    const auto texts = normalized.text();
    EXPECT_NE(texts.find("co_ltd"), std::string::npos) << name << ": " << texts;
    EXPECT_EQ(normalized.tokens.size(), 2U) << name << ": " << texts;
  }
  EXPECT_EQ(normalize_name("丹东鸿祥有限公司").text(), "dandonghongxiang co_ltd");
  EXPECT_EQ(normalize_name("Senat Shipping Pte. Ltd.").text(), "senat shipping pte_ltd");
  EXPECT_EQ(normalize_name("조선릉라도무역총회사").tokens.back().token_class,
            TokenClass::LegalForm);
}

TEST(Abbreviations, AnAbbreviationAndItsExpansionNormaliseAlike) {
  const auto korea = normalize_name("KOREA RUNGRADO TRADING").text();
  for (const char* name :
       {"DPRK RUNGRADO TRADING", "D.P.R.K. RUNGRADO TRADING", "NORTH KOREA RUNGRADO TRADING",
        "DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA RUNGRADO TRADING", "КНДР Rungrado Trading",
        "조선 RUNGRADO TRADING"}) {
    EXPECT_EQ(normalize_name(name).text(), korea) << name;
  }
  EXPECT_EQ(normalize_name("KOMID").text(), "korea mining development trade corp");
  // An organisation acronym is read as one only when it is the whole name.
  EXPECT_EQ(normalize_name("MID OCEAN SHIPPING").text(), "mid ocean shipping");
  EXPECT_EQ(normalize_name("AP ROK GANG").text(), "ap rok gang");
  EXPECT_EQ(normalize_name("Trdg Co").text(), normalize_name("Trading Company").text());
}

TEST(Acronyms, ABracketedAcronymIsSetApartAndInitialsAreKept) {
  const auto komid = normalize_name("KOREA MINING DEVELOPMENT TRADING CORPORATION (KOMID)");
  EXPECT_EQ(komid.acronym, "komid");
  EXPECT_EQ(komid.text(), "korea mining development trade corp");
  EXPECT_EQ(komid.initials, "mdt");
  EXPECT_EQ(normalize_name("KOREA KWANGSON BANKING CORP (K.K.B.C.)").acronym, "kkbc");
  // A bracketed place or legal form is no acronym.
  EXPECT_EQ(normalize_name("HUAXIN SHIPPING (HK)").acronym, "");
  EXPECT_EQ(normalize_name("HUAXIN SHIPPING (HK)").text(), "huaxin shipping hong kong");
  EXPECT_EQ(normalize_name("Apollon (LLC)").acronym, "");
  EXPECT_EQ(normalize_name("Apollon (LLC)").text(), "apollon llc");
}

TEST(NameReadings, ALatinNameHasOneReading) {
  EXPECT_EQ(texts_of(name_readings("KOREA RUNGRADO GENERAL TRADING CORPORATION")),
            std::vector<std::string>{"korea rungrado general trade corp"});
}

TEST(NameReadings, HanIsAlsoReadAsKorean) {
  const auto kim = name_readings("金正恩");
  EXPECT_EQ(kim.front().text(), "jinzhengen");
  EXPECT_TRUE(has_reading(kim, "kimjongun")) << ::testing::PrintToString(texts_of(kim));
  EXPECT_EQ(normalize_name("김정은").text(), "kimjongun");
  EXPECT_TRUE(meets(kim, normalize_name("KIM Jong Un")));

  const auto hangul = normalize_name("조선릉라도무역총회사").text();
  for (const char* han : {"朝鮮綾羅島貿易總會社", "朝鲜绫罗岛贸易总会社"}) {
    EXPECT_TRUE(has_reading(name_readings(han), hangul))
        << han << ": " << ::testing::PrintToString(texts_of(name_readings(han)));
  }
  EXPECT_TRUE(meets({normalize_name("리영길")}, normalize_name("RI Yong Gil")));
  const auto ri = name_readings("李永吉");
  EXPECT_TRUE(meets(ri, normalize_name("RI Yong Gil"))) << ::testing::PrintToString(texts_of(ri));
}

TEST(NameReadings, CyrillicIsReadBackAsKorean) {
  const auto kim = name_readings("Ким Чен Ын");
  EXPECT_EQ(kim.front().text(), "kim cen yn");  // ICU's reading stays first
  // McCune-Reischauer "chong", which folds as "Jong" does.
  EXPECT_TRUE(has_reading(kim, "kim chong un")) << ::testing::PrintToString(texts_of(kim));
  EXPECT_TRUE(meets(kim, normalize_name("KIM Jong Un")));

  EXPECT_TRUE(has_reading(name_readings("Пхеньян"), "pyongyang"));
  const auto ri = name_readings("Ли Ён Гиль");
  EXPECT_TRUE(meets(ri, normalize_name("RI Yong Gil"))) << ::testing::PrintToString(texts_of(ri));
  EXPECT_TRUE(meets(name_readings("Рён"), normalize_name("Ryong")));
  // A Russian word that is no Korean syllable sequence keeps ICU's reading only.
  const auto apollon = name_readings("ООО \"Апполон\"");
  EXPECT_EQ(texts_of(apollon), std::vector<std::string>{"llc appolon"});
}

TEST(NameReadings, CyrillicWordsSplitIntoKoreanSyllables) {
  EXPECT_EQ(cyrillic_to_hangul(U"Ким", FinalN::ByFrequency), U"김");
  EXPECT_EQ(cyrillic_to_hangul(U"Пхеньян", FinalN::ByFrequency), U"평양");
  EXPECT_EQ(cyrillic_to_hangul(U"Ён", FinalN::PreferNg).value_or(U"")[0] == U'영' ||
                cyrillic_to_hangul(U"Ён", FinalN::PreferNg).value_or(U"")[0] == U'용',
            true);
  EXPECT_FALSE(cyrillic_to_hangul(U"Апполон", FinalN::ByFrequency).has_value());
  EXPECT_FALSE(cyrillic_to_hangul(U"ООО", FinalN::ByFrequency).has_value());
}

}  // namespace
}  // namespace flgraph::resolve
