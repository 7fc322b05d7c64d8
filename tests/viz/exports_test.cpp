// tests/viz/exports_test.cpp: diagrams, evidence bundles, standard formats, protection and safe
// output paths, through the library calls the CLI makes.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "commands/read_commands.h"
#include "custody/sha256.h"
#include "export_fixtures.h"
#include "graph/protection.h"
#include "viz/bundle_verify.h"
#include "viz/diagram.h"
#include "viz/evidence_bundle.h"
#include "viz/graph_formats.h"
#include "viz/safe_output.h"

namespace flgraph::viz {
namespace {
using commands::ReadOptions;

using commands::export_selection_command;
using commands::ExportFormat;
using commands::ExportRequest;
using commands::SelectionSpec;
using commands::show_command;
using commands::trace_command;
using commands::trace_diagram_command;
using testing::TempDir;

class SampleExports : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::import_sample(dir_ / "sample.db");
    read_.database = dir_ / "sample.db";
  }
  ExportRequest request(ExportFormat format, const std::string& output = "") const {
    ExportRequest r;
    r.format = format;
    if (!output.empty()) r.output = dir_ / output;
    return r;
  }
  ExportRequest trace_bundle(const std::string& output) const {
    auto r = request(ExportFormat::Bundle, output);
    r.selection.trace_from = "co-harbor-retail";
    r.as_of = graph::parse_date("2024-05-01");
    return r;
  }
  TempDir dir_;
  ReadOptions read_;
};

std::vector<std::string> svg_titles(const std::string& svg) {
  pugi::xml_document document;
  const auto parsed = document.load_string(svg.c_str());
  EXPECT_TRUE(parsed) << parsed.description();
  std::vector<std::string> titles;
  for (const auto& node :
       document.select_nodes("//*[local-name()='g'][@class='node']/*[local-name()='title']")) {
    titles.push_back(node.node().child_value());
  }
  return titles;
}

std::map<std::string, std::string> folder_bytes(const std::filesystem::path& folder) {
  std::map<std::string, std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    out[entry.path().filename().string()] = testing::read_file(entry.path());
  }
  return out;
}

TEST(Diagram, LayoutEngineFollowsSize) {
  EXPECT_EQ(layout_engine_for(5), "dot");
  EXPECT_EQ(layout_engine_for(150), "dot");
  EXPECT_EQ(layout_engine_for(200), "sfdp");
}

TEST(Diagram, FiveAndTwoHundredNodesRenderToSvgThatParsesAndHoldsEveryNode) {
  for (const int size : {5, 200}) {
    TempDir dir;
    fixtures::import_synthetic(dir / "g.db", dir / "in", size);
    ReadOptions read{dir / "g.db", false};
    ExportRequest svg;
    svg.format = ExportFormat::Svg;
    const std::string bytes = export_selection_command(read, svg).bytes;
    const auto titles = svg_titles(bytes);
    EXPECT_EQ(titles.size(), static_cast<std::size_t>(size)) << size;
    for (const char* id : {"se-000", "si-000", "co-000", "ca-000"}) {
      EXPECT_NE(std::find(titles.begin(), titles.end(), id), titles.end()) << id << " at " << size;
    }
    EXPECT_NE(bytes.find("Legend"), std::string::npos);
    EXPECT_EQ(bytes, export_selection_command(read, svg).bytes)
        << "same graph, same drawing, at " << size;
    ExportRequest png = svg;
    png.format = ExportFormat::Png;
    png.output = dir / "g.png";
    export_selection_command(read, png);
    const std::string image = testing::read_file(dir / "g.png");
    ASSERT_GT(image.size(), 8u);
    EXPECT_EQ(image.substr(1, 3), "PNG");
  }
}

