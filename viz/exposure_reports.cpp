// viz/exposure_reports.cpp: exposure and screening reports, built once as JSON.
#include "viz/exposure_reports.h"

#include <fmt/format.h>

#include <cmath>

#include "viz/reports.h"

namespace flgraph::viz {
namespace {

using nlohmann::json;

// Every value from the data is escaped as show and trace escape it (text_of), in text and CSV.
std::string str(const json& value) { return text_of(value); }

std::string tier_text(const json& tier) {
  if (tier.is_null()) return "none";
  const int value = tier.get<int>();
  if (value == 0) return "0 (documented itself)";
  if (value == 1) return "1 (direct supplier)";
  return fmt::format("{} (supplier of a supplier, {} trade links away)", value, value);
}

json method_json(const queries::ExposureOptions& options) {
  return {{"contribution", "strength x decay_per_hop^(hops - 1) x temporal_factor"},
          {"score", "1 - product over counted rows of (1 - contribution)"},
          {"decay_per_hop", options.decay_per_hop},
          {"inconsistent_temporal_factor", queries::kInconsistentFactor},
          {"paths_per_case_considered", queries::kExposurePathsPerCase},
          {"bands",
           {{"high_from", queries::kHighBandFrom},
            {"medium_from", queries::kMediumBandFrom},
            {"low_above", 0.0}}},
          {"max_hops", options.max_hops},
          {"min_confidence", options.min_confidence},
          {"tolerance_days", options.tolerance_days}};
}

json top_case_json(const EvidenceReader& reader, const graph::QueryGraph& graph,
                   const queries::ExposureResult& result) {
  if (result.contributions.empty()) return nullptr;
  const auto& top = result.contributions.front();
  const auto label = reader.entity(graph, top.case_vertex);
  return {{"id", label.id},
          {"name", label.name},
          {"contribution", top.contribution},
          {"hops", top.hops},
          {"channel", queries::to_string(top.channel)}};
}

// RFC 4180 quoting of a cell already escaped by str(), which leaves no line break or control in
// it. Spreadsheets run a cell starting with = + - @ (or a tab or carriage return) as a formula.
std::string csv_cell(std::string text) {
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos)
    text.insert(0, "'");
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

}  // namespace

json exposure_report(const EvidenceReader& reader, const graph::QueryGraph& graph,
                     const queries::ExposureResult& result) {
  json rows = json::array();
  for (const auto& row : result.contributions) {
    const auto label = reader.entity(graph, row.case_vertex);
    json item = {{"case", entity_label_json(label)},
                 {"channel", queries::to_string(row.channel)},
                 {"strength", row.strength},
                 {"hops", row.hops},
                 {"tier", row.tier},
                 {"decay_factor", row.decay_factor},
                 {"temporally_consistent", row.temporally_consistent},
                 {"temporal_factor", row.temporal_factor},
                 {"contribution", row.contribution},
                 {"counted_in_score", row.counted_in_score},
                 {"path", evidence_path_json(reader, graph, row.path)}};
    rows.push_back(std::move(item));
  }
  return {{"entity", entity_label_json(reader.entity(graph, result.entity))},
          {"score", result.score},
          {"band", queries::to_string(result.band)},
          {"supply_score", result.supply_score},
          {"ownership_score", result.ownership_score},
          {"closest_tier", result.closest_tier ? json(*result.closest_tier) : json(nullptr)},
          {"method", method_json(result.options)},
          {"contributions", rows}};
}

std::string exposure_text(const json& report) {
  std::string out = fmt::format("Exposure of {} ({}): {} — {}\n", entity_text(report["entity"]),
                                str(report["entity"]["kind"]), fixed(report["score"].get<double>()),
                                str(report["band"]));
  out += fmt::format(
      "  supply {} · ownership {} · closest tier {}\n", fixed(report["supply_score"].get<double>()),
      fixed(report["ownership_score"].get<double>()), tier_text(report["closest_tier"]));
  const auto& method = report["method"];
  out += fmt::format(
      "  contribution = strength × {}^(hops − 1) × temporal factor (1 consistent, {} not); "
      "score = 1 − ∏(1 − contribution) over counted rows\n",
      fixed(method["decay_per_hop"].get<double>(), 2),
      fixed(method["inconsistent_temporal_factor"].get<double>(), 2));
  out += fmt::format("  bands: high ≥ {}, medium ≥ {}, low > 0\n",
                     fixed(method["bands"]["high_from"].get<double>(), 2),
                     fixed(method["bands"]["medium_from"].get<double>(), 2));
  if (report["contributions"].empty()) {
    out += fmt::format("\nNo documented case within {} hops.\n", str(method["max_hops"]));
    return out;
  }
  out +=
      "\n  #  counted  channel    strength  hops  tier  decay  temporal      contribution  case\n";
  std::size_t index = 0;
  for (const auto& row : report["contributions"]) {
    out += fmt::format("  {:<2} {:<8} {:<10} {:>8}  {:>4}  {:>4}  {:>5}  {:<12}  {:>12}  {}\n",
                       ++index, row["counted_in_score"].get<bool>() ? "yes" : "no",
                       str(row["channel"]), fixed(row["strength"].get<double>()), str(row["hops"]),
                       str(row["tier"]), fixed(row["decay_factor"].get<double>()),
                       row["temporally_consistent"].get<bool>() ? "consistent" : "inconsistent",
                       fixed(row["contribution"].get<double>()), entity_text(row["case"]));
  }
  index = 0;
  for (const auto& row : report["contributions"]) {
    out += fmt::format("\n[{}] {} — {} route, {} hops\n", ++index, entity_text(row["case"]),
                       str(row["channel"]), str(row["hops"]));
    out += evidence_path_text(row["path"], "      ");
  }
  return out;
}

namespace {

json lookalike_json(const std::optional<queries::LookalikeNote>& note) {
  if (!note) return nullptr;
  return {{"id", note->id},           {"name", note->name},          {"kind", note->kind},
          {"country", note->country}, {"website", note->website},    {"source", note->source},
          {"score", note->score},     {"resembles", note->resembles}};
}

}  // namespace

json screen_report(const EvidenceReader& reader, const graph::QueryGraph& graph,
                   const queries::ScreenResult& result, const ScreenRequest& request) {
  using Method = queries::Resolution::Method;
  json rows = json::array();
  for (const auto& row : result.rows) {
    json item = {{"line", row.input.line},
                 {"name", row.input.name},
                 {"country", row.input.country.empty() ? json(nullptr) : json(row.input.country)},
                 {"input_id", row.input.id.empty() ? json(nullptr) : json(row.input.id)}};
    const auto& resolution = row.resolution;
    if (row.vertex && row.exposure) {
      item["matched"] = true;
      item["method"] = resolution.method == Method::Id ? "id" : "name";
      item["entity"] = entity_label_json(reader.entity(graph, *row.vertex));
      item["match_score"] = resolution.match_score;
      const auto& exposure = *row.exposure;
      item["score"] = exposure.score;
      item["band"] = queries::to_string(exposure.band);
      item["supply_score"] = exposure.supply_score;
      item["ownership_score"] = exposure.ownership_score;
      item["closest_tier"] = exposure.closest_tier ? json(*exposure.closest_tier) : json(nullptr);
      item["cases"] = exposure.contributions.size();
      item["top_case"] = top_case_json(reader, graph, exposure);
    } else {
      item["matched"] = false;
      item["method"] = "unmatched";
      item["entity"] = nullptr;
      item["nearest"] = nullptr;
      if (!resolution.nearest_id.empty()) {
        if (const auto nearest = graph.find(resolution.nearest_id)) {
          item["nearest"] = entity_label_json(reader.entity(graph, *nearest));
          item["nearest"]["match_score"] = resolution.nearest_score;
        }
      }
    }
    item["lookalike"] = lookalike_json(resolution.lookalike);
    rows.push_back(std::move(item));
  }
  json summary = json::object();
  for (const auto band : {queries::ExposureBand::High, queries::ExposureBand::Medium,
                          queries::ExposureBand::Low, queries::ExposureBand::None}) {
    summary[std::string(queries::to_string(band))] =
        result.band_counts[static_cast<std::size_t>(band)];
  }
  summary["unmatched"] = result.unmatched;
  return {{"file", request.file},
          {"rows", result.rows.size()},
          {"match_threshold", request.match_threshold},
          {"summary", summary},
          {"method", method_json(request.exposure)},
          {"results", rows}};
}

std::string screen_text(const json& report) {
  const auto& summary = report["summary"];
  std::string out = fmt::format(
      "{}: {} suppliers — high {}, medium {}, low {}, none {}, unmatched {}\n", str(report["file"]),
      str(report["rows"]), str(summary["high"]), str(summary["medium"]), str(summary["low"]),
      str(summary["none"]), str(summary["unmatched"]));
  out += fmt::format("  names match at score ≥ {}; exposure as in `flgraph exposure`\n\n",
                     fixed(report["match_threshold"].get<double>(), 2));
  for (const auto& row : report["results"]) {
    if (!row["matched"].get<bool>()) {
      out += fmt::format("  line {:<5} UNMATCHED   \"{}\"", str(row["line"]), str(row["name"]));
      if (const auto& lookalike = row["lookalike"]; !lookalike.is_null()) {
        out += fmt::format(" resolves to the legitimate company {} \"{}\" ({}, {})",
                           str(lookalike["id"]), str(lookalike["name"]),
                           fixed(lookalike["score"].get<double>()), str(lookalike["source"]));
      }
      if (!row["nearest"].is_null()) {
        out += fmt::format(" (nearest {} at {}, below the threshold)", entity_text(row["nearest"]),
                           fixed(row["nearest"]["match_score"].get<double>()));
      }
      out += "\n";
      continue;
    }
    out += fmt::format("  line {:<5} {:<6} {}  \"{}\" → {} (by {}, {})", str(row["line"]),
                       str(row["band"]), fixed(row["score"].get<double>()), str(row["name"]),
                       entity_text(row["entity"]), str(row["method"]),
                       fixed(row["match_score"].get<double>()));
    if (!row["top_case"].is_null()) {
      out += fmt::format("; tier {}, top case {} ({})", str(row["closest_tier"]),
                         entity_text(row["top_case"]),
                         fixed(row["top_case"]["contribution"].get<double>()));
    }
    out += "\n";
  }
  return out;
}

std::string screen_csv(const json& report) {
  std::string out =
      "line,name,country,input_id,matched,method,entity_id,entity_name,match_score,score,band,"
      "closest_tier,cases,"
      "top_case_id,top_case_name,top_case_contribution,nearest_id,nearest_score,lookalike_id,"
      "lookalike_name\n";
  for (const auto& row : report["results"]) {
    const bool matched = row["matched"].get<bool>();
    const json none;
    const auto& entity = matched ? row["entity"] : none;
    const auto& top = matched ? row["top_case"] : none;
    const auto& nearest = matched ? none : row["nearest"];
    auto field = [](const json& object, const char* key) {
      return object.is_null() ? std::string() : str(object[key]);
    };
    auto number = [](const json& object, const char* key) {
      return object.is_null() || object[key].is_null() ? std::string()
                                                       : fixed(object[key].get<double>(), 4);
    };
    const std::vector<std::string> cells = {
        str(row["line"]),
        str(row["name"]),
        str(row["country"]),
        str(row["input_id"]),
        matched ? "true" : "false",
        str(row["method"]),
        field(entity, "id"),
        field(entity, "name"),
        matched ? fixed(row["match_score"].get<double>(), 4) : "",
        matched ? fixed(row["score"].get<double>(), 4) : "",
        matched ? str(row["band"]) : "",
        matched ? str(row["closest_tier"]) : "",
        matched ? str(row["cases"]) : "",
        field(top, "id"),
        field(top, "name"),
        number(top, "contribution"),
        field(nearest, "id"),
        number(nearest, "match_score"),
        field(row["lookalike"], "id"),
        field(row["lookalike"], "name")};
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_cell(cells[i]);
    out += "\n";
  }
  return out;
}

}  // namespace flgraph::viz
