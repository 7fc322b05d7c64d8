// resolve/name_tables.cpp: parsing of the embedded tables (text in name_tables_data.cpp).
#include "resolve/name_tables.h"

#include <algorithm>
#include <string>

#include "graph/errors.h"

namespace flgraph::resolve {
namespace detail {
// Defined in the generated name_tables_data.cpp (resolve/embed_tables.cmake).
extern const std::string_view k_legal_forms_tsv;
extern const std::string_view k_abbreviations_tsv;
extern const std::string_view k_korean_cyrillic_tsv;
extern const std::string_view k_hanja_hangul_tsv;
extern const std::string_view k_korean_glossary_tsv;
}  // namespace detail

namespace {

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t from = 0;
  while (true) {
    const auto at = text.find(separator, from);
    parts.push_back(text.substr(from, at == std::string_view::npos ? at : at - from));
    if (at == std::string_view::npos) return parts;
    from = at + 1;
  }
}

[[noreturn]] void fail(std::string_view file, std::size_t line, const std::string& what) {
  throw Error(std::string(file) + ":" + std::to_string(line) + ": " + what);
}

}  // namespace

std::size_t TsvTable::column(std::string_view name) const {
  const auto found = std::find(header.begin(), header.end(), name);
  if (found == header.end()) fail(file, 1, "no column \"" + std::string(name) + "\"");
  return static_cast<std::size_t>(found - header.begin());
}

TsvTable parse_tsv(std::string_view file, std::string_view text,
                   const std::vector<std::string_view>& header) {
  TsvTable table;
  table.file = file;
  auto lines = split(text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  if (lines.empty()) fail(file, 1, "empty table");
  table.header = split(lines.front(), '\t');
  if (table.header != header) fail(file, 1, "unexpected header");
  const std::size_t source = table.column("source");
  for (std::size_t i = 1; i < lines.size(); ++i) {
    auto cells = split(lines[i], '\t');
    if (cells.size() != header.size()) {
      fail(file, i + 1,
           std::to_string(cells.size()) + " columns, expected " + std::to_string(header.size()));
    }
    if (cells[source].empty()) fail(file, i + 1, "field \"source\": empty");
    table.rows.push_back(std::move(cells));
  }
  return table;
}

const NameTables& name_tables() {
  static const NameTables tables{
      parse_tsv("legal_forms.tsv", detail::k_legal_forms_tsv,
                {"form", "canonical", "generic", "countries", "language", "source"}),
      parse_tsv("abbreviations.tsv", detail::k_abbreviations_tsv,
                {"abbreviation", "expansion", "kind", "source"}),
      parse_tsv("korean_cyrillic.tsv", detail::k_korean_cyrillic_tsv,
                {"hangul", "cyrillic", "system", "position", "source"}),
      parse_tsv("hanja_hangul.tsv", detail::k_hanja_hangul_tsv, {"han", "hangul", "source"}),
      parse_tsv("korean_glossary.tsv", detail::k_korean_glossary_tsv,
                {"hangul", "hanja", "chinese", "tokens", "position", "source"}),
  };
  return tables;
}

std::vector<std::string_view> name_table_texts() {
  return {detail::k_legal_forms_tsv, detail::k_abbreviations_tsv, detail::k_korean_cyrillic_tsv,
          detail::k_hanja_hangul_tsv, detail::k_korean_glossary_tsv};
}

std::vector<std::string_view> split_values(std::string_view cell) { return split(cell, '|'); }

}  // namespace flgraph::resolve