TEST_F(SampleExports, TraceDiagramMarksStartCasesSanctionsAndWeakEdges) {
  queries::TraceOptions options;
  const std::string dot =
      trace_diagram_command(read_, "co-harbor-retail", options, ExportFormat::Dot, 0.7);
  EXPECT_NE(dot.find("START\\nHarbor Retail Group"), std::string::npos);
  EXPECT_NE(dot.find("layout=dot"), std::string::npos);
  EXPECT_NE(dot.find("peripheries=2"), std::string::npos);  // sanctioned (se-bureau-7 and others)
  EXPECT_NE(dot.find("SANCTIONED: "), std::string::npos);
  EXPECT_NE(dot.find("shape=octagon"), std::string::npos);  // cases
  EXPECT_NE(dot.find("style=dashed"), std::string::npos);   // 0.55 < 0.7
  EXPECT_NE(dot.find("documents\\n"), std::string::npos);   // edge labels: kind, dates, confidence
  EXPECT_NE(dot.find("conf 0.90"), std::string::npos);
  const std::string none_weak =
      trace_diagram_command(read_, "co-harbor-retail", options, ExportFormat::Dot, 0.0);
  EXPECT_EQ(none_weak.find("style=dashed"), std::string::npos);
  const std::string svg =
      trace_diagram_command(read_, "co-harbor-retail", options, ExportFormat::Svg, 0.5);
  const auto titles = svg_titles(svg);
  EXPECT_NE(std::find(titles.begin(), titles.end(), "co-harbor-retail"), titles.end());
  EXPECT_NE(std::find(titles.begin(), titles.end(), "ca-seafood-2019"), titles.end());
}

TEST_F(SampleExports, TraceBundleHasTheFourFilesAndVerifies) {
  export_selection_command(read_, trace_bundle("bundle"));
  const auto files = folder_bytes(dir_ / "bundle");
  ASSERT_EQ(files.size(), 4u);
  for (const char* name : {"bundle.json", "diagram.svg", "INDEX.md", "MANIFEST.sha256"})
    EXPECT_EQ(files.count(name), 1u) << name;
  const auto bundle = nlohmann::json::parse(files.at("bundle.json"));
  // Exactly the facts of the trace: the five cases and the start, not the unrelated vessels.
  std::set<std::string> ids;
  for (const auto& e : bundle["entities"]) ids.insert(e["id"]);
  EXPECT_EQ(ids.count("co-harbor-retail"), 1u);
  EXPECT_EQ(ids.count("ca-seafood-2019"), 1u);
  EXPECT_EQ(ids.count("ve-example-star"), 0u);
  for (const auto& r : bundle["relations"]) {
    EXPECT_EQ(ids.count(r["src"]), 1u);
    EXPECT_EQ(ids.count(r["dst"]), 1u);
  }
  const auto& index = files.at("INDEX.md");
  EXPECT_NE(index.find("As of: 2024-05-01"), std::string::npos);
  EXPECT_NE(
      index.find("SHA-256: `94bad3042f54257fedb574438e069079f1352137030606bfdadc2dbcff3a62f8`"),
      std::string::npos);
  EXPECT_NE(index.find("reliability: A"), std::string::npos);
  EXPECT_NE(files.at("MANIFEST.sha256").find("# as-of: 2024-05-01"), std::string::npos);
  EXPECT_NE(files.at("MANIFEST.sha256")
                .find(custody::sha256_hex(files.at("bundle.json")) + "  bundle.json\n"),
            std::string::npos);
  const auto check = verify_bundle(dir_ / "bundle");
  EXPECT_TRUE(check.intact()) << check.problems.front();
  EXPECT_EQ(check.files, 3u);
  // Every fact rests on a source; the logging case only on protected testimony, which is reported.
  EXPECT_EQ(check.sourcing["no_source"].size(), 0u) << check.sourcing.dump(2);
  EXPECT_EQ(check.sourcing["only_protected"], nlohmann::json::parse(R"([
      {"kind": "entity", "id": "ca-logging-2016"}, {"kind": "entity", "id": "si-logging-camp-3"},
      {"kind": "relation", "id": "e-doc-03"}, {"kind": "relation", "id": "e-op-04"}])"));
}

TEST_F(SampleExports, SameQueryOnTheSameDatabaseGivesTheSameBytes) {
  export_selection_command(read_, trace_bundle("one"));
  export_selection_command(read_, trace_bundle("two"));
  EXPECT_EQ(folder_bytes(dir_ / "one"), folder_bytes(dir_ / "two"));
}

