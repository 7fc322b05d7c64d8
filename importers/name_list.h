// importers/name_list.h: a list of names to screen (CSV: name, optional country, id, kind, dob and
// id_number)
// and a resolver that ties each row to a store entity by id or by name, or leaves it unmatched.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/store.h"
#include "resolve/lookalikes.h"
#include "resolve/store_index.h"

namespace flgraph::importers {

struct NameListRow {
  std::size_t line = 0;
  std::string name;
  std::string country;  // ISO alpha-2: the row's own (a code or a country name), else the default
  std::string id;       // optional
  std::string kind;     // optional: a kind of resolve/qualifiers.h
  std::string dob;      // optional: YYYY, YYYY-MM or YYYY-MM-DD
  std::vector<std::string> id_numbers;  // optional: "IMO 9074729", "Passport 654435458", ...

  // What the row says besides its name, as the matcher takes it.
  resolve::Qualifiers qualifiers() const;
};

// Reads a CSV with a `name` column (any case) and optional `country`, `id`, `kind`, `dob` (or
// `date_of_birth`) and `id_number` (or `identifier`; several separated by `;`) columns. A row
// with an empty name and no id, a row of the wrong width, an unknown country or kind, or a date
// of birth not in YYYY[-MM[-DD]] stops the read with FILE:LINE and the field.
std::vector<NameListRow> read_name_list(const std::filesystem::path& csv,
                                        const std::string& default_country);
// The same from bytes already read (an upload); errors name `file`.
std::vector<NameListRow> parse_name_list(const std::string& file, const std::string& text,
                                         const std::string& default_country);

// "IMO 9074729; Passport 654435458" as its identifiers, trimmed, empty ones dropped.
std::vector<std::string> split_id_numbers(std::string_view text);

struct RowResolution {
  enum class Method { Id, Name, Unmatched };
  Method method = Method::Unmatched;
  std::string entity_id;
  double score = 0.0;
  std::string nearest_id;  // unmatched: the best candidate below the threshold
  double nearest_score = 0.0;
  // A legitimate look-alike that the name resolves to (the row is then Unmatched).
  std::optional<resolve::LookalikeHit> lookalike;
};

// Rows resolve by id when the id names an entity (protected persons excepted), else by the best
// name match of a supplying kind (company, state_entity, site) at or above the threshold, else
// stay unmatched with their nearest candidate: a weak match is reported, never guessed. A name
// that resolves to a known look-alike (lookalike_wins) stays unmatched and carries it.
class NameListResolver {
 public:
  NameListResolver(const graph::Store& store, double threshold,
                   const resolve::LookalikeList& lookalikes = resolve::LookalikeList::shipped());
  RowResolution resolve(const NameListRow& row) const;

 private:
  const graph::Store& store_;
  resolve::StoreNameIndex index_;
  double threshold_;
  const resolve::LookalikeList& lookalikes_;
};

}  // namespace flgraph::importers
