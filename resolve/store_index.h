// resolve/store_index.h: a store's named entities as a name index.
#pragma once
#include <functional>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "graph/store.h"
#include "resolve/detail/appendable_column.h"
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
  // Built from the store's entities, in memory.
  explicit StoreNameIndex(const graph::Store& store);
  // The parts of an index mapped from a file; `file` keeps the mapping they point into.
  StoreNameIndex(NameIndex index, detail::AppendableColumn<graph::EntityKind> kinds,
                 detail::AppendableColumn<graph::EntityRowId> rows,
                 std::shared_ptr<const void> file)
      : file_(std::move(file)),
        index_(std::move(index)),
        kinds_(std::move(kinds)),
        rows_(std::move(rows)) {}
  // The store's index, mapped from its name index file (name_index_file.h) when that is current;
  // else built from the store and saved as that file, for the next command, and mapped back.
  // Mapped, only the pages a query reads are in memory, and a start costs no build.
  static StoreNameIndex load(const graph::Store& store);
  bool is_mapped() const { return file_ != nullptr; }

  // Adds an entity (no-op for protected or unmatchable ones); returns whether it was added.
  bool add(const graph::EntityRecord& entity, graph::EntityRowId row = 0);
  const NameIndex& names() const { return index_; }
  std::size_t size() const { return index_.size(); }
  graph::EntityKind kind(std::size_t record) const { return kinds_.at(record); }
  graph::EntityRowId row(std::size_t record) const { return rows_.at(record); }
  std::span<const graph::EntityKind> kinds() const { return kinds_.span(); }
  std::span<const graph::EntityRowId> rows() const { return rows_.span(); }
  std::string id(std::size_t record) const { return index_.id(record); }

  // The best entities for a name and its qualifiers, best first; `accept` (if set) filters by
  // kind, `still_matchable` (if set) by the entity's row as the store has it now.
  std::vector<Candidate> match(
      std::string_view name, const Qualifiers& qualifiers, std::size_t limit, double min_score,
      const std::function<bool(graph::EntityKind)>& accept = {},
      const std::function<bool(graph::EntityRowId)>& still_matchable = {}) const;

 private:
  std::shared_ptr<const void> file_;  // first: the parts below may point into it
  NameIndex index_;
  detail::AppendableColumn<graph::EntityKind> kinds_;
  detail::AppendableColumn<graph::EntityRowId> rows_;
};

}  // namespace flgraph::resolve