TEST_F(SampleExports, ReimportingIntoAnEmptyDatabaseAndExportingAgainGivesTheSameBundle) {
  for (const bool whole : {false, true}) {
    auto first = trace_bundle(whole ? "whole1" : "trace1");
    if (whole) first.selection.trace_from.clear();
    export_selection_command(read_, first);
    const auto db = dir_ / (whole ? "again-whole.db" : "again-trace.db");
    importers::import_into_database(db, {first.output / "bundle.json"}, {});
    ReadOptions again{db, false};
    auto second = first;
    second.output = dir_ / (whole ? "whole2" : "trace2");
    export_selection_command(again, second);
    EXPECT_EQ(folder_bytes(first.output), folder_bytes(second.output))
        << (whole ? "whole store" : "trace");
  }
}

TEST(Protection, AStoredPseudonymIsShownAsItIsAndAClearProtectedIdNever) {
  const std::string first = graph::pseudonym("key-of-database-one", "pe-canary-kim");
  ASSERT_TRUE(graph::is_pseudonym(first));
  EXPECT_NE(graph::pseudonym("key-of-database-two", "pe-canary-kim"), first);  // the key matters
  const graph::Disclosure disclosure{nullptr, false, false};
  EXPECT_EQ(disclosure.entity_id(first, true), first);
  EXPECT_EQ(disclosure.relation_id(first, true), first);
  EXPECT_EQ(disclosure.entity_name(first, "", true), "protected person " + first);
  // A protected record reaching an output under its real id is a broken invariant: it stops.
  EXPECT_THROW(disclosure.entity_id("pe-canary-kim", true), Error);
  EXPECT_FALSE(graph::is_pseudonym("W-12345"));
  EXPECT_FALSE(graph::is_pseudonym("W-ABCDEF0123"));
  graph::SourceRecord source;
  source.id = first;
  source.access = graph::Access::Protected;
  EXPECT_EQ(disclosure.source(source).id, first);
}

TEST_F(SampleExports, VerifyNamesTheTamperedMissingOrExtraFileAndReportsAnUnsourcedFactApart) {
  export_selection_command(read_, trace_bundle("b"));
  const auto folder = dir_ / "b";
  std::string svg = testing::read_file(folder / "diagram.svg");
  svg[svg.size() / 2] = static_cast<char>(svg[svg.size() / 2] ^ 1);
  testing::write_file(folder / "diagram.svg", svg);
  auto check = verify_bundle(folder);
  ASSERT_FALSE(check.intact());
  EXPECT_NE(check.problems.front().find("diagram.svg"), std::string::npos)
      << check.problems.front();

  export_selection_command(read_, trace_bundle("c"));
  testing::write_file(dir_ / "c" / "notes.txt", "x");
  check = verify_bundle(dir_ / "c");
  ASSERT_EQ(check.problems.size(), 1u);
  EXPECT_NE(check.problems.front().find("notes.txt: not listed"), std::string::npos)
      << check.problems.front();
  std::filesystem::remove(dir_ / "c" / "notes.txt");
  std::filesystem::remove(dir_ / "c" / "INDEX.md");
  check = verify_bundle(dir_ / "c");
  ASSERT_FALSE(check.intact());
  EXPECT_NE(check.problems.front().find("INDEX.md"), std::string::npos) << check.problems.front();

  // A relation whose claims are gone, manifest rewritten to match: intact, and the fact is named
  // in the sourcing report instead of failing the bundle.
  export_selection_command(read_, trace_bundle("d"));
  auto bundle = nlohmann::json::parse(testing::read_file(dir_ / "d" / "bundle.json"));
  nlohmann::json kept = nlohmann::json::array();
  for (const auto& claim : bundle["claims"]) {
    if (claim["fact"] != "e-doc-01") kept.push_back(claim);
  }
  bundle["claims"] = kept;
  const std::string text = bundle.dump(2) + "\n";
  testing::write_file(dir_ / "d" / "bundle.json", text);
  std::string manifest = testing::read_file(dir_ / "d" / "MANIFEST.sha256");
  const auto at = manifest.find("  bundle.json");
  manifest.replace(at - 64, 64, custody::sha256_hex(text));
  testing::write_file(dir_ / "d" / "MANIFEST.sha256", manifest);
  check = verify_bundle(dir_ / "d");
  EXPECT_TRUE(check.intact()) << check.problems.front();
  EXPECT_EQ(check.sourcing["no_source"],
            nlohmann::json::parse(R"([{"kind": "relation", "id": "e-doc-01"}])"));
}

