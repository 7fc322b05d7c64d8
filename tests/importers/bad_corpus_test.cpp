// tests/importers/bad_corpus_test.cpp: every input of tests/fixtures/bad/ (made by its
// make_corpus.py) is refused with the location its .expect file names, and leaves the store as
// it was; plus the size limits, which need inputs too large to keep as fixtures.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "graph/errors.h"
#include "importers/csv_reader.h"
#include "importers/import.h"
#include "importers/import_session.h"
#include "importers/input_file.h"
#include "test_support.h"

namespace flgraph::importers {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

// One case: INPUT.expect beside INPUT (a file, or a folder of files imported as one).
struct CorpusCase {
  std::string name;  // the input's path under bad/, for the test name
  fs::path input;
  std::map<std::string, std::string> expect;  // format, outcome, file, line, field, message
};

void PrintTo(const CorpusCase& corpus_case, std::ostream* out) { *out << corpus_case.name; }

fs::path corpus_root() { return testing::fixture("bad"); }

std::vector<CorpusCase> corpus_cases() {
  std::vector<CorpusCase> cases;
  for (const auto& entry : fs::recursive_directory_iterator(corpus_root())) {
    if (entry.path().extension() != ".expect") continue;
    CorpusCase corpus_case;
    corpus_case.input = entry.path().parent_path() / entry.path().stem();
    corpus_case.name = fs::relative(corpus_case.input, corpus_root()).generic_string();
    std::ifstream in(entry.path());
    for (std::string line; std::getline(in, line);) {
      const auto colon = line.find(':');
      if (line.empty() || line[0] == '#' || colon == std::string::npos) continue;
      const auto value_start = std::min(line.size(), colon + 2);
      corpus_case.expect[line.substr(0, colon)] = line.substr(value_start);
    }
    cases.push_back(std::move(corpus_case));
  }
  std::sort(cases.begin(), cases.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  return cases;
}

std::string value_or(const std::map<std::string, std::string>& map, const std::string& key,
                     std::string fallback) {
  const auto found = map.find(key);
  return found == map.end() ? fallback : found->second;
}

ImportOptions options_for(const CorpusCase& corpus_case) {
  const auto format = parse_input_format(value_or(corpus_case.expect, "format", ""));
  if (!format) throw std::runtime_error("bad format in " + corpus_case.name + ".expect");
  return {*format, /*all_programs=*/true};
}

bool is_accepted(const CorpusCase& corpus_case) {
  return value_or(corpus_case.expect, "outcome", "error") == "accepted";
}

// Imports the case and checks the outcome its .expect file names.
void expect_outcome(const fs::path& db, const CorpusCase& corpus_case) {
  const auto options = options_for(corpus_case);
  if (is_accepted(corpus_case)) {
    EXPECT_NO_THROW(import_into_database(db, {corpus_case.input}, options));
    return;
  }
  const auto& expect = corpus_case.expect;
  const auto named_file =
      expect.contains("file") ? corpus_case.input / expect.at("file") : corpus_case.input;
  try {
    import_into_database(db, {corpus_case.input}, options);
    ADD_FAILURE() << "the import of " << corpus_case.name << " succeeded";
  } catch (const InputError& error) {
    const std::string message = error.what();
    EXPECT_EQ(error.location().file, named_file.string()) << message;
    EXPECT_EQ(error.location().line, std::stoul(value_or(expect, "line", "0"))) << message;
    EXPECT_EQ(error.location().field, value_or(expect, "field", "")) << message;
    EXPECT_NE(message.find(value_or(expect, "message", "")), std::string::npos)
        << message << "\nexpected to contain: " << value_or(expect, "message", "");
    // The message quotes the input, but never passes on bytes a terminal would act on.
    EXPECT_EQ(message.find_first_of(std::string("\0\x1b\r", 3)), std::string::npos) << message;
  } catch (const std::exception& error) {
    ADD_FAILURE() << "expected an InputError, got: " << error.what();
  }
}

class BadCorpus : public ::testing::TestWithParam<CorpusCase> {};

TEST_P(BadCorpus, NamesTheLocationAndLeavesTheStoreUnchanged) {
  TempDir temp;
  const auto db = temp / "flgraph.db";
  testing::import_sample(db);
  const auto hash_before = testing::file_sha256(db);
  ASSERT_NE(hash_before, "absent");

  expect_outcome(db, GetParam());

  if (!is_accepted(GetParam())) {
    EXPECT_EQ(testing::file_sha256(db), hash_before);
  }
}

TEST_P(BadCorpus, FailedFirstImportLeavesNoDatabase) {
  if (is_accepted(GetParam())) GTEST_SKIP() << "imports";
  TempDir temp;
  const auto db = temp / "new.db";
  bool failed = false;
  try {
    import_into_database(db, {GetParam().input}, options_for(GetParam()));
  } catch (const InputError&) {
    failed = true;
  }
  if (!failed) return;  // a case that refers to the sample's ids may be fine without it
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    EXPECT_FALSE(fs::exists(db.string() + suffix)) << db.string() + suffix;
  }
}

std::string case_name(const ::testing::TestParamInfo<CorpusCase>& info) {
  std::string name = info.param.name;
  std::replace_if(
      name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); },
      '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, BadCorpus, ::testing::ValuesIn(corpus_cases()), case_name);

TEST(BadCorpusSize, HoldsAtLeastAHundredCasesOverEveryFormat) {
  const auto cases = corpus_cases();
  EXPECT_GE(cases.size(), 100u);
  std::map<std::string, int> by_format;
  for (const auto& corpus_case : cases) ++by_format[value_or(corpus_case.expect, "format", "")];
  for (const char* format : {"csv", "json", "ftm", "ofac", "un", "bol"})
    EXPECT_GE(by_format[format], 10) << format;
}

// --- Resource limits (docs/FORMATS.md, "Limits"): inputs too large to keep as fixtures. ---

struct LimitCase {
  std::string name;
  std::string file_name;
  InputFormat format;
  std::string text;  // a file holding one over-long value
  std::size_t line;
  std::string field;
};

void PrintTo(const LimitCase& limit_case, std::ostream* out) { *out << limit_case.name; }

std::vector<LimitCase> limit_cases() {
  const std::string huge(kMaxTextFieldBytes + 1, 'N');
  return {
      {"CsvName", "nodes.csv", InputFormat::BulkCsv,
       "id,kind,name,country\nco-huge,company," + huge + ",CN\n", 2, "name"},
      {"CsvAttribute", "nodes.csv", InputFormat::BulkCsv,
       "id,kind,name,country,note\nco-huge,company,A,CN," + huge + "\n", 2, "note"},
      {"CsvQuote", "claims.csv", InputFormat::BulkCsv,
       "fact,source,locator,credibility,quote\nco-harbor-retail,src-court-judgment,p. 1,2," + huge +
           "\n",
       2, "quote"},
      {"JsonName", "bundle.json", InputFormat::JsonBundle,
       "{\"entities\": [\n {\"id\": \"co-huge\", \"kind\": \"company\", \"name\": \"" + huge +
           "\"}]}",
       2, "name"},
      {"JsonAlias", "bundle.json", InputFormat::JsonBundle,
       "{\"entities\": [\n {\"id\": \"co-huge\", \"kind\": \"company\", \"aliases\": [\"" + huge +
           "\"]}]}",
       2, "aliases"},
      {"FtmName", "x.ftm.json", InputFormat::Ftm,
       "{\"id\": \"x\", \"schema\": \"Company\", \"properties\": {\"name\": [\"" + huge + "\"]}}\n",
       1, "name"},
      {"UnName", "list.xml", InputFormat::UnXml,
       "<CONSOLIDATED_LIST>\n<ENTITIES><ENTITY>\n<DATAID>1</DATAID><FIRST_NAME>" + huge +
           "</FIRST_NAME><UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPe.9</"
           "REFERENCE_NUMBER>"
           "</ENTITY></ENTITIES></CONSOLIDATED_LIST>\n",
       2, "name"},
      {"OfacName", "sdn.csv", InputFormat::OfacSdn,
       "1,\"" + huge + "\",-0- ,\"DPRK\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n", 1,
       "SDN_Name"},
      {"BolShipper", "shipments.csv", InputFormat::BillOfLading,
       "shipper,consignee\n" + huge + ",Harbor\n", 2, "shipper"},
  };
}

class FieldLimit : public ::testing::TestWithParam<LimitCase> {};

TEST_P(FieldLimit, TextOverOneMebibyteIsRefusedWithItsLocation) {
  TempDir temp;
  const auto db = temp / "flgraph.db";
  testing::import_sample(db);
  const auto hash_before = testing::file_sha256(db);
  const auto input = temp / GetParam().file_name;
  testing::write_file(input, GetParam().text);
  try {
    import_into_database(db, {input}, {GetParam().format, true});
    ADD_FAILURE() << "accepted a value of " << kMaxTextFieldBytes + 1 << " bytes";
  } catch (const InputError& error) {
    EXPECT_EQ(error.location().file, input.string());
    EXPECT_EQ(error.location().line, GetParam().line) << error.what();
    EXPECT_EQ(error.location().field, GetParam().field) << error.what();
    EXPECT_NE(std::string(error.what()).find("longer than 1048576 bytes"), std::string::npos)
        << error.what();
    EXPECT_LT(std::string(error.what()).size(), 1000u);
  }
  EXPECT_EQ(testing::file_sha256(db), hash_before);
}

std::string limit_name(const ::testing::TestParamInfo<LimitCase>& param_info) {
  return param_info.param.name;
}

INSTANTIATE_TEST_SUITE_P(Formats, FieldLimit, ::testing::ValuesIn(limit_cases()), limit_name);

TEST(InputLimits, BundleOverFourGibibytesIsRefusedBeforeReading) {
  TempDir temp;
  const auto input = temp / "bundle.json";
  testing::write_file(input, "{}");
  fs::resize_file(input, kMaxInputBytes + 1);  // sparse: no disk space used
  try {
    import_into_database(temp / "flgraph.db", {input}, {});
    ADD_FAILURE() << "accepted a file over the limit";
  } catch (const InputError& error) {
    EXPECT_EQ(error.location().line, 0u);
    EXPECT_NE(std::string(error.what()).find("over the limit of 4294967296 bytes"),
              std::string::npos)
        << error.what();
  }
  EXPECT_FALSE(fs::exists(temp / "flgraph.db"));
}

// Bulk CSV is streamed, so its size has no limit, but a record with no line end in gigabytes is
// refused once it passes kMaxRecordBytes, with the line it starts on.
TEST(InputLimits, BulkCsvRecordWithoutEndIsRefusedAtItsLine) {
  TempDir temp;
  const auto input = temp / "nodes.csv";
  testing::write_file(input, "id,kind,name,country\n");
  fs::resize_file(input, kMaxInputBytes + 1);  // NUL bytes from line 2 on, no disk space used
  try {
    import_into_database(temp / "flgraph.db", {input}, {});
    ADD_FAILURE() << "accepted a record over the limit";
  } catch (const InputError& error) {
    EXPECT_EQ(error.location().line, 2u);
    EXPECT_NE(std::string(error.what()).find("a record longer than 67108864 bytes"),
              std::string::npos)
        << error.what();
  }
  EXPECT_FALSE(fs::exists(temp / "flgraph.db"));
}

}  // namespace
}  // namespace flgraph::importers
