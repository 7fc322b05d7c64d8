// viz/diagram.h: evidence subgraphs drawn through libgraphviz (cgraph + gvc), never a shell.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "viz/selection.h"

namespace flgraph::viz {

enum class DiagramFormat { Dot, Svg, Png };

inline constexpr double kDefaultWeakBelow = 0.5;
// Above this many nodes the layered "dot" layout becomes unreadable; sfdp spreads them out.
inline constexpr std::size_t kLayeredLayoutMaxNodes = 150;

struct DiagramOptions {
  double weak_below = kDefaultWeakBelow;  // edges below this confidence are dashed
  std::string title;                      // already redacted
  bool top_to_bottom = false;             // layered layout downward (portrait pages) instead of left to right
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
std::string render_diagram(const ShownGraph& graph, DiagramFormat format, const DiagramOptions& options);

}  // namespace flgraph::viz
