// resolve/name_score.h: a score with its explanation, shared by the name matcher and the
// qualifiers.
#pragma once
#include <string>
#include <vector>

namespace flgraph::resolve {

struct TokenAlignment {
  std::string query;      // empty: the candidate's token has no partner
  std::string candidate;  // empty: the query's token has no partner
  double similarity = 0.0;
  std::string how;  // exact, romanisation, edit, joined, legal_form, or unmatched
};

struct ScoreFeature {
  std::string name;  // distinctive, tokens, legal_form, country
  double value = 0.0;
  double weight = 0.0;  // 0 when the feature does not apply
  std::string detail;
};

struct NameScore {
  double score = 0.0;
  std::vector<ScoreFeature> features;
  std::vector<TokenAlignment> alignments;
};

}  // namespace flgraph::resolve
