// viz/brief.h: the due-diligence brief on a company or a product: exposure with its arithmetic,
// the legal frame, the flow chart, every evidence path in words, the document index, and what
// the graph cannot know. One printable HTML file, or Markdown with the flow chart beside it.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "queries/exposure.h"
#include "viz/diagram.h"
#include "viz/evidence_reader.h"

namespace flgraph::viz {

inline constexpr const char* kBriefHtml = "brief.html";
inline constexpr const char* kBriefMarkdown = "brief.md";
inline constexpr const char* kBriefFlowChart = "flow-chart.svg";  // beside brief.md only

enum class BriefFormat { Html, Markdown };
// "html" or "md" (also "markdown"); nothing for another name.
std::optional<BriefFormat> parse_brief_format(std::string_view name);

struct BriefRequest {
  BriefFormat format = BriefFormat::Html;
  std::filesystem::path output_dir;
  queries::ExposureOptions exposure;
  bool force = false;                // replace the files of an existing non-empty folder
  std::optional<graph::Date> as_of;  // the only date a brief carries, and only when given
  double weak_below = kDefaultWeakBelow;
};

// The brief's files as bytes, by file name: brief.html, or brief.md and flow-chart.svg. No clock
// is read: the same database, subject and request give the same bytes.
std::vector<std::pair<std::string, std::string>> render_brief(
    const EvidenceReader& reader, const graph::QueryGraph& graph,
    const queries::ExposureResult& exposure, const BriefRequest& request);

}  // namespace flgraph::viz
