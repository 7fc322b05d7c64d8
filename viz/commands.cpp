// viz/commands.cpp: open the store, run the query, build the redacted report.
#include "viz/commands.h"

#include <fmt/format.h>

#include <fstream>

#include "graph/errors.h"
#include "queries/entity_lookup.h"
#include "viz/bundle_export.h"
#include "viz/reports.h"

namespace flgraph::viz {
namespace {

graph::Store open_store(const ReadOptions& read) {
  return graph::Store::open(read.database, graph::Store::OpenMode::ReadOnlyExisting);
}

graph::Disclosure disclosure_for(const graph::Store& store, const ReadOptions& read) {
  return {store.pseudonym_key(), read.reveal_protected};
}

}  // namespace

nlohmann::json stats_command(const ReadOptions& read) { return stats_report(open_store(read).stats()); }

nlohmann::json show_command(const ReadOptions& read, const std::string& id) {
  const auto store = open_store(read);
  const auto entity = queries::resolve_stored_entity(store, id);
  return show_report(EvidenceReader(store, disclosure_for(store, read)), entity);
}

nlohmann::json trace_command(const ReadOptions& read, const std::string& from, const queries::TraceOptions& options) {
  const auto store = open_store(read);
  const auto graph = graph::QueryGraph::load(store);
  const auto start = queries::resolve_entity(store, graph, from);
  const auto result = queries::trace_to_cases(graph, start, options);
  return trace_report(EvidenceReader(store, disclosure_for(store, read)), graph, result, options);
}

nlohmann::json paths_command(const ReadOptions& read, const std::string& from, const std::string& to,
                             const queries::PathsOptions& options) {
  const auto store = open_store(read);
  const auto graph = graph::QueryGraph::load(store);
  const auto start = queries::resolve_entity(store, graph, from);
  auto resolved = options;
  if (!to.empty()) resolved.target = queries::resolve_entity(store, graph, to);
  const auto result = queries::find_paths(graph, start, resolved);
  return paths_report(EvidenceReader(store, disclosure_for(store, read)), graph, start, result, resolved);
}

nlohmann::json export_command(const ReadOptions& read) {
  const auto store = open_store(read);
  return export_bundle(store, disclosure_for(store, read));
}

queries::KindMask parse_trace_kinds(const std::string& list) {
  queries::KindMask mask = 0;
  std::size_t start = 0;
  while (start <= list.size()) {
    const auto end = std::min(list.find(',', start), list.size());
    const auto name = list.substr(start, end - start);
    const auto kind = graph::parse_relation_kind(name);
    if (!kind || !graph::is_trace_kind(*kind)) {
      throw UsageError(fmt::format("--kinds: {} is not a trace kind (dispatches_workers, operated_by, ships, "
                              "consigned_to, supplies, owned_by, documents, same_as)",
                              quote_for_message(name)));
    }
    mask |= queries::kind_bit(*kind);
    start = end + 1;
  }
  return mask;
}

}  // namespace flgraph::viz

namespace flgraph::viz {

void write_text_file(const std::filesystem::path& path, const std::string& text) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw Error(fmt::format("output \"{}\" is a directory", path.string()));
  const auto temporary = std::filesystem::path(path.string() + ".partial");
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) throw Error(fmt::format("cannot write \"{}\"", temporary.string()));
  }
  std::filesystem::rename(temporary, path, ec);
  if (ec) throw Error(fmt::format("cannot write \"{}\": {}", path.string(), ec.message()));
}

}  // namespace flgraph::viz
