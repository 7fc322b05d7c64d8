// queries/temporal_rule.cpp: a case's window from its documents relation.
#include "queries/temporal_rule.h"

namespace flgraph::queries {

CaseWindow case_window(const graph::QueryGraph& g, EdgeIdx documents_edge, int tolerance_days) {
  CaseWindow window;
  const auto from = g.edge_from(documents_edge);
  const auto to = g.edge_to(documents_edge);
  if (from != graph::kOpenStart) window.from = from - tolerance_days;
  if (to != graph::kOpenEnd) window.to = to + tolerance_days;
  return window;
}

}  // namespace flgraph::queries
