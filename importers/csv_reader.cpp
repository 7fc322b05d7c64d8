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
    throw InputError::bad_value({file_, line, field_name(column)},
                                fmt::format("longer than {} bytes", kMaxTextFieldBytes), value);
  }
  if (!is_valid_utf8(value)) {
    throw InputError::bad_value({file_, line, field_name(column)}, "invalid UTF-8", value);
  }
  if (value.find('\0') != std::string::npos) {
    throw InputError::bad_value({file_, line, field_name(column)}, "NUL byte in text", value);
  }
}

std::size_t CsvReader::line_end_length(std::size_t at) const {
  if (at >= text_.size()) return 0;
  if (text_[at] == '\n') return 1;
  if (text_[at] != '\r') return 0;
  return at + 1 < text_.size() && text_[at + 1] == '\n' ? 2 : 1;
}

bool CsvReader::next(CsvRow& row) {
  row.fields.clear();
  const std::size_t n = text_.size();
  // Skip blank lines, and comment lines until the header has been read.
  while (pos_ < n) {
    if (const auto line_end = line_end_length(pos_); line_end > 0) {
      pos_ += line_end;
      ++line_;
    } else if (text_[pos_] == '#' && !header_seen_) {
      while (pos_ < n && line_end_length(pos_) == 0) ++pos_;
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
          // A line break inside quotes is kept as written; CRLF counts as one line.
          if (c == '\n' || (c == '\r' && (pos_ >= n || text_[pos_] != '\n'))) ++line_;
          field += c;
        }
      }
      if (pos_ < n && text_[pos_] != ',' && line_end_length(pos_) == 0) {
        throw InputError::bad_value({file_, line_, field_name(row.fields.size())},
                                    "unexpected text after a closing quote",
                                    text_.substr(pos_, 20));
      }
    } else {
      const std::size_t start = pos_;
      while (pos_ < n && text_[pos_] != ',' && line_end_length(pos_) == 0) {
        if (text_[pos_] == '"') {
          throw InputError::bad_value({file_, line_, field_name(row.fields.size())},
                                      "quote inside an unquoted field",
                                      text_.substr(start, pos_ - start + 1));
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
    pos_ += line_end_length(pos_);
    ++line_;
    break;
  }
  return true;
}

}  // namespace flgraph::importers
