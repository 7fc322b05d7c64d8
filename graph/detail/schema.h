// graph/detail/schema.h: the store's schema, one migration per version.
#pragma once
#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "graph/store.h"

namespace flgraph::graph::detail {

// Migration i takes the schema from version i to i + 1. Append, never edit.
extern const std::array<const char*, kSchemaVersion> kMigrations;

// Indexes no import reads (they serve show, export and the relation walks of reports): a bulk
// load drops them and builds each once from the finished table, which is much faster than
// keeping them up to date row by row. Same definitions as in the migrations.
extern const std::array<std::pair<const char*, const char*>, 1> kDeferredIndexes;

// The indexes that find a relation by its id, given (relation_ext_id) or derived from its ends
// (relation_by_ends): a pipelined load drops them while it writes relations and builds them once
// afterwards (Store::suspend_relation_id_index). The recent part's two stay: they are empty in a
// new store, and with rows inserted 64 to a statement they cost no time a row can show, where
// building them after reads the whole table (0.14 s at 1M relations).
extern const std::array<std::pair<const char*, const char*>, 2> kSuspendedRelationIndexes;

// Every index on a relation's ends, in its settled part and its recent one (schema v7): the
// ones Store::settle_recent_relations builds again.
extern const std::array<std::pair<const char*, const char*>, 4> kRelationEndIndexes;

// `terms` (a look-up by src, dst or all the ends) as SQLite can answer it from both parts of
// the indexes on the ends: "((terms) AND recent IS NULL OR (terms) AND recent IS NOT NULL)".
std::string in_both_parts(std::string_view terms);

}  // namespace flgraph::graph::detail
