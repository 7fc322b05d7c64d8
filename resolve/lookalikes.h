// resolve/lookalikes.h: legitimate organisations whose names resemble listed entities (the
// shipped resolve/data/lookalikes.tsv, embedded at build time, plus users' own lists). A query that
// matches one at least as well as it matches the store is that organisation, not a listed entity.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "resolve/name_matcher.h"

namespace flgraph::resolve {

struct Lookalike {
  std::string id;
  std::string name;
  std::vector<std::string> other_names;
  std::string kind;                      // a kind of qualifiers.h (organization, company, ...)
  std::string country;                   // ISO alpha-2
  std::vector<std::string> identifiers;  // "BIC:KODBKRSE", "KRX:024110"
  std::string resembles;
  std::string website;
  std::string source;
};

// The columns of a look-alike file, in any order; all must be present (values may be empty except
// id, name and source).
inline constexpr std::string_view kLookalikeColumns[] = {
    "id", "name", "other_names", "kind", "country", "identifier", "resembles", "website", "source"};

struct LookalikeHit {
  const Lookalike* entry = nullptr;
  std::string matched_name;  // which of its names scored best
  NameScore score;
};

class LookalikeList {
 public:
  // The shipped list (resolve/data/lookalikes.tsv as embedded in the binary).
  static const LookalikeList& shipped();

  // Adds one row given by its header and fields; throws InputError naming `file`, `line` and the
  // field (missing column, empty id or name, unknown kind, wrong width).
  void add_row(const std::vector<std::string>& header, const std::vector<std::string>& fields,
               const std::string& file, std::size_t line);
  // Adds every row of tab-separated text with a header line (the resolve/data format).
  void add_tsv(std::string_view text, const std::string& file);
  // Adds another list's entries.
  void add_all(const LookalikeList& other);

  std::size_t size() const { return entries_.size(); }
  const Lookalike& entry(std::size_t index) const { return entries_.at(index); }

  // The best-scoring entry for a name and its qualifiers (kinds must be compatible), if it scores
  // at least `min_score`.
  std::optional<LookalikeHit> best(std::string_view name, const Qualifiers& qualifiers,
                                   double min_score) const;

 private:
  std::vector<Lookalike> entries_;
  NameIndex index_;
};

// Whether a look-alike hit overrides the best store score: it reaches the threshold and scores at
// least as high.
bool lookalike_wins(const std::optional<LookalikeHit>& hit, double best_store_score,
                    double threshold);

}  // namespace flgraph::resolve
