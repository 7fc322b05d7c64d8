// viz/resolve_reports.cpp: what match, resolve and judge print, with each score's features.
#include "viz/resolve_reports.h"

#include <fmt/format.h>

#include <cstdint>

namespace flgraph::viz {
namespace {

std::string percent_line(const nlohmann::json& feature) {
  const double weight = feature["weight"].get<double>();
  if (weight <= 0.0)
    return fmt::format("      {:<12} n/a   {}\n", feature["name"].get<std::string>(),
                       feature["detail"].get<std::string>());
  return fmt::format("      {:<12} {:.2f}  (weight {:.2f}) {}\n",
                     feature["name"].get<std::string>(), feature["value"].get<double>(), weight,
                     feature["detail"].get<std::string>());
}

// "resolves to the legitimate company X (source)" for a report or row with a look-alike.
std::string lookalike_line(const nlohmann::json& lookalike, const char* indent) {
  if (lookalike.is_null()) return {};
  return fmt::format("{}resolves to the legitimate company {} \"{}\" ({}, {:.3f}) ({})\n", indent,
                     lookalike["id"].get<std::string>(), lookalike["name"].get<std::string>(),
                     lookalike["country"].get<std::string>(), lookalike["score"].get<double>(),
                     lookalike["source"].get<std::string>());
}

}  // namespace

std::string match_text(const nlohmann::json& report) {
  std::string out;
  if (report.contains("results")) {
    out += fmt::format("{}: {} of {} names match at threshold {:.2f}\n",
                       report["file"].get<std::string>(), report["matched"].get<std::size_t>(),
                       report["rows"].get<std::size_t>(), report["threshold"].get<double>());
    for (const auto& row : report["results"]) {
      if (row["candidate"].is_null()) {
        out += fmt::format("  line {}: \"{}\" -> no candidate\n", row["line"].get<std::size_t>(),
                           row["name"].get<std::string>());
        if (row.contains("lookalike")) out += lookalike_line(row["lookalike"], "    ");
        continue;
      }
      out +=
          fmt::format("  line {}: \"{}\" -> {} \"{}\" {:.3f}{}\n", row["line"].get<std::size_t>(),
                      row["name"].get<std::string>(), row["candidate"].get<std::string>(),
                      row["candidate_name"].get<std::string>(), row["score"].get<double>(),
                      row["match"].get<bool>() ? " MATCH" : "");
      if (row.contains("lookalike")) out += lookalike_line(row["lookalike"], "    ");
    }
    return out;
  }
  out += fmt::format("\"{}\" (normalised: {}): {} candidate(s), threshold {:.2f}\n",
                     report["query"].get<std::string>(), report["normalized"].get<std::string>(),
                     report["candidates"].size(), report["threshold"].get<double>());
  if (report.contains("lookalike")) out += lookalike_line(report["lookalike"], "  ");
  std::size_t rank = 0;
  for (const auto& candidate : report["candidates"]) {
    const std::string via =
        candidate["matched_name"] == candidate["name"]
            ? std::string()
            : fmt::format(" via \"{}\"", candidate["matched_name"].get<std::string>());
    out += fmt::format(
        "  {}. {:.3f}{} {} \"{}\" ({}{}){}\n", ++rank, candidate["score"].get<double>(),
        candidate["match"].get<bool>() ? " MATCH" : "", candidate["id"].get<std::string>(),
        candidate["name"].get<std::string>(), candidate["kind"].get<std::string>(),
        candidate["country"].get<std::string>().empty()
            ? std::string()
            : ", " + candidate["country"].get<std::string>(),
        via);
    for (const auto& feature : candidate["features"]) out += percent_line(feature);
  }
  return out;
}

std::string resolve_text(const nlohmann::json& report) {
  std::string out = fmt::format(
      "{} candidate pair(s) at or above {:.2f} among {} entities ({} pairs scored after "
      "blocking){}\n",
      report["proposals"].get<std::size_t>(), report["threshold"].get<double>(),
      report["entities"].get<std::size_t>(), report["candidate_pairs_scored"].get<std::uint64_t>(),
      report["pairs"].size() < report["proposals"].get<std::size_t>()
          ? fmt::format("; the best {} shown", report["pairs"].size())
          : std::string());
  auto side = [](const nlohmann::json& entity) {
    const auto& name = entity["name"].get_ref<const std::string&>();
    const auto& matched = entity["matched_name"].get_ref<const std::string&>();
    return fmt::format("{} \"{}\" ({}){}", entity["id"].get<std::string>(), name,
                       entity["kind"].get<std::string>(),
                       matched == name ? std::string() : fmt::format(" via \"{}\"", matched));
  };
  for (const auto& pair : report["pairs"]) {
    const auto& a = pair["a"];
    const auto& b = pair["b"];
    out += fmt::format(
        "\n{:.3f}  {}\n   ~   {}{}\n", pair["score"].get<double>(), side(a), side(b),
        pair.contains("judgement")
            ? fmt::format("  [judged unsure, #{}]", pair["judgement"]["id"].get<std::int64_t>())
            : std::string());
    for (const auto& feature : pair["features"]) out += percent_line(feature);
    out += fmt::format("      accept: flgraph judge {} {} positive\n", a["id"].get<std::string>(),
                       b["id"].get<std::string>());
  }
  return out;
}

std::string judge_text(const nlohmann::json& report) {
  const auto& judgement = report["judgement"];
  std::string out;
  const std::string pair = fmt::format(
      "{} \"{}\" ~ {} \"{}\"", judgement["a"]["id"].get<std::string>(),
      judgement["a"].value("name", std::string()), judgement["b"]["id"].get<std::string>(),
      judgement["b"].value("name", std::string()));
  if (judgement["undone"].get<bool>()) {
    out = fmt::format("judgement #{} ({} {}) undone by {} at {}",
                      judgement["id"].get<std::int64_t>(), judgement["decision"].get<std::string>(),
                      pair, judgement["undone_by"].get<std::string>(),
                      judgement["undone_at"].get<std::string>());
    if (!report["removed_relation"].is_null()) {
      out += fmt::format("; removed {}", report["removed_relation"].get<std::string>());
    }
    return out + "\n";
  }
  out = fmt::format("judgement #{}: {} {} by {} at {}", judgement["id"].get<std::int64_t>(), pair,
                    judgement["decision"].get<std::string>(),
                    judgement["judged_by"].get<std::string>(),
                    judgement["judged_at"].get<std::string>());
  if (!report["changed"].get<bool>()) out += " (already recorded)";
  if (!judgement["score"].is_null())
    out += fmt::format("; name score {:.3f}", judgement["score"].get<double>());
  if (!judgement["relation"].is_null())
    out += fmt::format("; created {}", judgement["relation"].get<std::string>());
  if (report.contains("already_linked_by")) {
    out += fmt::format("; {} linked by {} (kept: it came with the data)",
                       judgement["decision"] == "positive" ? "already" : "still",
                       report["already_linked_by"].get<std::string>());
  }
  out +=
      fmt::format("\n  undo with: flgraph judge --undo {}\n", judgement["id"].get<std::int64_t>());
  return out;
}

}  // namespace flgraph::viz
