// viz/graph_formats.h: the standard formats investigators' tools open: GraphML, GEXF,
// FollowTheMoney JSON lines, and a node/relationship CSV pair for Kùzu and Neo4j.
#pragma once
#include <string>

#include "viz/selection.h"

namespace flgraph::viz {

// GraphML 1.0 (http://graphml.graphdrawing.org/): kinds, names, countries, dates, protection,
// sanctions and confidence as typed <key>s; one <edge> per relation, with its id.
std::string to_graphml(const ShownGraph& graph);

// GEXF 1.2 (https://gexf.net/): the same attributes as typed attribute columns.
std::string to_gexf(const ShownGraph& graph);

// FollowTheMoney entities, one JSON object per line, mapped as docs/OUTPUTS.md states (FtM
// model 4.5).
std::string to_ftm(const ShownGraph& graph);

// Property-graph CSV: one node file and one relationship file whose headers both Neo4j's
// `neo4j-admin database import` (`:ID`, `:LABEL`, `:START_ID`, `:END_ID`, `:TYPE`) and Kùzu's
// COPY FROM (by column position, HEADER=true) accept, plus the Kùzu script that loads them.
struct PropertyGraphCsv {
  std::string nodes;
  std::string relationships;
  std::string kuzu_script;  // CREATE NODE/REL TABLE + COPY, relative to the folder
};
PropertyGraphCsv to_property_csv(const ShownGraph& graph);

inline constexpr const char* kCsvNodes = "nodes.csv";
inline constexpr const char* kCsvRelationships = "relationships.csv";
inline constexpr const char* kCsvKuzuScript = "load_kuzu.cypher";

}  // namespace flgraph::viz
