// importers/import.h: one import command: many files, one all-or-nothing transaction.
#pragma once
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/store.h"
#include "importers/graph_capture.h"
#include "importers/import_session.h"

namespace flgraph::importers {

// Auto tells bulk CSV from JSON bundles by extension; the others are chosen explicitly.
enum class InputFormat { Auto, BulkCsv, JsonBundle, OfacSdn, UnXml, Ftm, BillOfLading };

// "auto", "csv", "json", "ofac", "un", "ftm" or "bol".
std::optional<InputFormat> parse_input_format(std::string_view name);

struct ImportOptions {
  InputFormat format = InputFormat::Auto;
  // Sanctions lists: import every entry, not only the DPRK scope (docs/FORMATS.md, "Sanctions
  // lists").
  bool all_programs = false;
  // Asked for the protection key when the import brings protected material (graph/keyring.h);
  // without one given, FLGRAPH_KEY_FILE or FLGRAPH_PASSPHRASE.
  graph::KeySource keys = graph::KeySource::from_environment();
  // Most memory the rows kept for the query graph's build may take (GraphCapture); unset, an
  // eighth of the machine's.
  std::optional<std::size_t> graph_capture_bytes = std::nullopt;
  // Rows written on a second thread while the next are read, where the import allows it (see
  // import_files); false writes them row by row, with the same result.
  bool pipelined = true;
};

// Imports files into the store in ONE transaction: on any error nothing is written. A directory
// stands for its *.csv and *.json files (bulk CSV, JSON bundle), for the OFAC set it holds
// (sdn.csv with alt.csv, add.csv, sdn_comments.csv), for its *.xml files (UN) or for its *.json
// and *.jsonl files (FtM). Records are applied in dependency order across all files (sources,
// entities, designations, relations, claims), so files may refer to each other; a sanctions list
// or FtM file is written whole in the entity phase, as it refers only to itself and the store.
// Bills of lading (*.csv) come after every other entity and relation, so their party names
// resolve against everything this import brings too.
// `graph_build`, when given, receives the query graph's build from the rows as written, when the
// store is a new one filled from bulk CSV alone, or an existing one with a current snapshot given
// CSV nodes and edges alone (importers/graph_capture.h). It carries the generation committed.
ImportSummary import_files(graph::Store& store, const std::vector<std::filesystem::path>& inputs,
                           const ImportOptions& options,
                           std::unique_ptr<GraphBuild>* graph_build = nullptr);

// Opens (or creates) the database and imports; a database file this call created is removed
// again when the import fails, so a failed first import leaves nothing behind.
ImportSummary import_into_database(const std::filesystem::path& database,
                                   const std::vector<std::filesystem::path>& inputs,
                                   const ImportOptions& options);

// The summary lines of one sanctions list or FtM file: entries by DPRK scope (each scope with the
// list's own entry types, so they compare with SOURCES.md), by program and by model kind.
std::string list_counts_text(const ListCounts& counts);
nlohmann::json list_counts_json(const ListCounts& counts);

}  // namespace flgraph::importers
