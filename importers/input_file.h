// importers/input_file.h: reading an input file, whole or as a stream, with the checks every
// format needs.
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

namespace flgraph::importers {

// Largest input file read into memory at once (docs/FORMATS.md, "Limits"); bulk CSV is streamed
// and has no such limit.
inline constexpr std::uintmax_t kMaxInputBytes = std::uintmax_t{4} << 30;

// Longest text accepted in any field of any format (a CSV field, a name, alias, title or quote,
// and an entity's or relation's attributes as JSON): beyond it, input is broken or hostile.
inline constexpr std::size_t kMaxTextFieldBytes = std::size_t{1} << 20;

// Longest id (of an entity, relation, source or claim) in bytes, whatever the format; ids an
// importer makes from the data ("un-" + a reference number) obey it too, so an export re-imports.
inline constexpr std::size_t kMaxIdBytes = 1024;

// The file's bytes. Throws InputError for a directory, an unreadable, empty or oversized file.
std::string read_input_file(const std::filesystem::path& path);

struct InputStream {
  std::unique_ptr<std::ifstream> in;  // at the file's first byte
  std::uintmax_t size = 0;            // as the file system gave it when opened
};

// The file opened for reading from its start, after the same checks as read_input_file but the
// size limit (an empty file is one of nothing but spaces, tabs and line ends).
InputStream open_input_stream(const std::filesystem::path& path);

}  // namespace flgraph::importers
