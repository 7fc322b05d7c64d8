// queries/temporal_rule.cpp: a case's window, and whether one relation is valid in it.
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

bool edge_valid_in_window(const graph::QueryGraph& g, EdgeIdx edge, const CaseWindow& window) {
  const auto kind = g.edge_kind(edge);
  const auto from = g.edge_from(edge);
  if (kind == graph::RelationKind::Ships || kind == graph::RelationKind::ConsignedTo) {
    return from != graph::kOpenStart && from >= window.from && from <= window.to;
  }
  return from <= window.to && g.edge_to(edge) >= window.from;
}

}  // namespace flgraph::queries
