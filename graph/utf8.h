// graph/utf8.h: strict UTF-8 decoding, shared by input checks and error messages.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace flgraph {

// Decodes the sequence starting at text[pos] into `code`; returns its length in bytes, or 0
// when the bytes there are not well-formed UTF-8 (overlongs, surrogates and code points past
// U+10FFFF included).
std::size_t decode_utf8(std::string_view text, std::size_t pos, std::uint32_t& code);

// True when the whole text is well-formed UTF-8.
bool is_valid_utf8(std::string_view text);

}  // namespace flgraph
