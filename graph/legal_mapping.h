// graph/legal_mapping.h: the legal frames a documented case is mapped to: the ILO forced-labour
// indicators and the crimes-against-humanity elements of the Rome Statute, art. 7(1).
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flgraph::graph {

// The 11 indicators of "ILO Indicators of Forced Labour" (ILO Special Action Programme to Combat
// Forced Labour, 2012), numbered in the booklet's order.
struct IloIndicator {
  int number = 0;          // 1..11
  std::string_view code;   // stored form, e.g. "withholding_of_wages"
  std::string_view label;  // "Withholding of wages"
};
inline constexpr std::array<IloIndicator, 11> kIloIndicators = {{
    {1, "abuse_of_vulnerability", "Abuse of vulnerability"},
    {2, "deception", "Deception"},
    {3, "restriction_of_movement", "Restriction of movement"},
    {4, "isolation", "Isolation"},
    {5, "physical_and_sexual_violence", "Physical and sexual violence"},
    {6, "intimidation_and_threats", "Intimidation and threats"},
    {7, "retention_of_identity_documents", "Retention of identity documents"},
    {8, "withholding_of_wages", "Withholding of wages"},
    {9, "debt_bondage", "Debt bondage"},
    {10, "abusive_working_and_living_conditions", "Abusive working and living conditions"},
    {11, "excessive_overtime", "Excessive overtime"},
}};

// Rome Statute of the International Criminal Court, art. 7(1)(a)-(k): acts that are crimes
// against humanity when committed as part of a widespread or systematic attack on civilians.
struct RomeStatuteElement {
  std::string_view code;  // stored form, e.g. "7(1)(c)"
  std::string_view slug;  // "enslavement"
  std::string_view label;
};
inline constexpr std::array<RomeStatuteElement, 11> kRomeStatuteArticle7 = {{
    {"7(1)(a)", "murder", "Murder"},
    {"7(1)(b)", "extermination", "Extermination"},
    {"7(1)(c)", "enslavement", "Enslavement"},
    {"7(1)(d)", "deportation", "Deportation or forcible transfer of population"},
    {"7(1)(e)", "imprisonment", "Imprisonment or other severe deprivation of physical liberty"},
    {"7(1)(f)", "torture", "Torture"},
    {"7(1)(g)", "sexual_violence",
     "Rape, sexual slavery, enforced prostitution, forced pregnancy, enforced sterilization or "
     "other sexual violence"},
    {"7(1)(h)", "persecution", "Persecution"},
    {"7(1)(i)", "enforced_disappearance", "Enforced disappearance of persons"},
    {"7(1)(j)", "apartheid", "The crime of apartheid"},
    {"7(1)(k)", "other_inhumane_acts", "Other inhumane acts"},
}};

// Accept the number ("8"), the code ("withholding_of_wages") or the label in any case and with
// spaces or hyphens ("Withholding of wages").
const IloIndicator* find_ilo_indicator(std::string_view text);
// Accept the code ("7(1)(c)", also "art. 7(1)(c)" or "c"), the slug or the label.
const RomeStatuteElement* find_rome_statute_element(std::string_view text);

// The attribute names under which a case keeps its legal mapping (docs/FORMATS.md, "Case fields").
inline constexpr std::string_view kIloIndicatorsAttribute = "ilo_indicators";  // array of codes
inline constexpr std::string_view kRomeStatuteAttribute = "rome_statute";      // array of codes
inline constexpr std::string_view kVictimCountAttribute = "victim_count";      // integer >= 0
inline constexpr std::string_view kLocationAttribute = "location";             // free text

// A case's legal mapping as read back from its stored attributes (already validated on import).
struct CaseLegalMapping {
  std::vector<const IloIndicator*> ilo_indicators;      // in the ILO's order
  std::vector<const RomeStatuteElement*> rome_statute;  // in the article's order
  std::optional<std::int64_t> victim_count;
  std::string location;
  bool empty() const {
    return ilo_indicators.empty() && rome_statute.empty() && !victim_count && location.empty();
  }
};
CaseLegalMapping case_legal_mapping(std::string_view attributes_json);

}  // namespace flgraph::graph
