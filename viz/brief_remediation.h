// viz/brief_remediation.h: the brief's "Remediation" section: the fewest entities whose removal
// from the supply chain cuts every documented route, in words and as a table.
#pragma once
#include <vector>

#include "analysis/remediation.h"
#include "viz/brief_document.h"
#include "viz/evidence_reader.h"

namespace flgraph::viz::brief {

std::vector<Block> remediation_section(const EvidenceReader& reader, const graph::QueryGraph& graph,
                                       const analysis::RemediationPlan& plan, int max_hops);

}  // namespace flgraph::viz::brief
