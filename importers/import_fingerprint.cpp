// importers/import_fingerprint.cpp: the hash of an import's files, framed per file.
#include "importers/import_fingerprint.h"

#include <fmt/format.h>

#include "graph/errors.h"
#include "importers/input_file.h"

namespace flgraph::importers {
namespace {

// Raised whenever an importer maps the same bytes to other rows, so that files imported before
// the change are read again rather than found already imported.
constexpr int kImportRevision = 2;

}  // namespace

ImportFingerprint::ImportFingerprint(std::string_view options) {
  hash_.update(fmt::format("flgraph import {}\n{}\n", kImportRevision, options));
}

CsvReader::ByteSink ImportFingerprint::file(const std::filesystem::path& path) {
  end_file();
  hash_.update(fmt::format("{}\n", path.string()));
  in_file_ = true;
  return [this](std::string_view bytes) {
    hash_.update(bytes);
    file_bytes_ += bytes.size();
  };
}

void ImportFingerprint::end_file() {
  if (!in_file_) return;
  // The count after the bytes ends the file, so no two sets of files hash alike.
  hash_.update(fmt::format("\n{}\n", file_bytes_));
  file_bytes_ = 0;
  in_file_ = false;
}

std::string ImportFingerprint::hex_digest() {
  end_file();
  return hash_.hex_digest();
}

std::string fingerprint_of_files(const std::vector<BulkCsvFile>& files, std::string_view options) {
  ImportFingerprint fingerprint(options);
  std::string block(std::size_t{1} << 20, '\0');
  for (const auto& file : files) {
    const auto sink = fingerprint.file(file.path);
    auto stream = open_input_stream(file.path);
    for (;;) {
      stream.in->read(block.data(), static_cast<std::streamsize>(block.size()));
      const auto got = static_cast<std::size_t>(stream.in->gcount());
      if (stream.in->bad())
        throw InputError::malformed({file.path.string(), 0, ""}, "cannot read the file");
      sink(std::string_view(block).substr(0, got));
      if (got < block.size()) break;
    }
  }
  return fingerprint.hex_digest();
}

}  // namespace flgraph::importers
