// Person names, typos, vessels' 호, kinds and qualifiers, on names from the DPRK lists.
#include <gtest/gtest.h>

#include <string>

#include "resolve/name_matcher.h"
#include "resolve/qualifiers.h"
#include "resolve/romanization.h"
#include "resolve/string_similarity.h"

namespace flgraph::resolve {
namespace {

Qualifiers kind_of(const std::string& kind) {
  Qualifiers out;
  out.kind = kind;
  return out;
}

double pair_score(const std::string& a, const std::string& b, const Qualifiers& qa,
                  const Qualifiers& qb) {
  return score_qualified(normalize_name(a), qa, normalize_name(b), qb).score;
}

double person(const std::string& a, const std::string& b) {
  return pair_score(a, b, kind_of("person"), kind_of("person"));
}

TEST(OneEditApart, CountsOneInsertionDeletionReplacementOrSwap) {
  EXPECT_TRUE(one_edit_apart("daesang", "daesong"));
  EXPECT_TRUE(one_edit_apart("tanchone", "tanchon"));
  EXPECT_TRUE(one_edit_apart("namchongnag", "namchongang"));
  EXPECT_TRUE(one_edit_apart("hungjin", "hunjin"));
  EXPECT_FALSE(one_edit_apart("daesong", "daesong"));
  EXPECT_FALSE(one_edit_apart("jinsong", "jinmyong"));
  EXPECT_FALSE(one_edit_apart("namchongang", "nmachongnag"));
}

TEST(TypoTolerance, OneLetterRespellingOfTheDistinctiveWordStillMatches) {
  EXPECT_GE(pair_score("KOREA DAESANG BANK", "KOREA DAESONG BANK", {}, {}), kDefaultMatchThreshold);
  EXPECT_GE(pair_score("TANCHONE COMMERCIAL BANK", "TANCHON COMMERCIAL BANK", {}, {}),
            kDefaultMatchThreshold);
  EXPECT_GE(
      pair_score("NAMCHONGNAG TRADING CORPORATION", "NAMCHONGANG TRADING CORPORATION", {}, {}),
      kDefaultMatchThreshold);
}

TEST(TypoTolerance, DifferentWordsThatShareLettersStayApart) {
  EXPECT_LT(
      pair_score("KOREA JINSONG TRADING CORPORATION", "KOREA JINMYONG TRADING CORPORATION", {}, {}),
      kDefaultMatchThreshold);
  EXPECT_LT(pair_score("KOREA RUNGRADO GENERAL TRADING CORPORATION",
                       "KOREA CHOLSAN GENERAL TRADING CORPORATION", {}, {}),
            0.5);
}

TEST(PersonNames, SurnameMayMoveButGivenNamesKeepTheirOrder) {
  EXPECT_GE(person("KIM Yong Chol", "Yong Chol KIM"), kDefaultMatchThreshold);
  EXPECT_LT(person("KIM Yong Chol", "KIM Chol Yong"), kDefaultMatchThreshold);
  // Without a kind the order is not known to matter.
  EXPECT_GT(pair_score("KIM Yong Chol", "KIM Chol Yong", {}, {}),
            person("KIM Yong Chol", "KIM Chol Yong"));
}

TEST(PersonNames, HangulNameMeetsItsRomanisationWrittenApart) {
  EXPECT_GE(person("김원홍", "KIM, Won Hong"), kDefaultMatchThreshold);
  EXPECT_GE(person("리만건", "RI, Man Gon"), kDefaultMatchThreshold);
}

TEST(PersonNames, KoreanGivenNamesOneLetterApartAreDifferentPeople) {
  EXPECT_LT(person("RI Jae Hyong", "RI Jae Myong"), kDefaultMatchThreshold);
}

TEST(PersonNames, MiddleNameOrPatronymicWeighsLittle) {
  EXPECT_GE(person("Barack Obama", "Barack Hussein Obama"), kDefaultMatchThreshold);
  EXPECT_GE(person("Rotenberg Arkadii", "Arkadii Romanovich Rotenberg"), kDefaultMatchThreshold);
  // Two different middle names clash.
  EXPECT_LT(person("Owner Chen Placeholder", "Owner Volkov Placeholder"), kDefaultMatchThreshold);
  // A Korean given name is not a middle name.
  EXPECT_LT(person("KIM Chol", "KIM Yong Chol"), kDefaultMatchThreshold);
}

TEST(VesselNames, TrailingHoIsTheShipNotTheName) {
  EXPECT_GE(pair_score("무두봉호", "MU DU BONG", kind_of("vessel"), kind_of("vessel")),
            kDefaultMatchThreshold);
  EXPECT_GE(pair_score("MUDUBONG", "MU DU BONG", kind_of("vessel"), kind_of("vessel")),
            kDefaultMatchThreshold);
}

TEST(SoundRules, RevisedRomanizationMeetsMcCuneReischauerSpellings) {
  EXPECT_GE(pair_score("KOREA NEUNGNADO GENERAL TRADING CORPORATION",
                       "KOREA RUNGRADO GENERAL TRADING CORPORATION", {}, {}),
            kDefaultMatchThreshold);
  EXPECT_GE(pair_score("AMNOKGANG DEVELOPMENT BANK", "AMROGGANG DEVELOPMENT BANK", {}, {}),
            kDefaultMatchThreshold);
  EXPECT_GE(pair_score("APROKGANG DEVELOPMENT BANK", "AMROGGANG DEVELOPMENT BANK", {}, {}),
            kDefaultMatchThreshold);
  EXPECT_GE(pair_score("RYONGSONG MACHINE COMPLEX", "YONGSONG MACHINE COMPLEX", {}, {}),
            kDefaultMatchThreshold);
  EXPECT_EQ(sound_fold(fold_romanization("baengma")), sound_fold(fold_romanization("paekma")));
  // A typo that is no Korean syllable sequence keeps its plain fold: RYNRADO still meets RUNGRADO.
  EXPECT_EQ(normalize_name("RYNRADO").tokens.front().sound,
            normalize_name("RYNRADO").tokens.front().fold);
}

TEST(Kinds, OrganisationKindsAreCompatibleOthersAreNot) {
  EXPECT_TRUE(kinds_compatible("company", "state_entity"));
  EXPECT_TRUE(kinds_compatible("organization", "company"));
  EXPECT_TRUE(kinds_compatible("", "vessel"));
  EXPECT_FALSE(kinds_compatible("vessel", "company"));
  EXPECT_FALSE(kinds_compatible("person", "organization"));
  EXPECT_TRUE(is_known_kind("vessel"));
  EXPECT_FALSE(is_known_kind("boat"));
}

TEST(Kinds, AnIndexNeverProposesACandidateOfAnIncompatibleKind) {
  NameIndex index;
  IndexedRecord vessel;
  vessel.id = "vessel";
  vessel.qualifiers.kind = "vessel";
  vessel.names = {"CHONG CHON GANG"};
  index.add(vessel);
  IndexedRecord company;
  company.id = "company";
  company.qualifiers.kind = "company";
  company.names = {"CHONG CHON GANG SHIPPING COMPANY"};
  index.add(company);
  const auto found = index.match(normalize_name("CHONG CHON GANG"), kind_of("vessel"), 5, 0.0);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(index.record(found.front().record).id, "vessel");
}

TEST(Identifiers, ParsedIntoTypeAndNumber) {
  const auto imo = parse_identifier("Vessel Registration Identification IMO 7937317");
  EXPECT_EQ(imo.type, "imo");
  EXPECT_EQ(imo.number, "7937317");
  const auto passport = parse_identifier("Passport 654435458");
  EXPECT_EQ(passport.type, "passport");
  EXPECT_EQ(passport.number, "654435458");
  EXPECT_EQ(parse_identifier("7937317").type, "");
  EXPECT_EQ(parse_identifier("no number here").number, "");
}

TEST(Identifiers, SharedNumberIsNearCertainDifferentNumberIsDecisive) {
  Qualifiers a = kind_of("vessel");
  a.identifiers = {"IMO 8406846"};
  Qualifiers b = kind_of("vessel");
  b.identifiers = {"IMO 8406846"};
  Qualifiers other = kind_of("vessel");
  other.identifiers = {"IMO 9114555"};
  // A renamed vessel keeps its IMO number.
  EXPECT_GE(pair_score("JI SONG 6", "HAO FAN 6", a, b), kIdentifierMatchFloor);
  EXPECT_LE(pair_score("CHONG CHON GANG", "CHONG CHON GANG", a, other), kIdentifierMismatchCap);
  // Numbers of different types say nothing.
  Qualifiers passport = kind_of("vessel");
  passport.identifiers = {"Passport 9114555"};
  EXPECT_GE(pair_score("CHONG CHON GANG", "CHONG CHON GANG", a, passport), 0.9);
}

TEST(Identifiers, AnIndexFindsARenamedVesselByItsNumber) {
  NameIndex index;
  IndexedRecord vessel;
  vessel.id = "renamed";
  vessel.qualifiers.kind = "vessel";
  vessel.qualifiers.identifiers = {"IMO 8406846"};
  vessel.names = {"HAO FAN 6"};
  index.add(vessel);
  Qualifiers query = kind_of("vessel");
  query.identifiers = {"IMO 8406846"};
  const auto found = index.match(normalize_name("JI SONG 6"), query, 5, kDefaultMatchThreshold);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(index.record(found.front().record).id, "renamed");
}

TEST(BirthDates, AMismatchLowersTheScoreBelowTheThreshold) {
  Qualifiers a = kind_of("person");
  a.birth_dates = {"1966-03-11"};
  Qualifiers same = kind_of("person");
  same.birth_dates = {"1966"};
  Qualifiers other = kind_of("person");
  other.birth_dates = {"1952-05-14"};
  const double plain = person("KIM Yong Su", "KIM Yong Su");
  EXPECT_GT(pair_score("KIM Yong Su", "KIM Yong Su", a, same), plain - 1e-9);
  EXPECT_LT(pair_score("KIM Yong Su", "KIM Yong Su", a, other), kDefaultMatchThreshold);
  EXPECT_TRUE(is_birth_date("1966-03-11"));
  EXPECT_FALSE(is_birth_date("1966-13-11"));
  EXPECT_FALSE(is_birth_date("11 Mar 1966"));
}

TEST(Country, IsASmallQualifierThatCannotCarryDifferentNamesOverTheThreshold) {
  Qualifiers kp;
  kp.country = "KP";
  const auto a = normalize_name("KIM Chol Nam");
  const auto b = normalize_name("KIM Chol Min");
  const double alone = score_names(a, b).score;
  const double with_country = score_qualified(a, kp, b, kp).score;
  EXPECT_GT(with_country, alone);
  EXPECT_LE(with_country - alone, kCountrySupport);
  EXPECT_LT(with_country, kDefaultMatchThreshold);
}

TEST(Scores, NeverSaturateThroughQualifiers) {
  Qualifiers a = kind_of("vessel");
  a.identifiers = {"IMO 8406846"};
  a.country = "KP";
  const double score = pair_score("CHONG CHON GANG", "CHONG CHON GANG", a, a);
  EXPECT_LE(score, 1.0);
  EXPECT_GT(score, kIdentifierMatchFloor);
}

}  // namespace
}  // namespace flgraph::resolve
