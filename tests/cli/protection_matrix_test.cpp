// tests/cli/protection_matrix_test.cpp: a canary in every field of every kind of protected
// record (tests/fixtures/canary), every read command and export format run on it, and every
// output grepped. A command or a CSV column that the matrix does not cover fails it.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "importers/raw_record.h"
#include "test_support.h"

namespace flgraph::testing {
namespace {

namespace fs = std::filesystem;

// What a protected record's fields hold in the fixture. Person markers must never show, not
// even with --reveal-protected; source markers show only revealed, and only with the key.
const std::vector<std::string> kPersonCanaries = {"CANARYPERSONID",      "CANARYPERSONNAME",
                                                  "CANARYALIASONE",      "CANARYALIASTWO",
                                                  "CANARYATTRIBUTE",     "1912-12-12",
                                                  "1913-03-13",          "CANARYAUTHORITY",
                                                  "CANARYPROGRAM",       "CANARYLISTID",
                                                  "1914-04-14",          "CANARYRELATIONID",
                                                  "CANARYRELATIONNOTE",  "CANARYSAMEASID",
                                                  "CANARYSAMEASNOTE",    "CANARYLOCATORPERSON",
                                                  "CANARYQUOTEPERSON",   "CANARYRECORDERPERSON",
                                                  "1915-05-15",          "CANARYLOCATORRELATION",
                                                  "CANARYQUOTERELATION", "CANARYRECORDERRELATION"};
const std::vector<std::string> kSourceCanaries = {
    "CANARYSRCID",          "CANARYSRCTITLE",   "CANARYSRCPUBLISHER",  "1911-11-11",
    "CANARYSRCURL",         "cafe0000cafe0000", "CANARYLOCATORSOURCE", "CANARYQUOTESOURCE",
    "CANARYRECORDERSOURCE", "1916-06-16"};

// Columns of the fixture that hold no protected value, with why.
const std::map<std::string, std::string> kColumnsWithoutCanary = {
    {"kind", "the record's kind is what queries need"},
    {"protected", "the flag itself"},
    {"access", "the access level itself"},
    {"reliability", "a grade that confidence is computed from"},
    {"credibility", "a grade that confidence is computed from"},
    {"country", "sealed, but a two-letter code cannot be a unique marker"},
    {"src", "an endpoint id: the protected one is CANARYPERSONID"},
    {"dst", "an endpoint id: the protected one is CANARYPERSONID"},
    {"source", "a source id: the protected one is CANARYSRCID"},
    {"fact", "a fact id: the protected ones are CANARY ids"},
    {"entity", "the designated entity's id: CANARYPERSONID"},
    {"date_from", "relation dates stay for the temporal trace; the person's carry markers"},
    {"date_to", "relation dates stay for the temporal trace; the person's carry markers"},
    {"confidence", "a number queries need"},
};

struct Output {
  std::string label;
  std::string bytes;
};

std::vector<std::string> header_of(const fs::path& csv) {
  std::istringstream lines(read_file(csv));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> columns;
    std::istringstream cells(line);
    std::string cell;
    while (std::getline(cells, cell, ',')) columns.push_back(cell);
    return columns;
  }
  return {};
}

std::string files_below(const fs::path& folder) {
  std::string all;
  if (!fs::exists(folder)) return all;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file()) all += read_file(entry.path());
  }
  return all;
}

