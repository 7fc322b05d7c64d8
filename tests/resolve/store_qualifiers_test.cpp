// tests/resolve/store_qualifiers_test.cpp: dates of birth and identifiers read from the importers'
// attributes reach the name index, on the real OFAC and UN lists.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "graph/store.h"
#include "resolve/entity_qualifiers.h"
#include "resolve/store_index.h"
#include "shared_lists.h"

namespace flgraph::resolve {
namespace {

using Strings = std::vector<std::string>;

bool contains(const Strings& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

const StoreNameIndex& lists_index() {
  static const graph::Store store = graph::Store::open(testing::shared_lists_database(),
                                                       graph::Store::OpenMode::ReadOnlyExisting);
  static const StoreNameIndex index(store);
  return index;
}

Qualifiers qualifiers_of(const std::string& id) {
  const auto& index = lists_index();
  for (std::size_t i = 0; i < index.size(); ++i) {
    if (index.id(i) == id) return index.names().record(i).qualifiers;
  }
  const Qualifiers none;
  ADD_FAILURE() << id << " is not in the index";
  return none;
}

TEST(BirthDates, EveryFormTheListsWriteBecomesAnIsoDate) {
  EXPECT_EQ(birth_dates_from_text("18 Jun 1964"), Strings{"1964-06-18"});
  EXPECT_EQ(birth_dates_from_text("Dec 1955"), Strings{"1955-12"});
  EXPECT_EQ(birth_dates_from_text("1960"), Strings{"1960"});
  EXPECT_EQ(birth_dates_from_text("1960."), Strings{"1960"});
  EXPECT_EQ(birth_dates_from_text("circa 1947"), Strings{"1947"});
  EXPECT_EQ(birth_dates_from_text("1944-10-13"), Strings{"1944-10-13"});
  EXPECT_EQ(birth_dates_from_text("1960 to 1962"), (Strings{"1960", "1961", "1962"}));
  EXPECT_EQ(birth_dates_from_text("01 Jan 1958 to 31 Dec 1959"), (Strings{"1958", "1959"}));
  EXPECT_TRUE(birth_dates_from_text("1900 to 1960").empty());  // too wide to say anything
  EXPECT_TRUE(birth_dates_from_text("32 Jan 1960").empty());
  EXPECT_TRUE(birth_dates_from_text("sometime").empty());
  EXPECT_TRUE(birth_dates_from_text("99999999999999999999 Jan 1960").empty());
}

TEST(EntityQualifiers, MalformedAttributesAreIgnoredNeverThrown) {
  graph::EntityRecord entity;
  entity.kind = graph::EntityKind::Person;
  entity.country = "KP";
  for (const char* text :
       {"{", "[]", "null", R"({"dates_of_birth": 5})", R"({"dates_of_birth": [{"date": 5}]})",
        R"({"identifiers": [1, null, {"type": 3, "value": []}]})",
        R"({"ftm": {"properties": {"birthDate": {"x": 1}}}})",
        R"({"dates_of_birth": [[["1960"]]]})"}) {
    entity.attributes_json = text;
    Qualifiers out;
    EXPECT_NO_THROW(out = entity_qualifiers(entity)) << text;
    EXPECT_EQ(out.kind, "person");
    EXPECT_EQ(out.country, "KP");
  }
  entity.attributes_json =
      R"({"ftm": {"properties": {"birthDate": ["1970-02-03"]}}, "imo": "9074729",)"
      R"( "identifiers": [{"type": "email", "value": "a1@b.kp"}, {"type": "passport", "value": "P12345"}]})";
  const auto out = entity_qualifiers(entity);
  EXPECT_EQ(out.birth_dates, Strings{"1970-02-03"});
  EXPECT_EQ(out.identifiers, (Strings{"imo 9074729", "passport P12345"}));  // no e-mail
}

// OFAC 15667 PAEK, Chang-Ho: "DOB 18 Jun 1964; ... Passport 381420754 issued 07 Dec 2011".
TEST(StoreQualifiers, OfacPersonKeepsDateOfBirthAndPassport) {
  const auto& q = qualifiers_of("ofac-15667");
  EXPECT_EQ(q.kind, "person");
  EXPECT_TRUE(contains(q.birth_dates, "1964-06-18"));
  EXPECT_TRUE(contains(q.identifiers, "passport 381420754"));
}

// OFAC 12211 KIM, Yong Chol: "DOB circa 1947; alt. DOB circa 1946".
TEST(StoreQualifiers, OfacCircaYearsAreYears) {
  const auto& q = qualifiers_of("ofac-12211");
  EXPECT_TRUE(contains(q.birth_dates, "1946"));
  EXPECT_TRUE(contains(q.birth_dates, "1947"));
}

// OFAC 17069 CHONG CHON GANG, general cargo vessel, IMO 7937317.
TEST(StoreQualifiers, OfacVesselKeepsItsImoNumber) {
  const auto& q = qualifiers_of("ofac-17069");
  EXPECT_EQ(q.kind, "vessel");
  EXPECT_TRUE(contains(q.identifiers, "imo 7937317"));
}

// UN KPi.001 YUN HO-JIN: INDIVIDUAL_DATE_OF_BIRTH EXACT 1944-10-13.
TEST(StoreQualifiers, UnPersonKeepsItsExactDateOfBirth) {
  EXPECT_TRUE(contains(qualifiers_of("un-KPi.001").birth_dates, "1944-10-13"));
}

TEST(StoreQualifiers, ADateOfBirthMovesThePersonsScore) {
  Qualifiers same;
  same.kind = "person";
  same.birth_dates = {"1964-06-18"};
  Qualifiers other = same;
  other.birth_dates = {"1980"};
  auto score_of = [](const std::vector<Candidate>& found, const std::string& id) {
    for (const auto& candidate : found) {
      if (lists_index().id(candidate.record) == id) return candidate.score.score;
    }
    return -1.0;
  };
  const auto with_same = lists_index().match("Paek Chang Ho", same, 5, 0.0);
  const auto with_other = lists_index().match("Paek Chang Ho", other, 5, 0.0);
  ASSERT_GT(score_of(with_same, "ofac-15667"), 0.0);
  EXPECT_GT(score_of(with_same, "ofac-15667"), score_of(with_other, "ofac-15667") + 0.2);
  EXPECT_GE(score_of(with_same, "ofac-15667"), kDefaultMatchThreshold);
  EXPECT_LT(score_of(with_other, "ofac-15667"), kDefaultMatchThreshold);
}

TEST(StoreQualifiers, AnImoNumberFindsTheRenamedVessel) {
  Qualifiers vessel;
  vessel.kind = "vessel";
  vessel.identifiers = {"IMO 7937317"};
  const auto found = lists_index().match("Ocean Star", vessel, 3, 0.0);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(lists_index().id(found.front().record), "ofac-17069");
  EXPECT_GE(found.front().score.score, kIdentifierMatchFloor);
}

}  // namespace
}  // namespace flgraph::resolve
