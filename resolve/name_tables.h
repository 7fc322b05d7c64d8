// resolve/name_tables.h: the tables of resolve/data/ (README there), compiled in and parsed once.
#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

namespace flgraph::resolve {

// One tab-separated table. Cells are views into the text compiled into the binary.
struct TsvTable {
  std::string_view file;  // "legal_forms.tsv", for messages
  std::vector<std::string_view> header;
  std::vector<std::vector<std::string_view>> rows;  // each has header.size() cells
  // Index of a column by its header name; throws flgraph::Error when there is none.
  std::size_t column(std::string_view name) const;
};

// Parses a table in the format of resolve/data/README.md. Throws flgraph::Error naming the file
// and line when the header differs from `header`, a row has another column count, or its
// `source` is empty: a broken table must fail the tests, not match names wrongly.
TsvTable parse_tsv(std::string_view file, std::string_view text,
                   const std::vector<std::string_view>& header);

struct NameTables {
  TsvTable legal_forms;      // form, canonical, generic, countries, language, source
  TsvTable abbreviations;    // abbreviation, expansion, kind, source
  TsvTable korean_cyrillic;  // hangul, cyrillic, system, position, source
  TsvTable hanja_hangul;     // han, hangul ('|'-separated, DPRK reading first), source
  TsvTable korean_glossary;  // hangul, hanja, chinese, tokens ('|' alternatives), position, source
};

// Parsed on first use (function-local static); throws as parse_tsv does.
const NameTables& name_tables();

// The tables' texts as compiled in, for the name index file's fingerprint (name_index_file.cpp):
// an index built with other tables is stale.
std::vector<std::string_view> name_table_texts();

// Splits a multi-valued cell on '|'.
std::vector<std::string_view> split_values(std::string_view cell);

}  // namespace flgraph::resolve
