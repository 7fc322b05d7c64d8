// importers/import_fingerprint.h: one SHA-256 of what a bulk CSV import reads, so that the same
// files again, with nothing committed since, are found without reading a row.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "custody/sha256.h"
#include "importers/bulk_csv.h"
#include "importers/csv_reader.h"

namespace flgraph::importers {

// Covers the importers' revision, the options, and each file's name as given (some formats store
// it) with the bytes read from it, in the order the import reads the files.
class ImportFingerprint {
 public:
  // `options`: the import's options that change what its rows become, as text.
  explicit ImportFingerprint(std::string_view options);
  // Starts the next file; its bytes go to the sink returned, which lives as long as this object.
  CsvReader::ByteSink file(const std::filesystem::path& path);
  std::string hex_digest();  // once, at the end

 private:
  void end_file();

  custody::Sha256 hash_;
  std::uintmax_t file_bytes_ = 0;
  bool in_file_ = false;
};

// The fingerprint of `files` as they are on disk now, read once, block by block.
std::string fingerprint_of_files(const std::vector<BulkCsvFile>& files, std::string_view options);

}  // namespace flgraph::importers
