// importers/bulk_csv.h: the bulk CSV format (nodes, edges, sources, claims, designations).
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "importers/csv_reader.h"
#include "importers/import_session.h"

namespace flgraph::importers {

// A file's role is known by its header (docs/FORMATS.md, "Bulk CSV").
enum class CsvRole { Sources, Nodes, Designations, Edges, Claims };

// A file is read twice, as a stream each time: its header when it is opened, and all of it when
// its rows are imported. Nothing but a block and a record is held, whatever its size.
struct BulkCsvFile {
  std::filesystem::path path;
  CsvRole role = CsvRole::Nodes;
};

// Checks the file and recognises its role by the header. Throws InputError on an unknown or
// incomplete header.
BulkCsvFile open_bulk_csv(const std::filesystem::path& path);
// Every byte read goes to `sink` too, in order, when one is given.
void import_bulk_csv(const BulkCsvFile& file, ImportSession& session,
                     const CsvReader::ByteSink& sink = {});

}  // namespace flgraph::importers
