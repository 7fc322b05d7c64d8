// queries/exposure.h: how strongly an entity is exposed to documented forced labour, as a number
// a reader can recompute from the contributions listed beside it.
#pragma once
#include <optional>
#include <string_view>
#include <vector>

#include "queries/trace.h"

namespace flgraph::queries {

// The method (also in docs/ANALYSIS.md, "Exposure"):
//   contribution = path strength x decay^(hops - 1) x temporal factor
// where the temporal factor is 1 when the path is consistent with the case's dates
// (docs/COMMANDS.md, "trace", temporal consistency) and kInconsistentFactor when it is not. A case
// counts once per channel, by its best listed path. Scores combine contributions as independent
// pieces of evidence:
//   score = 1 - product over cases of (1 - contribution)
inline constexpr double kDefaultDecayPerHop = 0.8;
inline constexpr double kInconsistentFactor = 0.5;
inline constexpr std::size_t kExposurePathsPerCase = 5;

// Band cut-offs: high from 0.5 (at least one strong, short, time-consistent route), medium from
// 0.2, low above 0.
inline constexpr double kHighBandFrom = 0.5;
inline constexpr double kMediumBandFrom = 0.2;

enum class ExposureBand { None, Low, Medium, High };
std::string_view to_string(ExposureBand band);
ExposureBand band_of(double score_0_to_1);

// Supply: goods or labour flow to the entity without an ownership tie on the route. Ownership:
// the route needs at least one owned_by relation (a parent exposed through a subsidiary); listed
// only when ownership reaches a case that supply does not reach, or reaches it more strongly.
enum class ExposureChannel { Supply, Ownership };
std::string_view to_string(ExposureChannel channel);

struct ExposureOptions {
  int max_hops = kDefaultMaxHops;
  double min_confidence = 0.0;
  double decay_per_hop = kDefaultDecayPerHop;
  int tolerance_days = kDefaultToleranceDays;
  const CaseDistances* case_distances = nullptr;  // as in TraceOptions: speed only
};

struct CaseContribution {
  VertexId case_vertex = 0;
  ExposureChannel channel = ExposureChannel::Supply;
  EvidencePath path;  // case first, the entity last
  double strength = 0.0;
  int hops = 0;
  // Supplier tier of the documented party: trade links (ships, supplies) between it and the
  // entity. 0: the case documents the entity itself or its own site; 1: a direct supplier.
  int tier = 0;
  double decay_factor = 1.0;  // decay_per_hop^(hops - 1)
  bool temporally_consistent = false;
  double temporal_factor = 1.0;
  double contribution = 0.0;
  bool counted_in_score = false;  // the case's strongest row over both channels
};

struct ExposureResult {
  VertexId entity = 0;
  double score = 0.0;            // every case once, by its strongest row
  double supply_score = 0.0;     // supply rows only
  double ownership_score = 0.0;  // ownership rows only
  ExposureBand band = ExposureBand::None;
  std::optional<int> closest_tier;              // the least tier of any row
  std::vector<CaseContribution> contributions;  // largest contribution first, then case id order
  ExposureOptions options;
};

// Deterministic: the same graph and options give the same result, bit for bit.
ExposureResult score_exposure(const graph::QueryGraph& graph, VertexId entity,
                              const ExposureOptions& options);

}  // namespace flgraph::queries
