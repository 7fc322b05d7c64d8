// importers/csv_reader.h: RFC 4180 records with physical line numbers and UTF-8 checks.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "graph/utf8.h"

namespace flgraph::importers {

struct CsvRow {
  std::size_t line = 0;  // physical line where the record starts (1-based)
  std::vector<std::string> fields;
};

// Reads records from text held in memory. Written here rather than taken from a library because
// every error must name the physical line (quoted fields may span lines) and the column's header
// name, and invalid UTF-8 must be caught in the same pass. Accepts a UTF-8 BOM, and CRLF, LF or a
// lone CR (classic Mac OS, and some spreadsheet exports) as line ends, mixed freely; '#' comment
// lines before the header; skips blank lines.
class CsvReader {
 public:
  CsvReader(std::string file_for_messages, std::string_view text);

  // The next record, or false at the end. Throws InputError on malformed text.
  bool next(CsvRow& row);
  // Names columns in error messages once the header is known.
  void set_header(const std::vector<std::string>& header) { header_ = header; }
  std::size_t bytes_read() const { return pos_; }
  std::size_t total_bytes() const { return text_.size(); }

 private:
  std::string field_name(std::size_t column) const;
  // Bytes of the line end at `at`: 2 for CRLF, 1 for LF or a lone CR, 0 for anything else.
  std::size_t line_end_length(std::size_t at) const;
  void check_utf8(const std::string& value, std::size_t line, std::size_t column) const;

  std::string file_;
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  bool header_seen_ = false;
  std::vector<std::string> header_;
};

}  // namespace flgraph::importers
