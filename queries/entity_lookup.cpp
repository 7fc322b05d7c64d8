// queries/entity_lookup.cpp: id and pseudonym look-up with suggestions.
#include "queries/entity_lookup.h"

#include "graph/errors.h"
#include "graph/protection.h"

namespace flgraph::queries {
namespace {

constexpr std::size_t kSuggestions = 5;

[[noreturn]] void throw_unknown(const graph::Store& store, std::string_view id) {
  throw NotFoundError(unknown_entity_message(id, store.suggest_entities(id, kSuggestions)));
}

std::optional<std::string> id_of_pseudonym(const graph::Store& store, std::string_view text) {
  if (text.substr(0, 2) != "W-") return std::nullopt;
  std::optional<std::string> found;
  store.for_each_entity_key([&](const graph::Store::EntityKey& key) {
    if (key.is_protected && !found && graph::pseudonym(store.pseudonym_key(), key.id) == text) found = std::string(key.id);
  });
  return found;
}

}  // namespace

graph::VertexId resolve_entity(const graph::Store& store, const graph::QueryGraph& graph, std::string_view id) {
  if (auto vertex = graph.find(id)) return *vertex;
  if (auto real_id = id_of_pseudonym(store, id)) {
    if (auto vertex = graph.find(*real_id)) return *vertex;
  }
  throw_unknown(store, id);
}

graph::StoredEntity resolve_stored_entity(const graph::Store& store, std::string_view id) {
  if (auto entity = store.entity(id)) return *entity;
  if (auto real_id = id_of_pseudonym(store, id)) {
    if (auto entity = store.entity(*real_id)) return *entity;
  }
  throw_unknown(store, id);
}

}  // namespace flgraph::queries
