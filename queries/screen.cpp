// queries/screen.cpp: resolve every supplier row, then score each distinct entity once.
#include "queries/screen.h"

#include <atomic>
#include <thread>
#include <unordered_map>

#include "queries/case_distances.h"

namespace flgraph::queries {

ScreenResult screen_suppliers(const graph::QueryGraph& graph, const std::vector<SupplierRow>& rows,
                              const Resolver& resolve, const ExposureOptions& options,
                              unsigned threads) {
  ScreenResult result;
  result.rows.reserve(rows.size());
  std::vector<VertexId> distinct;
  std::unordered_map<VertexId, std::size_t> slot_of;
  for (const auto& row : rows) {
    ScreenedRow screened{row, resolve(row), std::nullopt, std::nullopt};
    if (!screened.resolution.entity_id.empty())
      screened.vertex = graph.find(screened.resolution.entity_id);
    if (!screened.vertex) screened.resolution.method = Resolution::Method::Unmatched;
    if (screened.vertex && slot_of.try_emplace(*screened.vertex, distinct.size()).second) {
      distinct.push_back(*screened.vertex);
    }
    result.rows.push_back(std::move(screened));
  }

  // One walk from every case bounds all the searches below: most suppliers reach no case at all.
  const CaseDistances case_distances = hops_to_any_case(graph, options.max_hops);
  ExposureOptions bounded = options;
  bounded.case_distances = &case_distances;
  // Each exposure is independent and reads the graph only: share the work over the threads.
  std::vector<ExposureResult> exposures(distinct.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < distinct.size(); i = next++)
      exposures[i] = score_exposure(graph, distinct[i], bounded);
  };
  const unsigned workers =
      std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(distinct.size())));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < workers; ++t) pool.emplace_back(work);
  work();
  for (auto& thread : pool) thread.join();

  for (auto& row : result.rows) {
    if (!row.vertex) {
      ++result.unmatched;
      continue;
    }
    row.exposure = exposures[slot_of.at(*row.vertex)];
    ++result.band_counts[static_cast<std::size_t>(row.exposure->band)];
  }
  return result;
}

}  // namespace flgraph::queries
