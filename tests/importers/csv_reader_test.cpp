// tests/importers/csv_reader_test.cpp: RFC 4180 records, physical line numbers and UTF-8 checks.
#include "importers/csv_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "graph/errors.h"

namespace flgraph::importers {
namespace {

using Fields = std::vector<std::string>;

// Block sizes the streamed reads are checked with: records and line ends cut at every place.
constexpr std::size_t kBlockSizes[] = {1, 2, 3, 5, 16, std::size_t{1} << 20};

std::unique_ptr<CsvReader> streamed(std::string_view text, std::size_t block_bytes,
                                    std::string* bytes_seen) {
  return std::make_unique<CsvReader>(
      "test.csv", std::make_unique<std::istringstream>(std::string(text)), text.size(),
      [bytes_seen](std::string_view bytes) { bytes_seen->append(bytes); }, block_bytes);
}

std::vector<CsvRow> rows_of(CsvReader& reader) {
  std::vector<CsvRow> rows;
  CsvRow row;
  while (reader.next(row)) rows.push_back(row);
  return rows;
}

// Every record of `text` in order, read the way the bulk importer reads them; the same text
// streamed in blocks of every size in kBlockSizes must give the same records and see every byte.
std::vector<CsvRow> read_all(std::string_view text) {
  CsvReader reader("test.csv", text);
  const auto rows = rows_of(reader);
  for (const auto block : kBlockSizes) {
    std::string bytes_seen;
    const auto stream = streamed(text, block, &bytes_seen);
    const auto streamed_rows = rows_of(*stream);
    EXPECT_EQ(streamed_rows.size(), rows.size()) << "block of " << block;
    for (std::size_t i = 0; i < std::min(rows.size(), streamed_rows.size()); ++i) {
      EXPECT_EQ(streamed_rows[i].line, rows[i].line) << "block of " << block << ", record " << i;
      EXPECT_EQ(streamed_rows[i].fields, rows[i].fields) << "block of " << block;
    }
    EXPECT_EQ(bytes_seen, text) << "block of " << block;
    EXPECT_EQ(stream->bytes_read(), text.size()) << "block of " << block;
  }
  return rows;
}

std::string message_of(CsvReader& reader, const Fields& header) {
  if (!header.empty()) reader.set_header(header);
  CsvRow row;
  try {
    while (reader.next(row)) {
    }
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

// The message of the InputError that reading `text` throws, or "" when none is thrown; streamed
// in any block size, the same message.
std::string error_reading(std::string_view text, const Fields& header = {}) {
  CsvReader reader("test.csv", text);
  const auto message = message_of(reader, header);
  for (const auto block : kBlockSizes) {
    std::string bytes_seen;
    EXPECT_EQ(message_of(*streamed(text, block, &bytes_seen), header), message)
        << "block of " << block;
  }
  return message;
}

TEST(CsvReader, ReadsRecordsWithTheirPhysicalLines) {
  const auto rows = read_all("id,kind\na,company\nb,person\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].fields, (Fields{"id", "kind"}));
  EXPECT_EQ(rows[1].fields, (Fields{"a", "company"}));
  EXPECT_EQ(rows[2].fields, (Fields{"b", "person"}));
  EXPECT_EQ(rows[0].line, 1u);
  EXPECT_EQ(rows[1].line, 2u);
  EXPECT_EQ(rows[2].line, 3u);
}

TEST(CsvReader, ReadsLastRecordWithoutTrailingNewline) {
  const auto rows = read_all("id,kind\na,company");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].fields, (Fields{"a", "company"}));
}

TEST(CsvReader, KeepsEmptyFieldsIncludingATrailingOne) {
  const auto rows = read_all("a,,c,\n,\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields, (Fields{"a", "", "c", ""}));
  EXPECT_EQ(rows[1].fields, (Fields{"", ""}));
}

TEST(CsvReader, AcceptsUtf8ByteOrderMark) {
  const auto rows = read_all("\xEF\xBB\xBFid,kind\na,company\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields[0], "id");  // the BOM is not part of the first column's name
  EXPECT_EQ(rows[0].line, 1u);
  EXPECT_EQ(rows[1].line, 2u);
}

TEST(CsvReader, AcceptsCrlfLineEnds) {
  const auto rows = read_all("id,kind\r\na,company\r\nb,person\r\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].fields, (Fields{"a", "company"}));  // no stray \r in the last field
  EXPECT_EQ(rows[2].fields, (Fields{"b", "person"}));
  EXPECT_EQ(rows[2].line, 3u);
}

TEST(CsvReader, AcceptsMixedLineEnds) {
  const auto rows = read_all("id,kind\r\na,company\nb,person\r\nc,site");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1].fields, (Fields{"a", "company"}));
  EXPECT_EQ(rows[2].fields, (Fields{"b", "person"}));
  EXPECT_EQ(rows[3].fields, (Fields{"c", "site"}));
  EXPECT_EQ(rows[3].line, 4u);
}

TEST(CsvReader, QuotedFieldKeepsCommas) {
  const auto rows = read_all("id,name\na,\"Example Co., Ltd.\"\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].fields, (Fields{"a", "Example Co., Ltd."}));
}

TEST(CsvReader, DoubledQuoteInQuotedFieldIsOneQuote) {
  const auto rows = read_all("id,quote\na,\"acted \"\"on behalf of\"\" the bureau\"\nb,\"\"\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].fields[1], "acted \"on behalf of\" the bureau");
  EXPECT_EQ(rows[2].fields[1], "");
}

TEST(CsvReader, EmbeddedNewlineKeepsFollowingLinesPhysical) {
  const auto rows = read_all(
      "id,quote\na,\"first line\nsecond line\nthird line\"\nb,plain\r\nc,\"x\r\ny\"\nd,z\n");
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[1].fields[1], "first line\nsecond line\nthird line");
  EXPECT_EQ(rows[1].line, 2u);
  EXPECT_EQ(rows[2].line, 5u);  // b follows the three physical lines of a's quote
  EXPECT_EQ(rows[3].fields[1], "x\r\ny");
  EXPECT_EQ(rows[3].line, 6u);
  EXPECT_EQ(rows[4].line, 8u);
}

TEST(CsvReader, SkipsCommentLinesBeforeTheHeader) {
  const auto rows = read_all("# Illustrative sample\n# second comment\r\nid,kind\na,company\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields, (Fields{"id", "kind"}));
  EXPECT_EQ(rows[0].line, 3u);
  EXPECT_EQ(rows[1].line, 4u);
}

TEST(CsvReader, HashAfterTheHeaderIsData) {
  const auto rows = read_all("id,kind\n#a,company\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].fields, (Fields{"#a", "company"}));
}

TEST(CsvReader, SkipsBlankLinesAndCountsThem) {
  const auto rows = read_all("\n\r\nid,kind\n\na,company\r\n\r\n\nb,person\n\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].line, 3u);
  EXPECT_EQ(rows[1].line, 5u);
  EXPECT_EQ(rows[2].fields, (Fields{"b", "person"}));
  EXPECT_EQ(rows[2].line, 8u);
}

TEST(CsvReader, EmptyTextHasNoRecords) {
  EXPECT_TRUE(read_all("").empty());
  EXPECT_TRUE(read_all("\xEF\xBB\xBF").empty());
  EXPECT_TRUE(read_all("# only a comment\n\n").empty());
}

TEST(CsvReader, RejectsTextAfterClosingQuoteNamingLineAndColumn) {
  const auto message = error_reading("id,name\na,b\nc,\"quoted\"tail\n", {"id", "name"});
  EXPECT_NE(message.find("test.csv:3: field \"name\": unexpected text after a closing quote"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("(got \"tail"), std::string::npos) << message;
}

TEST(CsvReader, AcceptsCrOnlyLineEnds) {
  // Classic Mac OS line ends: each CR ends a record, so no row hides inside the header's last
  // field.
  const auto rows = read_all("id,kind\ra,company\r\rb,person\r");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].fields, (Fields{"id", "kind"}));
  EXPECT_EQ(rows[1].fields, (Fields{"a", "company"}));
  EXPECT_EQ(rows[2].fields, (Fields{"b", "person"}));
  EXPECT_EQ(rows[1].line, 2u);
  EXPECT_EQ(rows[2].line, 4u);  // the blank line between them counts
}

TEST(CsvReader, CrOnlyLineBreakInsideQuotesIsKeptAndCounted) {
  const auto rows = read_all("id,quote\ra,\"one\rtwo\"\rb,plain\r");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].fields[1], "one\rtwo");
  EXPECT_EQ(rows[2].line, 4u);
}

TEST(CsvReader, CrOnlyCommentLinesBeforeTheHeaderAreSkipped) {
  const auto rows = read_all("# comment\rid,kind\ra,company\r");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields, (Fields{"id", "kind"}));
  EXPECT_EQ(rows[0].line, 2u);
}

TEST(CsvReader, LoneCarriageReturnAfterClosingQuoteEndsTheRecord) {
  // The byte after the CR starts the next record: nothing is silently swallowed.
  const auto rows = read_all("id,name\nc,\"quoted\"\rtail,x\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].fields, (Fields{"c", "quoted"}));
  EXPECT_EQ(rows[2].fields, (Fields{"tail", "x"}));
  EXPECT_EQ(rows[2].line, 3u);
}

TEST(CsvReader, RejectsUnterminatedQuoteAtTheLineWhereItOpens) {
  const auto message = error_reading("id,name\na,b\nc,\"open\nd,e\nf,g\n", {"id", "name"});
  EXPECT_NE(message.find("test.csv:3: field \"name\": unterminated quoted field"),
            std::string::npos)
      << message;
}

TEST(CsvReader, RejectsQuoteInsideUnquotedField) {
  const auto message = error_reading("id,name\na,5\" pipe\n", {"id", "name"});
  EXPECT_NE(message.find("test.csv:2: field \"name\": quote inside an unquoted field"),
            std::string::npos)
      << message;
}

TEST(CsvReader, NamesColumnByNumberBeforeTheHeaderIsKnown) {
  const auto message = error_reading("id,\"name\"x\n");
  EXPECT_NE(message.find("test.csv:1: field \"column 2\""), std::string::npos) << message;
}

TEST(CsvReader, RejectsInvalidUtf8NamingTheField) {
  const auto message = error_reading("id,name\na,ok\nb,Caf\xE9\n", {"id", "name"});
  EXPECT_NE(message.find("test.csv:3: field \"name\": invalid UTF-8"), std::string::npos)
      << message;
}

TEST(CsvReader, RejectsInvalidUtf8InsideAQuotedMultilineFieldAtItsFirstLine) {
  const auto message =
      error_reading("id,name\nb,\"line one\nline \xC0\xAF two\"\n", {"id", "name"});
  EXPECT_NE(message.find("test.csv:2: field \"name\": invalid UTF-8"), std::string::npos)
      << message;
}

TEST(CsvReader, RejectsNulByte) {
  const std::string text("id,name\na,x\0y\n", 14);
  const auto message = error_reading(text, {"id", "name"});
  EXPECT_NE(message.find("test.csv:2: field \"name\": NUL byte in text"), std::string::npos)
      << message;
}

// 64 fields of a byte under 1 MiB, their commas and the line end: kMaxRecordBytes exactly.
std::string record_of_max_length() {
  const std::string field((std::size_t{1} << 20) - 1, 'x');
  std::string record;
  for (int i = 0; i < 64; ++i) record += (i == 0 ? "" : ",") + field;
  return record + "\n";
}

TEST(CsvReader, StreamsARecordAsLongAsTheLimitAndRefusesOneByteMore) {
  const auto longest = record_of_max_length();
  ASSERT_EQ(longest.size(), kMaxRecordBytes);
  std::string bytes_seen;
  EXPECT_EQ(
      rows_of(*streamed("a,b\n" + longest + "c,d\n", std::size_t{1} << 20, &bytes_seen)).size(),
      3U);
  EXPECT_EQ(rows_of(*streamed("a,b\n" + longest, std::size_t{1} << 20, &bytes_seen)).size(), 2U);
  const auto over = "a,b\n" + longest.substr(0, longest.size() - 1) + "x\nc,d\n";
  const auto message = message_of(*streamed(over, std::size_t{1} << 20, &bytes_seen), {});
  EXPECT_EQ(message, "test.csv:2: a record longer than 67108864 bytes");
}

TEST(CsvReader, ReportsProgressInBytes) {
  const std::string text = "id,kind\na,company\n";
  CsvReader reader("test.csv", text);
  CsvRow row;
  while (reader.next(row)) {
  }
  EXPECT_EQ(reader.bytes_read(), reader.total_bytes());
  EXPECT_EQ(reader.total_bytes(), text.size());
}

TEST(Utf8Check, AcceptsWellFormedText) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ASCII"));
  EXPECT_TRUE(is_valid_utf8("Caf\xC3\xA9"));               // U+00E9
  EXPECT_TRUE(is_valid_utf8("\xEC\xA1\xB0\xEC\x84\xA0"));  // Korean, 3 bytes each
  EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x98\x80"));          // U+1F600, 4 bytes
  EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));          // U+10FFFF, the last code point
}

TEST(Utf8Check, RejectsMalformedText) {
  EXPECT_FALSE(is_valid_utf8("\xE9"));                  // Latin-1, not UTF-8
  EXPECT_FALSE(is_valid_utf8("\xC3"));                  // truncated at the end
  EXPECT_FALSE(is_valid_utf8("\xC3x"));                 // bad continuation byte
  EXPECT_FALSE(is_valid_utf8("\x80"));                  // lone continuation byte
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));              // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));          // overlong, 3 bytes
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));          // UTF-16 surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));      // past U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xF8\x88\x80\x80\x80"));  // 5-byte form
}

}  // namespace
}  // namespace flgraph::importers
