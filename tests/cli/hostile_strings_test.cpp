// tests/cli/hostile_strings_test.cpp: ids and names built to break things (SQL, quotes, line
// breaks, control characters, bidi marks, markup, DOT and Cypher syntax, path escapes, 64 KiB of
// text) go through import, show, trace and every export format intact, or changed only as the
// format documents, and never become markup, SQL or a path; export targets that escape are refused.
#include <fmt/format.h>
#include <graphviz/cgraph.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "importers/csv_reader.h"
#include "test_support.h"

namespace flgraph::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Hostile {
  std::string id;
  std::string name;
};

std::string long_text() {
  std::string text;
  while (text.size() < 64 * 1024)
    text += "Very long name of a front company registered again and again ";
  return text;
}

// Each becomes a company; they form one chain a trace walks, so every one is on a path.
std::vector<Hostile> hostile_companies() {
  return {
      {"co-sql'; DROP TABLE entity;--", "Robert'); DROP TABLE entity; -- \" OR 1=1"},
      {"co-quotes\"'`\\", "\"Double\" 'single' `back` \\back\\slash\\"},
      {"co-new\nline", "First line\nsecond line\r\nthird\rfourth\ttab"},
      {"co-ctl\x01\x1b[31m", "Ctl\x01\x07\x08\x0b\x0c\x1b[31mRED\x1b[0m\x7f end"},
      {"co-rtl\u202egnp.exe", "Abc\u202eevil.exe\u202c \u200fmark\u200e \u2066iso\u2069 \u061c"},
      {"co-" + std::string(1000, 'L'), long_text()},
      {"co-<script>alert(1)</script>",
       "<script>alert('x')</script><img src=x onerror=alert(1)>&amp;]]><!--"},
      {"co-dot\" -> x [label=pwn]; {a|b}",
       "a\" -> b [label=\"pwn\"]; subgraph {x|y} \\N \\G \\L <b>html</b>"},
      {"co-cypher'}) DETACH DELETE n //",
       "x'}) MATCH (n) DETACH DELETE n // =HYPERLINK(\"http://evil\"),\"a,b\""},
      {"../../../../tmp/flgraph-evil-id", "../../etc/passwd /absolute/path ~/home"},
      {"co-unicode-朝鲜-🎉", "조선 朝鲜 Ŭnha 🎉 e\u0301 \uFEFF zero\u200bwidth"},
      {"co-format%s%n{}{0}", "%s%n%x {} {0} {:>99999} $(rm -rf /) `id`"},
  };
}

const std::string kBuyer = "co-buyer";
const std::string kCase = "ca-<i>case</i>\n\"1\"";
const std::string kCaseName = "Case <script>alert('case')</script>\nwith \x01 control";
const std::string kSource = "src-'hostile\"<source>";
const std::string kSourceTitle = "Report </title><script>alert(2)</script>\r\n\u202e title";
const std::string kQuote = "He said \"<b>no</b>\" ; DROP TABLE claim; --\n\x1b[2J";

std::string relation_id(std::size_t index) { return "e-" + std::to_string(index) + "-'\"<rel>\n"; }

// The chain: case -documents-> H0 -supplies-> H1 ... -supplies-> buyer.
json hostile_bundle() {
  const auto companies = hostile_companies();
  json entities = json::array();
  json relations = json::array();
  for (const auto& company : companies) {
    entities.push_back({{"id", company.id},
                        {"kind", "company"},
                        {"name", company.name},
                        {"aliases", {company.name}}});
  }
  entities.push_back({{"id", kBuyer}, {"kind", "company"}, {"name", "Buyer"}});
  entities.push_back({{"id", kCase}, {"kind", "case"}, {"name", kCaseName}});
  relations.push_back({{"id", relation_id(0)},
                       {"src", kCase},
                       {"dst", companies[0].id},
                       {"kind", "documents"},
                       {"confidence", 0.9}});
  for (std::size_t index = 0; index < companies.size(); ++index) {
    const auto& next = index + 1 < companies.size() ? companies[index + 1].id : kBuyer;
    relations.push_back({{"id", relation_id(index + 1)},
                         {"src", companies[index].id},
                         {"dst", next},
                         {"kind", "supplies"},
                         {"confidence", 0.9}});
  }
  json sources = json::array({{{"id", kSource},
                               {"title", kSourceTitle},
                               {"publisher", kQuote},
                               {"kind", "report"},
                               {"reliability", "B"},
                               {"access", "public"}}});
  json claims = json::array({{{"fact", relation_id(0)},
                              {"source", kSource},
                              {"locator", "p. <1>\n"},
                              {"credibility", 2},
                              {"quote", kQuote}}});
  // Every other fact rests on the source too, so an evidence bundle of it verifies.
  std::size_t row = 0;
  for (const auto& fact : entities) {
    claims.push_back({{"fact", fact.at("id")},
                      {"source", kSource},
                      {"locator", fmt::format("row {}", ++row)},
                      {"credibility", 3}});
  }
  for (std::size_t index = 1; index < relations.size(); ++index) {
    claims.push_back({{"fact", relations[index].at("id")},
                      {"source", kSource},
                      {"locator", fmt::format("row {}", ++row)},
                      {"credibility", 3}});
  }
  return {
      {"sources", sources}, {"entities", entities}, {"relations", relations}, {"claims", claims}};
}

