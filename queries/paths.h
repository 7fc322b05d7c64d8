// queries/paths.h: every simple path from an entity to a target or to any case, for legal review.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "queries/case_distances.h"
#include "queries/evidence_path.h"
#include "queries/trace_options.h"

namespace flgraph::queries {

inline constexpr int kDefaultPathHops = 5;
inline constexpr std::size_t kDefaultPathLimit = 20;

struct PathsOptions {
  TraceOptions walk;               // kinds, min_confidence, dates; max_hops is the path bound
  std::optional<VertexId> target;  // none: any case
  std::size_t limit = kDefaultPathLimit;
  // Optional hops_to_any_case() of the same graph, computed once and shared by many queries;
  // it is a lower bound whatever the filters, so results do not change, only speed.
  const CaseDistances* case_distances = nullptr;
  PathsOptions() { walk.max_hops = kDefaultPathHops; }
};

struct PathsResult {
  std::uint64_t count = 0;          // exact, however many are listed
  std::vector<EvidencePath> paths;  // up to limit, strongest first, then fewest hops
};

// Counts the simple paths X = v0 <- v1 <- ... <- vk = target (1 <= k <= bound hops), walking
// against the arrows; same_as steps are free. Listed paths run target first, X last.
PathsResult find_paths(const graph::QueryGraph& graph, VertexId from, const PathsOptions& options);

}  // namespace flgraph::queries
