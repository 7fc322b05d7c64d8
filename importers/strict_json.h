// importers/strict_json.h: JSON text parsed the one way every importer takes it: nesting limited,
// a key named twice refused, and each refusal naming the line it is on.
#pragma once
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace flgraph::importers {

// Deeper documents are refused during the parse, before a hostile one can exhaust the stack: a
// bundle's own shape needs four levels, an FtM entity three.
inline constexpr int kMaxJsonDepth = 64;

// Parses `text`, the contents of `file` from line `first_line` on (an FtM line is one document).
// Throws InputError naming FILE:LINE: "nested deeper than 64 levels", "key named twice in one
// object" (a parser would keep one value and drop the other), "invalid JSON: " and the parser's
// words, or "invalid JSON: number out of range" with the number (too large for a double).
nlohmann::json parse_strict_json(std::string_view text, const std::string& file,
                                 std::size_t first_line = 1);

// Line of the top-level object's key `key` in `text`; 1 if it is not found. For error messages.
std::size_t line_of_json_key(std::string_view text, std::string_view key);

}  // namespace flgraph::importers
