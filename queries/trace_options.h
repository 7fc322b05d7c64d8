// queries/trace_options.h: what a trace or a path search is asked for, on top of the walk.
#pragma once
#include <cstddef>

#include "queries/walk.h"

namespace flgraph::queries {

inline constexpr std::size_t kDefaultPathsPerCase = 3;

struct TraceOptions : WalkOptions {
  std::size_t paths_per_case = kDefaultPathsPerCase;  // 0: distances only
  bool temporal = false;  // only paths consistent with each case's dates
  // Threads for the per-case temporal searches of one trace (a query with many cases in reach
  // splits them). Results do not change, only speed.
  int threads = 1;
};

}  // namespace flgraph::queries