class ProtectedCanaries : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (dir_ / "canary.db").string();
    const auto imported = run_flgraph({"--db", db_, "import", fixture("canary").string()});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    const auto exported = run_flgraph({"--db", db_, "export", "--format", "json"});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    std::smatch found;
    const std::regex pseudonym_of_person(R"re("id": "(W-[0-9a-f]{10})",\s*"kind": "person")re");
    ASSERT_TRUE(std::regex_search(exported.out, found, pseudonym_of_person)) << exported.out;
    witness_ = found[1];
    const std::regex pseudonym_of_source(
        R"re("access": "protected",\s*"id": "(W-[0-9a-f]{10})")re");
    ASSERT_TRUE(std::regex_search(exported.out, found, pseudonym_of_source)) << exported.out;
    protected_source_ = found[1];
    write_file(dir_ / "suppliers.csv",
               "name,country\ncanarypersonname,KP\nCanary Supplier Trading,CN\nNamed Owner,CN\n");
  }

  // Every read command and export format, as a person would run them.
  std::vector<Output> run_matrix(const std::vector<std::string>& extra) {
    std::vector<Output> outputs;
    int serial = 0;
    auto run = [&](const std::vector<std::string>& args,
                   const std::string& written = std::string()) {
      std::vector<std::string> full = {"--db", db_};
      full.insert(full.end(), args.begin(), args.end());
      full.insert(full.end(), extra.begin(), extra.end());
      const auto result = run_flgraph(full);
      std::string label;
      for (const auto& arg : args) label += arg + " ";
      commands_run_.insert(args.front());
      if (args.front() == "export" && args.size() > 2) formats_run_.insert(args[2]);
      outputs.push_back(
          {label, result.out + result.err + (written.empty() ? "" : files_below(written))});
    };
    auto out = [&](const std::string& name) {
      return (dir_ / fmt::format("{}-{}", ++serial, name)).string();
    };
    for (const std::string& id : std::vector<std::string>{"co-buyer", "co-supplier",
                                                          "pe-named-owner", "ca-plant", witness_}) {
      run({"show", id});
      run({"show", id, "--json"});
    }
    run({"show", "pe-CANARY"});  // an unknown id: the closest-ids hint
    run({"stats"});
    run({"stats", "--json"});
    run({"trace", "--from", "co-buyer", "--paths-per-case", "5"});
    run({"trace", "--from", "co-buyer", "--json"});
    run({"trace", "--from", "co-buyer", "--format", "dot"});
    run({"paths", "--from", "co-buyer", "--to", "ca-plant"});
    run({"paths", "--from", "co-buyer", "--to", "ca-plant", "--json"});
    run({"exposure", "co-buyer"});
    run({"exposure", "co-buyer", "--json"});
    run({"brokers"});
    run({"brokers", "--json", "--sample", "1"});
    run({"components", "--central", "10"});
    run({"components", "--central", "10", "--json"});
    run({"chokepoints", "--from", "co-buyer"});
    run({"chokepoints", "--from", "co-buyer", "--json", "--cost", "confidence"});
    // From the protected person (by pseudonym: the start is shown) and its named same_as twin.
    run({"chokepoints", "--from", "pe-named-owner"});
    run({"chokepoints", "--from", "pe-named-owner", "--json"});
    run({"chokepoints", "--from", witness_, "--json"});
    run({"screen", (dir_ / "suppliers.csv").string()});
    run({"screen", (dir_ / "suppliers.csv").string(), "--json"});
    run({"screen", (dir_ / "suppliers.csv").string(), "--csv"});
    run({"match", "canarypersonname"});  // in lower case: only a leak shows the stored spelling
    run({"match", "Named Owner", "--json"});
    run({"resolve", "--json"});
    run({"judge", witness_, "pe-named-owner", "positive"});
    for (const std::string format : {"json", "dot", "svg", "graphml", "gexf", "ftm"}) {
      run({"export", "--format", format});
    }
    for (const std::string format : {"bundle", "csv", "png"}) {
      const auto target = out(format);
      run({"export", "--format", format, "-o", format == "png" ? target + ".png" : target},
          format == "png" ? std::string() : target);
      if (format == "bundle") run({"verify", target});
    }
    // Documents in custody: one for the public source, one refused for the protected source (its
    // recorded hash differs; the refusal must not print the sealed one), then a bundle with them.
    const auto document = out("extract.txt");
    write_file(document, "registry extract of the canary supply chain\n");
    run({"attach", "src-public-report", document, "--json"});
    run({"attach", protected_source_, document});
    run({"show", "src-public-report"});
    const auto with_documents = out("bundle-with-documents");
    run({"export", "--format", "bundle", "--with-documents", "-o", with_documents}, with_documents);
    const auto brief = out("brief");
    run({"brief", "co-buyer", "-o", brief}, brief);
    run({"protect", "status"});
    run({"audit"});  // after the exports, brief and judge it lists
    run({"audit", "--json"});
    return outputs;
  }

  static void expect_none_shown(const std::vector<Output>& outputs,
                                const std::vector<std::string>& canaries) {
    for (const auto& output : outputs) {
      for (const auto& canary : canaries) {
        EXPECT_EQ(output.bytes.find(canary), std::string::npos)
            << "`" << output.label << "` shows " << canary;
      }
    }
  }

  TempDir dir_;
  std::string db_;
  std::string witness_;
  std::string protected_source_;  // the canary source's pseudonym
  std::set<std::string> commands_run_;
  std::set<std::string> formats_run_;
};

TEST_F(ProtectedCanaries, NoOutputShowsAProtectedValueWithTheKeyAtHand) {
  const auto outputs = run_matrix({});
  expect_none_shown(outputs, kPersonCanaries);
  expect_none_shown(outputs, kSourceCanaries);
}

TEST_F(ProtectedCanaries, NoOutputShowsAProtectedValueWithoutTheKey) {
  const WithoutKey locked;
  const auto outputs = run_matrix({});
  expect_none_shown(outputs, kPersonCanaries);
  expect_none_shown(outputs, kSourceCanaries);
}

