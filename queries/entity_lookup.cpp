// queries/entity_lookup.cpp: id and pseudonym look-up with suggestions.
#include "queries/entity_lookup.h"

#include "graph/errors.h"
#include "graph/protection.h"

namespace flgraph::queries {
namespace {

constexpr std::size_t kSuggestions = 5;

[[noreturn]] void throw_unknown(const graph::Store& store, std::string_view id) {
  throw UnknownEntityError(id, store.suggest_entities(id, kSuggestions));
}

// The id the data gave a protected record: its pseudonym, found only with the key at hand.
std::optional<std::string> pseudonym_of_real_id(const graph::Store& store, std::string_view text) {
  if (graph::is_pseudonym(text) || !store.try_unlock_quietly()) return std::nullopt;
  return store.pseudonym_for(text);
}

}  // namespace

graph::VertexId resolve_entity(const graph::Store& store, const graph::QueryGraph& graph,
                               std::string_view id) {
  if (auto vertex = graph.find(id)) return *vertex;
  if (auto real_id = pseudonym_of_real_id(store, id)) {
    if (auto vertex = graph.find(*real_id)) return *vertex;
  }
  throw_unknown(store, id);
}

graph::StoredEntity resolve_stored_entity(const graph::Store& store, std::string_view id) {
  if (auto entity = store.entity(id)) return *entity;
  if (auto real_id = pseudonym_of_real_id(store, id)) {
    if (auto entity = store.entity(*real_id)) return *entity;
  }
  throw_unknown(store, id);
}

}  // namespace flgraph::queries
