// importers/import.cpp: expanding inputs, ordering the phases, and the one transaction.
#include "importers/import.h"

#include <fmt/format.h>

#include <algorithm>

#include "importers/bulk_csv.h"
#include "importers/json_bundle.h"

namespace flgraph::importers {
namespace {

std::vector<std::filesystem::path> expand_inputs(const std::vector<std::filesystem::path>& inputs) {
  std::vector<std::filesystem::path> files;
  for (const auto& input : inputs) {
    std::error_code ec;
    if (!std::filesystem::exists(input, ec)) throw InputError::malformed({input.string(), 0, ""}, "no such file or directory");
    if (!std::filesystem::is_directory(input, ec)) {
      files.push_back(input);
      continue;
    }
    std::vector<std::filesystem::path> found;
    for (const auto& entry : std::filesystem::directory_iterator(input)) {
      const auto extension = entry.path().extension();
      if (extension == ".csv" || extension == ".json") found.push_back(entry.path());
    }
    if (found.empty()) throw InputError::malformed({input.string(), 0, ""}, "directory holds no .csv or .json file to import");
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

bool looks_like_json(const std::filesystem::path& path) { return path.extension() == ".json"; }

}  // namespace

ImportSummary import_files(graph::Store& store, const std::vector<std::filesystem::path>& inputs,
                           const ImportOptions& options) {
  ImportSummary summary;
  std::vector<BulkCsvFile> csv_files;
  std::vector<JsonBundleFile> bundles;
  for (const auto& path : expand_inputs(inputs)) {
    const bool json = options.format == InputFormat::JsonBundle ||
                      (options.format == InputFormat::Auto && looks_like_json(path));
    if (json) {
      bundles.push_back(open_json_bundle(path));
    } else {
      csv_files.push_back(open_bulk_csv(path));
    }
    summary.files.push_back(path.string());
  }
  std::stable_sort(csv_files.begin(), csv_files.end(),
                   [](const BulkCsvFile& a, const BulkCsvFile& b) { return a.role < b.role; });

  auto txn = store.begin();
  ImportSession session(store, summary);
  auto run_csv = [&](CsvRole role) {
    for (const auto& file : csv_files) {
      if (file.role == role) import_bulk_csv(file, session);
    }
  };
  auto run_bundles = [&](BundleSection section) {
    for (const auto& bundle : bundles) import_bundle_section(bundle, section, session);
  };
  run_bundles(BundleSection::Sources);
  run_csv(CsvRole::Sources);
  run_bundles(BundleSection::Entities);
  run_csv(CsvRole::Nodes);
  run_csv(CsvRole::Designations);
  run_bundles(BundleSection::Relations);
  run_csv(CsvRole::Edges);
  run_bundles(BundleSection::Claims);
  run_csv(CsvRole::Claims);
  txn.commit();
  return summary;
}

ImportSummary import_into_database(const std::filesystem::path& database,
                                   const std::vector<std::filesystem::path>& inputs, const ImportOptions& options) {
  std::error_code ec;
  const bool existed = std::filesystem::exists(database, ec);
  try {
    auto store = graph::Store::open(database, graph::Store::OpenMode::CreateIfMissing);
    return import_files(store, inputs, options);
  } catch (...) {
    if (!existed) {
      for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        std::filesystem::remove(database.string() + suffix, ec);
      }
    }
    throw;
  }
}

}  // namespace flgraph::importers
