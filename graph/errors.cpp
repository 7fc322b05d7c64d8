// graph/errors.cpp: formatting of user-facing error messages.
#include "graph/errors.h"

#include "graph/utf8.h"

#include <fmt/format.h>

namespace flgraph {
namespace {

constexpr std::size_t kMaxQuotedCharacters = 80;

std::string prefix(const InputLocation& where) {
  std::string out = where.file;
  if (where.line > 0) out += fmt::format(":{}", where.line);
  out += ": ";
  if (!where.field.empty()) out += fmt::format("field \"{}\": ", where.field);
  return out;
}

}  // namespace

namespace {

// Characters that could forge or reorder what a terminal shows: C1 controls and the bidi
// embedding, override and isolate marks.
bool is_invisible_control(std::uint32_t code) {
  return (code >= 0x80 && code <= 0x9F) || code == 0x200E || code == 0x200F || (code >= 0x202A && code <= 0x202E) ||
         (code >= 0x2066 && code <= 0x2069);
}

}  // namespace

std::string quote_for_message(std::string_view raw) {
  std::string out = "\"";
  std::size_t shown = 0;
  for (std::size_t i = 0; i < raw.size();) {
    if (shown++ == kMaxQuotedCharacters) {
      out += "...";
      break;
    }
    std::uint32_t code = 0;
    const std::size_t length = decode_utf8(raw, i, code);
    if (length == 0) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(raw[i]));  // not UTF-8: show the byte
      ++i;
      continue;
    }
    if (code == '"' || code == '\\') {
      out += '\\';
      out += static_cast<char>(code);
    } else if (code < 0x20 || code == 0x7f) {
      out += fmt::format("\\x{:02x}", code);
    } else if (is_invisible_control(code)) {
      out += fmt::format("\\u{{{:04x}}}", code);
    } else {
      out.append(raw.substr(i, length));
    }
    i += length;
  }
  out += '"';
  return out;
}

std::string escape_controls(std::string_view text, bool keep_layout) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::uint32_t code = 0;
    const std::size_t length = decode_utf8(text, i, code);
    if (length == 0) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    if (keep_layout && (code == '\n' || code == '\t')) {
      out += static_cast<char>(code);
    } else if (code < 0x20 || code == 0x7f) {
      out += fmt::format("\\x{:02x}", code);
    } else if (is_invisible_control(code)) {
      out += fmt::format("\\u{{{:04x}}}", code);
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

InputError InputError::bad_value(const InputLocation& where, std::string_view what,
                                 std::string_view got) {
  return {where, fmt::format("{}{} (got {})", prefix(where), what, quote_for_message(got))};
}

InputError InputError::missing_column(const InputLocation& where, std::string_view column) {
  return {where, fmt::format("{}missing column \"{}\"", prefix(where), column)};
}

InputError InputError::unknown_reference(const InputLocation& where, std::string_view what,
                                         std::string_view id) {
  return {where, fmt::format("{}unknown {} (got {})", prefix(where), what, quote_for_message(id))};
}

InputError InputError::malformed(const InputLocation& where, std::string_view what) {
  return {where, fmt::format("{}{}", prefix(where), what)};
}

}  // namespace flgraph
