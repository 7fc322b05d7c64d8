// importers/upsert_counts.h: how many records an import inserted, updated or left unchanged.
#pragma once
#include <cstdint>

#include "graph/store.h"

namespace flgraph::importers {

struct UpsertCounts {
  std::int64_t inserted = 0;
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;
  void add(graph::UpsertOutcome outcome);
  void add(const UpsertCounts& other) {
    inserted += other.inserted;
    updated += other.updated;
    unchanged += other.unchanged;
  }
  std::int64_t total() const { return inserted + updated + unchanged; }
};

}  // namespace flgraph::importers
