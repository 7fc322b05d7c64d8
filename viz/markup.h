// viz/markup.h: text from the data made inert in every format an output writes: HTML, XML,
// Markdown and Graphviz labels. The one place output escaping lives; tests/viz/markup_test.cpp
// guards it.
#pragma once
#include <string>
#include <string_view>

namespace flgraph::viz {

// C0 controls and DEL are drawn as their Unicode control pictures (U+2400..U+241F, U+2421): a
// reader still sees that the data held one, and no parser or terminal acts on it.
bool is_control(char c);
void append_control_picture(std::string& out, char c);

// & < > " ' as character references: safe in element content and in quoted attribute values.
// Controls other than tab and line breaks become control pictures; with `keep_layout` false, tab
// and line breaks do too (a Graphviz HTML-like label or an SVG text line, where they would not
// show).
std::string escape_html(std::string_view text, bool keep_layout = true);

// XML 1.0 text (GraphML, GEXF): markup characters escaped, characters XML cannot carry (C0
// controls other than tab and line breaks) dropped. Tab and line breaks go as character
// references, which a parser keeps as they are: written raw, attribute values would read back
// with spaces instead and a CR with LF instead.
std::string escape_xml(std::string_view text);

// An id as a Graphviz node or edge name: the same text with its controls made visible. A
// backslash becomes U+29F5 (reverse solidus operator): Graphviz writes names into DOT quoted
// strings without escaping backslashes, so one before a quote or at the end would end the string.
std::string graphviz_name(std::string_view id);

// Graphviz reads backslash sequences (\N, \G, \n) in labels: data must not be able to form them.
// Line breaks become spaces, other controls control pictures.
std::string graphviz_label(std::string_view text);

// Text inside Markdown (CommonMark with GitHub's extensions), escaped so that it cannot become
// markup: every character that opens an inline construct is backslash-escaped (emphasis, code,
// links and images, raw HTML and autolinks, entities, strikethrough, table cells), so are the
// pieces of GitHub's extended autolinks ("://", "www.", "@"), and line breaks become spaces so
// the text cannot start a new block; other controls but tab become control pictures.
// `at_line_start`: the text begins a line, so a leading
// "#", "-", "+", "=" or "1." that would start a heading, list or rule is escaped as well.
std::string markdown_text(std::string_view text, bool at_line_start = false);

// A Markdown code span: backticks and line breaks cannot end it early. Inside a GitHub table cell
// a '|' would still split the cell, so `in_table` escapes it.
std::string markdown_code(std::string_view text, bool in_table = false);

}  // namespace flgraph::viz
