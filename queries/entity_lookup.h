// queries/entity_lookup.h: turning what a user typed into a vertex, with "did you mean" hints.
#pragma once
#include <string_view>

#include "graph/query_graph.h"
#include "graph/store.h"

namespace flgraph::queries {

// The vertex of an id, or of a witness pseudonym ("W-..."). Throws NotFoundError naming the
// closest ids and names when there is none.
graph::VertexId resolve_entity(const graph::Store& store, const graph::QueryGraph& graph,
                               std::string_view id);

// The same for commands that read only the store.
graph::StoredEntity resolve_stored_entity(const graph::Store& store, std::string_view id);

}  // namespace flgraph::queries
