// tests/viz/brief_test.cpp: the due-diligence brief on the shipped sample and on hostile names:
// sections, the exposure arithmetic, determinism, protection, escaping and output safety.
#include "viz/brief.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <pugixml.hpp>

#include "commands/brief_command.h"
#include "export_fixtures.h"
#include "importers/import.h"
#include "queries/entity_lookup.h"
#include "viz/markup.h"

namespace flgraph::viz {
namespace {
using commands::brief_command;
using commands::ReadOptions;

using testing::TempDir;

std::map<std::string, std::string> folder_files(const std::filesystem::path& folder) {
  std::map<std::string, std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    files[entry.path().filename().string()] = testing::read_file(entry.path());
  }
  return files;
}

// Whether `markup` occurs without a backslash escaping its first character.
bool has_control_character(const std::string& text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
           c == '\x7f';
  });
}

bool has_unescaped(const std::string& text, const std::string& markup) {
  for (auto at = text.find(markup); at != std::string::npos; at = text.find(markup, at + 1)) {
    if (at == 0 || text[at - 1] != '\\') return true;
  }
  return false;
}

std::string between(const std::string& text, const std::string& from, const std::string& to) {
  const auto start = text.find(from);
  if (start == std::string::npos) return "";
  const auto end = text.find(to, start);
  return end == std::string::npos ? "" : text.substr(start, end + to.size() - start);
}

class Briefs : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::import_sample(dir_ / "sample.db");
    read_.database = dir_ / "sample.db";
  }
  std::map<std::string, std::string> brief(const std::string& id, const std::string& folder,
                                           BriefFormat format = BriefFormat::Html) {
    BriefRequest request;
    request.format = format;
    request.output_dir = dir_ / folder;
    request.as_of = graph::parse_date("2024-05-01");
    brief_command(read_, id, request);
    return folder_files(dir_ / folder);
  }
  queries::ExposureResult exposure_of(const std::string& id,
                                      const queries::ExposureOptions& options = {}) {
    const auto store = graph::Store::open(read_.database, graph::Store::OpenMode::ReadOnlyExisting);
    const auto graph = graph::QueryGraph::load(store);
    return queries::score_exposure(graph, queries::resolve_entity(store, graph, id), options);
  }
  TempDir dir_;
  ReadOptions read_;
};

TEST_F(Briefs, HtmlIsOneFileWithEverySectionAndTheFlowChartInline) {
  const auto files = brief("co-harbor-retail", "out");
  ASSERT_EQ(files.size(), 1u);
  const auto& html = files.at(kBriefHtml);
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>"));
  for (const char* section :
       {"id=\"summary\"", "id=\"legal-frame\"", "id=\"flow-chart\"", "id=\"exposure\"",
        "id=\"evidence-paths\"", "id=\"documents\"", "id=\"method\""}) {
    EXPECT_NE(html.find(section), std::string::npos) << section;
  }
  for (const char* text :
       {"Due-diligence brief: Harbor Retail Group (illustrative)", "as of 2024-05-01",
        "CAATSA §321(b)", "Public Law 115-44", "19 U.S.C. 1307", "Retention of identity documents",
        "7(1)(c)", "Enslavement", "Recorded victim counts total 445", "What the graph cannot know",
        "not the probability", "@media print", "size: A4"}) {
    EXPECT_NE(html.find(text), std::string::npos) << text;
  }
  // The band in colour and in words.
  EXPECT_NE(html.find(R"(<span class="badge band-high">HIGH</span>)"), std::string::npos);
  // Self-contained: the diagram is inline SVG, nothing is fetched, nothing runs.
  const auto svg = between(html, "<svg", "</svg>");
  ASSERT_FALSE(svg.empty());
  pugi::xml_document parsed;
  ASSERT_TRUE(parsed.load_string(svg.c_str())) << "the inline SVG is well-formed XML";
  EXPECT_GT(parsed.select_nodes("//g[@class='node']").size(), 20u);
  EXPECT_EQ(html.find("<?xml"), std::string::npos);
  EXPECT_EQ(html.find("<!DOCTYPE svg"), std::string::npos);
  EXPECT_NE(html.find("Content-Security-Policy"), std::string::npos);
  for (const char* external :
       {"<script", "<link", "<img", "<iframe", "src=", "@import", "url(", "<!--"}) {
    EXPECT_EQ(html.find(external), std::string::npos) << external;
  }
  // Every route in words, from the case down to the subject, with its sources.
  EXPECT_NE(html.find("Route 6:"), std::string::npos);
  EXPECT_NE(
      html.find("is consigned to company <strong>Harbor Retail Group (illustrative)</strong>"),
      std::string::npos);
  EXPECT_NE(html.find("dispatches North Korean workers to site"), std::string::npos);
  // The document index, with grades and hashes.
  EXPECT_NE(html.find("94bad3042f54257fedb574438e069079f1352137030606bfdadc2dbcff3a62f8"),
            std::string::npos);
  EXPECT_NE(html.find("A (completely reliable)"), std::string::npos);
}