TEST_F(SampleExports, RevealProtectedIsRecordedAndNamesSourcesButNeverWitnesses) {
  read_.reveal_protected = true;
  auto r = request(ExportFormat::Bundle, "revealed");
  r.selection.around = "pe-canary-kim";
  r.selection.radius = 2;
  export_selection_command(read_, r);
  const auto files = folder_bytes(dir_ / "revealed");
  EXPECT_NE(files.at("MANIFEST.sha256").find("# reveal-protected: yes"), std::string::npos);
  EXPECT_NE(files.at("INDEX.md").find("Interview with canary witness Kim"), std::string::npos);
  for (const auto& [name, bytes] : files) {
    EXPECT_EQ(bytes.find("Canary Witness"), std::string::npos) << name;
    EXPECT_EQ(bytes.find("pe-canary"), std::string::npos) << name;
  }
}

// Every format, over selections that contain the protected persons and sources.
TEST_F(SampleExports, NoCanaryInAnyOutputFormat) {
  std::vector<std::pair<std::string, std::string>> outputs;  // what, bytes
  const std::vector<std::pair<std::string, SelectionSpec>> selections = {
      {"whole", {}},
      {"around",
       [] {
         SelectionSpec s;
         s.around = "pe-canary-kim";
         s.radius = 3;
         return s;
       }()},
      {"ids",
       [] {
         SelectionSpec s;
         s.ids = {"pe-canary-kim", "pe-canary-park", "si-seafood-plant-north"};
         return s;
       }()},
      {"trace", [] {
         SelectionSpec s;
         s.trace_from = "co-harbor-retail";
         return s;
       }()}};
  int folder = 0;
  for (const auto& [what, selection] : selections) {
    for (const auto format : {ExportFormat::Json, ExportFormat::Dot, ExportFormat::Svg,
                              ExportFormat::Png, ExportFormat::Graphml, ExportFormat::Gexf,
                              ExportFormat::Ftm, ExportFormat::Bundle, ExportFormat::Csv}) {
      auto r = request(format, fmt::format("out-{}", ++folder));
      r.selection = selection;
      export_selection_command(read_, r);
      if (std::filesystem::is_directory(r.output)) {
        for (const auto& [name, bytes] : folder_bytes(r.output))
          outputs.emplace_back(what + "/" + name, bytes);
      } else {
        outputs.emplace_back(fmt::format("{}/{}", what, folder), testing::read_file(r.output));
      }
    }
  }
  queries::TraceOptions options;
  const auto trace = trace_command(read_, "si-seafood-plant-north", options);
  outputs.emplace_back("trace json", trace.dump());
  for (const auto format : {ExportFormat::Dot, ExportFormat::Svg}) {
    outputs.emplace_back("trace diagram",
                         trace_diagram_command(read_, "co-harbor-retail", options, format, 0.5));
  }
  const auto show = show_command(read_, "pe-canary-kim");
  outputs.emplace_back("show", show.dump());
  ASSERT_GT(outputs.size(), 40u);
  bool saw_pseudonym = false;
  for (const auto& [what, bytes] : outputs) {
    EXPECT_EQ(fixtures::find_canary(bytes), "") << what;
    saw_pseudonym = saw_pseudonym || bytes.find("W-") != std::string::npos;
  }
  EXPECT_TRUE(saw_pseudonym);
}

