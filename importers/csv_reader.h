// importers/csv_reader.h: RFC 4180 records with physical line numbers and UTF-8 checks.
#pragma once
#include <cstddef>
#include <functional>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "graph/errors.h"
#include "graph/utf8.h"

namespace flgraph::importers {

struct CsvRow {
  std::size_t line = 0;  // physical line where the record starts (1-based)
  std::vector<std::string> fields;
};

// Longest record a streamed file may hold, blank lines before it included (many fields of up to
// kMaxTextFieldBytes each): the reader keeps no more than the record it is in and a block, so a
// file with no line end in gigabytes is refused here instead of filling memory.
inline constexpr std::size_t kMaxRecordBytes = std::size_t{64} << 20;

// Reads records from text held in memory, or streamed block by block from a file of any size.
// Written here rather than taken from a library because every error must name the physical line
// (quoted fields may span lines) and the column's header name, and invalid UTF-8 must be caught
// in the same pass. Accepts a UTF-8 BOM, and CRLF, LF or a lone CR (classic Mac OS, and some
// spreadsheet exports) as line ends, mixed freely; '#' comment lines before the header; skips
// blank lines.
class CsvReader {
 public:
  // Every byte read from a stream, in order, once (for the import's fingerprint).
  using ByteSink = std::function<void(std::string_view)>;

  CsvReader(std::string file_for_messages, std::string_view text);
  // `total_bytes` is the stream's size as known beforehand, for progress only.
  CsvReader(std::string file_for_messages, std::unique_ptr<std::istream> in,
            std::size_t total_bytes, ByteSink sink = {}, std::size_t block_bytes = 1 << 20);
  ~CsvReader();
  // Not moved: text_ may point into window_.
  CsvReader(CsvReader&&) = delete;
  CsvReader& operator=(CsvReader&&) = delete;

  // The next record, or false at the end. Throws InputError on malformed text.
  bool next(CsvRow& row);
  // Names columns in error messages once the header is known.
  void set_header(const std::vector<std::string>& header) { header_ = header; }
  std::size_t bytes_read() const { return window_offset_ + pos_; }
  std::size_t total_bytes() const { return total_bytes_; }

 private:
  struct NeedMore {};  // a record reached the end of the bytes read so far

  bool read_record(CsvRow& row);
  // True at the end of the input; throws NeedMore at the end of a block with more to read.
  bool at_end(std::size_t at) const {
    if (at < text_.size()) return false;
    if (!in_) return true;
    throw NeedMore{};
  }
  // Drops the records read and appends the next block; false when there is none.
  bool read_block();
  InputError record_too_long() const;  // at the line the record starts on
  std::string field_name(std::size_t column) const;
  // Bytes of the line end at `at`: 2 for CRLF, 1 for LF or a lone CR, 0 for anything else.
  std::size_t line_end_length(std::size_t at) const;
  void check_utf8(const std::string& value, std::size_t line, std::size_t column) const;

  std::string file_;
  std::string_view text_;             // the caller's text, or the streamed window_
  std::unique_ptr<std::istream> in_;  // null once the stream is read to its end
  std::string window_;
  bool streamed_ = false;
  std::size_t window_offset_ = 0;  // position of text_[0] in the input
  std::size_t block_bytes_ = 0;
  std::size_t total_bytes_ = 0;
  ByteSink sink_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  bool header_seen_ = false;
  std::vector<std::string> header_;
};

}  // namespace flgraph::importers
