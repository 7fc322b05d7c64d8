// queries/trace.h: how is this buyer or good linked to documented forced labour? (DESIGN.md, Queries)
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "graph/query_graph.h"

namespace flgraph::queries {

using graph::EdgeIdx;
using graph::VertexId;

inline constexpr int kDefaultMaxHops = 6;
inline constexpr std::size_t kDefaultPathsPerCase = 3;
inline constexpr int kDefaultToleranceDays = 365;

// Bit i set: relation kind i may be walked.
using KindMask = std::uint16_t;
constexpr KindMask kind_bit(graph::RelationKind kind) {
  return static_cast<KindMask>(1u << static_cast<unsigned>(kind));
}
// dispatches_workers, operated_by, ships, consigned_to, supplies, owned_by, documents, same_as.
KindMask trace_kinds();

struct CaseDistances;  // queries/paths.h

struct TraceOptions {
  int max_hops = kDefaultMaxHops;
  std::size_t paths_per_case = kDefaultPathsPerCase;  // 0: distances only
  double min_confidence = 0.0;                         // edges below are not walked
  KindMask kinds = trace_kinds();
  std::optional<graph::Date> from_date;  // relations entirely outside the window are dropped
  std::optional<graph::Date> to_date;
  bool temporal = false;  // only paths consistent with each case's dates
  int tolerance_days = kDefaultToleranceDays;
  // Optional hops_to_any_case() of the same graph, computed once and shared by many queries: a
  // start with no case within reach is answered at once, and the path search skips vertices no
  // case path within max_hops can cross. Results do not change, only speed.
  const CaseDistances* case_distances = nullptr;
  // Threads for the per-case temporal searches of one trace (a query with many cases in reach
  // splits them). Results do not change, only speed.
  int threads = 1;
};

// A chain of relations from a case to the start, in arrow order (case first).
struct EvidencePath {
  std::vector<EdgeIdx> edges;
  std::vector<VertexId> vertices;  // case first, start last; one more than edges
  double strength = 1.0;           // product of the hop confidences
  double weakest_link = 1.0;
  int hops = 0;                    // same_as steps are free and do not count
};

struct CaseResult {
  VertexId case_vertex = 0;
  int hops = 0;                      // minimum hop distance (under the options)
  std::vector<EvidencePath> paths;   // strongest first, then fewest hops
  bool search_truncated = false;     // the path search hit its work limit: paths may not be the best
};

struct TraceResult {
  VertexId start = 0;
  std::vector<VertexId> origins;  // where walking began: the start, or a product's shipments
  std::vector<CaseResult> cases;  // strongest best path first, then fewest hops, then id
};

// Walks against the arrows from `start` over the allowed kinds, at most max_hops hops. Starting
// at a product starts from every shipment that carries it.
TraceResult trace_to_cases(const graph::QueryGraph& graph, VertexId start, const TraceOptions& options);

// Whether the edge may be walked at all under the options (kind, confidence, date window).
// Inline: it runs once per edge of every walk.
inline bool edge_admissible(const graph::QueryGraph& graph, EdgeIdx edge, const TraceOptions& options) {
  if ((options.kinds & kind_bit(graph.edge_kind(edge))) == 0) return false;
  if (graph.edge_confidence(edge) < options.min_confidence) return false;
  if (options.from_date && graph.edge_to(edge) < options.from_date->days) return false;
  if (options.to_date && graph.edge_from(edge) > options.to_date->days) return false;
  return true;
}

// Temporal consistency (DESIGN.md): the case's window is its documents relation's interval
// widened by the tolerance; shipment relations must be dated inside it, others must overlap it.
struct CaseWindow {
  std::int32_t from = graph::kOpenStart;
  std::int32_t to = graph::kOpenEnd;
};
CaseWindow case_window(const graph::QueryGraph& graph, EdgeIdx documents_edge, int tolerance_days);
bool edge_valid_in_window(const graph::QueryGraph& graph, EdgeIdx edge, const CaseWindow& window);

}  // namespace flgraph::queries
