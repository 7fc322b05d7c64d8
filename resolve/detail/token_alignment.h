// resolve/detail/token_alignment.h: how the tokens of two names are paired and weighed, and the
// rules for persons, vessels, acronyms and lines of business that the name score is built from
// (name_matcher.cpp).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "resolve/name_normalizer.h"
#include "resolve/qualifiers.h"

namespace flgraph::resolve::detail {

struct Similarity {
  double value = 0.0;
  std::string_view how = "unmatched";
};

struct WorkToken {
  const NameToken* token = nullptr;
  double weight = 0.0;
  bool joined = false;
};

struct Pairing {
  std::size_t query = 0;
  std::size_t candidate = 0;
  Similarity similarity;
};

// The matched share of each side's weight, by similarity: a name that adds or lacks a distinctive
// token loses what that token weighs on its side, whichever side it is.
struct Coverage {
  double query = 0.0;
  double candidate = 0.0;
};

Similarity token_similarity(const NameToken& a, const NameToken& b, KindFamily family);
bool differs_by_ship_suffix(std::string_view a, std::string_view b);
// A vessel's trailing HO (호, the ship) that the other name folded into a word or left out
// weighs nothing: O UN CHONG NYON HO is 오운청년호.
void lighten_ship_word(std::vector<WorkToken>& tokens, const std::vector<Pairing>& pairs,
                       bool query_side);
void work_tokens(const NormalizedName& name, const std::vector<double>& weights,
                 const NormalizedName& other, std::vector<WorkToken>& out);
void align(const std::vector<WorkToken>& query, const std::vector<WorkToken>& candidate,
           KindFamily family, std::vector<Pairing>& chosen);
bool distinctive(const WorkToken& token);
Coverage distinctive_coverage(const std::vector<WorkToken>& query,
                              const std::vector<WorkToken>& candidate,
                              const std::vector<Pairing>& pairs);
bool korean_person_name(const std::vector<WorkToken>& tokens);
void lighten_middle_names(std::vector<WorkToken>& tokens, const std::vector<Pairing>& pairs,
                          bool query_side);
bool given_names_reordered(const std::vector<WorkToken>& query,
                           const std::vector<WorkToken>& candidate,
                           const std::vector<Pairing>& pairs);
std::string legal_forms_of(const std::vector<WorkToken>& tokens);
std::uint8_t sectors_of(const std::vector<WorkToken>& tokens);
std::string sector_names(std::uint8_t bits);
std::size_t explained_by_acronym(std::vector<WorkToken>& tokens, const std::string& acronym);

}  // namespace flgraph::resolve::detail
