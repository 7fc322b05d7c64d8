// queries/exposure.cpp: exposure from the best trace paths of each case, per channel.
#include "queries/exposure.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "queries/temporal_rule.h"

namespace flgraph::queries {
namespace {

using graph::RelationKind;

bool uses_ownership(const graph::QueryGraph& graph, const EvidencePath& path) {
  return std::any_of(path.edges.begin(), path.edges.end(),
                     [&](EdgeIdx e) { return graph.edge_kind(e) == RelationKind::OwnedBy; });
}

// Trade links between the documented party and the entity: a shipment's `ships` or a `supplies`.
int supplier_tier(const graph::QueryGraph& graph, const EvidencePath& path) {
  return static_cast<int>(std::count_if(path.edges.begin(), path.edges.end(), [&](EdgeIdx e) {
    const auto kind = graph.edge_kind(e);
    return kind == RelationKind::Ships || kind == RelationKind::Supplies;
  }));
}

bool temporally_consistent(const graph::QueryGraph& graph, const EvidencePath& path,
                           int tolerance_days) {
  if (path.edges.empty() || graph.edge_kind(path.edges.front()) != RelationKind::Documents)
    return false;
  const auto window = case_window(graph, path.edges.front(), tolerance_days);
  return std::all_of(path.edges.begin(), path.edges.end(),
                     [&](EdgeIdx e) { return edge_valid_in_window(graph, e, window); });
}

double combined(const std::vector<double>& contributions) {
  double none = 1.0;
  for (const double c : contributions) none *= 1.0 - c;
  return 1.0 - none;
}

class ChannelScorer {
 public:
  ChannelScorer(const graph::QueryGraph& graph, const ExposureOptions& options)
      : graph_(graph), options_(options) {}

  // The best row per case over the paths of a plain and a temporal trace with these kinds.
  std::map<VertexId, CaseContribution> best_rows(VertexId entity, KindMask kinds,
                                                 ExposureChannel channel) const {
    std::map<VertexId, CaseContribution> best;
    for (const bool temporal : {false, true}) {
      TraceOptions trace;
      trace.max_hops = options_.max_hops;
      trace.min_confidence = options_.min_confidence;
      trace.kinds = kinds;
      trace.paths_per_case = kExposurePathsPerCase;
      trace.temporal = temporal;
      trace.tolerance_days = options_.tolerance_days;
      trace.case_distances = options_.case_distances;
      for (auto& found : trace_to_cases(graph_, entity, trace).cases) {
        for (auto& path : found.paths) {
          if (channel == ExposureChannel::Ownership && !uses_ownership(graph_, path)) continue;
          auto row = row_of(found.case_vertex, channel, std::move(path));
          auto [at, inserted] = best.try_emplace(row.case_vertex, row);
          if (!inserted && better_row(row, at->second)) at->second = std::move(row);
        }
      }
    }
    return best;
  }

 private:
  CaseContribution row_of(VertexId case_vertex, ExposureChannel channel, EvidencePath path) const {
    CaseContribution row;
    row.case_vertex = case_vertex;
    row.channel = channel;
    row.strength = path.strength;
    row.hops = path.hops;
    row.tier = supplier_tier(graph_, path);
    row.decay_factor = std::pow(options_.decay_per_hop, std::max(0, path.hops - 1));
    row.temporally_consistent = temporally_consistent(graph_, path, options_.tolerance_days);
    row.temporal_factor = row.temporally_consistent ? 1.0 : kInconsistentFactor;
    row.contribution = row.strength * row.decay_factor * row.temporal_factor;
    row.path = std::move(path);
    return row;
  }

  // Larger contribution; on a tie, fewer hops, then the consistent one: the same row every run.
  static bool better_row(const CaseContribution& a, const CaseContribution& b) {
    if (a.contribution != b.contribution) return a.contribution > b.contribution;
    if (a.hops != b.hops) return a.hops < b.hops;
    if (a.temporally_consistent != b.temporally_consistent) return a.temporally_consistent;
    return a.path.edges < b.path.edges;
  }

  const graph::QueryGraph& graph_;
  const ExposureOptions& options_;
};

}  // namespace

std::string_view to_string(ExposureBand band) {
  switch (band) {
    case ExposureBand::None:
      return "none";
    case ExposureBand::Low:
      return "low";
    case ExposureBand::Medium:
      return "medium";
    case ExposureBand::High:
      return "high";
  }
  return "none";
}

ExposureBand band_of(double score_0_to_1) {
  if (score_0_to_1 >= kHighBandFrom) return ExposureBand::High;
  if (score_0_to_1 >= kMediumBandFrom) return ExposureBand::Medium;
  if (score_0_to_1 > 0.0) return ExposureBand::Low;
  return ExposureBand::None;
}

std::string_view to_string(ExposureChannel channel) {
  return channel == ExposureChannel::Supply ? "supply" : "ownership";
}

ExposureResult score_exposure(const graph::QueryGraph& graph, VertexId entity,
                              const ExposureOptions& options) {
  ExposureResult result;
  result.entity = entity;
  result.options = options;
  const ChannelScorer scorer(graph, options);
  const KindMask all_kinds = trace_kinds();
  const KindMask supply_kinds = static_cast<KindMask>(all_kinds & ~kind_bit(RelationKind::OwnedBy));

  auto supply = scorer.best_rows(entity, supply_kinds, ExposureChannel::Supply);
  auto ownership = scorer.best_rows(entity, all_kinds, ExposureChannel::Ownership);
  // Ownership rows only where ownership adds: a case supply misses, or reaches more weakly.
  for (auto it = ownership.begin(); it != ownership.end();) {
    const auto found = supply.find(it->first);
    it = found != supply.end() && found->second.contribution >= it->second.contribution
             ? ownership.erase(it)
             : std::next(it);
  }

  std::vector<double> supply_values, ownership_values, counted_values;
  for (auto& [case_vertex, row] : supply) {
    supply_values.push_back(row.contribution);
    row.counted_in_score = !ownership.contains(case_vertex);
    if (row.counted_in_score) counted_values.push_back(row.contribution);
    result.contributions.push_back(std::move(row));
  }
  for (auto& [case_vertex, row] : ownership) {
    ownership_values.push_back(row.contribution);
    row.counted_in_score = true;
    counted_values.push_back(row.contribution);
    result.contributions.push_back(std::move(row));
  }
  result.supply_score = combined(supply_values);
  result.ownership_score = combined(ownership_values);
  result.score = combined(counted_values);
  result.band = band_of(result.score);
  for (const auto& row : result.contributions) {
    if (!result.closest_tier || row.tier < *result.closest_tier) result.closest_tier = row.tier;
  }
  std::sort(result.contributions.begin(), result.contributions.end(),
            [&](const auto& a, const auto& b) {
              if (a.contribution != b.contribution) return a.contribution > b.contribution;
              if (a.case_vertex != b.case_vertex)
                return graph.id(a.case_vertex) < graph.id(b.case_vertex);
              return a.channel < b.channel;
            });
  return result;
}

}  // namespace flgraph::queries
