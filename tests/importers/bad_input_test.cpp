// tests/importers/bad_input_test.cpp: bad input is named by file, line and field; nothing written.
#include <gtest/gtest.h>

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "graph/errors.h"
#include "graph/store.h"
#include "importers/import.h"
#include "test_support.h"

namespace flgraph::importers {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

// One failure mode: the fixture inputs that trigger it and the message they must produce, which
// reads FILE:LINE: field "FIELD": WHAT ... (got "GOT").
struct BadInput {
  std::string name;
  std::vector<std::string> inputs;  // under tests/fixtures: files or directories, imported together
  std::size_t line = 0;             // 0: the problem is the whole file
  std::string field;                // empty when no single field is at fault
  std::string what;                 // how the description after the location begins
  std::string got;                  // the offending value quoted at the end; empty if none
  bool conflicts_with_sample = false;  // only wrong against what the sample put in the store
  std::string named_file = {};         // the file the message names, if not the last input
};

void PrintTo(const BadInput& input, std::ostream* out) { *out << input.name; }

std::vector<fs::path> fixture_paths(const std::vector<std::string>& inputs) {
  std::vector<fs::path> paths;
  for (const auto& input : inputs) paths.push_back(testing::fixture(input));
  return paths;
}

std::string named_file(const BadInput& input) {
  return testing::fixture(input.named_file.empty() ? input.inputs.back() : input.named_file)
      .string();
}

std::string expected_prefix(const BadInput& input) {
  std::string prefix = named_file(input);
  if (input.line > 0) prefix += ":" + std::to_string(input.line);
  prefix += ": ";
  if (!input.field.empty()) prefix += "field \"" + input.field + "\": ";
  return prefix + input.what;
}

// Runs the import and checks the error it must throw against `input`.
void expect_rejected(const fs::path& db, const BadInput& input) {
  try {
    import_into_database(db, fixture_paths(input.inputs), {});
    ADD_FAILURE() << "the import of " << input.name << " succeeded";
  } catch (const InputError& error) {
    const std::string message = error.what();
    EXPECT_EQ(message.rfind(expected_prefix(input), 0), 0u)
        << "message: " << message << "\nexpected to start with: " << expected_prefix(input);
    if (!input.got.empty()) {
      const std::string ending = " (got \"" + input.got + "\")";
      EXPECT_TRUE(message.size() >= ending.size() &&
                  message.compare(message.size() - ending.size(), ending.size(), ending) == 0)
          << "message: " << message << "\nexpected to end with: " << ending;
    }
    EXPECT_EQ(error.location().file, named_file(input));
    EXPECT_EQ(error.location().line, input.line);
    EXPECT_EQ(error.location().field, input.field);
  } catch (const std::exception& error) {
    ADD_FAILURE() << "expected an InputError, got: " << error.what();
  }
}

class BadInputImport : public ::testing::TestWithParam<BadInput> {};

TEST_P(BadInputImport, NamesFileLineAndFieldAndLeavesStoreUnchanged) {
  TempDir temp;
  const auto db = temp / "flgraph.db";
  import_into_database(db, {testing::sample_dataset()}, {});
  const auto hash_before = testing::file_sha256(db);
  ASSERT_NE(hash_before, "absent");

  expect_rejected(db, GetParam());

  EXPECT_EQ(testing::file_sha256(db), hash_before);
}

TEST_P(BadInputImport, FailedImportIntoANewPathLeavesNoDatabase) {
  TempDir temp;
  const auto db = temp / "new.db";
  if (GetParam().conflicts_with_sample) {
    // Without the sample in the store there is nothing to conflict with.
    EXPECT_NO_THROW(import_into_database(db, fixture_paths(GetParam().inputs), {}));
    return;
  }
  expect_rejected(db, GetParam());
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    EXPECT_FALSE(fs::exists(db.string() + suffix)) << db.string() + suffix;
  }
}

std::string param_name(const ::testing::TestParamInfo<BadInput>& info) { return info.param.name; }

