// importers/strict_xml.cpp: a scan of the raw XML text for what the lenient parser lets through.
#include "importers/strict_xml.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>

#include "graph/errors.h"
#include "graph/utf8.h"

namespace flgraph::importers {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// XML 1.0 Char production: https://www.w3.org/TR/xml/#charsets
bool is_xml_char(std::uint64_t code) {
  return code == 0x9 || code == 0xA || code == 0xD || (code >= 0x20 && code <= 0xD7FF) ||
         (code >= 0xE000 && code <= 0xFFFD) || (code >= 0x10000 && code <= 0x10FFFF);
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.' || c == ':' || static_cast<unsigned char>(c) >= 0x80;
}

// Walks the text of a document pugixml accepted, keeping the open elements, and refuses what a
// strict parser would. The text is known to parse, so every markup construct is closed.
class StructureScan {
 public:
  StructureScan(const std::string& file, std::string_view text, const LineIndex& lines)
      : file_(file), text_(text), lines_(lines) {}

  void run() {
    pos_ = text_.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '<') {
        markup();
      } else if (c == '&') {
        reference(pos_, open_.empty() ? std::string() : open_.back());
        ++pos_;
      } else {
        if (open_.empty() && !is_space(c)) {
          throw InputError::malformed(
              at(pos_, ""),
              "text outside the root element; an XML document holds all its "
              "text inside its one root element");
        }
        ++pos_;
      }
    }
  }

 private:
  InputLocation at(std::size_t offset, std::string field) const {
    return {file_, lines_.line_at(static_cast<std::ptrdiff_t>(offset)), std::move(field)};
  }

  // Moves past the first `end` at or after `from`, or to the end of the text.
  void skip_past(std::size_t from, std::string_view end) {
    const auto found = text_.find(end, from);
    pos_ = found == std::string_view::npos ? text_.size() : found + end.size();
  }

  void markup() {
    const auto rest = text_.substr(pos_);
    if (rest.starts_with("<!--")) return skip_past(pos_ + 4, "-->");
    if (rest.starts_with("<![CDATA[")) return skip_past(pos_ + 9, "]]>");  // '&' is plain text here
    if (rest.starts_with("<?")) return skip_past(pos_ + 2, "?>");
    if (rest.starts_with("<!")) return skip_past(pos_ + 2, ">");
    if (rest.starts_with("</")) {
      if (!open_.empty()) open_.pop_back();
      return skip_past(pos_ + 2, ">");
    }
    start_tag();
  }

  void start_tag() {
    const std::size_t tag_start = pos_;
    std::size_t end = pos_ + 1;
    while (end < text_.size() && is_name_char(text_[end])) ++end;
    std::string name(text_.substr(pos_ + 1, end - pos_ - 1));
    if (open_.empty() && root_seen_) {
      throw InputError::bad_value(at(tag_start, ""),
                                  "a second root element; an XML document has exactly one",
                                  "<" + name + ">");
    }
    root_seen_ = true;
    // Attributes: values are quoted and may hold '>' and references.
    for (pos_ = end; pos_ < text_.size();) {
      const char c = text_[pos_];
      if (c == '"' || c == '\'') {
        const auto close = std::min(text_.find(c, pos_ + 1), text_.size());
        for (auto amp = text_.find('&', pos_ + 1); amp < close; amp = text_.find('&', amp + 1)) {
          reference(amp, name + "/@" + attribute_before(pos_));
        }
        pos_ = close + 1;
      } else if (c == '>') {
        open_.push_back(std::move(name));
        ++pos_;
        return;
      } else if (c == '/' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '>') {
        pos_ += 2;  // an empty element opens and closes here
        return;
      } else {
        ++pos_;
      }
    }
  }

  // The attribute name before the '=' ahead of a quoted value at `quote`.
  std::string attribute_before(std::size_t quote) const {
    std::size_t end = quote;
    while (end > 0 && (is_space(text_[end - 1]) || text_[end - 1] == '=')) --end;
    std::size_t start = end;
    while (start > 0 && is_name_char(text_[start - 1])) --start;
    return std::string(text_.substr(start, end - start));
  }

  // The reference starting with the '&' at `amp`: a character reference to a character XML
  // allows, or one of the five predefined entities; anything else is refused.
  void reference(std::size_t amp, const std::string& field) const {
    std::size_t end = amp + 1;
    const bool is_character = end < text_.size() && text_[end] == '#';
    if (is_character) {
      ++end;
      const bool hex = end < text_.size() && text_[end] == 'x';
      if (hex) ++end;
      const std::size_t digits = end;
      std::uint64_t code = 0;
      for (; end < text_.size() && std::isxdigit(static_cast<unsigned char>(text_[end])) != 0;
           ++end) {
        const char c = text_[end];
        if (!hex && (c < '0' || c > '9')) break;
        const auto digit = static_cast<std::uint64_t>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
        code = std::min<std::uint64_t>(code * (hex ? 16 : 10) + digit,
                                       std::uint64_t{1} << 32);  // saturates
      }
      if (end > digits && end < text_.size() && text_[end] == ';') {
        if (is_xml_char(code)) return;
        throw InputError::bad_value(at(amp, field),
                                    "character reference to a character XML 1.0 does not allow",
                                    text_.substr(amp, end + 1 - amp));
      }
    } else {
      while (end < text_.size() && is_name_char(text_[end])) ++end;
      if (end < text_.size() && text_[end] == ';' && end > amp + 1) {
        const auto entity = text_.substr(amp + 1, end - amp - 1);
        constexpr std::array<std::string_view, 5> kPredefined = {"amp", "lt", "gt", "quot", "apos"};
        if (std::find(kPredefined.begin(), kPredefined.end(), entity) != kPredefined.end()) return;
        throw InputError::bad_value(
            at(amp, field),
            "undeclared entity reference; XML defines only &amp; &lt; &gt; &quot; &apos; "
            "and the UN list declares no others",
            text_.substr(amp, end + 1 - amp));
      }
    }
    throw InputError::bad_value(at(amp, field), "'&' that starts no reference; write it as &amp;",
                                text_.substr(amp, std::min<std::size_t>(12, text_.size() - amp)));
  }

  const std::string& file_;
  std::string_view text_;
  const LineIndex& lines_;
  std::size_t pos_ = 0;
  bool root_seen_ = false;
  std::vector<std::string> open_;  // names of the elements open at pos_
};

}  // namespace

