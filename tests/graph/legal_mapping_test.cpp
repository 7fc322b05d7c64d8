// tests/graph/legal_mapping_test.cpp: ILO indicators and Rome Statute elements by any spelling.
#include "graph/legal_mapping.h"

#include <gtest/gtest.h>

namespace flgraph::graph {
namespace {

TEST(LegalMapping, IloIndicatorsAreFoundByNumberCodeOrLabel) {
  ASSERT_NE(find_ilo_indicator("8"), nullptr);
  EXPECT_EQ(find_ilo_indicator("8")->code, "withholding_of_wages");
  EXPECT_EQ(find_ilo_indicator("withholding_of_wages"), find_ilo_indicator("8"));
  EXPECT_EQ(find_ilo_indicator("Withholding of wages"), find_ilo_indicator("8"));
  EXPECT_EQ(find_ilo_indicator(" debt-bondage "), find_ilo_indicator("9"));
  EXPECT_EQ(find_ilo_indicator("11")->label, "Excessive overtime");
}

TEST(LegalMapping, UnknownIloIndicatorsAreRefused) {
  EXPECT_EQ(find_ilo_indicator("0"), nullptr);
  EXPECT_EQ(find_ilo_indicator("12"), nullptr);
  EXPECT_EQ(find_ilo_indicator("forced marriage"), nullptr);
  EXPECT_EQ(find_ilo_indicator(""), nullptr);
  EXPECT_EQ(find_ilo_indicator("8x"), nullptr);
}

TEST(LegalMapping, RomeStatuteElementsAreFoundByCodeSlugLabelOrLetter) {
  const auto* enslavement = find_rome_statute_element("7(1)(c)");
  ASSERT_NE(enslavement, nullptr);
  EXPECT_EQ(enslavement->slug, "enslavement");
  EXPECT_EQ(find_rome_statute_element("art. 7(1)(c)"), enslavement);
  EXPECT_EQ(find_rome_statute_element("Article 7(1)(c)"), enslavement);
  EXPECT_EQ(find_rome_statute_element("Enslavement"), enslavement);
  EXPECT_EQ(find_rome_statute_element("c"), enslavement);
  EXPECT_EQ(find_rome_statute_element("other inhumane acts")->code, "7(1)(k)");
  EXPECT_EQ(find_rome_statute_element("7(1)(l)"), nullptr);
  EXPECT_EQ(find_rome_statute_element("genocide"), nullptr);
}

TEST(LegalMapping, CaseMappingIsReadBackInTableOrderWithoutDuplicates) {
  const auto mapping = case_legal_mapping(
      R"json({"ilo_indicators":["excessive_overtime","retention_of_identity_documents","excessive_overtime"],)json"
      R"json("rome_statute":["7(1)(k)","7(1)(c)"],"victim_count":120,"location":"Dandong, Liaoning","other":"x"})json");
  ASSERT_EQ(mapping.ilo_indicators.size(), 2u);
  EXPECT_EQ(mapping.ilo_indicators[0]->number, 7);
  EXPECT_EQ(mapping.ilo_indicators[1]->number, 11);
  ASSERT_EQ(mapping.rome_statute.size(), 2u);
  EXPECT_EQ(mapping.rome_statute[0]->code, "7(1)(c)");
  EXPECT_EQ(mapping.victim_count, 120);
  EXPECT_EQ(mapping.location, "Dandong, Liaoning");
  EXPECT_FALSE(mapping.empty());
}

TEST(LegalMapping, AnEntityWithoutMappingReadsAsEmpty) {
  EXPECT_TRUE(case_legal_mapping("{}").empty());
  EXPECT_TRUE(case_legal_mapping(R"({"hs_code":"030489"})").empty());
  EXPECT_TRUE(case_legal_mapping("not json").empty());
}

}  // namespace
}  // namespace flgraph::graph