TEST_F(Briefs, ExposureTableMatchesScoreExposureAndRecomputesTheScore) {
  const auto html = brief("co-harbor-retail", "out").at(kBriefHtml);
  const auto result = exposure_of("co-harbor-retail");
  ASSERT_EQ(result.contributions.size(), 6u);
  const auto table = between(html, R"(<table class="compact exposure">)", "</table>");
  ASSERT_FALSE(table.empty());
  // The table's rows in order, each with the factors and the contribution of score_exposure's row.
  std::size_t at = 0;
  std::vector<std::string> counted;
  for (std::size_t i = 0; i < result.contributions.size(); ++i) {
    const auto& row = result.contributions[i];
    const auto cells = fmt::format(
        R"(<td class="num">{}</td><td class="num">{:.4f}</td><td class="num">{:.4f}</td><td>{}</td><td class="num">{:.4f}</td><td class="num"><strong>{:.4f}</strong></td>)",
        row.tier, row.strength, row.decay_factor, row.temporally_consistent ? "yes" : "no",
        row.temporal_factor, row.contribution);
    const auto found = table.find(cells, at);
    ASSERT_NE(found, std::string::npos) << "row " << i + 1 << ": " << cells;
    at = found;
    if (row.counted_in_score) counted.push_back(fmt::format("(1 − {:.4f})", row.contribution));
  }
  // The formula lists exactly the counted rows, and its result is the score.
  std::string product;
  for (const auto& factor : counted) product += (product.empty() ? "" : " × ") + factor;
  EXPECT_NE(html.find(fmt::format("score = 1 − {} = {:.4f}", product, result.score)),
            std::string::npos)
      << product;
  double none = 1.0;
  for (const auto& row : result.contributions) {
    if (row.counted_in_score) none *= 1.0 - row.contribution;
  }
  EXPECT_NEAR(1.0 - none, result.score, 1e-12);
  EXPECT_NE(html.find(fmt::format("score {:.4f} (supply {:.4f}, ownership {:.4f})", result.score,
                                  result.supply_score, result.ownership_score)),
            std::string::npos);
}

TEST_F(Briefs, SameDatabaseAndRequestGiveTheSameBytes) {
  EXPECT_EQ(brief("co-harbor-retail", "one"), brief("co-harbor-retail", "two"));
  EXPECT_EQ(brief("co-harbor-retail", "md-one", BriefFormat::Markdown),
            brief("co-harbor-retail", "md-two", BriefFormat::Markdown));
}

TEST_F(Briefs, WithoutAsOfNoDateIsWritten) {
  BriefRequest request;
  request.output_dir = dir_ / "undated";
  brief_command(read_, "co-harbor-retail", request);
  const auto html = testing::read_file(dir_ / "undated" / kBriefHtml);
  EXPECT_NE(html.find("as of: not stated"), std::string::npos);
  EXPECT_EQ(html.find("as of 2"), std::string::npos);
}

TEST_F(Briefs, MarkdownHasTheSectionsAndTheFlowChartBesideIt) {
  const auto files = brief("co-harbor-retail", "md", BriefFormat::Markdown);
  ASSERT_EQ(files.size(), 2u);
  const auto& md = files.at(kBriefMarkdown);
  EXPECT_TRUE(md.starts_with("# Due-diligence brief: Harbor Retail Group (illustrative)\n"));
  for (const char* heading :
       {"\n## Summary\n", "\n## Legal frame\n", "\n## Supply-chain flow chart\n",
        "\n## Exposure, row by row\n", "\n## Evidence paths in words\n", "\n## Document index\n",
        "\n## Method and limits\n"}) {
    EXPECT_NE(md.find(heading), std::string::npos) << heading;
  }
  EXPECT_NE(md.find("](flow-chart.svg)"), std::string::npos);
  EXPECT_NE(files.at(kBriefFlowChart).find("<svg"), std::string::npos);
  EXPECT_NE(md.find("| # | Case | Channel | Hops |"), std::string::npos);
  EXPECT_NE(md.find("| ---: | --- | --- | ---: |"), std::string::npos);
  const auto result = exposure_of("co-harbor-retail");
  EXPECT_NE(md.find(fmt::format("= {:.4f}", result.score)), std::string::npos);
  EXPECT_NE(md.find("**HIGH**"), std::string::npos);
}

