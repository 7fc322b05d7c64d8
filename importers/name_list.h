// importers/name_list.h: a list of names to screen (CSV: name, optional country and id)
// and a resolver that ties each row to a store entity by id or by name, or leaves it unmatched.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "graph/store.h"
#include "resolve/store_index.h"

namespace flgraph::importers {

struct NameListRow {
  std::size_t line = 0;
  std::string name;
  std::string country;  // ISO alpha-2: the row's own (a code or a country name), else the default
  std::string id;       // optional
};

// Reads a CSV with a `name` column (any case) and optional `country` and `id` columns. A row
// with an empty name and no id, a row of the wrong width or an unknown country stops the read
// with FILE:LINE and the field.
std::vector<NameListRow> read_name_list(const std::filesystem::path& csv,
                                        const std::string& default_country);

struct RowResolution {
  enum class Method { Id, Name, Unmatched };
  Method method = Method::Unmatched;
  std::string entity_id;
  double score = 0.0;
  std::string nearest_id;  // unmatched: the best candidate below the threshold
  double nearest_score = 0.0;
};

// Rows resolve by id when the id names an entity (protected persons excepted), else by the best
// name match of a supplying kind (company, state_entity, site) at or above the threshold, else
// stay unmatched with their nearest candidate: a weak match is reported, never guessed.
class NameListResolver {
 public:
  NameListResolver(const graph::Store& store, double threshold);
  RowResolution resolve(const NameListRow& row) const;

 private:
  const graph::Store& store_;
  resolve::StoreNameIndex index_;
  double threshold_;
};

}  // namespace flgraph::importers
