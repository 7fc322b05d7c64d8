// importers/ftm_reader.h: FollowTheMoney JSON lines read into records, fragments of one entity
// merged.
#pragma once
#include <cstddef>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

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

// Parses every line; errors name FILE:LINE (not JSON, not an object, no id or schema). Linear in
// the file: merging fragments and refusing duplicate keys use sets, however long the lists.
FtmFile open_ftm(const std::filesystem::path& path);

}  // namespace flgraph::importers
