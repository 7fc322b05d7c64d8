// viz/chokepoint_report.h: what the chokepoints command prints (JSON and text).
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "analysis/chokepoints.h"
#include "viz/evidence_reader.h"

namespace flgraph::viz {

// The routes, the least-cost cut with the cases each member carries, the uncuttable cases, the
// articulation points, and the start's exposure before and after the cut (on the route graph).
nlohmann::json chokepoint_report(const EvidenceReader& reader, const graph::QueryGraph& graph,
                                 const analysis::ChokepointResult& result,
                                 const analysis::ChokepointOptions& options);
// Values from the data are escaped as in show and trace (text_of).
std::string chokepoints_text(const nlohmann::json& report);

}  // namespace flgraph::viz
