// commands/exposure_commands.cpp: exposure and screen: open the store, score, hand it to viz/.
#include "commands/exposure_commands.h"

#include <fmt/format.h>

#include "commands/audit_recording.h"
#include "queries/entity_lookup.h"

namespace flgraph::commands {

using namespace viz;  // the renderers
using nlohmann::json;

json exposure_command(const ReadOptions& read, const std::string& id,
                      const queries::ExposureOptions& options) {
  auto store = open_store(read);
  const auto graph = graph::QueryGraph::load(store);
  const auto entity = queries::resolve_entity(store, graph, id);
  const auto result = queries::score_exposure(graph, entity, options);
  const EvidenceReader reader(store, disclosure_for(store, read));
  auto report = exposure_report(reader, graph, result);
  record_if_revealing(store, read, "exposure", reader.entity(graph, entity).id);
  return report;
}

json screen_command(const ReadOptions& read, const std::vector<queries::SupplierRow>& rows,
                    const queries::Resolver& resolve, const ScreenRequest& request) {
  auto store = open_store(read);
  const auto graph = graph::QueryGraph::load(store);
  const auto result =
      queries::screen_suppliers(graph, rows, resolve, request.exposure, request.threads);
  auto report =
      screen_report(EvidenceReader(store, disclosure_for(store, read)), graph, result, request);
  // The list's file, not its rows: a row may spell out the very name a pseudonym stands for.
  record_if_revealing(store, read, "screen",
                      fmt::format("suppliers in {} ({} rows)", request.file, rows.size()));
  return report;
}

}  // namespace flgraph::commands
