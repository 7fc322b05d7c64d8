// viz/exposure_reports.h: what the exposure and screen commands print (JSON, text, CSV).
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "queries/exposure.h"
#include "queries/screen.h"
#include "viz/evidence_reader.h"

namespace flgraph::viz {

// Every contribution with its factors, so the score can be recomputed by hand.
nlohmann::json exposure_report(const EvidenceReader& reader, const graph::QueryGraph& graph,
                               const queries::ExposureResult& result);
std::string exposure_text(const nlohmann::json& report);

struct ScreenRequest {
  std::string file;  // the supplier list, as named in the report
  double match_threshold = 0.0;
  queries::ExposureOptions exposure;
  unsigned threads = 2;
};

nlohmann::json screen_report(const EvidenceReader& reader, const graph::QueryGraph& graph,
                             const queries::ScreenResult& result, const ScreenRequest& request);
// Values from the data (names, ids, the file name) are escaped as in show and trace (text_of).
std::string screen_text(const nlohmann::json& report);
// One line per supplier row (RFC 4180), values escaped as in screen_text, so none can break a
// line or drive a terminal; cells that a spreadsheet would run as a formula are prefixed with '.
std::string screen_csv(const nlohmann::json& report);

}  // namespace flgraph::viz
