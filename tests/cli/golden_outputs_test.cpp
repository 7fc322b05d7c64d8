// tests/cli/golden_outputs_test.cpp: every rendered output of the shipped datasets, byte for byte
// against its golden file in tests/golden/ (regenerate: tests/golden/README.md).
//
// What a run would change is made fixed here, never in flgraph:
// - pseudonyms (W-..., L-...) are keyed by a random per-database key: each store holding protected
//   material is started as a store of an older flgraph that kept a fixed pseudonym key (schema 2),
//   which flgraph seals on its first open and keeps, so W- ids and their sort order are the same
//   on every run (see create_store_with_fixed_pseudonym_key);
// - dates written into briefs and bundles: --as-of 2024-05-01;
// - who runs a command (audit): USER and LOGNAME are set to "golden-analyst";
// - the regex replacements of normalised() below: the work folder (a random temp path) becomes
//   "<work>", audit times (YYYY-MM-DDTHH:MM:SSZ) become "YYYY-MM-DDTHH:MM:SSZ", and the import's
//   timings ("0.15 s") become "<seconds> s".
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <array>
#include <cstdlib>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "golden.h"
#include "graph/detail/schema.h"
#include "graph/model.h"
#include "test_support.h"

namespace fs = std::filesystem;

namespace flgraph::testing {
namespace {

struct Dataset {
  std::string folder;      // under datasets/, and the golden files' folder under tests/golden/
  std::string start;       // the buyer its README traces from
  std::string a_case;      // a documented case it holds
  std::string match_name;  // a name to screen, spelled unlike the store
  // Its first protected source (the first row of its sources.csv): id, title, reliability. Empty
  // when it has no protected material, hence no pseudonyms.
  std::array<std::string, 3> protected_source;
};

const Dataset kSample{
    "sample",
    "co-harbor-retail",
    "ca-seafood-2019",
    "Harbour Retail Group",
    {"src-testimony-kim", "Interview with canary witness Kim (illustrative)", "B"}};
const Dataset kDprkPublic{
    "dprk-public", "co-poof-apparel", "ca-cbp-huayang-2021", "Mansudae Overseas Project Group", {}};
const std::vector<Dataset> kDatasets{kSample, kDprkPublic};

constexpr const char* kAsOf = "2024-05-01";
constexpr const char* kFixedPseudonymKey =
    "00000000000000000000000000000000000000000000000000000000000000aa";

// The folder every database and output of this process lives in (its path is normalised away).
TempDir& work() {
  static TempDir dir;
  return dir;
}

void exec_sql(const fs::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
  char* message = nullptr;
  const int result = sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, &message);
  const std::string error = message ? message : "";
  sqlite3_free(message);
  sqlite3_close(handle);
  ASSERT_EQ(result, SQLITE_OK) << error;
}

// A store as an older flgraph wrote it (schema 2): the pseudonym key in the clear, and the
// dataset's first protected source, unsealed, as the first source row (as its import would have
// written it). flgraph seals it on the first open with a key and keeps that pseudonym key, so
// pseudonyms are fixed; the import then completes the source and adds the rest. The outputs are
// those of a fresh import but for the pseudonyms' values (checked once with every W-/L- id
// masked and lines sorted).
void create_store_with_fixed_pseudonym_key(const fs::path& db, const Dataset& dataset) {
  std::string sql = "PRAGMA journal_mode = WAL; BEGIN;";
  sql += graph::detail::kMigrations[0];
  sql += graph::detail::kMigrations[1];
  // The code tables, as the store fills them (graph/store.cpp).
  const auto fill = [&sql](const char* table, std::size_t count, auto name_of) {
    for (std::size_t code = 0; code < count; ++code) {
      sql += fmt::format("INSERT INTO {} VALUES({}, '{}');", table, code, name_of(code));
    }
  };
  fill("entity_kind", graph::kEntityKindCount,
       [](std::size_t c) { return graph::to_string(static_cast<graph::EntityKind>(c)); });
  fill("relation_kind", graph::kRelationKindCount,
       [](std::size_t c) { return graph::to_string(static_cast<graph::RelationKind>(c)); });
  fill("source_kind", 6,
       [](std::size_t c) { return graph::to_string(static_cast<graph::SourceKind>(c)); });
  fill("access_level", 3,
       [](std::size_t c) { return graph::to_string(static_cast<graph::Access>(c)); });
  sql += std::string("INSERT INTO meta VALUES('pseudonym_key', '") + kFixedPseudonymKey + "');";
  const auto& [id, title, reliability] = dataset.protected_source;
  if (!id.empty()) {
    sql += fmt::format(
        "INSERT INTO source(id, ext_id, title, kind, reliability, access) VALUES(1, '{}', '{}', 0, "
        "'{}', 2);",
        id, title, reliability);
  }
  sql += "PRAGMA user_version = 2; COMMIT;";
  exec_sql(db, sql);
}

// The dataset imported into a store with fixed pseudonyms, once per process.
std::string database(const Dataset& dataset) {
  static std::map<std::string, std::string> made;
  if (const auto found = made.find(dataset.folder); found != made.end()) return found->second;
  const auto db = work() / (dataset.folder + ".db");
  create_store_with_fixed_pseudonym_key(db, dataset);
  const auto imported = run_flgraph(
      {"--db", db.string(), "import", (fs::path(FLGRAPH_DATASETS) / dataset.folder).string()});
  EXPECT_EQ(imported.exit_code, 0) << imported.err;
  made[dataset.folder] = db.string();
  return db.string();
}

// The documented replacements (see the top of this file).
std::string normalised(std::string text) {
  const std::string folder = work().path().string();
  for (auto at = text.find(folder); at != std::string::npos; at = text.find(folder, at)) {
    text.replace(at, folder.size(), "<work>");
  }
  static const std::regex time(R"([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z)");
  return std::regex_replace(text, time, "YYYY-MM-DDTHH:MM:SSZ");
}

class GoldenOutputs : public ::testing::Test {
 protected:
  void SetUp() override {
    ::setenv("USER", "golden-analyst", 1);
    ::setenv("LOGNAME", "golden-analyst", 1);
  }