TEST_F(SampleExports, OutputFolderIsRefusedWhenNonEmptyASymlinkOrEscaping) {
  std::filesystem::create_directories(dir_ / "full");
  testing::write_file(dir_ / "full" / "keep.txt", "mine");
  EXPECT_THROW(export_selection_command(read_, trace_bundle("full")), Error);
  EXPECT_EQ(testing::read_file(dir_ / "full" / "keep.txt"), "mine");
  auto forced = trace_bundle("full");
  forced.force = true;
  export_selection_command(read_, forced);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "full" / "keep.txt"));
  EXPECT_TRUE(verify_bundle(dir_ / "full").intact());

  std::filesystem::create_directories(dir_ / "elsewhere");
  std::filesystem::create_directory_symlink(dir_ / "elsewhere", dir_ / "link");
  EXPECT_THROW(export_selection_command(read_, trace_bundle("link")), Error);
  EXPECT_THROW(export_selection_command(read_, trace_bundle("link/inner")), Error);
  auto escaping = trace_bundle("x/../escaped");
  EXPECT_THROW(export_selection_command(read_, escaping), Error);
  EXPECT_TRUE(std::filesystem::is_empty(dir_ / "elsewhere"));
  EXPECT_FALSE(std::filesystem::exists(dir_ / "escaped"));

  // A single-file output is never written through a link either.
  testing::write_file(dir_ / "target.txt", "untouched");
  std::filesystem::create_symlink(dir_ / "target.txt", dir_ / "out.graphml");
  EXPECT_THROW(export_selection_command(read_, request(ExportFormat::Graphml, "out.graphml")),
               Error);
  EXPECT_EQ(testing::read_file(dir_ / "target.txt"), "untouched");
}

TEST_F(SampleExports, FileNamesNeverComeFromTheData) {
  export_selection_command(read_, request(ExportFormat::Csv, "csv"));
  std::set<std::string> names;
  for (const auto& [name, bytes] : folder_bytes(dir_ / "csv")) names.insert(name);
  EXPECT_EQ(names, (std::set<std::string>{"load_kuzu.cypher", "nodes.csv", "relationships.csv"}));
}

TEST_F(SampleExports, CsvHeadersSuitNeo4jImportAndKuzuCopy) {
  export_selection_command(read_, request(ExportFormat::Csv, "csv"));
  const auto nodes = testing::read_file(dir_ / "csv" / "nodes.csv");
  const auto relationships = testing::read_file(dir_ / "csv" / "relationships.csv");
  EXPECT_EQ(nodes.substr(0, nodes.find('\n')),
            "id:ID,:LABEL,kind,name,country,date_from:date,date_to:date,protected:boolean,"
            "sanctioned:boolean,designations");
  EXPECT_EQ(relationships.substr(0, relationships.find('\n')),
            ":START_ID,:END_ID,:TYPE,id,kind,date_from:date,date_to:date,confidence:double");
  EXPECT_NE(relationships.find(",DOCUMENTS,"), std::string::npos);
  EXPECT_EQ(std::count(nodes.begin(), nodes.end(), '\n'), 44);
}

TEST_F(SampleExports, FtmMapsKindsToSchemataAndRelationsToIntervals) {
  const std::string lines = export_selection_command(read_, request(ExportFormat::Ftm)).bytes;
  std::map<std::string, nlohmann::json> by_id;
  std::istringstream in(lines);
  for (std::string line; std::getline(in, line);) {
    const auto entity = nlohmann::json::parse(line);
    by_id[entity["id"]] = entity;
  }
  EXPECT_EQ(by_id.at("co-harbor-retail")["schema"], "Company");
  EXPECT_EQ(by_id.at("se-bureau-7")["schema"], "PublicBody");
  EXPECT_EQ(by_id.at("si-seafood-plant-north")["schema"], "RealEstate");
  EXPECT_EQ(by_id.at("ca-seafood-2019")["schema"], "Event");
  EXPECT_EQ(by_id.at("ve-example-star")["schema"], "Vessel");
  EXPECT_EQ(by_id.at("sh-2019-04-12-nws")["schema"], "EconomicActivity");
  EXPECT_FALSE(by_id.at("sh-2019-04-12-nws")["properties"]["sender"].empty());
  EXPECT_EQ(by_id.at("e-doc-01")["schema"], "UnknownLink");
  EXPECT_EQ(by_id.at("e-doc-01")["properties"]["role"][0], "documents");
}

}  // namespace
}  // namespace flgraph::viz
