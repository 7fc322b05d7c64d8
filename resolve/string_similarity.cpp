// resolve/string_similarity.cpp: Jaro-Winkler and Levenshtein on bytes.
#include "resolve/string_similarity.h"

#include <algorithm>
#include <array>
#include <vector>

namespace flgraph::resolve {

double jaro_winkler(std::string_view a, std::string_view b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  const std::size_t window = std::max<std::size_t>(std::max(a.size(), b.size()) / 2, 1) - 1;
  // Name tokens are short: flags on the stack, on the heap only for long strings.
  std::array<char, 64> a_small{};
  std::array<char, 64> b_small{};
  std::vector<char> a_large(a.size() > a_small.size() ? a.size() : 0, 0);
  std::vector<char> b_large(b.size() > b_small.size() ? b.size() : 0, 0);
  char* a_matched = a_large.empty() ? a_small.data() : a_large.data();
  char* b_matched = b_large.empty() ? b_small.data() : b_large.data();
  std::size_t matches = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::size_t lo = i > window ? i - window : 0;
    const std::size_t hi = std::min(i + window + 1, b.size());
    for (std::size_t j = lo; j < hi; ++j) {
      if (b_matched[j] != 0 || a[i] != b[j]) continue;
      a_matched[i] = b_matched[j] = 1;
      ++matches;
      break;
    }
  }
  if (matches == 0) return 0.0;
  std::size_t transpositions = 0;
  for (std::size_t i = 0, j = 0; i < a.size(); ++i) {
    if (a_matched[i] == 0) continue;
    while (b_matched[j] == 0) ++j;
    if (a[i] != b[j]) ++transpositions;
    ++j;
  }
  const double m = static_cast<double>(matches);
  const double jaro = (m / static_cast<double>(a.size()) + m / static_cast<double>(b.size()) +
                       (m - static_cast<double>(transpositions) / 2.0) / m) /
                      3.0;
  std::size_t prefix = 0;
  while (prefix < 4 && prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  return jaro + static_cast<double>(prefix) * 0.1 * (1.0 - jaro);
}

std::size_t levenshtein(std::string_view a, std::string_view b) {
  std::array<std::size_t, 65> small{};
  std::vector<std::size_t> large(b.size() + 1 > small.size() ? b.size() + 1 : 0);
  std::size_t* row = large.empty() ? small.data() : large.data();
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

bool one_edit_apart(std::string_view a, std::string_view b) {
  if (a == b) return false;
  if (a.size() < b.size()) std::swap(a, b);
  if (a.size() - b.size() > 1) return false;
  std::size_t prefix = 0;
  while (prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  if (a.size() != b.size()) return a.substr(prefix + 1) == b.substr(prefix);
  if (a.substr(prefix + 1) == b.substr(prefix + 1)) return true;  // replaced
  return prefix + 1 < a.size() && a[prefix] == b[prefix + 1] && a[prefix + 1] == b[prefix] &&
         a.substr(prefix + 2) == b.substr(prefix + 2);  // swapped
}

double edit_similarity(std::string_view a, std::string_view b) {
  const std::size_t longer = std::max(a.size(), b.size());
  if (longer == 0) return 1.0;
  return 1.0 - static_cast<double>(levenshtein(a, b)) / static_cast<double>(longer);
}

}  // namespace flgraph::resolve
