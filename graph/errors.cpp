// graph/errors.cpp: formatting of user-facing error messages.
#include "graph/errors.h"

#include <fmt/format.h>

namespace flgraph {
namespace {

constexpr std::size_t kMaxQuotedBytes = 80;

std::string prefix(const InputLocation& where) {
  std::string out = where.file;
  if (where.line > 0) out += fmt::format(":{}", where.line);
  out += ": ";
  if (!where.field.empty()) out += fmt::format("field \"{}\": ", where.field);
  return out;
}

}  // namespace

std::string quote_for_message(std::string_view raw) {
  std::string out = "\"";
  std::size_t shown = 0;
  for (char c : raw) {
    if (shown++ == kMaxQuotedBytes) {
      out += "...";
      break;
    }
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte == 0x7f) {
      out += fmt::format("\\x{:02x}", byte);
    } else {
      out += c;
    }
  }
  out += '"';
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
