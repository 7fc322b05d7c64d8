// commands/brief_command.cpp: `flgraph brief`, from the database to the brief's files on disk.
#include "commands/brief_command.h"

#include <fmt/format.h>

#include <set>

#include "commands/audit_recording.h"
#include "queries/entity_lookup.h"
#include "viz/evidence_reader.h"
#include "viz/safe_output.h"

namespace flgraph::commands {

using namespace viz;  // the brief's reader, renderer and output folder

BriefSummary brief_command(const ReadOptions& read, const std::string& id,
                           const BriefRequest& request) {
  // Refuse a bad output before any work, and before a database is opened.
  check_output_folder(request.output_dir, {read.database, request.force});
  auto store = open_store(read);
  const EvidenceReader reader(store, disclosure_for(store, read));
  const auto graph = graph::QueryGraph::load(store);
  const auto subject = queries::resolve_entity(store, graph, id);
  const auto exposure = queries::score_exposure(graph, subject, request.exposure);
  const auto files = render_brief(reader, graph, exposure, request);
  OutputFolder folder(request.output_dir, {read.database, request.force});
  BriefSummary summary;
  for (const auto& [name, bytes] : files) {
    folder.write(name, bytes);
    summary.files.push_back(request.output_dir / name);
  }
  summary.subject = reader.entity(graph, subject).id;
  record_read_command(
      store, read,
      fmt::format("brief --format {}", request.format == BriefFormat::Html ? "html" : "md"),
      summary.subject, written_outputs(request.output_dir));
  summary.score = exposure.score;
  summary.band = exposure.band;
  std::set<graph::VertexId> cases;
  for (const auto& row : exposure.contributions) cases.insert(row.case_vertex);
  summary.cases = cases.size();
  return summary;
}

}  // namespace flgraph::commands
