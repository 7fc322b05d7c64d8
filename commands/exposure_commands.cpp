// commands/exposure_commands.cpp: exposure and screen: open the store, score, hand it to viz/.
#include "commands/exposure_commands.h"

#include <fmt/format.h>

#include <unordered_map>

#include "commands/audit_recording.h"
#include "importers/country_names.h"
#include "importers/lookalike_file.h"
#include "queries/entity_lookup.h"

namespace flgraph::commands {
namespace {

queries::Resolution to_resolution(const importers::RowResolution& found) {
  using Method = importers::RowResolution::Method;
  queries::Resolution out;
  out.method = found.method == Method::Id     ? queries::Resolution::Method::Id
               : found.method == Method::Name ? queries::Resolution::Method::Name
                                              : queries::Resolution::Method::Unmatched;
  out.entity_id = found.entity_id;
  out.match_score = found.score;
  out.nearest_id = found.nearest_id;
  out.nearest_score = found.nearest_score;
  if (found.lookalike) {
    const auto& entry = *found.lookalike->entry;
    queries::LookalikeNote note;
    note.id = entry.id;
    note.name = entry.name;
    note.kind = entry.kind;
    note.country = entry.country;
    note.website = entry.website;
    note.source = entry.source;
    note.resembles = entry.resembles;
    note.score = found.lookalike->score.score;
    out.lookalike = std::move(note);
  }
  return out;
}

}  // namespace

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

json screen_list_command(const ReadOptions& read, const std::vector<importers::NameListRow>& list,
                         const std::string& lookalikes_file, const ScreenRequest& request) {
  std::vector<queries::SupplierRow> rows;
  rows.reserve(list.size());
  std::unordered_map<std::size_t, const importers::NameListRow*> by_line;
  for (const auto& row : list) {
    rows.push_back({row.line, row.name, row.country, row.id});
    by_line[row.line] = &row;
  }
  const auto lookalikes = importers::lookalikes_with(lookalikes_file);
  const auto store = open_store(read);
  const importers::NameListResolver resolver(store, request.match_threshold, lookalikes);
  return screen_command(
      read, rows,
      [&](const queries::SupplierRow& row) {
        return to_resolution(resolver.resolve(*by_line.at(row.line)));
      },
      request);
}

json screen_upload_command(const ReadOptions& read, const std::string& csv_text,
                           const std::string& default_country, const ScreenRequest& request) {
  std::string country;
  if (!default_country.empty()) {
    const auto code = importers::country_code(default_country);
    if (!code) throw UsageError("unknown country " + quote_for_message(default_country));
    country = *code;
  }
  return screen_list_command(read, importers::parse_name_list(request.file, csv_text, country), "",
                             request);
}

}  // namespace flgraph::commands
