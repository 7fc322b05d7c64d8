// Names as others respell them: Russian press spellings of Korean names, misspelt common words and
// legal forms, ships' names spelled syllable by syllable, branch names with their country.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "resolve/name_matcher.h"
#include "resolve/qualifiers.h"

namespace flgraph::resolve {
namespace {

// The best score over both names' readings, as NameIndex::match takes it.
double best_score(const std::string& query, const std::string& candidate,
                  const std::string& kind = "") {
  Qualifiers qualifiers;
  qualifiers.kind = kind;
  double best = 0.0;
  for (const auto& q : name_readings(query)) {
    for (const auto& c : name_readings(candidate))
      best = std::max(best, score_qualified(q, qualifiers, c, qualifiers).score);
  }
  return best;
}

TEST(RussianSpellings, PressSpellingsOfKoreanNamesMeetTheListNames) {
  // ㅈ as чж (after the Chinese zh): ru.wikipedia's own title for 김여정.
  EXPECT_GE(best_score("Ким Ё Чжон", "KIM, Yo Jong", "person"), kDefaultMatchThreshold);
  EXPECT_GE(best_score("Ким Чжон Ын", "KIM, Jong Un", "person"), kDefaultMatchThreshold);
  // Copied letter by letter from a Latin passport: ng and yo.
  EXPECT_GE(best_score("Ким Йонг Чол", "KIM, Yong Chol", "person"), kDefaultMatchThreshold);
  // BGN/PCGN, the romanisation English lists give Russian names.
  EXPECT_GE(best_score("Группа Лазарус", "LAZARUS GROUP"), kDefaultMatchThreshold);
}

TEST(RussianSpellings, AOneSyllableNameIsNotAnInstitutionalWord) {
  // Сон reads 성, which closes 국가보위성 as "ministry"; alone it is a syllable of a name.
  const auto readings = name_readings("Лим Сон Сун");
  EXPECT_TRUE(std::any_of(readings.begin(), readings.end(),
                          [](const NormalizedName& r) { return r.text() == "lim song sun"; }));
  for (const auto& reading : readings) {
    EXPECT_EQ(reading.text().find("ministry"), std::string::npos) << reading.text();
    EXPECT_EQ(reading.text().find("ltd"), std::string::npos) << reading.text();
  }
  EXPECT_GE(best_score("Лим Сон Сун", "IM, Song Sun", "person"), kDefaultMatchThreshold);
  EXPECT_EQ(normalize_name("국가보위성").text(), "state security ministry");
}

TEST(Misspellings, AMisspeltCommonWordWeighsAsTheWordItMisspells) {
  EXPECT_GE(
      best_score("OCEAN MARITIME MANAGMENT CO LTD", "OCEAN MARITIME MANAGEMENT COMPANY LIMITED"),
      kDefaultMatchThreshold);
  EXPECT_GE(best_score("KORYO CREDT DEVELOPMENT BANK", "KORYO CREDIT DEVELOPMENT BANK"),
            kDefaultMatchThreshold);
  // A different distinctive word is still a different name.
  EXPECT_LT(best_score("KORYO CREDIT DEVELOPMENT BANK", "KORYO BANK"), 1.0);
  EXPECT_LT(best_score("KOREA JINSONG TRADING CORPORATION", "KOREA JINMYONG TRADING CORPORATION"),
            kDefaultMatchThreshold);
}

TEST(Misspellings, ALegalFormRespeltByOneLetterIsStillTheForm) {
  EXPECT_EQ(normalize_name("Siemens Aktiengeselschaft").text(), "siemens ag");
  EXPECT_EQ(normalize_name("TACTICAL MISSILES CORPORATION JOYNT STOCK COMPANY").text(),
            normalize_name("TACTICAL MISSILES CORPORATION JOINT STOCK COMPANY").text());
  // Short words are left alone: one letter makes another word.
  EXPECT_EQ(normalize_name("LIMITEX TRADING").tokens.front().text, "limitex");
}

TEST(Vessels, ANameSpelledSyllableBySyllableMeetsItsHangul) {
  EXPECT_GE(best_score("오운청년호", "O UN CHONG NYON HO", "vessel"), kDefaultMatchThreshold);
  EXPECT_GE(best_score("OUN CHEONGNYEON HO", "O UN CHONG NYON HO", "vessel"),
            kDefaultMatchThreshold);
  EXPECT_GE(best_score("WONSAN 2", "WON SAN 2", "vessel"), kDefaultMatchThreshold);
  EXPECT_GE(best_score("Hellenic Spirit", "MV Hellenic Spirit", "vessel"), kDefaultMatchThreshold);
  // The institutional reading is kept beside the spelled one: 청년 is still "youth".
  const auto readings = name_readings("오운청년호");
  EXPECT_TRUE(std::any_of(readings.begin(), readings.end(), [](const NormalizedName& r) {
    return r.text().find("youth") != std::string::npos;
  }));
}

TEST(Branches, ABranchNamedByItsCountryIsTheCompany) {
  EXPECT_GE(best_score("Deutsche Bank (Schweiz) AG", "Deutsche Bank AG"), kDefaultMatchThreshold);
  EXPECT_GE(best_score("FABERLIC EUROPE", "FABERLIC EUROPE Sp. z o.o."), kDefaultMatchThreshold);
  EXPECT_EQ(normalize_name("FABERLIC EUROPE Sp. z o.o.").tokens.back().token_class,
            TokenClass::LegalForm);
}

TEST(EmptyNames, ANameWithNoTokensMatchesNothing) {
  const auto empty = normalize_name("·");
  ASSERT_TRUE(empty.empty());
  EXPECT_EQ(score_names(empty, normalize_name("Pol Pot")).score, 0.0);
  EXPECT_EQ(score_names(normalize_name("Pol Pot"), empty).score, 0.0);
}

}  // namespace
}  // namespace flgraph::resolve
