// viz/diagram.cpp: ShownGraph -> cgraph graph -> gvc layout -> DOT, SVG or PNG bytes.
#include "viz/diagram.h"

#include <fmt/format.h>
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "graph/errors.h"
#include "viz/evidence_reader.h"
#include "viz/markup.h"

namespace flgraph::viz {
namespace {

struct KindStyle {
  const char* shape;
  const char* fill;
  const char* font;
};

// Indexed by EntityKind. Colours from ColorBrewer's colour-blind-safe qualitative sets.
constexpr std::array<KindStyle, graph::kEntityKindCount> kKindStyles = {{
    {"hexagon", "#f4a582", "black"},       // state_entity
    {"box", "#92c5de", "black"},           // company
    {"ellipse", "#d9d9d9", "black"},       // person
    {"house", "#fdb863", "black"},         // site
    {"invtrapezium", "#80cdc1", "black"},  // vessel
    {"note", "#f0f0f0", "black"},          // shipment
    {"component", "#c2a5cf", "black"},     // product
    {"octagon", "#b2182b", "white"},       // case
}};
constexpr const char* kSanctionedColor = "#d7191c";
constexpr const char* kStartColor = "#1a9850";
constexpr const char* kChokepointColor =
    "#e66101";  // orange: apart from the red of sanctions and cases

const KindStyle& style_of(graph::EntityKind kind) {
  return kKindStyles[static_cast<std::size_t>(kind)];
}

// Breaks a long name into lines of about `width` characters at spaces (UTF-8 safe: only
// spaces are break points).
std::string wrap(std::string_view text, std::size_t width) {
  std::string out;
  std::size_t line = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const auto word = text.substr(start, end - start);
    if (line > 0 && line + 1 + word.size() > width) {
      out += "\\n";
      line = 0;
    } else if (line > 0) {
      out += ' ';
      ++line;
    }
    out += graphviz_label(word);
    line += word.size();
    start = end + 1;
  }
  return out;
}

std::string designation_text(const ShownEntity& entity) {
  std::set<std::string> programs;
  for (const auto& d : entity.designations)
    programs.insert(d.program.empty() ? d.authority : d.authority + " " + d.program);
  std::string out;
  for (const auto& p : programs) out += (out.empty() ? "" : ", ") + p;
  return out;
}

std::string legend_html(const ShownGraph& shown, const DiagramOptions& options) {
  std::set<graph::EntityKind> kinds;
  bool any_sanctioned = false;
  for (const auto& e : shown.entities) {
    kinds.insert(e.kind);
    any_sanctioned = any_sanctioned || e.sanctioned();
  }
  std::string rows;
  if (!options.title.empty()) {
    rows += fmt::format(R"(<TR><TD COLSPAN="2" BORDER="0"><B>{}</B></TD></TR>)",
                        escape_html(options.title, /*keep_layout=*/false));
  }
  rows += R"(<TR><TD COLSPAN="2"><B>Legend</B></TD></TR>)";
  for (const auto kind : kinds) {
    const auto& style = style_of(kind);
    rows += fmt::format(R"(<TR><TD BGCOLOR="{}"><FONT COLOR="{}">{}</FONT></TD><TD>{}</TD></TR>)",
                        style.fill, style.font, graph::to_string(kind), style.shape);
  }
  if (any_sanctioned) {
    rows += fmt::format(
        R"(<TR><TD><FONT COLOR="{}">sanctioned</FONT></TD><TD>double {} border</TD></TR>)",
        kSanctionedColor, "red");
  }
  const bool any_start = std::any_of(shown.entities.begin(), shown.entities.end(),
                                     [](const auto& e) { return e.is_start; });
  if (any_start) {
    rows +=
        fmt::format(R"(<TR><TD><FONT COLOR="{}">start</FONT></TD><TD>thick green border</TD></TR>)",
                    kStartColor);
  }
  if (kinds.count(graph::EntityKind::Case) != 0)
    rows += R"(<TR><TD>case</TD><TD>thick dark red border</TD></TR>)";
  const bool any_cut = std::any_of(shown.entities.begin(), shown.entities.end(),
                                   [](const auto& e) { return e.is_chokepoint(); });
  if (any_cut) {
    rows += fmt::format(
        R"(<TR><TD><FONT COLOR="{}">choke point</FONT></TD><TD>thick dashed border, orange unless sanctioned</TD></TR>)",
        kChokepointColor);
  }
  rows +=
      fmt::format(R"(<TR><TD>- - -</TD><TD>confidence below {:.2f}</TD></TR>)", options.weak_below);
  return fmt::format(
      R"(<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="3">{}</TABLE>)", rows);
}

// Graphviz reports through a global hook; its messages may quote labels (data), so they are
// kept away from stderr and only counted.
int swallow_graphviz_message(char*) { return 0; }

// One Graphviz context for the whole process, never freed. Graphviz 2.42's pango plugin keeps a
// pointer to the last font name it measured, which lives in the context's font dictionary, and
// compares against it at the next layout: freeing a context and making another is a use after
// free (AddressSanitizer found it in viz_test, at the second diagram of a process).
GVC_t* graphviz_context() {
  static GVC_t* const gvc = gvContext();
  return gvc;
}

struct GraphvizContext {
  GVC_t* gvc = nullptr;
  Agraph_t* graph = nullptr;
  bool laid_out = false;
  ~GraphvizContext() {
    if (laid_out) gvFreeLayout(gvc, graph);
    if (graph != nullptr) agclose(graph);
  }
};

// cgraph takes char*; it copies every string it is given.
char* mutable_text(std::string& text) { return text.data(); }

void set(void* object, Agsym_t* symbol, std::string value) {
  agxset(object, symbol, mutable_text(value));
}

Agsym_t* declare(Agraph_t* g, int kind, const char* name, const char* default_value) {
  std::string n = name;
  std::string v = default_value;
  return agattr(g, kind, mutable_text(n), mutable_text(v));
}

}  // namespace

