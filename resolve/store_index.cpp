// resolve/store_index.cpp: which entities are matched, and under which names.
#include "resolve/store_index.h"

#include "resolve/entity_qualifiers.h"

namespace flgraph::resolve {

using graph::EntityKind;

bool is_matchable(EntityKind kind) {
  switch (kind) {
    case EntityKind::StateEntity:
    case EntityKind::Company:
    case EntityKind::Person:
    case EntityKind::Site:
    case EntityKind::Vessel:
      return true;
    case EntityKind::Shipment:
    case EntityKind::Product:
    case EntityKind::Case:
      return false;
  }
  return false;
}

bool kinds_compatible(EntityKind a, EntityKind b) {
  return kinds_compatible(graph::to_string(a), graph::to_string(b));
}

Qualifiers country_qualifier(std::string_view country) {
  Qualifiers out;
  out.country = country;
  return out;
}

StoreNameIndex::StoreNameIndex(const graph::Store& store) {
  store.for_each_entity([&](const graph::StoredEntity& entity) { add(entity.record, entity.row); });
  index_.finish();
}

bool StoreNameIndex::add(const graph::EntityRecord& entity, graph::EntityRowId row) {
  if (entity.is_protected || !is_matchable(entity.kind)) return false;
  IndexedRecord record;
  record.id = entity.id;
  record.qualifiers = entity_qualifiers(entity);
  if (!entity.name.empty()) record.names.push_back(entity.name);
  for (const auto& alias : entity.aliases) {
    if (!alias.empty() && alias != entity.name) record.names.push_back(alias);
  }
  if (record.names.empty()) return false;
  index_.add(std::move(record));
  kinds_.push_back(entity.kind);
  rows_.push_back(row);
  return true;
}

std::vector<Candidate> StoreNameIndex::match(
    std::string_view name, const Qualifiers& qualifiers, std::size_t limit, double min_score,
    const std::function<bool(EntityKind)>& accept,
    const std::function<bool(graph::EntityRowId)>& still_matchable) const {
  const auto query = name_readings(name);
  if (query.empty() || query.front().empty()) return {};
  std::function<bool(std::size_t)> keep;
  if (accept || still_matchable) {
    keep = [&](std::size_t record) {
      return (!accept || accept(kinds_.at(record))) &&
             (!still_matchable || still_matchable(rows_.at(record)));
    };
  }
  return index_.match(query, qualifiers, limit, min_score, keep);
}

}  // namespace flgraph::resolve
