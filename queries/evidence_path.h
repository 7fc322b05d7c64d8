// queries/evidence_path.h: a chain of relations from a case to the start, and the one order in
// which trace and paths rank such chains.
#pragma once
#include <cmath>
#include <vector>

#include "queries/walk_filter.h"

namespace flgraph::queries {

// A chain of relations from a case to the start, in arrow order (case first).
struct EvidencePath {
  std::vector<EdgeIdx> edges;
  std::vector<VertexId> vertices;  // case first, start last; one more than edges
  double strength = 1.0;           // product of the hop confidences
  double weakest_link = 1.0;
  int hops = 0;  // same_as steps are free and do not count
};

// Strengths closer than this are taken as equal: the same confidences multiplied in another
// order may differ in the last bit, and must not outrank a path with fewer hops for that.
inline constexpr double kStrengthTieEpsilon = 1e-12;
inline bool strengths_differ(double a, double b) { return std::abs(a - b) > kStrengthTieEpsilon; }

// What a path is ranked by, so a search can rank a path before it builds one.
struct PathRank {
  double strength = 1.0;
  int hops = 0;
};

// Strongest first, then fewest hops.
inline bool ranks_before(const PathRank& a, const PathRank& b) {
  if (strengths_differ(a.strength, b.strength)) return a.strength > b.strength;
  return a.hops < b.hops;
}
inline bool ranks_before(const EvidencePath& a, const EvidencePath& b) {
  return ranks_before(PathRank{a.strength, a.hops}, PathRank{b.strength, b.hops});
}

}  // namespace flgraph::queries