TEST_F(ProtectedCanaries, RevealNamesProtectedSourcesButNeverThePerson) {
  std::vector<Output> revealed;
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"show", "ca-plant", "--reveal-protected"},
        {"trace", "--from", "co-buyer", "--json", "--reveal-protected"},
        {"export", "--format", "json", "--reveal-protected"},
        {"show", "co-supplier", "--reveal-protected", "--json"}}) {
    std::vector<std::string> full = {"--db", db_};
    full.insert(full.end(), args.begin(), args.end());
    const auto result = run_flgraph(full);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    revealed.push_back({args.front(), result.out});
  }
  expect_none_shown(revealed, kPersonCanaries);
  EXPECT_NE(revealed[0].bytes.find("CANARYSRCTITLE"), std::string::npos) << revealed[0].bytes;
  EXPECT_NE(revealed[0].bytes.find("CANARYLOCATORSOURCE"), std::string::npos) << revealed[0].bytes;
}

TEST_F(ProtectedCanaries, RevealWithoutTheKeyIsRefused) {
  const WithoutKey locked;
  const auto result = run_flgraph({"--db", db_, "show", "ca-plant", "--reveal-protected"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("protection key"), std::string::npos) << result.err;
  EXPECT_EQ(result.out.find("CANARY"), std::string::npos);
}

TEST_F(ProtectedCanaries, EveryCommandAndExportFormatIsInTheMatrix) {
  run_matrix({});
  // Commands that write no output from the store's records, with why.
  // `serve` answers over HTTP with these same commands: tests/serve/explorer_server_test.cpp
  // greps every API answer on this fixture for the canaries.
  const std::set<std::string> exempt = {"import", "serve"};
  const auto help = run_flgraph({"--help"});
  const auto subcommands = help.out.substr(help.out.find("Subcommands:"));
  std::istringstream lines(subcommands);
  std::string line;
  std::getline(lines, line);
  int commands = 0;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string name;
    if (!(words >> name)) continue;
    ++commands;
    EXPECT_TRUE(commands_run_.count(name) > 0 || exempt.count(name) > 0)
        << "command `" << name << "` is not run by the protection matrix";
  }
  EXPECT_GT(commands, 10);
  const auto export_help = run_flgraph({"export", "--help"});
  const auto formats_line = export_help.out.substr(export_help.out.find("--format"));
  for (const std::string format :
       {"json", "bundle", "dot", "svg", "png", "graphml", "gexf", "ftm", "csv"}) {
    EXPECT_NE(formats_line.find(format), std::string::npos);
    EXPECT_TRUE(formats_run_.count(format) > 0)
        << "export format " << format << " is not in the matrix";
  }
}

TEST(ProtectedCanaryFixture, EveryCsvColumnCarriesACanaryOrSaysWhyNot) {
  const std::vector<std::pair<std::string, const std::vector<std::string_view>*>> files = {
      {"sources.csv", &importers::kSourceRequired},
      {"nodes.csv", &importers::kEntityRequired},
      {"edges.csv", &importers::kRelationRequired},
      {"claims.csv", &importers::kClaimRequired},
      {"designations.csv", &importers::kDesignationRequired}};
  for (const auto& [file, required] : files) {
    const auto header = header_of(fixture("canary/" + file));
    for (const auto column : *required) {
      EXPECT_NE(std::find(header.begin(), header.end(), column), header.end())
          << file << " lacks " << column;
    }
    const std::string text = read_file(fixture("canary/" + file));
    for (const auto& column : header) {
      if (kColumnsWithoutCanary.count(column) > 0) continue;
      // The column's protected row must hold a marker: find it by position.
      const auto position = static_cast<std::size_t>(
          std::find(header.begin(), header.end(), column) - header.begin());
      bool marked = false;
      std::istringstream lines(text);
      std::string line;
      while (std::getline(lines, line)) {
        if (line.find("CANARY") == std::string::npos || line[0] == '#') continue;
        std::vector<std::string> cells;
        std::istringstream split(line);
        std::string cell;
        while (std::getline(split, cell, ',')) cells.push_back(cell);
        if (position < cells.size()) {
          const auto& value = cells[position];
          marked = marked || value.find("CANARY") != std::string::npos ||
                   value.find("cafe0000") != std::string::npos ||
                   std::regex_match(value, std::regex(R"(19(11|12|13|14|15|16)-\d\d-\d\d)"));
        }
      }
      EXPECT_TRUE(marked) << file << ": column " << column << " has no canary in a protected row";
    }
  }
}

}  // namespace
}  // namespace flgraph::testing
