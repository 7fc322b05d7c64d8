// fuzz/fuzz_name_normalizer.cpp: two names (split at the first newline) normalised, blocked and
// scored. Names are never rejected (invalid UTF-8 is replaced), so nothing may throw, and a
// score must stay in [0,1].
#include <cmath>
#include <cstdlib>

#include "fuzz_support.h"
#include "resolve/name_matcher.h"
#include "resolve/name_normalizer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace flgraph::resolve;
  const auto text = flgraph::fuzz::as_text(data, size);
  const auto newline = text.find('\n');
  const auto first = text.substr(0, newline);
  const auto second = newline == std::string_view::npos ? first : text.substr(newline + 1);

  const auto query = normalize_name(first);
  const auto candidate = normalize_name(second);
  (void)query.text();
  (void)blocking_keys(query);
  const auto score = score_names(query, candidate, nullptr, "KP", "CN");
  if (!(score.score >= 0.0 && score.score <= 1.0)) std::abort();

  NameIndex index;
  index.add({"a", "company", "KP", {std::string(first), std::string(second)}});
  for (const auto& match : index.match(candidate, "", 5, 0.0)) {
    if (!(match.score.score >= 0.0 && match.score.score <= 1.0)) std::abort();
  }
  return 0;
}
