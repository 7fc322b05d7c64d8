// viz/diagram.h: evidence subgraphs drawn through libgraphviz (cgraph + gvc), never a shell.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "viz/selection.h"

namespace flgraph::viz {

enum class DiagramFormat { Dot, Svg, Png };

inline constexpr double kDefaultWeakBelow = 0.5;
// Above this many nodes the layered "dot" layout becomes unreadable; sfdp spreads them out.
inline constexpr std::size_t kLayeredLayoutMaxNodes = 150;

// Beyond these, Graphviz runs for many minutes and gigabytes (a whole 100,000-relation graph
// never finished) and no one could read the drawing. At the limits, sfdp draws the SVG in about
// 8 s and 70 MB, and the PNG in 25 s and 370 MB (2 shared cores).
inline constexpr std::size_t kMaxDiagramEntities = 2000;
inline constexpr std::size_t kMaxDiagramRelations = 5000;

struct DiagramOptions {
  double weak_below = kDefaultWeakBelow;  // edges below this confidence are dashed
  std::string title;                      // already redacted
  bool top_to_bottom = false;  // layered layout downward (portrait pages) instead of left to right
  // For a printed page, where the text around the diagram gives the details: names wrapped
  // narrower, no kind after the id (shape and colour show it), relations without dates.
  bool compact = false;
};

// "dot" up to kLayeredLayoutMaxNodes nodes, "sfdp" beyond.
std::string_view layout_engine_for(std::size_t node_count);

// The diagram's bytes: nodes shaped and coloured by kind with a legend, sanctioned entities
// marked, edges labelled with kind, dates and confidence, weak edges dashed, the start node and
// the cases emphasised. DOT is the graph before layout (with its layout engine named), so any
// Graphviz tool lays it out the same way. Same input, same bytes.
// A graph over kMaxDiagramEntities or kMaxDiagramRelations is refused (Error naming its size,
// the limits and how to narrow the selection) before Graphviz is called.
std::string render_diagram(const ShownGraph& graph, DiagramFormat format,
                           const DiagramOptions& options);

// Why `graph` is too large to draw ("the selection has N entities and M relations, more than a
// diagram shows (at most ...)"); nothing when it can be drawn.
std::optional<std::string> diagram_size_problem(const ShownGraph& graph);

// The SVG diagram, or for a graph over the limits a small SVG that says why there is none, so
// that bundles and briefs of any size complete.
std::string render_svg_or_note(const ShownGraph& graph, const DiagramOptions& options);

}  // namespace flgraph::viz