// Columns: name, inputs, line, field, how the description begins, got, conflicts with the sample,
// the file named when it is not the last input. Each case keeps to a row or two, so clang-format
// leaves the tables alone.
// clang-format off
const std::vector<BadInput> kBadCsv = {
    {"no_header", {"csv/no_header.csv"}, 0, "", "no header row", ""},
    {"missing_header", {"csv/missing_header.csv"}, 1, "", "unknown header", ""},
    {"unknown_header", {"csv/unknown_header.csv"}, 2, "", "unknown header", ""},
    {"missing_column", {"csv/missing_column.csv"}, 2, "country",
     "missing column in the nodes header", ""},
    {"duplicate_header_column", {"csv/duplicate_header_column.csv"}, 1, "name",
     "column named twice in the header", "name"},
    {"wrong_column_count", {"csv/wrong_column_count.csv"}, 3, "column 5",
     "expected 4 fields as in the header, got 5", ""},
    {"unterminated_quote", {"csv/unterminated_quote.csv"}, 3, "name", "unterminated quoted field",
     ""},
    {"text_after_quote", {"csv/text_after_quote.csv"}, 3, "name",
     "unexpected text after a closing quote", ""},
    {"invalid_utf8", {"csv/invalid_utf8.csv"}, 3, "name", "invalid UTF-8", ""},
    {"bad_date", {"csv/bad_date.csv"}, 4, "date_from", "expected a real date as YYYY-MM-DD",
     "2023-02-30"},
    {"reversed_dates", {"csv/reversed_dates.csv"}, 3, "date_to", "ends before date_from 2021-01-01",
     "2020-12-31"},
    {"unknown_entity_kind", {"csv/unknown_entity_kind.csv"}, 3, "kind", "unknown entity kind",
     "factory"},
    {"duplicate_id_kinds", {"csv/duplicate_id_kinds.csv"}, 4, "kind",
     "id \"co-dup\" is already a company; one id cannot name two kinds", "person"},
    {"kind_conflict_with_store", {"csv/kind_conflict_with_store.csv"}, 4, "kind",
     "id \"se-bureau-7\" is already a state_entity", "company", true},
    {"confidence_zero", {"csv/entities.csv", "csv/confidence_zero.csv"}, 3, "confidence",
     "confidence must be in (0,1]", "0"},
    {"confidence_above_one", {"csv/entities.csv", "csv/confidence_above_one.csv"}, 3, "confidence",
     "confidence must be in (0,1]", "1.5"},
    {"confidence_not_a_number", {"csv/entities.csv", "csv/confidence_not_a_number.csv"}, 3,
     "confidence", "expected a number in (0,1]", "abc"},
    {"unknown_relation_kind", {"csv/entities.csv", "csv/unknown_relation_kind.csv"}, 3, "kind",
     "unknown relation kind", "sells_to"},
    {"unknown_endpoint", {"csv/unknown_endpoint"}, 4, "dst", "unknown entity", "co-missing", false,
     "csv/unknown_endpoint/edges.csv"},
    {"endpoint_kinds_not_allowed", {"csv/entities.csv", "csv/endpoint_kinds_not_allowed.csv"}, 4,
     "kind", "ships goes state_entity/company -> shipment, but this joins a site to a shipment",
     "ships"},
    {"self_loop", {"csv/entities.csv", "csv/self_loop.csv"}, 2, "dst",
     "a relation cannot join an entity to itself", "co-alpha"},
    {"claim_unknown_source", {"csv/entities.csv", "csv/claim_unknown_source.csv"}, 2, "source",
     "unknown source", "src-nowhere"},
    {"claim_unknown_fact", {"csv/claim_unknown_fact.csv"}, 2, "fact", "unknown entity or relation",
     "co-nowhere"},
    {"bad_credibility", {"csv/bad_credibility.csv"}, 2, "credibility",
     "expected a whole number from 1 to 6", "7"},
    {"empty_file", {"csv/empty.csv"}, 0, "", "empty file", ""},
    {"directory_named_nodes_csv", {"csv/dir_named_nodes_csv"}, 0, "",
     "is a directory, expected a file", "", false, "csv/dir_named_nodes_csv/nodes.csv"},
    {"directory_with_nothing_importable", {"csv/nothing_importable"}, 0, "",
     "directory holds no .csv or .json file to import", ""},
    {"no_such_file", {"csv/entities.csv", "csv/no_such_file.csv"}, 0, "",
     "no such file or directory", ""},
    {"case_unknown_ilo_indicator", {"csv/case_unknown_ilo.csv"}, 3, "ilo_indicators",
     "not one of the 11 ILO forced-labour indicators", "forced marriage"},
    {"case_negative_victim_count", {"csv/case_negative_victims.csv"}, 2, "victim_count",
     "expected a whole number of people, 0 or more", "-4"},
    {"case_unknown_rome_statute_element", {"csv/case_unknown_rome.csv"}, 3, "rome_statute",
     "not an element of Rome Statute art. 7(1)", "genocide"},
    {"ilo_indicators_on_a_company", {"csv/ilo_on_company.csv"}, 3, "ilo_indicators",
     "only a case carries this field", "isolation"},
};
INSTANTIATE_TEST_SUITE_P(Csv, BadInputImport, ::testing::ValuesIn(kBadCsv), param_name);

