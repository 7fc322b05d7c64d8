// importers/csv_reader.cpp: the RFC 4180 state machine.
#include "importers/csv_reader.h"

#include <fmt/format.h>

#include <algorithm>

#include "graph/errors.h"
#include "graph/utf8.h"
#include "importers/input_file.h"

namespace flgraph::importers {

namespace {
bool starts_with_bom(std::string_view text) { return text.substr(0, 3) == "\xEF\xBB\xBF"; }
}  // namespace

CsvReader::CsvReader(std::string file_for_messages, std::string_view text)
    : file_(std::move(file_for_messages)), text_(text), total_bytes_(text.size()) {
  if (starts_with_bom(text_)) pos_ = 3;
}

CsvReader::CsvReader(std::string file_for_messages, std::unique_ptr<std::istream> in,
                     std::size_t total_bytes, ByteSink sink, std::size_t block_bytes)
    : file_(std::move(file_for_messages)),
      in_(std::move(in)),
      streamed_(true),
      block_bytes_(std::max<std::size_t>(block_bytes, 1)),
      total_bytes_(total_bytes),
      sink_(std::move(sink)) {
  while (text_.size() < 3 && read_block()) {
  }
  if (starts_with_bom(text_)) pos_ = 3;
}

CsvReader::~CsvReader() = default;

bool CsvReader::read_block() {
  if (!in_) return false;
  window_.erase(0, pos_);
  window_offset_ += pos_;
  pos_ = 0;
  text_ = window_;
  if (window_.size() > kMaxRecordBytes) throw record_too_long();
  const std::size_t kept = window_.size();
  // A record longer than a block doubles the window, so it is read again only a few times, and
  // the window stays within a block of the longest record.
  const std::size_t wanted =
      std::min(std::max(block_bytes_, kept), kMaxRecordBytes + block_bytes_ - kept);
  window_.resize(kept + wanted);
  text_ = window_;
  in_->read(window_.data() + kept, static_cast<std::streamsize>(wanted));
  const auto got = static_cast<std::size_t>(in_->gcount());
  if (in_->bad()) throw InputError::malformed({file_, line_, ""}, "cannot read the file");
  window_.resize(kept + got);
  text_ = window_;
  if (got > 0 && sink_) sink_(text_.substr(kept));
  if (got < wanted) in_.reset();  // the end of the stream: at_end() now says so
  return true;
}

InputError CsvReader::record_too_long() const {
  return InputError::malformed({file_, line_, ""},
                               fmt::format("a record longer than {} bytes", kMaxRecordBytes));
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
  if (at_end(at)) return 0;
  if (text_[at] == '\n') return 1;
  if (text_[at] != '\r') return 0;
  return !at_end(at + 1) && text_[at + 1] == '\n' ? 2 : 1;
}

bool CsvReader::next(CsvRow& row) {
  for (;;) {
    const std::size_t pos = pos_;
    const std::size_t line = line_;
    const bool header_seen = header_seen_;
    try {
      const bool read = read_record(row);
      // The same limit for a record that fitted the last block as for one that did not.
      if (read && streamed_ && pos_ - pos > kMaxRecordBytes) {
        line_ = row.line;
        throw record_too_long();
      }
      return read;
    } catch (const NeedMore&) {
      // Read again from the record's start once the next block is in.
      pos_ = pos;
      line_ = line;
      header_seen_ = header_seen;
      read_block();
    }
  }
}

bool CsvReader::read_record(CsvRow& row) {
  row.fields.clear();
  // Skip blank lines, and comment lines until the header has been read.
  while (!at_end(pos_)) {
    if (const auto line_end = line_end_length(pos_); line_end > 0) {
      pos_ += line_end;
      ++line_;
    } else if (text_[pos_] == '#' && !header_seen_) {
      while (!at_end(pos_) && line_end_length(pos_) == 0) ++pos_;
    } else {
      break;
    }
  }
  if (at_end(pos_)) return false;
  header_seen_ = true;
  row.line = line_;

  std::string field;
  for (;;) {
    field.clear();
    const std::size_t field_line = line_;
    if (!at_end(pos_) && text_[pos_] == '"') {
      ++pos_;
      for (;;) {
        if (at_end(pos_)) {
          throw InputError::bad_value({file_, field_line, field_name(row.fields.size())},
                                      "unterminated quoted field", field);
        }
        const char c = text_[pos_++];
        if (c == '"') {
          if (!at_end(pos_) && text_[pos_] == '"') {
            field += '"';
            ++pos_;
          } else {
            break;
          }
        } else {
          // A line break inside quotes is kept as written; CRLF counts as one line.
          if (c == '\n' || (c == '\r' && (at_end(pos_) || text_[pos_] != '\n'))) ++line_;
          field += c;
        }
      }
      if (!at_end(pos_) && text_[pos_] != ',' && line_end_length(pos_) == 0) {
        if (in_ && text_.size() - pos_ < 20) throw NeedMore{};  // the same quote in any block
        throw InputError::bad_value({file_, line_, field_name(row.fields.size())},
                                    "unexpected text after a closing quote",
                                    text_.substr(pos_, 20));
      }
    } else {
      const std::size_t start = pos_;
      while (!at_end(pos_) && text_[pos_] != ',' && line_end_length(pos_) == 0) {
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
    if (at_end(pos_)) break;
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
