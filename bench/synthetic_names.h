// bench/synthetic_names.h: company names built like the sanctions lists', each with a variant
// query, for measuring blocking and matching at 100k x 100k.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace flgraph::bench {

struct SyntheticSet {
  std::vector<std::string> index_names;
  std::vector<std::string> queries;  // queries[i] is a variant of index_names[i]
  std::vector<std::size_t> variant;  // which change made queries[i], an index into kVariants
};

// The changes a query may carry, by index (SyntheticSet::variant).
extern const std::vector<std::string> kVariants;

// Company names built like the real lists' (place, one or two distinctive words of Korean- and
// Chinese-like syllables, generic words, a legal form); each query respells, mistypes, drops,
// reorders or joins parts of its own record's name. Deterministic for a given count.
SyntheticSet make_synthetic(std::size_t count);

}  // namespace flgraph::bench
