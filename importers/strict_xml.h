// importers/strict_xml.h: the XML 1.0 rules pugixml does not enforce, checked on the file's text.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flgraph::importers {

// Line numbers for byte offsets, so errors and claims can point into the file.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  // 1-based line of a byte offset; 0 for a negative offset (pugixml's "no position").
  std::size_t line_at(std::ptrdiff_t offset) const;

 private:
  std::vector<std::size_t> newlines_;
};

// The position of a document type declaration (or a bare <!ENTITY>) before the root element.
std::optional<std::size_t> doctype_offset(std::string_view text);

// Refuses text that is not UTF-8, holds NUL bytes, or has a character reference to a character
// XML 1.0 does not allow ("&#0;"), naming the first bad line. Run before parsing.
void check_xml_characters(const std::string& file, std::string_view text);

// Refuses what pugixml parses leniently and would silently change (run after it parsed the text):
// a second root element, text outside the root element (pugixml drops it), an entity reference
// other than the five XML predefines (pugixml keeps "&name;" as text, as if it were data), and an
// '&' that starts no reference. https://www.w3.org/TR/xml/#sec-well-formed, #sec-references
void check_xml_structure(const std::string& file, std::string_view text, const LineIndex& lines);

}  // namespace flgraph::importers
