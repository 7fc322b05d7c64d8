// importers/import.cpp: expanding inputs, ordering the phases, and the one transaction.
#include "importers/import.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <system_error>

#include "custody/document_store.h"
#include "graph/database_files.h"
#include "graph/query_graph.h"
#include "graph/warnings.h"
#include "importers/bill_of_lading.h"
#include "importers/build_cleanup.h"
#include "importers/bulk_csv.h"
#include "importers/ftm.h"
#include "importers/import_fingerprint.h"
#include "importers/json_bundle.h"
#include "importers/ofac_sdn.h"
#include "importers/un_xml.h"

namespace flgraph::importers {
namespace {

// The file name extensions a directory is expanded to, per format.
std::vector<std::string_view> extensions_of(InputFormat format) {
  switch (format) {
    case InputFormat::UnXml:
      return {".xml"};
    case InputFormat::Ftm:
      return {".json", ".jsonl"};
    case InputFormat::BillOfLading:
      return {".csv"};
    default:
      return {".csv", ".json"};
  }
}

std::vector<std::filesystem::path> expand_inputs(const std::vector<std::filesystem::path>& inputs,
                                                 InputFormat format) {
  std::vector<std::filesystem::path> files;
  const auto extensions = extensions_of(format);
  for (const auto& input : inputs) {
    std::error_code ec;
    if (!std::filesystem::exists(input, ec))
      throw InputError::malformed({input.string(), 0, ""}, "no such file or directory");
    // An OFAC directory is one list (sdn.csv and its companions), read as a whole.
    if (!std::filesystem::is_directory(input, ec) || format == InputFormat::OfacSdn) {
      files.push_back(input);
      continue;
    }
    std::vector<std::filesystem::path> found;
    for (const auto& entry : std::filesystem::directory_iterator(input)) {
      const auto extension = entry.path().extension().string();
      if (std::find(extensions.begin(), extensions.end(), extension) != extensions.end())
        found.push_back(entry.path());
    }
    if (found.empty()) {
      std::string names;
      for (auto extension : extensions)
        names += fmt::format("{}{}", names.empty() ? "" : " or ", extension);
      throw InputError::malformed({input.string(), 0, ""},
                                  fmt::format("directory holds no {} file to import", names));
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

bool looks_like_json(const std::filesystem::path& path) { return path.extension() == ".json"; }

// Whether an append's reading thread may take the store's entities from its snapshot: none
// protected (the data names a witness by its real id, the graph by its pseudonym), and the
// same number of entities up to the same last row as the store (the generation says the file
// is the store's; this says no entity is missing from it, as the ends found in it are not
// looked up in the store again).
bool can_stand_for_the_store(const graph::Store& store, const graph::QueryGraph& graph) {
  graph::EntityRowId last_row = 0;
  for (graph::VertexId v = 0; v < graph.vertex_count(); ++v) {
    if (graph.is_protected(v)) return false;
    last_row = std::max(last_row, graph.entity_row(v));
  }
  return static_cast<std::int64_t>(graph.vertex_count()) == store.entity_count() &&
         last_row == store.max_entity_row();
}

std::string joined_counts(const std::map<std::string, std::int64_t>& counts) {
  std::string out;
  for (const auto& [name, count] : counts)
    out += fmt::format("{}{} {}", out.empty() ? "" : ", ", name, count);
  return out;
}

std::string_view scope_label(std::string_view scope) {
  if (scope == "dprk_program") return "DPRK scope by program";
  if (scope == "dprk_remarks") return "DPRK scope by remarks only";
  if (scope == "dprk_address") return "DPRK scope by address only";
  if (scope == "dprk_list_type") return "UN list type DPRK";
  if (scope == "other") return "outside DPRK scope";
  return "records";
}

// Queries map the query graph snapshot beside the database; preparing it here, while the user
// expects an import to take time, keeps the first query after an import instant.
// A snapshot that cannot be saved (a full disk) is no reason to fail an import that committed:
// load() warns, and the summary says so instead of a snapshot time.
// The graph may have been built from the rows meanwhile (`built_from_rows`); it is used only if
// nothing was committed since the import.
void prepare_query_graph(const graph::Store& store, ImportSummary& summary,
                         GraphBuild* built_from_rows) {
  const auto started = std::chrono::steady_clock::now();
  graph::QueryGraph::SnapshotOutcome outcome;
  std::optional<graph::QueryGraph> graph;
  if (built_from_rows != nullptr && store.generation() == built_from_rows->built_at()) {
    try {
      graph = built_from_rows->take();
    } catch (const std::exception& e) {
      // The import has committed: the graph is read back from the store instead.
      graph::warn(fmt::format(
          "the query graph could not be built from the imported rows ({}); reading it back",
          e.what()));
    }
  }
  if (graph) {
    graph->save_snapshot(store, built_from_rows->built_at(), outcome);
    summary.query_graph_from_rows = true;
  } else {
    graph::QueryGraph::load(store, outcome);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  summary.query_graph_seconds = outcome.not_written.empty() ? seconds : 0.0;
  summary.query_graph_problem = outcome.not_written;
}

}  // namespace

std::optional<InputFormat> parse_input_format(std::string_view name) {
  if (name == "auto") return InputFormat::Auto;
  if (name == "csv") return InputFormat::BulkCsv;
  if (name == "json") return InputFormat::JsonBundle;
  if (name == "ofac") return InputFormat::OfacSdn;
  if (name == "un") return InputFormat::UnXml;
  if (name == "ftm") return InputFormat::Ftm;
  if (name == "bol") return InputFormat::BillOfLading;
  return std::nullopt;
}

std::string list_counts_text(const ListCounts& counts) {
  std::string out = fmt::format("  {} ({}): {} of {} entries imported\n", counts.file,
                                counts.format, counts.imported, counts.read);
  auto scope_line = [&](const std::string& scope) {
    const auto found = counts.by_scope.find(scope);
    const std::int64_t total = found == counts.by_scope.end() ? 0 : found->second;
    std::string line =
        fmt::format("    {:<28} {:>7}", fmt::format("{}:", scope_label(scope)), total);
    if (auto types = counts.types_by_scope.find(scope); types != counts.types_by_scope.end()) {
      line += fmt::format("  ({})", joined_counts(types->second));
    }
    if (scope == "other" && counts.imported < counts.read)
      line += "  not imported: --all-programs imports them";
    return line + "\n";
  };
  // OFAC always shows the three DPRK scopes, so both numbers of SOURCES.md can be compared.
  if (counts.format == "ofac") {
    for (const char* scope : {"dprk_program", "dprk_remarks", "dprk_address"})
      out += scope_line(scope);
  }
  for (const auto& [scope, total] : counts.by_scope) {
    if (counts.format != "ofac" || scope == "other") out += scope_line(scope);
  }
  if (!counts.by_program.empty())
    out += fmt::format("    programs: {}\n", joined_counts(counts.by_program));
  if (!counts.by_kind.empty()) out += fmt::format("    kinds: {}\n", joined_counts(counts.by_kind));
  return out;
}

nlohmann::json list_counts_json(const ListCounts& counts) {
  return {{"file", counts.file},
          {"format", counts.format},
          {"read", counts.read},
          {"imported", counts.imported},
          {"by_scope", counts.by_scope},
          {"types_by_scope", counts.types_by_scope},
          {"by_program", counts.by_program},
          {"by_kind", counts.by_kind},
          {"unmapped", counts.unmapped}};
}

ImportSummary import_files(graph::Store& store, const std::vector<std::filesystem::path>& inputs,
                           const ImportOptions& options, std::unique_ptr<GraphBuild>* graph_build) {
  ImportSummary summary;
  std::vector<BulkCsvFile> csv_files;
  std::vector<JsonBundleFile> bundles;
  std::vector<OfacSdnSet> ofac_sets;
  std::vector<UnXmlFile> un_files;
  std::vector<FtmFile> ftm_files;
  std::vector<BillOfLadingFile> bol_files;
  for (const auto& path : expand_inputs(inputs, options.format)) {
    switch (options.format) {
      case InputFormat::OfacSdn:
        ofac_sets.push_back(open_ofac_sdn(path, options.all_programs));
        for (const auto& file : ofac_sets.back().files) summary.files.push_back(file.string());
        continue;
      case InputFormat::UnXml:
        un_files.push_back(open_un_xml(path, options.all_programs));
        break;
      case InputFormat::Ftm:
        ftm_files.push_back(open_ftm(path));
        break;
      case InputFormat::BillOfLading:
        bol_files.push_back(open_bill_of_lading(path));
        break;
      case InputFormat::JsonBundle:
        bundles.push_back(open_json_bundle(path));
        break;
      case InputFormat::BulkCsv:
        csv_files.push_back(open_bulk_csv(path));
        break;
      case InputFormat::Auto:
        if (looks_like_json(path)) {
          bundles.push_back(open_json_bundle(path));
        } else {
          csv_files.push_back(open_bulk_csv(path));
        }
        break;
    }
    summary.files.push_back(path.string());
  }
  std::stable_sort(csv_files.begin(), csv_files.end(),
                   [](const BulkCsvFile& a, const BulkCsvFile& b) { return a.role < b.role; });

  const bool csv_alone = bundles.empty() && ofac_sets.empty() && un_files.empty() &&
                         ftm_files.empty() && bol_files.empty();
  // The same files again, with nothing committed since they were imported: every row would be
  // found unchanged, so none is read. Bulk CSV only, as the files are read once more to tell
  // (an evidence bundle's documents are taken into custody after the commit, and importing it
  // again is how a failed one is retried). A new database has no last import to compare with.
  const auto options_text = fmt::format("format {}\nall programs {}",
                                        static_cast<int>(options.format), options.all_programs);
  std::optional<ImportFingerprint> fingerprint;
  if (csv_alone) fingerprint.emplace(options_text);
  const bool nodes_and_edges_alone =
      csv_alone && std::all_of(csv_files.begin(), csv_files.end(), [](const BulkCsvFile& file) {
        return file.role == CsvRole::Nodes || file.role == CsvRole::Edges;
      });
  // Every reference a node or edge row makes is checked by the session before the row is
  // written (a relation's ends are found, their kinds allowed), and of the rows such an import
  // may delete (a witness's same_as, aliases and designations, sealed away) only the same_as is
  // referred to, by claims that go with it: SQLite's look-ups per relation would only repeat the
  // checks.
  auto txn =
      store.begin(nodes_and_edges_alone ? graph::Store::Transaction::References::CheckedByCaller
                                        : graph::Store::Transaction::References::CheckedByStore);
  if (fingerprint && !store.is_bulk_load() &&
      store.was_last_import([&] { return fingerprint_of_files(csv_files, options_text); })) {
    summary.already_imported = true;
    return summary;
  }
  ImportSession session(store, summary);
  // An append of nodes and edges adds its rows to the graph of the store as it stands; sources,
  // claims and designations may change what the graph holds of rows already there.
  std::optional<graph::QueryGraph> base;
  if (graph_build && !store.is_bulk_load() && nodes_and_edges_alone) {
    // Mapped inside the transaction, so no other import can commit between it and these rows.
    base = graph::QueryGraph::map_snapshot(graph::QueryGraph::snapshot_path(store.path()),
                                           store.generation());
  }
  // A new database filled from bulk CSV alone, or nodes and edges added to a store whose
  // snapshot shows every entity it holds: entity and relation rows are written on a second
  // thread while this one reads and checks the next rows (same checks, same errors).
  const bool pipelined = options.pipelined && csv_alone &&
                         (store.is_bulk_load() || (base && can_stand_for_the_store(store, *base)));
  if (graph_build && (pipelined || base)) {
    session.capture_graph(
        options.graph_capture_bytes.value_or(GraphCapture::default_budget_bytes()));
  }
  // Built on the second core while the store builds its indexes and commits.
  auto start_graph_build = [&] {
    if (!graph_build) return;
    auto capture = session.take_graph_capture();
    // An append that added nothing leaves the current snapshot as it is.
    if (!capture || (base && capture->empty())) return;
    try {
      // A new store is built beside its final name, so its snapshot's folder is the same.
      *graph_build = std::make_unique<GraphBuild>(
          std::move(*capture), std::move(base),
          graph::QueryGraph::snapshot_path(store.path()).parent_path());
    } catch (const std::system_error&) {
      // No thread to be had: the graph is read back from the store after the commit.
    }
  };
  auto run_csv = [&](CsvRole role) {
    const bool pipeline = pipelined && (role == CsvRole::Nodes || role == CsvRole::Edges);
    // Only CSV edges write relations here: their id index is built once they are all in.
    if (pipeline && role == CsvRole::Edges && store.is_bulk_load())
      store.suspend_relation_id_index();
    if (pipeline) session.begin_pipeline(base ? &*base : nullptr);
    try {
      for (const auto& file : csv_files) {
        // What is noted is the bytes parsed, even if a file changed since it was hashed above.
        if (file.role == role)
          import_bulk_csv(file, session, fingerprint ? fingerprint->file(file.path) : nullptr);
      }
      session.end_pipeline();
      if (role == CsvRole::Edges) start_graph_build();
      store.restore_relation_id_index();
    } catch (...) {
      if (pipeline) session.abandon_pipeline();
      throw;
    }
  };
  auto run_bundles = [&](BundleSection section) {
    for (const auto& bundle : bundles) import_bundle_section(bundle, section, store, session);
  };
  run_bundles(BundleSection::Sources);
  run_csv(CsvRole::Sources);
  run_bundles(BundleSection::Entities);
  run_csv(CsvRole::Nodes);
  for (const auto& set : ofac_sets) {
    import_ofac_sdn(set, session);
    summary.lists.push_back(set.counts);
  }
  for (const auto& file : un_files) {
    import_un_xml(file, session);
    summary.lists.push_back(file.counts);
  }
  for (const auto& file : ftm_files) {
    summary.lists.push_back(import_ftm(file, store, session));
    for (const auto& [what, count] : summary.lists.back().unmapped) summary.unmapped[what] += count;
  }
  run_csv(CsvRole::Designations);
  run_bundles(BundleSection::Relations);
  run_csv(CsvRole::Edges);
  for (const auto& file : bol_files) import_bill_of_lading(file, store, session, summary);
  run_bundles(BundleSection::Claims);
  run_csv(CsvRole::Claims);
  if (graph_build && *graph_build) (*graph_build)->set_claim_confidences(store.claim_confidences());
  store.settle_recent_relations();
  if (fingerprint) txn.note_import(fingerprint->hex_digest());
  auto generation = txn.commit();
  if (graph_build && *graph_build) (*graph_build)->set_built_at(std::move(generation));
  return summary;
}

namespace {

// An evidence bundle's documents, checked while it was read, join the custody of the database
// the import committed to, with the custody record (who, when, note) the bundle carries.
void take_documents_into_custody(graph::Store& store, ImportSummary& summary) {
  for (const auto& document : summary.documents) {
    custody::AttachRequest request;
    request.source = document.source;
    request.file = document.file;
    request.by = document.attached_by;
    request.attached_at = document.attached_at;
    request.note = document.note;
    request.original_name = document.original_name;
    request.command = "import (document of an evidence bundle)";
    try {
      if (!custody::attach_document(store, request).already_held) ++summary.documents_taken;
    } catch (const Error& error) {
      throw Error(fmt::format(
          "the import was committed, but document {} of source {} was not taken into custody: {}",
          document.sha256, document.source, error.what()));
    }
  }
}

}  // namespace

ImportSummary import_into_database(const std::filesystem::path& database,
                                   const std::vector<std::filesystem::path>& inputs,
                                   const ImportOptions& options) {
  remove_stale_builds(database);
  std::error_code ec;
  if (std::filesystem::exists(database, ec)) {
    auto store =
        graph::Store::open(database, graph::Store::OpenMode::CreateIfMissing, options.keys);
    std::unique_ptr<GraphBuild> graph_build;
    auto summary = import_files(store, inputs, options, &graph_build);
    take_documents_into_custody(store, summary);
    prepare_query_graph(store, summary, graph_build.get());
    return summary;
  }
  // A new database is built beside its final name and appears there only when complete: a failed
  // or killed import leaves no database at all, and the build needs neither WAL nor fsync.
  const auto building = graph::building_path(database, ::getpid());
  auto remove_building = [&] {
    for (const auto& path : graph::with_sqlite_files(building)) std::filesystem::remove(path, ec);
  };
  ImportSummary summary;
  std::unique_ptr<GraphBuild> graph_build;
  {
    // Ctrl-C or a kill(1) removes the build file too; only SIGKILL or a power cut leaves it, for
    // the next import's remove_stale_builds.
    const RemoveOnInterrupt remove_on_interrupt(building);
    try {
      {
        auto store =
            graph::Store::open(building, graph::Store::OpenMode::FreshBulkLoad, options.keys);
        summary = import_files(store, inputs, options, &graph_build);
        store.finish_bulk_load();
      }
      // link() refuses to replace a file: a database someone else made meanwhile is never lost.
      if (::link(building.c_str(), database.c_str()) != 0) {
        throw Error(fmt::format("cannot create database \"{}\": {}", database.string(),
                                std::strerror(errno)));
      }
      remove_building();
    } catch (...) {
      remove_building();
      throw;
    }
  }
  auto store = graph::Store::open(database, graph::Store::OpenMode::ReadOnlyExisting, options.keys);
  take_documents_into_custody(store, summary);
  prepare_query_graph(store, summary, graph_build.get());
  return summary;
}

}  // namespace flgraph::importers
