// importers/bulk_csv.h: the bulk CSV format (nodes, edges, sources, claims, designations).
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "importers/import_session.h"

namespace flgraph::importers {

// A file's role is known by its header (docs/FORMATS.md, "Bulk CSV").
enum class CsvRole { Sources, Nodes, Designations, Edges, Claims };

struct BulkCsvFile {
  std::filesystem::path path;
  std::string text;
  CsvRole role = CsvRole::Nodes;
};

// Reads the file and recognises its role. Throws InputError on an unknown or incomplete header.
BulkCsvFile open_bulk_csv(const std::filesystem::path& path);
void import_bulk_csv(const BulkCsvFile& file, ImportSession& session);

}  // namespace flgraph::importers