std::string_view layout_engine_for(std::size_t node_count) {
  return node_count <= kLayeredLayoutMaxNodes ? "dot" : "sfdp";
}

std::optional<std::string> diagram_size_problem(const ShownGraph& shown) {
  if (shown.entities.size() <= kMaxDiagramEntities &&
      shown.relations.size() <= kMaxDiagramRelations)
    return std::nullopt;
  return fmt::format(
      "the selection has {} entities and {} relations, more than a diagram shows (at most {} "
      "entities "
      "and {} relations)",
      shown.entities.size(), shown.relations.size(), kMaxDiagramEntities, kMaxDiagramRelations);
}

std::string render_svg_or_note(const ShownGraph& shown, const DiagramOptions& options) {
  const auto problem = diagram_size_problem(shown);
  if (!problem) return render_diagram(shown, DiagramFormat::Svg, options);
  // The note holds numbers and fixed words only, never data.
  const std::array<std::string, 3> lines = {"Diagram not drawn:", *problem + ".",
                                            "Every fact is in the files beside it; a narrower "
                                            "selection (a trace, --around, --ids) can be drawn."};
  std::string text;
  for (std::size_t line = 0; line < lines.size(); ++line) {
    text += fmt::format(R"(<tspan x="12" y="{}">{}</tspan>)", 28 + 22 * line,
                        escape_html(lines[line], /*keep_layout=*/false));
  }
  return fmt::format(R"(<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<svg xmlns="http://www.w3.org/2000/svg" width="900" height="100" viewBox="0 0 900 100">
<title>Diagram not drawn</title>
<rect x="1" y="1" width="898" height="98" fill="#f7f7f7" stroke="#999999"/>
<text font-family="Helvetica,sans-serif" font-size="14" fill="#222222">{}</text>
</svg>
)",
                     text);
}