void collect_strings(const json& value, std::multiset<std::string>& out) {
  if (value.is_string()) {
    out.insert(value.get<std::string>());
  } else if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      out.insert(key);
      collect_strings(item, out);
    }
  } else if (value.is_array()) {
    for (const auto& item : value) collect_strings(item, out);
  }
}

// What XML 1.0 can carry: C0 controls other than tab and line breaks are dropped (docs/OUTPUTS.md,
// "GraphML and GEXF").
std::string xml_visible(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') out += c;
  }
  return out;
}

// Graphviz names: every C0 control and DEL drawn as its control picture, a backslash as U+29F5
// (viz/diagram.cpp).
std::string graphviz_visible(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      const unsigned picture = byte == 0x7f ? 0x2421u : 0x2400u + byte;
      out += static_cast<char>(0xE0u | (picture >> 12));
      out += static_cast<char>(0x80u | ((picture >> 6) & 0x3Fu));
      out += static_cast<char>(0x80u | (picture & 0x3Fu));
    } else if (c == '\\') {
      out += "\u29F5";  // DOT cannot carry a backslash before a quote or at a name's end
    } else {
      out += c;
    }
  }
  return out;
}

// Line breaks inside CSV values become spaces (docs/OUTPUTS.md, "Property-graph CSV").
std::string csv_visible(std::string_view text) {
  std::string out(text);
  std::replace_if(
      out.begin(), out.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return out;
}

// Markup that would be live in an XML or HTML output: a script or foreign element, or an event
// handler attribute.
void expect_no_live_markup(const pugi::xml_node& root, const std::string& what) {
  for (const auto& node : root.select_nodes("//*")) {
    std::string name = node.node().name();
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    EXPECT_NE(name, "script") << what;
    EXPECT_NE(name, "img") << what;
    EXPECT_NE(name, "b") << what;
    EXPECT_NE(name, "i") << what;
    for (const auto& attribute : node.node().attributes()) {
      std::string attribute_name = attribute.name();
      std::transform(attribute_name.begin(), attribute_name.end(), attribute_name.begin(),
                     [](unsigned char c) { return std::tolower(c); });
      EXPECT_FALSE(attribute_name.rfind("on", 0) == 0) << what << ": attribute " << attribute_name;
    }
  }
}

class HostileStrings : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (dir_ / "hostile.db").string();
    write_file(dir_ / "hostile.json", hostile_bundle().dump(2));
    const auto imported = run_flgraph({"--db", db_, "import", (dir_ / "hostile.json").string()});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
  }
  CommandResult run(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db_});
    return run_flgraph(args);
  }
  // The whole graph in one format, to standard output (or a folder for bundle and csv).
  std::string export_text(const std::string& format) {
    const auto result = run({"export", "--format", format});
    EXPECT_EQ(result.exit_code, 0) << format << ": " << result.err;
    return result.out;
  }
  TempDir dir_;
  std::string db_;
};