TEST_F(Briefs, ProtectedWitnessesAndSourcesNeverAppear) {
  for (const auto format : {BriefFormat::Html, BriefFormat::Markdown}) {
    const std::string folder = format == BriefFormat::Html ? "html" : "md";
    for (const auto& [name, bytes] : brief("co-harbor-retail", folder, format)) {
      EXPECT_EQ(fixtures::find_canary(bytes), "") << name;
    }
  }
  // The protected testimony is cited, under its pseudonym only.
  EXPECT_NE(testing::read_file(dir_ / "html" / kBriefHtml).find("protected source W-"),
            std::string::npos);
}

TEST_F(Briefs, RevealNamesProtectedSourcesButWitnessesStayPseudonyms) {
  read_.reveal_protected = true;
  const auto html = brief("co-harbor-retail", "revealed").at(kBriefHtml);
  EXPECT_NE(html.find("Interview with canary witness Kim"), std::string::npos);
  EXPECT_NE(
      html.find("protected sources are named in this brief because --reveal-protected was given"),
      std::string::npos);
  // A brief on the witness: still only the pseudonym.
  for (const auto format : {BriefFormat::Html, BriefFormat::Markdown}) {
    for (const auto& [name, bytes] :
         brief("pe-canary-kim", format == BriefFormat::Html ? "kim" : "kim-md", format)) {
      EXPECT_EQ(bytes.find("Canary Witness"), std::string::npos) << name;
      EXPECT_EQ(bytes.find("pe-canary"), std::string::npos) << name;
      // Graphviz writes the hyphen of the SVG's pseudonym as "&#45;".
      EXPECT_TRUE(bytes.find("W-") != std::string::npos ||
                  bytes.find("W&#45;") != std::string::npos)
          << name;
    }
  }
}

TEST_F(Briefs, ProductBriefStartsFromTheShipmentsThatCarryIt) {
  const auto html = brief("pr-030489", "product").at(kBriefHtml);
  const auto result = exposure_of("pr-030489");
  ASSERT_FALSE(result.contributions.empty());
  EXPECT_NE(html.find(fmt::format("= {:.4f}", result.score)), std::string::npos);
  EXPECT_NE(html.find("ca-seafood-2019"), std::string::npos);
  // Each route ends with the shipment carrying the product.
  EXPECT_NE(html.find("carries product <strong>Frozen fish fillets, n.e.s.</strong>"),
            std::string::npos);
}

TEST_F(Briefs, NoRouteMeansBandNoneAndSaysWhatThatDoesNotShow) {
  BriefRequest request;
  request.output_dir = dir_ / "none";
  request.exposure.max_hops = 1;
  brief_command(read_, "co-harbor-retail", request);
  const auto html = testing::read_file(dir_ / "none" / kBriefHtml);
  EXPECT_NE(html.find(R"(<span class="badge band-none">NONE</span>)"), std::string::npos);
  EXPECT_NE(html.find("holds no route"), std::string::npos);
  EXPECT_NE(html.find("not evidence that the supply chain is free of such labour"),
            std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);
}

TEST_F(Briefs, UnknownIdIsNotFoundAndWritesNothing) {
  BriefRequest request;
  request.output_dir = dir_ / "missing";
  EXPECT_THROW(brief_command(read_, "co-harbor-retial", request), NotFoundError);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "missing"));
}

TEST_F(Briefs, OutputOutsideTheFolderOrThroughALinkIsRefused) {
  BriefRequest request;
  request.output_dir = dir_ / "a" / ".." / "escaped";
  EXPECT_THROW(brief_command(read_, "co-harbor-retail", request), Error);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "escaped"));
  std::filesystem::create_directory(dir_ / "target");
  std::filesystem::create_directory_symlink(dir_ / "target", dir_ / "link");
  request.output_dir = dir_ / "link";
  EXPECT_THROW(brief_command(read_, "co-harbor-retail", request), Error);
  request.output_dir = dir_ / "link" / "inner";
  EXPECT_THROW(brief_command(read_, "co-harbor-retail", request), Error);
  EXPECT_TRUE(std::filesystem::is_empty(dir_ / "target"));
}

TEST_F(Briefs, ExistingNonEmptyFolderNeedsForce) {
  std::filesystem::create_directory(dir_ / "used");
  testing::write_file(dir_ / "used" / "notes.txt", "mine");
  BriefRequest request;
  request.output_dir = dir_ / "used";
  try {
    brief_command(read_, "co-harbor-retail", request);
    FAIL() << "expected an Error for a non-empty folder";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("--force"), std::string::npos) << e.what();
  }
  EXPECT_EQ(testing::read_file(dir_ / "used" / "notes.txt"), "mine");
  EXPECT_FALSE(std::filesystem::exists(dir_ / "used" / kBriefHtml));
  request.force = true;
  brief_command(read_, "co-harbor-retail", request);
  EXPECT_TRUE(std::filesystem::exists(dir_ / "used" / kBriefHtml));
}