const std::vector<BadInput> kBadJson = {
    {"syntax_error", {"json/syntax_error.json"}, 4, "", "invalid JSON: ", ""},
    {"invalid_utf8", {"json/invalid_utf8.json"}, 3, "", "invalid JSON: ", ""},
    {"too_deep", {"json/too_deep.json"}, 5, "", "nested deeper than 64 levels", ""},
    {"not_a_bundle", {"json/not_a_bundle.json"}, 1, "", "expected a JSON object", ""},
    {"section_not_array", {"json/section_not_array.json"}, 3, "entities", "expected an array", ""},
    {"confidence_string", {"json/confidence_string.json"}, 8, "confidence",
     "expected a number in (0,1]", "high"},
    {"confidence_out_of_range", {"json/confidence_out_of_range.json"}, 8, "confidence",
     "confidence must be in (0,1]", "1.5"},
    {"aliases_not_array", {"json/aliases_not_array.json"}, 4, "aliases",
     "expected an array of strings", ""},
    {"attributes_not_object", {"json/attributes_not_object.json"}, 4, "attributes",
     "expected an object", ""},
    {"id_not_scalar", {"json/id_not_scalar.json"}, 4, "id",
     "expected a string, number, boolean or null", ""},
    {"unknown_entity_kind", {"json/unknown_entity_kind.json"}, 4, "kind", "unknown entity kind",
     "factory"},
    {"unknown_relation_kind", {"json/unknown_relation_kind.json"}, 8, "kind",
     "unknown relation kind", "sells_to"},
    {"bad_date", {"json/bad_date.json"}, 4, "date_from", "expected a real date as YYYY-MM-DD",
     "2023-02-30"},
    {"unknown_endpoint", {"json/unknown_endpoint.json"}, 8, "src", "unknown entity", "co-missing"},
    {"endpoint_kinds_not_allowed", {"json/endpoint_kinds_not_allowed.json"}, 9, "kind",
     "ships goes state_entity/company -> shipment, but this joins a site to a shipment", "ships"},
    {"unknown_source", {"json/unknown_source.json"}, 10, "source", "unknown source", "src-nowhere"},
    {"duplicate_id_kinds", {"json/duplicate_id_kinds.json"}, 5, "kind",
     "id \"co-dup\" is already a company; one id cannot name two kinds", "person"},
    {"kind_conflict_with_store", {"json/kind_conflict_with_store.json"}, 4, "kind",
     "id \"se-bureau-7\" is already a state_entity", "company", true},
    {"empty_file", {"json/empty.json"}, 0, "", "empty file", ""},
    {"case_ilo_indicators_not_strings", {"json/case_ilo_not_strings.json"}, 4, "ilo_indicators",
     "expected an array of strings", ""},
    {"case_victim_count_fraction", {"json/case_victims_fraction.json"}, 3, "victim_count",
     "expected a whole number of people, 0 or more", "2.5"},
    {"relation_id_names_an_entity", {"json/relation_id_names_entity.json"}, 8, "id",
     "this relation id already names an entity; a claim on it would bind to the entity", "co-beta"},
    {"entity_id_names_a_relation", {"json/entity_id_names_relation.json"}, 4, "id",
     "this entity id already names a relation; a claim on it would bind to the entity", "e-dw-01", true},
};
// clang-format on
INSTANTIATE_TEST_SUITE_P(Json, BadInputImport, ::testing::ValuesIn(kBadJson), param_name);

