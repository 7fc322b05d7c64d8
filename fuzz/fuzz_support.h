// fuzz/fuzz_support.h: what every libFuzzer harness shares: the input as a file, and a store.
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "graph/errors.h"
#include "graph/store.h"

namespace flgraph::fuzz {

// The importers read files, so each input is written to a file in a folder of this process
// (under $TMPDIR; scripts/fuzz.sh points it at /dev/shm). The folder is emptied per input.
std::filesystem::path input_folder();
std::filesystem::path write_input(std::string_view name, std::string_view bytes);

// Splits an input at the byte 0x1E (ASCII record separator) into at most `parts` pieces, so
// one fuzz input can stand for a set of files (OFAC: sdn.csv, alt.csv, add.csv, comments).
std::vector<std::string_view> split_parts(std::string_view bytes, std::size_t parts);

// An in-memory store holding the shipped sample (datasets/sample), opened once per process, so
// references into existing data and kind conflicts with it are exercised too. Each harness
// writes inside a transaction it never commits, so every input starts from the same state.
graph::Store& sample_store();

// An in-memory store holding only what `seed_csv` (bulk CSV nodes) puts in it, for harnesses
// whose importer reads the whole store per input (bills of lading index every name).
graph::Store& small_store(std::string_view seed_csv);

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Runs one import. InputError is the expected answer to bad input; anything else (another
// exception, a sanitizer report, an abort) escapes and is a finding.
template <typename Body>
void expect_only_input_errors(Body&& body) {
  try {
    body();
  } catch (const InputError&) {
  }
}

}  // namespace flgraph::fuzz
