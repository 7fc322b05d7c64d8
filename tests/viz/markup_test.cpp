// tests/viz/markup_test.cpp: the one module that escapes output (viz/markup.h), format by format.
#include "viz/markup.h"

#include <gtest/gtest.h>

#include <string>

namespace flgraph::viz {
namespace {

// Every byte value once, so each escaper meets every control and every markup character.
std::string every_byte() {
  std::string bytes;
  for (int value = 1; value < 256; ++value) bytes += static_cast<char>(value);
  return bytes;
}

bool has_raw_control(const std::string& text, bool allow_layout) {
  for (const char c : text) {
    const bool layout = c == '\t' || c == '\n' || c == '\r';
    if (is_control(c) && !(allow_layout && layout)) return true;
  }
  return false;
}

TEST(Markup, ControlPicturesAreTheUnicodeBlockForC0AndDel) {
  std::string out;
  append_control_picture(out, '\0');
  append_control_picture(out, '\x1b');
  append_control_picture(out, '\x1f');
  append_control_picture(out, '\x7f');
  EXPECT_EQ(out, "␀␛␟␡");
  EXPECT_TRUE(is_control('\n'));
  EXPECT_TRUE(is_control('\x7f'));
  EXPECT_FALSE(is_control(' '));
  EXPECT_FALSE(is_control('\xc3'));  // a UTF-8 lead byte is text
}

TEST(Markup, HtmlEscapesTheFiveMarkupCharactersIncludingTheApostrophe) {
  EXPECT_EQ(escape_html(R"(<b class='x' id="y">&</b>)"),
            "&lt;b class=&#39;x&#39; id=&quot;y&quot;&gt;&amp;&lt;/b&gt;");
  EXPECT_EQ(escape_html("Kim's \"trading\" <co>"), "Kim&#39;s &quot;trading&quot; &lt;co&gt;");
  EXPECT_EQ(escape_html("Ünïcödé · 조선"), "Ünïcödé · 조선");
}

TEST(Markup, HtmlKeepsLayoutUnlessAskedAndDrawsOtherControls) {
  EXPECT_EQ(escape_html("a\tb\nc\rd\x1b"
                        "e\x7f"),
            "a\tb\nc\rd␛e␡");
  EXPECT_EQ(escape_html("a\tb\nc\rd\x1b"
                        "e\x7f",
                        /*keep_layout=*/false),
            "a␉b␊c␍d␛e␡");
  // The same escaping whatever the flag for every markup character.
  EXPECT_EQ(escape_html("'\"<>&", false), escape_html("'\"<>&"));
}

TEST(Markup, HtmlOfEveryByteHoldsNoMarkupCharacterOrRawControl) {
  for (const bool keep_layout : {true, false}) {
    const auto out = escape_html(every_byte(), keep_layout);
    EXPECT_EQ(out.find_first_of("<>\"'"), std::string::npos);
    EXPECT_FALSE(has_raw_control(out, keep_layout));
    // Every '&' starts one of the five references.
    for (auto at = out.find('&'); at != std::string::npos; at = out.find('&', at + 1)) {
      const auto rest = std::string_view(out).substr(at);
      EXPECT_TRUE(rest.starts_with("&amp;") || rest.starts_with("&lt;") ||
                  rest.starts_with("&gt;") || rest.starts_with("&quot;") ||
                  rest.starts_with("&#39;"))
          << rest.substr(0, 8);
    }
  }
}

TEST(Markup, XmlEscapesMarkupKeepsLayoutAsReferencesAndDropsWhatXmlCannotCarry) {
  EXPECT_EQ(escape_xml(R"(<a b='c' d="e">&</a>)"),
            "&lt;a b=&apos;c&apos; d=&quot;e&quot;&gt;&amp;&lt;/a&gt;");
  EXPECT_EQ(escape_xml("tab\tlf\ncr\r"), "tab&#9;lf&#10;cr&#13;");
  EXPECT_EQ(escape_xml(std::string("nul\0esc\x1b"
                                   "bel\x07",
                                   12)),
            "nulescbel");
  EXPECT_EQ(escape_xml("Ünïcödé"), "Ünïcödé");
  const auto out = escape_xml(every_byte());
  EXPECT_EQ(out.find_first_of("<>\"'"), std::string::npos);
  for (const char c : out)
    EXPECT_FALSE(static_cast<unsigned char>(c) < 0x20) << static_cast<int>(c);
}

TEST(Markup, GraphvizNamesShowControlsAndCannotEndTheirQuotedString) {
  EXPECT_EQ(graphviz_name("co-a\nb"), "co-a␊b");
  EXPECT_EQ(graphviz_name(R"(ends\)"), "ends\u29F5");
  EXPECT_EQ(graphviz_name(R"(a\"b)"), "a\u29F5\"b");
  EXPECT_FALSE(has_raw_control(graphviz_name(every_byte()), false));
  EXPECT_EQ(graphviz_name(every_byte()).find('\\'), std::string::npos);
}

TEST(Markup, GraphvizLabelsCannotFormEscapeSequences) {
  EXPECT_EQ(graphviz_label(R"(\N \G \n)"), R"(\\N \\G \\n)");
  EXPECT_EQ(graphviz_label("two\nlines\rhere"), "two lines here");
  EXPECT_EQ(graphviz_label("esc\x1b"), "esc␛");
  EXPECT_FALSE(has_raw_control(graphviz_label(every_byte()), false));
}

TEST(Markup, MarkdownOfEveryByteHoldsNoUnescapedInlineMarkupOrLineBreak) {
  const auto text = markdown_text(every_byte(), /*at_line_start=*/true);
  EXPECT_EQ(text.find_first_of("\n\r"), std::string::npos);
  EXPECT_FALSE(has_raw_control(text, /*allow_layout=*/true));
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (std::string_view("`*_[]<>&~|@").find(text[at]) == std::string_view::npos) continue;
    ASSERT_GT(at, 0u);
    EXPECT_EQ(text[at - 1], '\\') << "unescaped " << text[at];
  }
  const auto code = markdown_code(every_byte(), /*in_table=*/true);
  EXPECT_EQ(code.front(), '`');
  EXPECT_EQ(code.back(), '`');
  EXPECT_EQ(code.substr(1, code.size() - 2).find('`'), std::string::npos);
  EXPECT_EQ(code.find_first_of("\n\r"), std::string::npos);
}

}  // namespace
}  // namespace flgraph::viz