std::string render_diagram(const ShownGraph& shown, DiagramFormat format,
                           const DiagramOptions& options) {
  if (const auto problem = diagram_size_problem(shown)) {
    throw Error(fmt::format(
        "cannot draw the diagram: {}; narrow the selection (--trace-from ID, --around ID with a "
        "smaller --radius, --ids, fewer --max-hops or --paths-per-case) or export it as json, "
        "graphml, gexf or csv",
        *problem));
  }
  agseterrf(swallow_graphviz_message);
  agseterr(AGMAX);
  GraphvizContext context;
  context.gvc = graphviz_context();
  if (context.gvc == nullptr) throw Error("cannot start Graphviz (gvContext failed)");
  std::string name = "evidence";
  context.graph = agopen(mutable_text(name), Agdirected, nullptr);
  Agraph_t* g = context.graph;
  const bool large = shown.entities.size() > kLayeredLayoutMaxNodes;
  const std::string engine(layout_engine_for(shown.entities.size()));

  declare(g, AGRAPH, "layout", engine.c_str());
  declare(g, AGRAPH, "charset", "UTF-8");
  declare(g, AGRAPH, "fontname", "Helvetica");
  declare(g, AGRAPH, "labelloc", "b");
  if (large) {
    declare(g, AGRAPH, "overlap", "prism");
    declare(g, AGRAPH, "start", "1");  // a fixed seed: the same graph always gets the same drawing
    declare(g, AGRAPH, "outputorder", "edgesfirst");
    declare(g, AGRAPH, "splines", "false");
  } else {
    declare(g, AGRAPH, "rankdir", options.top_to_bottom ? "TB" : "LR");
    declare(g, AGRAPH, "nodesep", options.compact ? "0.15" : "0.3");
    declare(g, AGRAPH, "ranksep", "0.6");
  }
  Agsym_t* graph_label = declare(g, AGRAPH, "label", "");
  std::string legend = legend_html(shown, options);
  char* html = agstrdup_html(g, mutable_text(legend));
  agxset(g, graph_label, html);
  agstrfree(g, html);

  Agsym_t* shape = declare(g, AGNODE, "shape", "box");
  Agsym_t* style = declare(g, AGNODE, "style", "filled");
  Agsym_t* fill = declare(g, AGNODE, "fillcolor", "white");
  Agsym_t* font_color = declare(g, AGNODE, "fontcolor", "black");
  Agsym_t* color = declare(g, AGNODE, "color", "black");
  Agsym_t* penwidth = declare(g, AGNODE, "penwidth", "1");
  Agsym_t* peripheries = declare(g, AGNODE, "peripheries", "1");
  Agsym_t* label = declare(g, AGNODE, "label", "\\N");
  declare(g, AGNODE, "fontname", "Helvetica");
  declare(g, AGNODE, "fontsize", large ? "9" : "10");
  for (const auto& entity : shown.entities) {
    std::string id = graphviz_name(entity.id);
    Agnode_t* node = agnode(g, mutable_text(id), 1);
    const auto& kind_style = style_of(entity.kind);
    set(node, shape, kind_style.shape);
    set(node, fill, kind_style.fill);
    set(node, font_color, kind_style.font);
    std::string text = wrap(entity.name.empty() ? entity.id : entity.name, options.compact ? 18
                                                                           : large         ? 24
                                                                                           : 32);
    text += "\\n" + graphviz_label(entity.id);
    if (!options.compact) text += " (" + std::string(graph::to_string(entity.kind)) + ")";
    if (entity.sanctioned()) {
      text += "\\nSANCTIONED: " + graphviz_label(designation_text(entity));
      set(node, peripheries, "2");
      set(node, color, kSanctionedColor);
      set(node, penwidth, "2");
    }
    if (entity.kind == graph::EntityKind::Case) {
      set(node, penwidth, "3");
      set(node, color, "#67001f");
      set(node, style, "filled,bold");
    }
    if (entity.is_chokepoint()) {
      text.insert(0, "CHOKE POINT\\n");
      set(node, penwidth, "4");
      if (!entity.sanctioned())
        set(node, color, kChokepointColor);  // a sanctioned one keeps its red double border
      set(node, style, "filled,dashed");
    }
    if (entity.is_start) {
      text.insert(0, "START\\n");
      set(node, penwidth, "4");
      set(node, color, kStartColor);
      set(node, style, "filled,bold");
    }
    set(node, label, text);
  }

  Agsym_t* edge_label = declare(g, AGEDGE, "label", "");
  Agsym_t* edge_style = declare(g, AGEDGE, "style", "solid");
  Agsym_t* edge_color = declare(g, AGEDGE, "color", "#404040");
  declare(g, AGEDGE, "fontname", "Helvetica");
  declare(g, AGEDGE, "fontsize", large ? "7" : "8");
  declare(g, AGEDGE, "fontcolor", "#404040");
  for (const auto& relation : shown.relations) {
    std::string src = graphviz_name(relation.src);
    std::string dst = graphviz_name(relation.dst);
    Agnode_t* tail = agnode(g, mutable_text(src), 0);
    Agnode_t* head = agnode(g, mutable_text(dst), 0);
    if (tail == nullptr || head == nullptr) continue;
    std::string key = graphviz_name(relation.id);
    Agedge_t* edge = agedge(g, tail, head, mutable_text(key), 1);
    const std::string dates = format_range(relation.valid);
    set(edge, edge_label,
        options.compact
            ? fmt::format("{}\\nconf {:.2f}", graph::to_string(relation.kind), relation.confidence)
            : fmt::format("{}\\n{}\\nconf {:.2f}", graph::to_string(relation.kind), dates,
                          relation.confidence));
    if (relation.confidence < options.weak_below) {
      set(edge, edge_style, "dashed");
      set(edge, edge_color, "#999999");
    }
  }

  if (format == DiagramFormat::Dot) {
    // The graph as cgraph writes it, before any layout.
    char* buffer = nullptr;
    std::size_t size = 0;
    FILE* stream = open_memstream(&buffer, &size);
    if (stream == nullptr) throw Error("cannot write DOT (open_memstream failed)");
    const int written = agwrite(g, stream);
    std::fclose(stream);
    std::string bytes(buffer != nullptr ? buffer : "", size);
    std::free(buffer);
    if (written != 0) throw Error("Graphviz could not write the DOT text");
    return bytes;
  }
  const char* renderer = format == DiagramFormat::Svg ? "svg" : "png";
  {
    // sfdp draws its start positions from the C library's drand48 stream without reseeding it
    // (Graphviz 2.42/2.43), so a second diagram in one process would differ: reseed every time.
    srand48(1);
    std::srand(1);
    if (gvLayout(context.gvc, g, engine.c_str()) != 0) {
      throw Error(fmt::format(
          "Graphviz could not lay out the diagram with \"{}\" (is the graphviz package installed?)",
          engine));
    }
    context.laid_out = true;
  }
  char* data = nullptr;
  unsigned int length = 0;
  if (gvRenderData(context.gvc, g, renderer, &data, &length) != 0 || data == nullptr) {
    if (data != nullptr) gvFreeRenderData(data);
    throw Error(fmt::format(
        "Graphviz could not render {} (is the graphviz package with its plugins installed?)",
        renderer));
  }
  std::string bytes(data, length);
  gvFreeRenderData(data);
  return bytes;
}

}  // namespace flgraph::viz
