// graph/detail/schema.h: the store's schema, one migration per version.
#pragma once
#include <array>
#include <utility>

#include "graph/store.h"

namespace flgraph::graph::detail {

// Migration i takes the schema from version i to i + 1. Append, never edit.
extern const std::array<const char*, kSchemaVersion> kMigrations;

// Indexes no import reads (they serve show, export and the relation walks of reports): a bulk
// load drops them and builds each once from the finished table, which is much faster than
// keeping them up to date row by row. Same definitions as in the migrations.
extern const std::array<std::pair<const char*, const char*>, 2> kDeferredIndexes;

// The unique index on relation ids (migration v5), which a pipelined load drops while it writes
// relations and builds once afterwards (Store::suspend_relation_id_index).
extern const char* const kRelationIdIndex;

}  // namespace flgraph::graph::detail