// Names, titles, quotes and URLs written to break out of HTML and Markdown, and a terminal escape
// (tests/fixtures/brief/hostile/).
class HostileBriefs : public ::testing::Test {
 protected:
  void SetUp() override {
    importers::import_into_database(dir_ / "hostile.db", {testing::fixture("brief/hostile")}, {});
    read_.database = dir_ / "hostile.db";
  }
  std::map<std::string, std::string> brief(BriefFormat format) {
    BriefRequest request;
    request.format = format;
    request.output_dir = dir_ / (format == BriefFormat::Html ? "html" : "md");
    brief_command(read_, "co-hostile", request);
    return folder_files(request.output_dir);
  }
  TempDir dir_;
  ReadOptions read_;
};

TEST_F(HostileBriefs, HtmlShowsMarkupFromTheDataAsText) {
  const auto html = brief(BriefFormat::Html).at(kBriefHtml);
  EXPECT_NE(
      html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Partners&quot; &#39;Ltd&#39;"),
      std::string::npos);
  for (const char* markup : {"<script", "<img", "<iframe", "<b>", "</td></tr></table> Press",
                             "href=\"javascript", "</p><script"}) {
    EXPECT_EQ(html.find(markup), std::string::npos) << markup;
  }
  // Inside the flow chart too (Graphviz's SVG escapes its labels).
  const auto svg = between(html, "<svg", "</svg>");
  EXPECT_NE(svg.find("&lt;script&gt;"), std::string::npos);
  EXPECT_FALSE(has_control_character(html));
  EXPECT_NE(html.find("pipe &lt;b&gt;b&lt;/b&gt; ␛[31mred␛[0m"), std::string::npos);
  EXPECT_EQ(html.find("<!--"), std::string::npos)
      << "Graphviz's comments (they hold ids) are dropped";
  // A source URL that is not http(s) is shown, never linked.
  EXPECT_NE(html.find("<code>javascript:alert(4)</code>"), std::string::npos);
}

TEST_F(HostileBriefs, MarkdownShowsMarkupFromTheDataAsText) {
  const auto files = brief(BriefFormat::Markdown);
  const auto& md = files.at(kBriefMarkdown);
  EXPECT_NE(
      md.find(
          R"(\<script\>alert(1)\</script\> \& "Partners" 'Ltd' \[click\](https\://evil.example) www\.evil.example)"),
      std::string::npos);
  EXPECT_NE(md.find(R"(Case \*bold\* \_it\_ \`code\` \| pipe \<b\>b\</b\>)"), std::string::npos);
  for (const char* markup : {"<script", "<img", "<iframe", "<b>", "[click]", "*bold*", "`code`"}) {
    EXPECT_FALSE(has_unescaped(md, markup)) << markup;
  }
  for (const char* autolink : {"https://evil", "www.evil"})
    EXPECT_EQ(md.find(autolink), std::string::npos) << autolink;
  EXPECT_EQ(files.at(kBriefFlowChart).find("<script"), std::string::npos);
  EXPECT_FALSE(has_control_character(md));
  EXPECT_NE(md.find("␛\\[31mred␛\\[0m"), std::string::npos);
}

TEST(Markup, MarkdownTextEscapesBlockStartsOnlyAtTheStartOfALine) {
  EXPECT_EQ(markdown_text("# not a heading", true), R"(\# not a heading)");
  EXPECT_EQ(markdown_text("2024. not a list", true), R"(2024\. not a list)");
  EXPECT_EQ(markdown_text("    - indented", true), R"(\- indented)");
  EXPECT_EQ(markdown_text("a - b # c 1. d"), "a - b # c 1. d");
  EXPECT_EQ(markdown_text("line\nbreak"), "line break");
  EXPECT_EQ(markdown_text("mail x@example.org or https://a.example or www.b.example"),
            R"(mail x\@example.org or https\://a.example or www\.b.example)");
  EXPECT_EQ(markdown_code("a|b`c", true), R"(`a\|b?c`)");
  EXPECT_EQ(escape_html(R"(<a href="x">'&'</a>)"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  EXPECT_EQ(escape_html("tab\tline\nesc\x1b del\x7f nul-free"), "tab\tline\nesc␛ del␡ nul-free");
  EXPECT_EQ(markdown_code("a\x07"
                          "b"),
            "`a␇b`");
}

}  // namespace
}  // namespace flgraph::viz
