// queries/evidence_path.h: a chain of relations from a case to the start, as trace and paths list it.
#pragma once
#include <vector>

#include "queries/walk_filter.h"

namespace flgraph::queries {

// A chain of relations from a case to the start, in arrow order (case first).
struct EvidencePath {
  std::vector<EdgeIdx> edges;
  std::vector<VertexId> vertices;  // case first, start last; one more than edges
  double strength = 1.0;           // product of the hop confidences
  double weakest_link = 1.0;
  int hops = 0;                    // same_as steps are free and do not count
};

}  // namespace flgraph::queries