LineIndex::LineIndex(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') newlines_.push_back(i);
  }
}

std::size_t LineIndex::line_at(std::ptrdiff_t offset) const {
  if (offset < 0) return 0;
  const auto at = static_cast<std::size_t>(offset);
  return 1 + static_cast<std::size_t>(std::lower_bound(newlines_.begin(), newlines_.end(), at) -
                                      newlines_.begin());
}

std::optional<std::size_t> doctype_offset(std::string_view text) {
  std::size_t pos = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  for (;;) {
    pos = text.find_first_not_of(" \t\r\n", pos);
    if (pos == std::string_view::npos) return std::nullopt;
    const auto rest = text.substr(pos);
    if (rest.starts_with("<?")) {
      pos = text.find("?>", pos);
      if (pos == std::string_view::npos) return std::nullopt;
      pos += 2;
    } else if (rest.starts_with("<!--")) {
      pos = text.find("-->", pos);
      if (pos == std::string_view::npos) return std::nullopt;
      pos += 3;
    } else if (rest.starts_with("<!DOCTYPE") || rest.starts_with("<!ENTITY")) {
      return pos;
    } else {
      return std::nullopt;
    }
  }
}

void check_xml_characters(const std::string& file, std::string_view text) {
  // A multi-byte sequence never contains '\n', so checking line by line is exact.
  std::size_t line = 1;
  for (std::size_t start = 0; start < text.size(); ++line) {
    const auto end = std::min(text.find('\n', start), text.size());
    const auto content = text.substr(start, end - start);
    if (!is_valid_utf8(content))
      throw InputError::bad_value({file, line, ""}, "invalid UTF-8", content);
    if (content.find('\0') != std::string_view::npos) {
      throw InputError::bad_value({file, line, ""}, "NUL byte in text", content);
    }
    // XML 1.0 allows no character reference to NUL, the other C0 controls but tab and line
    // breaks, a surrogate, U+FFFE/U+FFFF or beyond U+10FFFF; pugixml would decode "&#0;" into a
    // NUL that silently cuts the text short.
    for (auto at = content.find("&#"); at != std::string_view::npos;
         at = content.find("&#", at + 2)) {
      const bool hex = at + 2 < content.size() && content[at + 2] == 'x';
      const auto digits_start = at + (hex ? 3 : 2);
      const auto semicolon = content.find(';', digits_start);
      if (semicolon == std::string_view::npos || semicolon == digits_start ||
          semicolon - digits_start > 8)
        continue;
      std::uint32_t code = 0;
      const auto [stop, ec] = std::from_chars(content.data() + digits_start,
                                              content.data() + semicolon, code, hex ? 16 : 10);
      if (ec != std::errc{} || stop != content.data() + semicolon)
        continue;  // check_xml_structure refuses it
      if (!is_xml_char(code)) {
        throw InputError::bad_value({file, line, ""},
                                    "character reference to a character XML 1.0 does not allow",
                                    content.substr(at, semicolon + 1 - at));
      }
    }
    start = end + 1;
  }
}

void check_xml_structure(const std::string& file, std::string_view text, const LineIndex& lines) {
  StructureScan(file, text, lines).run();
}

}  // namespace flgraph::importers
