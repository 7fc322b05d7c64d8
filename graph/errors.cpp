// graph/errors.cpp: formatting of user-facing error messages.
#include "graph/errors.h"

#include <fmt/format.h>

#include <algorithm>

#include "graph/utf8.h"

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
  return (code >= 0x80 && code <= 0x9F) || code == 0x200E || code == 0x200F ||
         (code >= 0x202A && code <= 0x202E) || (code >= 0x2066 && code <= 0x2069);
}

struct EscapeRule {
  bool keep_layout = false;    // keep line breaks and tabs (a whole rendered report)
  bool escape_quotes = false;  // inside a quoted value: '"' and '\\' get a backslash
  std::size_t max_characters = std::string_view::npos;
  std::string_view cut_mark;  // appended when the text was cut
};

// The one escaping rule every message and report follows; the public functions choose options.
std::string escaped(std::string_view text, const EscapeRule& rule) {
  std::string out;
  out.reserve(std::min(text.size(), rule.max_characters) + 8);
  std::size_t shown = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (shown++ == rule.max_characters) {
      out += rule.cut_mark;
      break;
    }
    std::uint32_t code = 0;
    const std::size_t length = decode_utf8(text, i, code);
    if (length == 0) {
      out += fmt::format("\\x{:02x}",
                         static_cast<unsigned char>(text[i]));  // not UTF-8: show the byte
      ++i;
      continue;
    }
    if (rule.keep_layout && (code == '\n' || code == '\t')) {
      out += static_cast<char>(code);
    } else if (rule.escape_quotes && (code == '"' || code == '\\')) {
      out += '\\';
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

}  // namespace

std::string quote_for_message(std::string_view raw) {
  return "\"" + escaped(raw, {false, /*escape_quotes=*/true, kMaxQuotedCharacters, "..."}) + "\"";
}

std::string escape_controls(std::string_view text, bool keep_layout) {
  return escaped(text, {keep_layout, false, std::string_view::npos, ""});
}

std::string shorten_for_message(std::string_view text) {
  return escaped(text, {false, false, kMaxQuotedCharacters, "…"});
}

std::string unknown_entity_message(
    std::string_view id, const std::vector<std::pair<std::string, std::string>>& closest) {
  std::string message = fmt::format("unknown entity id {}", quote_for_message(id));
  if (closest.empty()) return message;
  message += "; closest ids:";
  for (const auto& [closest_id, name] : closest) {
    message +=
        fmt::format("\n  {}  {}", shorten_for_message(closest_id), shorten_for_message(name));
  }
  return message;
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
