// importers/import.h: one import command: many files, one all-or-nothing transaction.
#pragma once
#include <filesystem>
#include <vector>

#include "graph/store.h"
#include "importers/import_session.h"

namespace flgraph::importers {

enum class InputFormat { Auto, BulkCsv, JsonBundle };

struct ImportOptions {
  InputFormat format = InputFormat::Auto;
};

// Imports files (a directory stands for its *.csv and *.json files) into the store in ONE
// transaction: on any error nothing is written. Records are applied in dependency order across
// all files (sources, entities, designations, relations, claims), so files may refer to each other.
ImportSummary import_files(graph::Store& store, const std::vector<std::filesystem::path>& inputs,
                           const ImportOptions& options);

// Opens (or creates) the database and imports; a database file this call created is removed
// again when the import fails, so a failed first import leaves nothing behind.
ImportSummary import_into_database(const std::filesystem::path& database,
                                   const std::vector<std::filesystem::path>& inputs, const ImportOptions& options);

}  // namespace flgraph::importers