TEST_F(HostileStrings, ShowReturnsEveryIdNameAndAliasByteForByte) {
  for (const auto& company : hostile_companies()) {
    const auto result = run({"show", company.id, "--json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto shown = json::parse(result.out);
    EXPECT_EQ(shown.at("id"), company.id);
    EXPECT_EQ(shown.at("name"), company.name);
    ASSERT_EQ(shown.at("aliases").size(), 1u);
    EXPECT_EQ(shown.at("aliases")[0], company.name);
  }
  const auto text = run({"show", hostile_companies()[3].id});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_EQ(text.out.find('\x1b'), std::string::npos) << "an escape sequence reached the terminal";
}

TEST_F(HostileStrings, TraceWalksTheHostileChainAndReportsItIntact) {
  const auto result = run({"trace", "--from", kBuyer, "--max-hops", "20", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::multiset<std::string> strings;
  collect_strings(json::parse(result.out), strings);
  EXPECT_TRUE(strings.contains(kCase));
  EXPECT_TRUE(strings.contains(kCaseName));
  EXPECT_TRUE(strings.contains(kQuote));
  for (const auto& company : hostile_companies()) {
    EXPECT_TRUE(strings.contains(company.id)) << company.id;
    EXPECT_TRUE(strings.contains(company.name)) << company.name.substr(0, 60);
  }
  const auto text = run({"trace", "--from", kBuyer, "--max-hops", "20"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_EQ(text.out.find('\x1b'), std::string::npos) << "an escape sequence reached the terminal";
}

TEST_F(HostileStrings, BrokersAndComponentsCarryEveryNameIntactAndEscapeTheirText) {
  std::multiset<std::string> strings;
  const auto brokers = run({"brokers", "--max-hops", "20", "--top", "50", "--json"});
  ASSERT_EQ(brokers.exit_code, 0) << brokers.err;
  collect_strings(json::parse(brokers.out), strings);
  const auto companies = hostile_companies();
  for (std::size_t i = 1; i < companies.size();
       ++i) {  // the first is the case's party: an endpoint
    EXPECT_TRUE(strings.contains(companies[i].id)) << companies[i].id;
    EXPECT_TRUE(strings.contains(companies[i].name)) << companies[i].name.substr(0, 60);
  }
  const auto components = run({"components", "--central", "50", "--json"});
  ASSERT_EQ(components.exit_code, 0) << components.err;
  strings.clear();
  collect_strings(json::parse(components.out), strings);
  for (const auto& company : companies)
    EXPECT_TRUE(strings.contains(company.name)) << company.name.substr(0, 60);
  for (const auto& args : {std::vector<std::string>{"brokers", "--max-hops", "20", "--top", "50"},
                           std::vector<std::string>{"components", "--central", "50"}}) {
    const auto text = run(args);
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_EQ(text.out.find('\x1b'), std::string::npos)
        << args[0] << ": an escape sequence reached the terminal";
    EXPECT_EQ(text.out.find("\u202e"), std::string::npos)
        << args[0] << ": a bidi override reached the terminal";
  }
}

TEST_F(HostileStrings, JsonExportAndBundleRoundTripExactly) {
  const auto exported = json::parse(export_text("json"));
  const auto bundle = hostile_bundle();
  std::map<std::string, json> by_id;
  for (const auto& entity : exported.at("entities")) by_id[entity.at("id")] = entity;
  for (const auto& entity : bundle.at("entities")) {
    ASSERT_TRUE(by_id.contains(entity.at("id"))) << entity.at("id");
    EXPECT_EQ(by_id[entity.at("id")].at("name"), entity.at("name"));
  }
  std::multiset<std::string> strings;
  collect_strings(exported, strings);
  for (const auto& text : {kSourceTitle, kQuote, relation_id(0), relation_id(5)})
    EXPECT_TRUE(strings.contains(text));

  // The evidence bundle verifies, and imports into an empty store as the same graph.
  const auto folder = dir_ / "bundle";
  auto result =
      run({"export", "--format", "bundle", "-o", folder.string(), "--as-of", "2024-01-01"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(run_flgraph({"verify", folder.string()}).exit_code, 0);
  const auto again_db = (dir_ / "again.db").string();
  result = run_flgraph({"--db", again_db, "import", (folder / "bundle.json").string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  result = run_flgraph({"--db", again_db, "export", "--format", "json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(json::parse(result.out), exported);
}

TEST_F(HostileStrings, FollowTheMoneyLinesParseAndCarryEveryName) {
  std::multiset<std::string> strings;
  std::istringstream lines(export_text("ftm"));
  for (std::string line; std::getline(lines, line);) collect_strings(json::parse(line), strings);
  for (const auto& company : hostile_companies())
    EXPECT_TRUE(strings.contains(company.name)) << company.id;
}

TEST_F(HostileStrings, GraphmlAndGexfParseAndKeepWhatXmlCanCarry) {
  for (const std::string format : {"graphml", "gexf"}) {
    const auto text = export_text(format);
    pugi::xml_document document;
    const auto parsed = document.load_string(text.c_str());
    ASSERT_TRUE(parsed) << format << ": " << parsed.description() << " at " << parsed.offset;
    expect_no_live_markup(document, format);
    std::set<std::string> node_ids;
    std::multiset<std::string> texts;
    for (const auto& node : document.select_nodes("//*[local-name()='node']")) {
      node_ids.insert(node.node().attribute("id").value());
      texts.insert(node.node().attribute("label").value());
    }
    for (const auto& data :
         document.select_nodes("//*[local-name()='data' or local-name()='attvalue']")) {
      texts.insert(data.node().child_value());
      texts.insert(data.node().attribute("value").value());
    }
    for (const auto& company : hostile_companies()) {
      EXPECT_TRUE(node_ids.contains(xml_visible(company.id))) << format << ": " << company.id;
      EXPECT_TRUE(texts.contains(xml_visible(company.name)))
          << format << ": " << company.name.substr(0, 60);
    }
  }
}

TEST_F(HostileStrings, PropertyGraphCsvParsesWithEveryValueInItsColumn) {
  const auto folder = dir_ / "csv";
  const auto result = run({"export", "--format", "csv", "-o", folder.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto text = read_file(folder / "nodes.csv");
  importers::CsvReader reader("nodes.csv", text);
  importers::CsvRow row;
  ASSERT_TRUE(reader.next(row));
  const auto columns = row.fields.size();
  std::map<std::string, std::string> name_by_id;
  while (reader.next(row)) {
    ASSERT_EQ(row.fields.size(), columns) << "line " << row.line;
    name_by_id[row.fields[0]] = row.fields[3];
  }
  for (const auto& company : hostile_companies()) {
    ASSERT_TRUE(name_by_id.contains(csv_visible(company.id))) << company.id;
    EXPECT_EQ(name_by_id[csv_visible(company.id)], csv_visible(company.name));
  }
}

TEST_F(HostileStrings, DotParsesToExactlyTheExportedNodesAndSvgHoldsNoLiveMarkup) {
  const auto dot = export_text("dot");
  Agraph_t* graph = agmemread(dot.c_str());
  ASSERT_NE(graph, nullptr) << "the DOT does not parse";
  std::set<std::string> names;
  for (Agnode_t* node = agfstnode(graph); node != nullptr; node = agnxtnode(graph, node))
    names.insert(agnameof(node));
  const int edges = agnedges(graph);
  agclose(graph);
  std::set<std::string> expected = {graphviz_visible(kBuyer), graphviz_visible(kCase)};
  for (const auto& company : hostile_companies()) expected.insert(graphviz_visible(company.id));
  EXPECT_EQ(names, expected);
  EXPECT_EQ(edges, static_cast<int>(hostile_companies().size()) + 1);

  const auto svg = export_text("svg");
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(svg.find("<img"), std::string::npos);
  pugi::xml_document document;
  const auto parsed = document.load_string(svg.c_str(), pugi::parse_default | pugi::parse_doctype);
  ASSERT_TRUE(parsed) << parsed.description() << " at " << parsed.offset;
  expect_no_live_markup(document, "svg");
  // Strict XML 1.0: no control character a browser's parser would stop at.
  EXPECT_FALSE(std::any_of(svg.begin(), svg.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r';
  }));
  EXPECT_NE(svg.find("&lt;script&gt;alert(&#39;x&#39;)"), std::string::npos);
}

TEST_F(HostileStrings, HtmlBriefShowsMarkupFromTheDataAsText) {
  const auto folder = dir_ / "brief";
  const auto result =
      run({"brief", kBuyer, "--max-hops", "20", "-o", folder.string(), "--format", "html"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto html = read_file(folder / "brief.html");
  for (const char* live : {"<script", "<img", "<i>case", "<b>html", "<!--"}) {
    EXPECT_EQ(html.find(live), std::string::npos) << live;
  }
  EXPECT_NE(html.find("&lt;script&gt;alert("), std::string::npos)
      << "the hostile names are not in the brief";
  EXPECT_FALSE(std::any_of(html.begin(), html.end(), [](char c) {
    return (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
           c == '\x7f';
  })) << "a control character reached the HTML";
}

// --- Export targets ---

class ExportTargets : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (dir_ / "sample.db").string();
    ASSERT_EQ(run_flgraph({"--db", db_, "import", sample_dataset().string()}).exit_code, 0);
  }
  CommandResult export_to(const std::string& format, const fs::path& target) {
    return run_flgraph({"--db", db_, "export", "--format", format, "-o", target.string()});
  }
  TempDir dir_;
  std::string db_;
};

TEST_F(ExportTargets, DotDotIsRefusedInEveryForm) {
  for (const std::string target : {"../x.json", "a/../x.json", "a/..", "..", "a/b/../../x.json"}) {
    for (const std::string format : {"json", "bundle", "csv"}) {
      const auto result = export_to(format, dir_.path() / target);
      EXPECT_EQ(result.exit_code, 1) << format << " " << target;
      EXPECT_NE(result.err.find("\"..\" is not allowed"), std::string::npos) << result.err;
    }
  }
  EXPECT_FALSE(fs::exists(dir_ / "x.json"));
}

TEST_F(ExportTargets, SymbolicLinksAreRefusedAsTargetAndOnTheWay) {
  const auto outside = dir_ / "outside";
  fs::create_directories(outside);
  write_file(outside / "victim.txt", "keep me");
  fs::create_symlink(outside / "victim.txt", dir_ / "link.json");
  fs::create_directory_symlink(outside, dir_ / "linked-folder");

  for (const auto& [format, target] : std::vector<std::pair<std::string, fs::path>>{
           {"json", dir_ / "link.json"},
           {"graphml", dir_ / "linked-folder" / "out.graphml"},
           {"bundle", dir_ / "linked-folder"},
           {"bundle", dir_ / "linked-folder" / "bundle"},
           {"csv", dir_ / "linked-folder"},
       }) {
    const auto result = export_to(format, target);
    EXPECT_EQ(result.exit_code, 1) << format << " " << target;
    EXPECT_NE(result.err.find("symbolic link"), std::string::npos) << result.err;
  }
  EXPECT_EQ(read_file(outside / "victim.txt"), "keep me");
  EXPECT_EQ(std::distance(fs::directory_iterator(outside), fs::directory_iterator()), 1);
}

TEST_F(ExportTargets, IdsThatLookLikePathsNeverNameAFile) {
  write_file(
      dir_ / "paths.json",
      R"({"entities": [{"id": "../../../escaped", "kind": "company", "name": "../../bundle.json"},
                              {"id": "/tmp/absolute", "kind": "company", "name": "/etc/passwd"}]})");
  ASSERT_EQ(run_flgraph({"--db", db_, "import", (dir_ / "paths.json").string()}).exit_code, 0);
  const auto before = std::distance(fs::directory_iterator(dir_.path()), fs::directory_iterator());
  for (const std::string format : {"bundle", "csv"}) {
    const auto target = dir_ / ("out-" + format);
    ASSERT_EQ(export_to(format, target).exit_code, 0) << format;
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(target))
      names.insert(entry.path().filename().string());
    const std::set<std::string> fixed =
        format == "bundle"
            ? std::set<std::string>{"INDEX.md", "MANIFEST.sha256", "bundle.json", "diagram.svg"}
            : std::set<std::string>{"load_kuzu.cypher", "nodes.csv", "relationships.csv"};
    EXPECT_EQ(names, fixed) << format;
  }
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_.path()), fs::directory_iterator()),
            before + 2);
  EXPECT_FALSE(fs::exists("/tmp/absolute"));
  EXPECT_FALSE(fs::exists(dir_.path().parent_path() / "escaped"));
}

}  // namespace
}  // namespace flgraph::testing