  // Runs flgraph on the dataset's store; the command must succeed. Returns standard output.
  static std::string run(const Dataset& dataset, std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", database(dataset)});
    const auto result = run_flgraph(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return normalised(result.out);
  }

  static void expect_golden(const Dataset& dataset, const std::string& name,
                            const std::string& actual) {
    EXPECT_TRUE(matches_golden(dataset.folder + "/" + name, actual));
  }

  // A read command's text and JSON against NAME.txt and NAME.json.
  static void expect_text_and_json(const Dataset& dataset, const std::string& name,
                                   std::vector<std::string> args) {
    expect_golden(dataset, name + ".txt", run(dataset, args));
    args.push_back("--json");
    expect_golden(dataset, name + ".json", run(dataset, args));
  }

  // An output folder new to this process.
  static fs::path output(const Dataset& dataset, const std::string& name) {
    return work() / (dataset.folder + "-" + name);
  }
};

TEST_F(GoldenOutputs, ImportSummaryOfEachDatasetMatchesItsGoldenFile) {
  static const std::regex seconds(R"(\b[0-9]+\.[0-9]+ s\b)");
  for (const auto& dataset : kDatasets) {
    const auto db = work() / (dataset.folder + "-fresh.db");
    const auto imported = run_flgraph(
        {"--db", db.string(), "import", (fs::path(FLGRAPH_DATASETS) / dataset.folder).string()});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    expect_golden(dataset, "import.txt",
                  std::regex_replace(normalised(imported.out), seconds, "<seconds> s"));
  }
}

TEST_F(GoldenOutputs, StatsMatchesItsGoldenFiles) {
  for (const auto& dataset : kDatasets) expect_text_and_json(dataset, "stats", {"stats"});
}

TEST_F(GoldenOutputs, ShowOfTheStartAndOfACaseMatchesTheirGoldenFiles) {
  for (const auto& dataset : kDatasets) {
    expect_text_and_json(dataset, "show-" + dataset.start, {"show", dataset.start});
    expect_text_and_json(dataset, "show-" + dataset.a_case, {"show", dataset.a_case});
    // One relation of each kind and direction, the rest counted.
    expect_text_and_json(dataset, "show-per-kind-1", {"show", dataset.start, "--per-kind", "1"});
  }
}

TEST_F(GoldenOutputs, TraceTextJsonAndDotDiagramMatchTheirGoldenFiles) {
  for (const auto& dataset : kDatasets) {
    expect_text_and_json(dataset, "trace", {"trace", "--from", dataset.start});
    expect_golden(dataset, "trace-temporal.txt",
                  run(dataset, {"trace", "--from", dataset.start, "--temporal"}));
    expect_golden(dataset, "trace.dot",
                  run(dataset, {"trace", "--from", dataset.start, "--format", "dot"}));
  }
}

TEST_F(GoldenOutputs, PathsMatchesItsGoldenFiles) {
  for (const auto& dataset : kDatasets)
    expect_text_and_json(dataset, "paths", {"paths", "--from", dataset.start});
}

TEST_F(GoldenOutputs, ExposureMatchesItsGoldenFiles) {
  for (const auto& dataset : kDatasets)
    expect_text_and_json(dataset, "exposure", {"exposure", dataset.start});
}

TEST_F(GoldenOutputs, ScreenTextJsonAndCsvMatchTheirGoldenFiles) {
  for (const auto& dataset : kDatasets) {
    const auto suppliers = fixture("screen/suppliers.csv").string();
    // The input's path is in the report: it is the fixture's, the same in every checkout's build.
    const auto strip = [&](std::string text) {
      for (auto at = text.find(suppliers); at != std::string::npos; at = text.find(suppliers, at)) {
        text.replace(at, suppliers.size(), "suppliers.csv");
      }
      return text;
    };
    expect_golden(dataset, "screen.txt", strip(run(dataset, {"screen", suppliers})));
    expect_golden(dataset, "screen.json", strip(run(dataset, {"screen", suppliers, "--json"})));
    expect_golden(dataset, "screen.csv", strip(run(dataset, {"screen", suppliers, "--csv"})));
  }
}

TEST_F(GoldenOutputs, BrokersMatchesItsGoldenFiles) {
  for (const auto& dataset : kDatasets) expect_text_and_json(dataset, "brokers", {"brokers"});
}

TEST_F(GoldenOutputs, ComponentsMatchesItsGoldenFiles) {
  for (const auto& dataset : kDatasets) expect_text_and_json(dataset, "components", {"components"});
}

TEST_F(GoldenOutputs, ChokepointsMatchesItsGoldenFiles) {
  for (const auto& dataset : kDatasets) {
    expect_text_and_json(dataset, "chokepoints", {"chokepoints", "--from", dataset.start});
  }
}

TEST_F(GoldenOutputs, MatchAndResolveMatchTheirGoldenFiles) {
  for (const auto& dataset : kDatasets) {
    expect_text_and_json(dataset, "match", {"match", dataset.match_name});
    expect_text_and_json(dataset, "resolve", {"resolve", "--auto"});
  }
}

TEST_F(GoldenOutputs, ExportFormatsOfTheWholeGraphMatchTheirGoldenFiles) {
  for (const auto& dataset : kDatasets) {
    for (const char* format : {"json", "graphml", "gexf", "ftm", "dot"}) {
      expect_golden(dataset, std::string("export.") + format,
                    run(dataset, {"export", "--format", format}));
    }
    const auto csv = output(dataset, "csv");
    run(dataset, {"export", "--format", "csv", "-o", csv.string()});
    for (const char* file : {"nodes.csv", "relationships.csv", "load_kuzu.cypher"}) {
      expect_golden(dataset, std::string("export-csv/") + file, read_file(csv / file));
    }
  }
}

TEST_F(GoldenOutputs, TraceSelectionExportWithNetworkScoresMatchesItsGoldenFiles) {
  for (const auto& dataset : kDatasets) {
    for (const char* format : {"json", "graphml", "gexf", "ftm"}) {
      expect_golden(dataset, std::string("export-trace.") + format,
                    run(dataset, {"export", "--format", format, "--trace-from", dataset.start,
                                  "--network-scores"}));
    }
  }
}

TEST_F(GoldenOutputs, BriefInHtmlAndMarkdownMatchesItsGoldenFiles) {
  for (const auto& dataset : kDatasets) {
    const auto html = output(dataset, "brief-html");
    expect_golden(dataset, "brief.out",
                  run(dataset, {"brief", dataset.start, "-o", html.string(), "--as-of", kAsOf}));
    expect_golden(dataset, "brief/brief.html", read_file(html / "brief.html"));
    const auto md = output(dataset, "brief-md");
    run(dataset, {"brief", dataset.start, "-o", md.string(), "--format", "md", "--as-of", kAsOf});
    expect_golden(dataset, "brief/brief.md", read_file(md / "brief.md"));
    expect_golden(dataset, "brief/flow-chart.svg", read_file(md / "flow-chart.svg"));
  }
}

TEST_F(GoldenOutputs, EvidenceBundleAndItsVerifyReportMatchTheirGoldenFiles) {
  for (const auto& dataset : kDatasets) {
    const auto bundle = output(dataset, "bundle");
    expect_golden(dataset, "bundle.out",
                  run(dataset, {"export", "--format", "bundle", "--trace-from", dataset.start,
                                "--as-of", kAsOf, "-o", bundle.string()}));
    for (const char* file : {"INDEX.md", "MANIFEST.sha256", "bundle.json", "diagram.svg"}) {
      expect_golden(dataset, std::string("bundle/") + file, read_file(bundle / file));
    }
    const auto verified = run_flgraph({"verify", bundle.string()});
    EXPECT_EQ(verified.exit_code, 0) << verified.err;
    expect_golden(dataset, "verify.txt", normalised(verified.out));
    const auto verified_json = run_flgraph({"verify", bundle.string(), "--json"});
    EXPECT_EQ(verified_json.exit_code, 0) << verified_json.err;
    expect_golden(dataset, "verify.json", normalised(verified_json.out));
  }
}

TEST_F(GoldenOutputs, AuditLogOfAFixedSessionMatchesItsGoldenFiles) {
  // A session of its own on a new store, so the log holds exactly these entries.
  const Dataset& session = kSample;
  const auto db = work() / "audit.db";
  create_store_with_fixed_pseudonym_key(db, session);
  ASSERT_EQ(run_flgraph({"--db", db.string(), "import", sample_dataset().string()}).exit_code, 0);
  const auto command = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db.string()});
    const auto result = run_flgraph(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return normalised(result.out);
  };
  command({"export", "--format", "graphml", "--around", session.start, "--radius", "2"});
  command({"export", "--format", "bundle", "--trace-from", session.start, "--as-of", kAsOf, "-o",
           (work() / "audit-bundle").string()});
  command({"brief", session.start, "-o", (work() / "audit-brief").string(), "--as-of", kAsOf});
  command({"show", session.a_case, "--reveal-protected"});
  command({"judge", "co-northwind-seafood", "co-maple-hair", "negative"});
  expect_golden(session, "audit.txt", command({"audit"}));
  expect_golden(session, "audit.json", command({"audit", "--json"}));
}

