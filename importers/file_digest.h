// importers/file_digest.h: SHA-256 of an input file, so every imported list is a source with its hash.
#pragma once
#include <string>
#include <string_view>

namespace flgraph::importers {

// Lower-case hexadecimal SHA-256 (64 digits) of `bytes`.
std::string sha256_hex(std::string_view bytes);

}  // namespace flgraph::importers
