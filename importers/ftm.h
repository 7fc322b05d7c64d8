// importers/ftm.h: FollowTheMoney entities as JSON lines (Aleph and OpenSanctions exports).
#pragma once
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "graph/store.h"
#include "importers/import_session.h"

namespace flgraph::importers {

// One line: {"id", "schema", "properties": {name: [values]}, ...}.
struct FtmRecord {
  std::size_t line = 0;
  std::string id;
  std::string schema;
  nlohmann::json properties;  // object of string arrays
  nlohmann::json meta;        // the other top-level keys (caption, datasets, referents, ...)
};

struct FtmFile {
  std::filesystem::path path;
  std::string sha256;
  std::vector<FtmRecord> records;  // lines with the same id are merged into the first
};

// Parses every line; errors name FILE:LINE (not JSON, not an object, no id or schema).
FtmFile open_ftm(const std::filesystem::path& path);

// Maps the records to the model (README.md, Formats: FollowTheMoney) and writes them with the
// file as a source. Relation and designation endpoints may also be entities already in `store`.
ListCounts import_ftm(const FtmFile& file, const graph::Store& store, ImportSession& session);

// A possibly partial FtM date as a day: "2015" and "2015-03" are widened to the first day of the
// year or month for a start and to the last day for an end; "2015-03-04T10:00:00" keeps its day.
std::optional<graph::Date> ftm_date(std::string_view text, bool is_end);

}  // namespace flgraph::importers
