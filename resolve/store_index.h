// resolve/store_index.h: a store's named entities as a name index.
#pragma once
#include <functional>
#include <string_view>
#include <vector>

#include "graph/store.h"
#include "resolve/name_matcher.h"

namespace flgraph::resolve {

// Kinds that are parties with names worth matching: organisations, people, vessels and sites
// (shipments, products and cases are described, not named).
bool is_matchable(graph::EntityKind kind);

// Whether entities of two kinds can be one real entity (kinds_compatible of qualifiers.h).
bool kinds_compatible(graph::EntityKind a, graph::EntityKind b);

// A country-only qualifier, as the callers that know no more about a name give it.
Qualifiers country_qualifier(std::string_view country);

// The matchable entities of a store under their names and aliases. Protected entities stay out:
// a score against a witness's name would confirm that name to whoever typed it.
class StoreNameIndex {
 public:
  StoreNameIndex() = default;
  explicit StoreNameIndex(const graph::Store& store);

  // Adds an entity (no-op for protected or unmatchable ones); returns whether it was added.
  bool add(const graph::EntityRecord& entity, graph::EntityRowId row = 0);
  const NameIndex& names() const { return index_; }
  std::size_t size() const { return index_.size(); }
  graph::EntityKind kind(std::size_t record) const { return kinds_.at(record); }
  graph::EntityRowId row(std::size_t record) const { return rows_.at(record); }
  std::string id(std::size_t record) const { return index_.id(record); }

  // The best entities for a name and its qualifiers, best first; `accept` (if set) filters by
  // kind, `still_matchable` (if set) by the entity's row as the store has it now.
  std::vector<Candidate> match(
      std::string_view name, const Qualifiers& qualifiers, std::size_t limit, double min_score,
      const std::function<bool(graph::EntityKind)>& accept = {},
      const std::function<bool(graph::EntityRowId)>& still_matchable = {}) const;

 private:
  NameIndex index_;
  std::vector<graph::EntityKind> kinds_;
  std::vector<graph::EntityRowId> rows_;
};

}  // namespace flgraph::resolve