TEST(ImportTransaction, GoodNodesWithBadEdgesWriteNothing) {
  TempDir temp;
  const auto db = temp / "flgraph.db";
  import_into_database(db, {testing::sample_dataset()}, {});
  const auto hash_before = testing::file_sha256(db);

  // entities.csv is fine and is applied first; the edges file fails on its last row.
  EXPECT_THROW(
      import_into_database(
          db, {testing::fixture("csv/entities.csv"), testing::fixture("csv/confidence_zero.csv")},
          {}),
      InputError);

  EXPECT_EQ(testing::file_sha256(db), hash_before);
  const auto store = graph::Store::open(db, graph::Store::OpenMode::ReadOnlyExisting);
  EXPECT_FALSE(store.find_entity("co-alpha").has_value());
}

TEST(ImportTransaction, BadFileAmongManyFailsTheWholeFirstImport) {
  TempDir temp;
  const auto db = temp / "new.db";
  EXPECT_THROW(import_into_database(
                   db, {testing::sample_dataset(), testing::fixture("csv/bad_date.csv")}, {}),
               InputError);
  EXPECT_FALSE(fs::exists(db));
  EXPECT_FALSE(fs::exists(db.string() + "-wal"));
}

TEST(ImportTransaction, FailedImportKeepsAnExistingDatabaseFile) {
  TempDir temp;
  const auto db = temp / "flgraph.db";
  import_into_database(db, {testing::fixture("csv/entities.csv")}, {});
  EXPECT_THROW(import_into_database(db, {testing::fixture("csv/empty.csv")}, {}), InputError);
  ASSERT_TRUE(fs::exists(db));
  EXPECT_TRUE(graph::Store::open(db, graph::Store::OpenMode::ReadOnlyExisting)
                  .find_entity("co-alpha")
                  .has_value());
}

TEST(ImportTransaction, DatabasePathThatIsADirectoryIsRefusedAndKept) {
  TempDir temp;
  fs::create_directories(temp / "db-dir");
  EXPECT_THROW(import_into_database(temp / "db-dir", {testing::fixture("csv/entities.csv")}, {}),
               Error);
  EXPECT_TRUE(fs::is_directory(temp / "db-dir"));
}

TEST(BadInputMessages, EscapeControlCharactersFromTheInput) {
  TempDir temp;
  // An ESC sequence in a value must not reach a terminal through the error message.
  testing::write_file(temp / "nodes.csv", "id,kind,name,country\nco-a,\x1b[2Jcompany,A,CN\n");
  try {
    import_into_database(temp / "flgraph.db", {temp / "nodes.csv"}, {});
    ADD_FAILURE() << "no error";
  } catch (const InputError& error) {
    const std::string message = error.what();
    EXPECT_EQ(message.find('\x1b'), std::string::npos);
    EXPECT_NE(message.find("(got \"\\x1b[2Jcompany\")"), std::string::npos) << message;
  }
}

TEST(BadInputMessages, CutVeryLongValues) {
  TempDir temp;
  testing::write_file(temp / "nodes.csv",
                      "id,kind,name,country\nco-a," + std::string(5000, 'k') + ",A,CN\n");
  try {
    import_into_database(temp / "flgraph.db", {temp / "nodes.csv"}, {});
    ADD_FAILURE() << "no error";
  } catch (const InputError& error) {
    const std::string message = error.what();
    EXPECT_LT(message.size(), 600u);
    EXPECT_NE(message.find("...\")"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace flgraph::importers
