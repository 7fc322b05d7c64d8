// fuzz/fuzz_name_normalizer.cpp: two names (split at the first newline) normalised, blocked and
// scored. Names are never rejected (invalid UTF-8 is replaced), so nothing may throw, and a
// score must stay in [0,1].
#include <cmath>
#include <cstdlib>

#include "fuzz_support.h"
#include "resolve/name_matcher.h"
#include "resolve/name_normalizer.h"
#include "resolve/qualifiers.h"

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
  // The second line also serves as a date of birth and an identifier: qualifiers parse any text.
  Qualifiers kp;
  kp.country = "KP";
  kp.birth_dates = {std::string(second)};
  kp.identifiers = {std::string(first), std::string(second)};
  Qualifiers cn;
  cn.country = "CN";
  cn.kind = "person";
  cn.birth_dates = {std::string(first)};
  cn.identifiers = {std::string(second)};
  const auto score = score_qualified(query, kp, candidate, cn);
  if (!(score.score >= 0.0 && score.score <= 1.0)) std::abort();

  NameIndex index;
  IndexedRecord record;
  record.id = "a";
  record.qualifiers = kp;
  record.names = {std::string(first), std::string(second)};
  index.add(record);
  for (const auto& match : index.match(name_readings(second), cn, 5, 0.0)) {
    if (!(match.score.score >= 0.0 && match.score.score <= 1.0)) std::abort();
  }
  return 0;
}
