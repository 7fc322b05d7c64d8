// viz/network_reports.h: what the brokers and components commands print (JSON, text).
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "analysis/brokers.h"
#include "analysis/components.h"
#include "viz/evidence_reader.h"

namespace flgraph::viz {

// Each row names its entity as show does (a protected person only by pseudonym, without
// designations), with the score, its sampling error when sampled, and the route count.
nlohmann::json brokers_report(const EvidenceReader& reader, const graph::QueryGraph& graph,
                              const analysis::BrokersResult& result,
                              const analysis::BrokerOptions& options);
// Values from the data are escaped as in show and trace (text_of).
std::string brokers_text(const nlohmann::json& report);
nlohmann::json components_report(const EvidenceReader& reader, const graph::QueryGraph& graph,
                                 const std::vector<analysis::Component>& components,
                                 const analysis::ComponentOptions& options);
std::string components_text(const nlohmann::json& report);

}  // namespace flgraph::viz
