// importers/csv_reader.cpp: the RFC 4180 state machine.
#include "importers/csv_reader.h"

#include <fmt/format.h>

#include "graph/errors.h"
#include "graph/utf8.h"
#include "importers/input_file.h"

namespace flgraph::importers {

CsvReader::CsvReader(std::string file_for_messages, std::string_view text)
    : file_(std::move(file_for_messages)), text_(text) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
}

std::string CsvReader::field_name(std::size_t column) const {
  if (column < header_.size()) return header_[column];
  return fmt::format("column {}", column + 1);
}

void CsvReader::check_utf8(const std::string& value, std::size_t line, std::size_t column) const {
  if (value.size() > kMaxTextFieldBytes) {
    throw InputError::bad_value({file_, line, field_name(column)}, fmt::format("longer than {} bytes", kMaxTextFieldBytes),
                                value);
  }
  if (!is_valid_utf8(value)) {
    throw InputError::bad_value({file_, line, field_name(column)}, "invalid UTF-8", value);
  }
  if (value.find('\0') != std::string::npos) {
    throw InputError::bad_value({file_, line, field_name(column)}, "NUL byte in text", value);
  }
}

bool CsvReader::next(CsvRow& row) {
  row.fields.clear();
  const std::size_t n = text_.size();
  // Skip blank lines, and comment lines until the header has been read.
  while (pos_ < n) {
    const char c = text_[pos_];
    if (c == '\n') {
      ++pos_;
      ++line_;
    } else if (c == '\r' && pos_ + 1 < n && text_[pos_ + 1] == '\n') {
      pos_ += 2;
      ++line_;
    } else if (c == '#' && !header_seen_) {
      while (pos_ < n && text_[pos_] != '\n') ++pos_;
    } else {
      break;
    }
  }
  if (pos_ >= n) return false;
  header_seen_ = true;
  row.line = line_;

  std::string field;
  for (;;) {
    field.clear();
    const std::size_t field_line = line_;
    if (pos_ < n && text_[pos_] == '"') {
      ++pos_;
      for (;;) {
        if (pos_ >= n) {
          throw InputError::bad_value({file_, field_line, field_name(row.fields.size())},
                                      "unterminated quoted field", field);
        }
        const char c = text_[pos_++];
        if (c == '"') {
          if (pos_ < n && text_[pos_] == '"') {
            field += '"';
            ++pos_;
          } else {
            break;
          }
        } else {
          if (c == '\n') ++line_;
          field += c;
        }
      }
      // A lone CR is not a line end: the end of record below would swallow the byte after it.
      if (pos_ < n && text_[pos_] != ',' && text_[pos_] != '\n' &&
          !(text_[pos_] == '\r' && pos_ + 1 < n && text_[pos_ + 1] == '\n')) {
        throw InputError::bad_value({file_, line_, field_name(row.fields.size())},
                                    "unexpected text after a closing quote", text_.substr(pos_, 20));
      }
    } else {
      const std::size_t start = pos_;
      while (pos_ < n && text_[pos_] != ',' && text_[pos_] != '\n' &&
             !(text_[pos_] == '\r' && pos_ + 1 < n && text_[pos_ + 1] == '\n')) {
        if (text_[pos_] == '"') {
          throw InputError::bad_value({file_, line_, field_name(row.fields.size())},
                                      "quote inside an unquoted field", text_.substr(start, pos_ - start + 1));
        }
        ++pos_;
      }
      field.assign(text_.substr(start, pos_ - start));
    }
    check_utf8(field, field_line, row.fields.size());
    row.fields.push_back(field);
    if (pos_ >= n) break;
    if (text_[pos_] == ',') {
      ++pos_;
      continue;
    }
    // End of record: LF or CRLF.
    if (text_[pos_] == '\r') ++pos_;
    ++pos_;
    ++line_;
    break;
  }
  return true;
}

}  // namespace flgraph::importers
