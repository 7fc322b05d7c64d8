// importers/input_file.h: reading an input file whole, with the checks every format needs.
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace flgraph::importers {

// Largest input file read into memory at once (docs/FORMATS.md, "Limits").
inline constexpr std::uintmax_t kMaxInputBytes = std::uintmax_t{4} << 30;

// Longest text accepted in any field of any format (a CSV field, a name, alias, title or quote,
// and an entity's or relation's attributes as JSON): beyond it, input is broken or hostile.
inline constexpr std::size_t kMaxTextFieldBytes = std::size_t{1} << 20;

// Longest id (of an entity, relation, source or claim) in bytes, whatever the format; ids an
// importer makes from the data ("un-" + a reference number) obey it too, so an export re-imports.
inline constexpr std::size_t kMaxIdBytes = 1024;

// The file's bytes. Throws InputError for a directory, an unreadable, empty or oversized file.
std::string read_input_file(const std::filesystem::path& path);

}  // namespace flgraph::importers