// The comparison itself: one changed byte fails, naming the line and where the output went.
TEST(GoldenComparison, OneChangedByteFailsWithTheFirstDifferingLineAndThePathOfTheOutput) {
  TempDir dir;
  write_file(dir / "golden.txt", "first line\nsecond line\nthird line\n");
  EXPECT_TRUE(matches_golden_file(dir / "golden.txt", dir / "actual.txt",
                                  "first line\nsecond line\nthird line\n", false));
  EXPECT_FALSE(fs::exists(dir / "actual.txt"));
  const auto differs = matches_golden_file(dir / "golden.txt", dir / "actual.txt",
                                           "first line\nsecond lime\nthird line\n", false);
  ASSERT_FALSE(differs);
  const std::string message = differs.message();
  EXPECT_NE(message.find("first difference at line 2"), std::string::npos) << message;
  EXPECT_NE(message.find("expected: \"second line\""), std::string::npos) << message;
  EXPECT_NE(message.find("actual:   \"second lime\""), std::string::npos) << message;
  EXPECT_NE(message.find((dir / "actual.txt").string()), std::string::npos) << message;
  EXPECT_NE(message.find("FLGRAPH_UPDATE_GOLDEN=1"), std::string::npos) << message;
  EXPECT_EQ(read_file(dir / "actual.txt"), "first line\nsecond lime\nthird line\n");
  // A shorter output ends early; a missing golden file says so.
  const auto shorter =
      matches_golden_file(dir / "golden.txt", dir / "actual.txt", "first line\n", false);
  EXPECT_NE(std::string(shorter.message()).find("actual:   (end of file)"), std::string::npos)
      << shorter.message();
  const auto missing = matches_golden_file(dir / "none.txt", dir / "actual.txt", "x", false);
  EXPECT_NE(std::string(missing.message()).find("no golden file"), std::string::npos)
      << missing.message();
  // An update rewrites the golden file and passes.
  EXPECT_TRUE(matches_golden_file(dir / "golden.txt", dir / "actual.txt", "new\n", true));
  EXPECT_EQ(read_file(dir / "golden.txt"), "new\n");
}

}  // namespace
}  // namespace flgraph::testing
