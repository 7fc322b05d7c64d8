// viz/brief_document.cpp: the brief's document model as printable HTML and as Markdown.
#include "viz/brief_document.h"

#include <fmt/format.h>

#include <algorithm>

#include "viz/markup.h"

namespace flgraph::viz::brief {
namespace {

// Scripts, fonts, images and frames from anywhere are refused: the page is one file, and a
// browser that still met a script in it (it cannot: every text is escaped) would not run it.
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action "
    "'none'";

// A4 in print; a sheet of paper on a grey desk on screen. System fonts only (DejaVu, Liberation).
constexpr std::string_view kStylesheet = R"css(
@page { size: A4; margin: 16mm 15mm 18mm 15mm; }
* { box-sizing: border-box; }
html { background: #e4e4e4; }
body { margin: 0; padding: 24px 0; color: #1b1b1b; font-size: 10.5pt; line-height: 1.45;
  font-family: "DejaVu Serif", "Liberation Serif", Georgia, "Times New Roman", serif; }
main { background: #fff; max-width: 210mm; margin: 0 auto; padding: 16mm 15mm 18mm;
  box-shadow: 0 1px 5px rgba(0, 0, 0, 0.3); }
h1, h2, h3, th, figcaption, .badge, p.meta, table.facts td:first-child {
  font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; }
h1 { font-size: 19pt; line-height: 1.2; margin: 0 0 4pt; }
h2 { font-size: 13.5pt; margin: 20pt 0 6pt; padding-bottom: 2pt; border-bottom: 1.5pt solid #1b1b1b;
  break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 12pt 0 4pt; break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 6pt; }
p.meta { color: #444; font-size: 9.5pt; }
p.lead { font-size: 11.5pt; }
p.note { border-left: 3pt solid #8c8c8c; background: #f3f3f3; padding: 4pt 8pt; font-size: 9.5pt; }
p.formula { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 9pt; background: #f3f3f3;
  padding: 4pt 8pt; overflow-wrap: anywhere; }
code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 0.85em; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 10pt; font-size: 9pt; line-height: 1.3; }
th, td { border: 0.75pt solid #767676; padding: 3pt 5pt; text-align: left; vertical-align: top; }
th { background: #e2e2e2; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
table.facts td:first-child { width: 27%; font-weight: bold; background: #f3f3f3; }
table.index code, table.index a { overflow-wrap: anywhere; }
table.exposure { font-size: 8.5pt; }
table.exposure code { overflow-wrap: normal; }
table.index code { font-size: 0.8em; }
ol, ul { margin: 0 0 8pt; padding-left: 20pt; }
li { margin-bottom: 3pt; }
a { color: #17457a; }
.badge { display: inline-block; padding: 0 7pt; border: 1pt solid #1b1b1b; border-radius: 3pt; font-weight: bold;
  letter-spacing: 0.04em; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.band-high { background: #b2182b; color: #fff; }
.band-medium { background: #ef8a62; color: #1b1b1b; }
.band-low { background: #fddbc7; color: #1b1b1b; }
.band-none { background: #f0f0f0; color: #1b1b1b; }
.mark-yes { background: #d9f0d3; color: #1b1b1b; }
.mark-no { background: #f0f0f0; color: #1b1b1b; }
figure { margin: 6pt 0 10pt; }
figure .diagram { border: 0.75pt solid #767676; padding: 4pt; break-inside: avoid; page-break-inside: avoid; }
figure .diagram svg { display: block; margin: 0 auto; max-width: 100%; height: auto; max-height: 235mm; }
figcaption { font-size: 9pt; color: #444; margin-top: 4pt; }
@media print {
  html { background: none; }
  body { padding: 0; font-size: 10pt; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  a { color: inherit; text-decoration: none; }
  th, table.facts td:first-child, p.note, p.formula { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  section#flow-chart { break-before: page; page-break-before: always; }
}
)css";

bool is_web_url(std::string_view url) {
  return url.starts_with("https://") || url.starts_with("http://");
}

std::string inline_html(const Inline& content) {
  std::string out;
  for (const auto& span : content) {
    const std::string text = escape_html(span.text);
    switch (span.style) {
      case Span::Style::Plain:
        out += text;
        break;
      case Span::Style::Strong:
        out += "<strong>" + text + "</strong>";
        break;
      case Span::Style::Emphasis:
        out += "<em>" + text + "</em>";
        break;
      case Span::Style::Code:
        out += "<code>" + text + "</code>";
        break;
      case Span::Style::Link:
        out += is_web_url(span.target)
                   ? fmt::format(R"(<a href="{}" rel="noreferrer noopener">{}</a>)",
                                 escape_html(span.target), text)
                   : "<code>" + text + "</code>";
        break;
      case Span::Style::Badge:
        out += fmt::format(R"(<span class="badge {}">{}</span>)", escape_html(span.target), text);
        break;
    }
  }
  return out;
}

// `at_line_start`: the text opens a paragraph or list item, where "#", "-" or "1." would start a
// block.
std::string inline_markdown(const Inline& content, bool in_table, bool at_line_start = false) {
  std::string out;
  for (const auto& span : content) {
    if (span.text.empty()) continue;
    switch (span.style) {
      case Span::Style::Plain:
        out += markdown_text(span.text, at_line_start && out.empty());
        break;
      case Span::Style::Strong:
      case Span::Style::Badge:
        out += "**" + markdown_text(span.text) + "**";
        break;
      case Span::Style::Emphasis:
        out += "*" + markdown_text(span.text) + "*";
        break;
      case Span::Style::Code:
      case Span::Style::Link:
        out += markdown_code(span.text, in_table);
        break;
    }
  }
  return out;
}

std::string class_attribute(const std::string& css_class) {
  return css_class.empty() ? "" : fmt::format(R"( class="{}")", escape_html(css_class));
}

struct HtmlWriter {
  std::string out;
  bool in_section = false;

  void operator()(const Heading& heading) {
    if (heading.level <= 2 && in_section) {
      out += "</section>\n";
      in_section = false;
    }
    if (heading.level == 2) {
      out += fmt::format(
          "<section{}>\n",
          heading.anchor.empty() ? "" : fmt::format(R"( id="{}")", escape_html(heading.anchor)));
      in_section = true;
    }
    const int level = std::clamp(heading.level, 1, 6);
    out += fmt::format("<h{}>{}</h{}>\n", level, escape_html(heading.text), level);
  }
  void operator()(const Paragraph& paragraph) {
    out += fmt::format("<p{}>{}</p>\n", class_attribute(paragraph.css_class),
                       inline_html(paragraph.content));
  }
  void operator()(const List& list) {
    const char* tag = list.ordered ? "ol" : "ul";
    out += fmt::format("<{}>\n", tag);
    for (const auto& item : list.items) out += "<li>" + inline_html(item) + "</li>\n";
    out += fmt::format("</{}>\n", tag);
  }
  void operator()(const Table& table) {
    auto cell_class = [&](std::size_t column) {
      return column < table.numeric.size() && table.numeric[column] ? std::string(R"( class="num")")
                                                                    : std::string();
    };
    out += fmt::format("<table{}>\n", class_attribute(table.css_class));
    if (!table.header.empty()) {
      out += "<thead><tr>";
      for (std::size_t c = 0; c < table.header.size(); ++c) {
        out += fmt::format("<th{}>{}</th>", cell_class(c), escape_html(table.header[c]));
      }
      out += "</tr></thead>\n";
    }
    out += "<tbody>\n";
    for (const auto& row : table.rows) {
      out += "<tr>";
      for (std::size_t c = 0; c < row.size(); ++c)
        out += fmt::format("<td{}>{}</td>", cell_class(c), inline_html(row[c]));
      out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
  }
  void operator()(const Figure& figure) {
    out += "<figure>\n<div class=\"diagram\" role=\"img\" aria-label=\"" + escape_html(figure.alt) +
           "\">\n";
    out += svg_element(figure.svg);
    out += "\n</div>\n<figcaption>" + inline_html(figure.caption) + "</figcaption>\n</figure>\n";
  }
};

struct MarkdownWriter {
  std::string out;

  void operator()(const Heading& heading) {
    out += std::string(static_cast<std::size_t>(std::clamp(heading.level, 1, 6)), '#') + " " +
           markdown_text(heading.text) + "\n\n";
  }
  void operator()(const Paragraph& paragraph) {
    const bool quoted = paragraph.css_class == "note";
    out += (quoted ? "> " : "") + inline_markdown(paragraph.content, false, true) + "\n\n";
  }
  void operator()(const List& list) {
    std::size_t number = 0;
    for (const auto& item : list.items) {
      out += list.ordered ? fmt::format("{}. ", ++number) : std::string("- ");
      out += inline_markdown(item, false, true) + "\n";
    }
    out += "\n";
  }
  void operator()(const Table& table) {
    const std::size_t columns = table.header.empty()
                                    ? (table.rows.empty() ? 0 : table.rows.front().size())
                                    : table.header.size();
    if (columns == 0) return;
    // A GitHub table needs a header row; a key-value table gets an empty one.
    out += "|";
    for (std::size_t c = 0; c < columns; ++c) {
      out +=
          " " + (c < table.header.size() ? markdown_text(table.header[c]) : std::string()) + " |";
    }
    out += "\n|";
    for (std::size_t c = 0; c < columns; ++c) {
      out += c < table.numeric.size() && table.numeric[c] ? " ---: |" : " --- |";
    }
    out += "\n";
    for (const auto& row : table.rows) {
      out += "|";
      for (std::size_t c = 0; c < columns; ++c) {
        out += " " + (c < row.size() ? inline_markdown(row[c], true) : std::string()) + " |";
      }
      out += "\n";
    }
    out += "\n";
  }
  void operator()(const Figure& figure) {
    out += fmt::format("![{}]({})\n\n", markdown_text(figure.alt), figure.file_name);
    out += "*" + inline_markdown(figure.caption, false) + "*\n\n";
  }
};

}  // namespace

Span plain(std::string text) { return {Span::Style::Plain, std::move(text), {}}; }
Span strong(std::string text) { return {Span::Style::Strong, std::move(text), {}}; }
Span emphasis(std::string text) { return {Span::Style::Emphasis, std::move(text), {}}; }
Span code(std::string text) { return {Span::Style::Code, std::move(text), {}}; }
Span link(std::string text, std::string url) {
  return {Span::Style::Link, std::move(text), std::move(url)};
}
Span badge(std::string text, std::string css_class) {
  return {Span::Style::Badge, std::move(text), std::move(css_class)};
}

std::string svg_element(std::string_view svg_file) {
  const auto start = svg_file.find("<svg");
  if (start == std::string_view::npos) return {};
  auto body = svg_file.substr(start);
  while (!body.empty() && (body.back() == '\n' || body.back() == ' ')) body.remove_suffix(1);
  std::string out;
  out.reserve(body.size());
  for (std::size_t at = 0; at < body.size();) {
    if (body.substr(at, 4) == "<!--") {
      const auto end = body.find("-->", at + 4);
      at = end == std::string_view::npos ? body.size() : end + 3;
      if (at < body.size() && body[at] == '\n') ++at;  // the comment's own line
      continue;
    }
    const char c = body[at++];
    if (c != '\t' && c != '\n' && c != '\r' && is_control(c)) {
      append_control_picture(out, c);
    } else {
      out += c;
    }
  }
  return out;
}

std::string render_html(const Document& document) {
  HtmlWriter writer;
  writer.out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" "
      "content=\"flgraph\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<main>\n",
      kContentSecurityPolicy, escape_html(document.title), kStylesheet);
  for (const auto& block : document.blocks) std::visit(writer, block);
  if (writer.in_section) writer.out += "</section>\n";
  writer.out += "</main>\n</body>\n</html>\n";
  return writer.out;
}

std::string render_markdown(const Document& document) {
  MarkdownWriter writer;
  for (const auto& block : document.blocks) std::visit(writer, block);
  while (writer.out.size() > 1 && writer.out.ends_with("\n\n")) writer.out.pop_back();
  return writer.out;
}

}  // namespace flgraph::viz::brief
