// fuzz/fuzz_support.cpp: the per-process input folder and the sample store of the harnesses.
#include "fuzz_support.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <memory>

#include "importers/import.h"

namespace flgraph::fuzz {
namespace {

void remove_input_folder() {
  std::error_code ec;
  std::filesystem::remove_all(input_folder(), ec);
}

std::filesystem::path key_file_path() {
  return std::filesystem::temp_directory_path() /
         ("flgraph-fuzz-" + std::to_string(::getpid()) + ".key");
}

void remove_key_file() {
  std::error_code ec;
  std::filesystem::remove(key_file_path(), ec);
}

// The sample holds protected witnesses, which are stored only sealed: every store of this process
// seals under one key file of its own (made by the first import, removed at exit), so imports
// exercise the sealing path rather than stopping at "no protection key".
void use_process_key() {
  static const bool done = [] {
    ::setenv("FLGRAPH_KEY_FILE", key_file_path().c_str(), 1);
    std::atexit(remove_key_file);
    return true;
  }();
  (void)done;
}

}  // namespace

std::filesystem::path input_folder() {
  // Never destroyed: the exit handler that removes the folder runs after static destructors.
  static const auto* folder = [] {
    auto* path = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                           ("flgraph-fuzz-" + std::to_string(::getpid())));
    std::filesystem::create_directories(*path);
    std::atexit(remove_input_folder);
    return path;
  }();
  return *folder;
}

std::filesystem::path write_input(std::string_view name, std::string_view bytes) {
  const auto path = input_folder() / std::string(name);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) std::abort();  // the harness's own failure, not a finding in flgraph
  return path;
}

std::vector<std::string_view> split_parts(std::string_view bytes, std::size_t parts) {
  std::vector<std::string_view> pieces;
  while (pieces.size() + 1 < parts) {
    const auto separator = bytes.find('\x1e');
    if (separator == std::string_view::npos) break;
    pieces.push_back(bytes.substr(0, separator));
    bytes.remove_prefix(separator + 1);
  }
  pieces.push_back(bytes);
  return pieces;
}

graph::Store& sample_store() {
  static std::unique_ptr<graph::Store> store = [] {
    use_process_key();
    auto opened = std::make_unique<graph::Store>(
        graph::Store::open(":memory:", graph::Store::OpenMode::CreateIfMissing));
    importers::import_files(*opened, {std::filesystem::path(FLGRAPH_DATASETS) / "sample"}, {});
    return opened;
  }();
  return *store;
}

graph::Store& small_store(std::string_view seed_csv) {
  static std::unique_ptr<graph::Store> store = [&] {
    use_process_key();
    auto opened = std::make_unique<graph::Store>(
        graph::Store::open(":memory:", graph::Store::OpenMode::CreateIfMissing));
    importers::import_files(*opened, {write_input("seed-nodes.csv", seed_csv)}, {});
    return opened;
  }();
  return *store;
}

}  // namespace flgraph::fuzz
