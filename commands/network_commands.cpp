// commands/network_commands.cpp: open the store, run the network analysis, hand it to viz/.
#include "commands/network_commands.h"

#include <vector>

#include "commands/audit_recording.h"
#include "queries/entity_lookup.h"
#include "viz/chokepoint_report.h"
#include "viz/network_reports.h"

namespace flgraph::commands {

using namespace viz;  // the renderers
using nlohmann::json;

namespace {

std::vector<graph::VertexId> designated_vertices(const graph::Store& store,
                                                 const graph::QueryGraph& graph) {
  std::vector<graph::VertexId> designated;
  for (const auto& d : store.designations()) {
    const auto vertex = graph.find(d.entity);
    if (vertex && !graph.is_protected(*vertex)) designated.push_back(*vertex);
  }
  return designated;
}

}  // namespace

json brokers_command(const ReadOptions& read, const analysis::BrokerOptions& options) {
  auto store = open_store(read);
  const auto graph = graph::QueryGraph::load(store);
  const auto result = analysis::find_brokers(graph, options);
  return brokers_report(EvidenceReader(store, disclosure_for(store, read)), graph, result, options);
}

json components_command(const ReadOptions& read, const analysis::ComponentOptions& options) {
  auto store = open_store(read);
  const auto graph = graph::QueryGraph::load(store);
  const auto components =
      analysis::linked_components(graph, designated_vertices(store, graph), options);
  return components_report(EvidenceReader(store, disclosure_for(store, read)), graph, components,
                           options);
}

json chokepoints_command(const ReadOptions& read, const std::string& from,
                         const analysis::ChokepointOptions& options) {
  auto store = open_store(read);
  const auto graph = graph::QueryGraph::load(store);
  const auto start = queries::resolve_entity(store, graph, from);
  const auto result = analysis::find_chokepoints(graph, start, options);
  const EvidenceReader reader(store, disclosure_for(store, read));
  auto report = chokepoint_report(reader, graph, result, options);
  record_if_revealing(store, read, "chokepoints", reader.entity(graph, start).id);
  return report;
}

}  // namespace flgraph::commands
