// viz/brief_document.h: a small document model (headings, paragraphs, lists, tables, one figure)
// rendered as one self-contained printable HTML page or as Markdown. Text is kept as plain text
// until a renderer escapes it, so no piece of data can become markup in either format.
#pragma once
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace flgraph::viz::brief {

struct Span {
  enum class Style { Plain, Strong, Emphasis, Code, Link, Badge };
  Style style = Style::Plain;
  std::string text;
  // Link: the URL, made a link only when it is http(s); Badge: a CSS class ("band-high").
  std::string target;
};
using Inline = std::vector<Span>;

Span plain(std::string text);
Span strong(std::string text);
Span emphasis(std::string text);
Span code(std::string text);
Span link(std::string text, std::string url);
Span badge(std::string text, std::string css_class);

struct Heading {
  int level = 2;  // 1: the title
  std::string text;
  std::string anchor;  // fixed ids only ("summary"), never data
};

struct Paragraph {
  Inline content;
  std::string css_class;  // "lead", "note", "formula" or empty
};

struct List {
  bool ordered = false;
  std::vector<Inline> items;
};

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<Inline>> rows;
  std::vector<bool> numeric;  // by column: right-aligned
  std::string css_class;      // "compact", "facts", "index"
};

struct Figure {
  std::string svg;        // Graphviz's SVG; HTML inlines it (its text is XML-escaped by Graphviz)
  std::string file_name;  // Markdown: the SVG file written beside the brief
  std::string alt;        // fixed text
  Inline caption;
};

using Block = std::variant<Heading, Paragraph, List, Table, Figure>;

struct Document {
  std::string title;  // HTML <title>; plain text
  std::vector<Block> blocks;
};

// One HTML file: inline CSS with a print stylesheet (A4), inline SVG, a Content-Security-Policy
// that forbids scripts and every external resource.
std::string render_html(const Document& document);
// CommonMark with GitHub tables; the figure as an image link to its file.
std::string render_markdown(const Document& document);

// The <svg> element of an SVG file, to sit inside HTML: the XML declaration and doctype before it
// dropped, and every comment (Graphviz writes node ids into comments), and controls drawn as
// control pictures.
std::string svg_element(std::string_view svg_file);

}  // namespace flgraph::viz::brief
