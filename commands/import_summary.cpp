// commands/import_summary.cpp: the import summary as a person reads it, and as JSON.
#include "commands/import_summary.h"

#include <fmt/format.h>

#include <string_view>

namespace flgraph::commands {

std::string import_text(const importers::ImportSummary& summary, const std::string& database,
                        double seconds) {
  auto line = [](std::string_view what, const importers::UpsertCounts& counts) {
    return fmt::format("  {:<13} {:>9} new {:>9} updated {:>9} unchanged\n", what, counts.inserted,
                       counts.updated, counts.unchanged);
  };
  std::string out =
      summary.query_graph_problem.empty()
          ? fmt::format(
                "imported {} file(s) into {} in {:.2f} s (query graph snapshot {:.2f} s of it)\n",
                summary.files.size(), database, seconds, summary.query_graph_seconds)
          : fmt::format(
                "imported {} file(s) into {} in {:.2f} s (query graph snapshot not saved: {})\n",
                summary.files.size(), database, seconds, summary.query_graph_problem);
  if (summary.already_imported) {
    out +=
        "  nothing to do: these files, byte for byte, were the last import into this database, "
        "and it has not changed since\n";
  }
  out += line("entities", summary.entities) + line("relations", summary.relations) +
         line("sources", summary.sources) + line("claims", summary.claims) +
         line("designations", summary.designations);
  if (!summary.documents.empty()) {
    out += fmt::format("  documents     {:>9} new in custody {:>9} already held\n",
                       summary.documents_taken, summary.documents.size() - summary.documents_taken);
  }
  for (const auto& list : summary.lists) out += importers::list_counts_text(list);
  if (summary.parties.resolved + summary.parties.created > 0) {
    out += fmt::format("  parties and vessels: {} resolved to entities in the store, {} created\n",
                       summary.parties.resolved, summary.parties.created);
    constexpr std::size_t kPartiesShown = 20;
    const auto& details = summary.parties.details;
    for (std::size_t i = 0; i < details.size() && i < kPartiesShown; ++i) {
      const auto& party = details[i];
      out += party.created
                 ? fmt::format("    {:<7} \"{}\" -> new {}\n", party.role, party.name, party.entity)
                 : fmt::format("    {:<7} \"{}\" -> {} (score {:.3f})\n", party.role, party.name,
                               party.entity, party.score);
    }
    if (details.size() > kPartiesShown) {
      out += fmt::format("    ... and {} more (import --json lists them all)\n",
                         details.size() - kPartiesShown);
    }
  }
  if (!summary.unmapped.empty()) {
    out += "  unmapped (kept as attributes):\n";
    for (const auto& [what, count] : summary.unmapped)
      out += fmt::format("    {:<40} {:>7}\n", what, count);
  }
  return out;
}

nlohmann::json import_json(const importers::ImportSummary& summary, double seconds) {
  auto counts = [](const importers::UpsertCounts& c) {
    return nlohmann::json{
        {"inserted", c.inserted}, {"updated", c.updated}, {"unchanged", c.unchanged}};
  };
  nlohmann::json lists = nlohmann::json::array();
  for (const auto& list : summary.lists) lists.push_back(importers::list_counts_json(list));
  nlohmann::json parties = nlohmann::json::array();
  for (const auto& party : summary.parties.details) {
    parties.push_back({{"role", party.role},
                       {"name", party.name},
                       {"entity", party.entity},
                       {"score", party.score},
                       {"created", party.created}});
  }
  return {{"files", summary.files},
          {"seconds", seconds},
          {"query_graph_seconds", summary.query_graph_seconds},
          {"query_graph_problem", summary.query_graph_problem},
          {"already_imported", summary.already_imported},
          {"rows_written_while_reading", summary.rows_written_while_reading},
          {"parties",
           {{"resolved", summary.parties.resolved},
            {"created", summary.parties.created},
            {"details", std::move(parties)}}},
          {"entities", counts(summary.entities)},
          {"relations", counts(summary.relations)},
          {"sources", counts(summary.sources)},
          {"claims", counts(summary.claims)},
          {"designations", counts(summary.designations)},
          {"documents",
           {{"new", summary.documents_taken},
            {"already_held", summary.documents.size() - summary.documents_taken}}},
          {"lists", std::move(lists)},
          {"unmapped", summary.unmapped}};
}

}  // namespace flgraph::commands
