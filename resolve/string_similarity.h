// resolve/string_similarity.h: edit similarities of short ASCII strings (name tokens).
#pragma once
#include <cstddef>
#include <string_view>

namespace flgraph::resolve {

// Jaro-Winkler similarity in [0,1] (Winkler 1990: prefix scale 0.1, prefix of at most 4).
double jaro_winkler(std::string_view a, std::string_view b);

// Levenshtein distance (insertions, deletions, substitutions, each costing 1).
std::size_t levenshtein(std::string_view a, std::string_view b);

// Whether two different strings are one edit apart: one letter inserted, deleted or replaced, or
// two neighbouring letters swapped (Damerau).
bool one_edit_apart(std::string_view a, std::string_view b);

// 1 - levenshtein / longer length, in [0,1]; 1 for two empty strings.
double edit_similarity(std::string_view a, std::string_view b);

}  // namespace flgraph::resolve
