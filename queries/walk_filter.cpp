// queries/walk_filter.cpp: the relation kinds a trace walks by default.
#include "queries/walk_filter.h"

namespace flgraph::queries {

KindMask trace_kinds() {
  KindMask mask = 0;
  for (std::size_t k = 0; k < graph::kRelationKindCount; ++k) {
    const auto kind = static_cast<graph::RelationKind>(k);
    if (graph::is_trace_kind(kind)) mask |= kind_bit(kind);
  }
  return mask;
}

}  // namespace flgraph::queries
