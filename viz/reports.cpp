// viz/reports.cpp: building and rendering the read commands' reports.
#include "viz/reports.h"

#include <fmt/format.h>

#include <map>
#include <utility>

#include "graph/errors.h"
#include "viz/custody_reports.h"

namespace flgraph::viz {

std::string text_of(const nlohmann::json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return escape_controls(value.get<std::string>());
  return value.dump();
}

std::string entity_text(const nlohmann::json& entity) {
  const std::string name = text_of(entity["name"]);
  return name.empty() ? text_of(entity["id"])
                      : fmt::format("{} \"{}\"", text_of(entity["id"]), name);
}

std::string fixed(double value, int decimals) { return fmt::format("{:.{}f}", value, decimals); }

namespace {

using nlohmann::json;

std::string str(const json& value) { return text_of(value); }

json entity_json(const EntityLabel& label) {
  return {{"id", label.id},
          {"name", label.name},
          {"kind", graph::to_string(label.kind)},
          {"date_from", date_json(label.valid.from)},
          {"date_to", date_json(label.valid.to)}};
}

json claims_json(const std::vector<ClaimView>& claims) {
  json out = json::array();
  for (const auto& view : claims) {
    out.push_back({{"source", view.claim.source},
                   {"source_title", view.source.title},
                   {"source_kind", graph::to_string(view.source.kind)},
                   {"reliability", std::string(1, graph::to_char(view.source.reliability))},
                   {"access", graph::to_string(view.source.access)},
                   {"source_sha256", view.source.sha256},
                   {"locator", view.claim.locator},
                   {"credibility", view.claim.credibility},
                   {"quote", view.claim.quote}});
  }
  return out;
}

std::string claims_text(const json& claims, const std::string& indent) {
  std::string out;
  for (const auto& claim : claims) {
    out += fmt::format("{}source {} \"{}\"{} (reliability {}, credibility {})\n", indent,
                       str(claim["source"]), str(claim["source_title"]),
                       str(claim["locator"]).empty() ? "" : ", " + str(claim["locator"]),
                       str(claim["reliability"]), str(claim["credibility"]));
  }
  if (claims.empty()) out += indent + "no claim recorded\n";
  return out;
}

json path_json(const EvidenceReader& reader, const graph::QueryGraph& g,
               const queries::EvidencePath& path) {
  json hops = json::array();
  for (std::size_t i = 0; i < path.edges.size(); ++i) {
    const auto e = path.edges[i];
    const auto from = path.vertices[i];
    const auto to = path.vertices[i + 1];
    json hop = {
        {"from", reader.entity(g, from).id},
        {"from_name", reader.entity(g, from).name},
        {"to", reader.entity(g, to).id},
        {"to_name", reader.entity(g, to).name},
        {"kind", graph::to_string(g.edge_kind(e))},
        {"date_from", date_json(g.edge_from(e), graph::kOpenStart)},
        {"date_to", date_json(g.edge_to(e), graph::kOpenEnd)},
        {"confidence", std::round(static_cast<double>(g.edge_confidence(e)) * 1000.0) / 1000.0},
        {"claims", claims_json(reader.claims_of_relation(g.relation_row(e)))}};
    // A same_as relation may be walked against its arrow; say so rather than misstate it.
    if (g.edge_source(e) != from) hop["reversed"] = true;
    hops.push_back(std::move(hop));
  }
  return {{"strength", path.strength},
          {"weakest_link", path.weakest_link},
          {"hop_count", path.hops},
          {"hops", std::move(hops)}};
}

std::string path_text(const json& path, const std::string& indent) {
  std::string out;
  for (const auto& hop : path["hops"]) {
    const std::string dates =
        hop["date_from"].is_null() && hop["date_to"].is_null()
            ? "undated"
            : fmt::format("{}..{}", hop["date_from"].is_null() ? "open" : str(hop["date_from"]),
                          hop["date_to"].is_null() ? "open" : str(hop["date_to"]));
    const std::string arrow =
        hop.value("reversed", false) ? " (same_as, walked against its arrow)" : "";
    // The "from" side was named on the line before (or in the case heading): its id is enough.
    out += fmt::format("{}{} —{} [{}, {}]→ {}{}\n", indent, str(hop["from"]), str(hop["kind"]),
                       dates, fixed(hop["confidence"].get<double>(), 2),
                       hop["to_name"].get<std::string>().empty()
                           ? str(hop["to"])
                           : fmt::format("{} \"{}\"", str(hop["to"]), str(hop["to_name"])),
                       arrow);
    out += claims_text(hop["claims"], indent + "    ");
  }
  return out;
}

json options_json(const queries::TraceOptions& options) {
  json kinds = json::array();
  for (std::size_t k = 0; k < graph::kRelationKindCount; ++k) {
    const auto kind = static_cast<graph::RelationKind>(k);
    if ((options.kinds & queries::kind_bit(kind)) != 0) kinds.push_back(graph::to_string(kind));
  }
  return {{"max_hops", options.max_hops},
          {"paths_per_case", options.paths_per_case},
          {"min_confidence", options.min_confidence},
          {"kinds", kinds},
          {"from_date", date_json(options.from_date)},
          {"to_date", date_json(options.to_date)},
          {"temporal", options.temporal},
          {"tolerance_days", options.tolerance_days}};
}

}  // namespace

json stats_report(const graph::StoreStats& stats) {
  json entities = json::object();
  std::int64_t entity_total = 0;
  for (const auto& [kind, count] : stats.entities_by_kind) {
    entities[std::string(graph::to_string(kind))] = count;
    entity_total += count;
  }
  json relations = json::object();
  std::int64_t relation_total = 0;
  for (const auto& [kind, count] : stats.relations_by_kind) {
    relations[std::string(graph::to_string(kind))] = count;
    relation_total += count;
  }
  json sources = json::object();
  for (const auto& [access, count] : stats.sources_by_access)
    sources[std::string(graph::to_string(access))] = count;
  return {{"entities", entities},
          {"entity_total", entity_total},
          {"relations", relations},
          {"relation_total", relation_total},
          {"sources_by_access", sources},
          {"claims", stats.claims},
          {"designations", stats.designations},
          {"aliases", stats.aliases}};
}

std::string stats_text(const json& report) {
  std::string out = fmt::format("entities: {}\n", str(report["entity_total"]));
  for (const auto& [kind, count] : report["entities"].items())
    out += fmt::format("  {:<20} {:>10}\n", kind, str(count));
  out += fmt::format("relations: {}\n", str(report["relation_total"]));
  for (const auto& [kind, count] : report["relations"].items())
    out += fmt::format("  {:<20} {:>10}\n", kind, str(count));
  out += "sources by access:\n";
  for (const auto& [access, count] : report["sources_by_access"].items()) {
    out += fmt::format("  {:<20} {:>10}\n", access, str(count));
  }
  out += fmt::format("claims: {}\ndesignations: {}\naliases: {}\n", str(report["claims"]),
                     str(report["designations"]), str(report["aliases"]));
  return out;
}

json show_report(const EvidenceReader& reader, const graph::StoredEntity& entity,
                 std::size_t relations_per_kind) {
  const auto& disclosure = reader.disclosure();
  const bool hidden = entity.record.is_protected;
  json report = entity_json(reader.entity(entity));
  report["country"] = hidden ? "" : entity.record.country;
  report["protected"] = hidden;
  report["aliases"] = hidden ? json::array() : json(entity.record.aliases);
  report["attributes"] = hidden ? json::object() : json::parse(entity.record.attributes_json);
  json designations = json::array();
  for (const auto& d : reader.store().designations_of(entity.row)) {
    designations.push_back({{"authority", d.authority},
                            {"program", d.program},
                            {"listed_on", date_json(d.listed_on)},
                            {"list_id", d.list_id}});
  }
  report["designations"] = designations;
  json relations = json::array();
  std::map<std::pair<graph::RelationKind, bool>, std::size_t> per_kind;  // shown, then omitted
  std::map<std::pair<graph::RelationKind, bool>, std::size_t> omitted;
  for (const auto& relation : reader.store().relations_of(entity.row)) {
    const bool outgoing = relation.record.src == entity.record.id;
    if (++per_kind[{relation.record.kind, outgoing}] > relations_per_kind) {
      ++omitted[{relation.record.kind, outgoing}];
      continue;
    }
    const std::string& other_id = outgoing ? relation.record.dst : relation.record.src;
    const bool other_protected = outgoing ? relation.dst_protected : relation.src_protected;
    const std::string& other_name = outgoing ? relation.dst_name : relation.src_name;
    std::vector<ClaimView> claims = reader.claims_of_relation(relation.row);
    // A canvas marks a sanctioned neighbour before it is opened; a protected one is never marked.
    bool other_designated = false;
    if (!other_protected) {
      if (const auto other = reader.store().find_entity(other_id))
        other_designated = !reader.store().designations_of(other->row).empty();
    }
    json item = {{"id", reader.relation_id(relation)},
                 {"direction", outgoing ? "out" : "in"},
                 {"kind", graph::to_string(relation.record.kind)},
                 {"other", disclosure.entity_id(other_id, other_protected)},
                 {"other_name", disclosure.entity_name(other_id, other_name, other_protected)},
                 {"other_kind", graph::to_string(outgoing ? relation.dst_kind : relation.src_kind)},
                 {"other_designated", other_designated},
                 {"date_from", date_json(relation.record.valid.from)},
                 {"date_to", date_json(relation.record.valid.to)},
                 {"confidence",
                  relation.record.confidence ? json(*relation.record.confidence) : json(nullptr)},
                 {"claims", claims_json(claims)}};
    relations.push_back(std::move(item));
  }
  report["relations"] = relations;
  if (relations_per_kind != kAllRelations) {
    json left_out = json::array();
    for (const auto& [key, count] : omitted) {
      left_out.push_back({{"kind", graph::to_string(key.first)},
                          {"direction", key.second ? "out" : "in"},
                          {"count", count}});
    }
    report["relations_omitted"] = left_out;
  }
  report["claims"] = claims_json(reader.claims_of_entity(entity));
  // `show W-… --reveal-witness` with the key is the one way to a witness's own record: one
  // record, asked for by its pseudonym, never as part of a trace, export or brief.
  if (hidden && disclosure.reveal_witness) {
    if (const auto sealed = reader.store().revealed_entity(entity.row)) {
      json revealed_designations = json::array();
      for (const auto& d : sealed->designations) {
        revealed_designations.push_back({{"authority", d.authority},
                                         {"program", d.program},
                                         {"listed_on", date_json(d.listed_on)},
                                         {"list_id", d.list_id}});
      }
      json links = json::array();
      for (const auto& link : reader.store().sealed_links_of(entity.row)) {
        links.push_back({{"id", link.id},
                         {"kind", graph::to_string(link.kind)},
                         {"src", link.src},
                         {"dst", link.dst}});
      }
      report["revealed"] = {{"id", sealed->record.id},
                            {"name", sealed->record.name},
                            {"aliases", sealed->record.aliases},
                            {"country", sealed->record.country},
                            {"date_from", date_json(sealed->record.valid.from)},
                            {"date_to", date_json(sealed->record.valid.to)},
                            {"attributes", json::parse(sealed->record.attributes_json)},
                            {"designations", revealed_designations},
                            {"same_as", links}};
    }
  }
  return report;
}

std::string show_text(const json& report) {
  if (report.contains("documents")) return source_text(report);  // `show` of a source
  std::string out = fmt::format("{} ({})\n", entity_text(report), str(report["kind"]));
  if (report.contains("revealed")) {
    const auto& revealed = report["revealed"];
    out += fmt::format("  REVEALED with the protection key: {} \"{}\"\n", str(revealed["id"]),
                       str(revealed["name"]));
    if (!revealed["aliases"].empty())
      out += fmt::format("    aliases: {}\n", revealed["aliases"].dump());
    if (!str(revealed["country"]).empty())
      out += fmt::format("    country: {}\n", str(revealed["country"]));
    if (revealed["attributes"].is_object() && !revealed["attributes"].empty()) {
      out += fmt::format("    attributes: {}\n", revealed["attributes"].dump());
    }
    for (const auto& d : revealed["designations"]) {
      out += fmt::format("    designation: {} {} {}\n", str(d["authority"]), str(d["program"]),
                         str(d["list_id"]));
    }
    for (const auto& link : revealed["same_as"]) {
      out += fmt::format("    same_as {}: {} -> {}\n", str(link["id"]), str(link["src"]),
                         str(link["dst"]));
    }
  }
  if (!str(report["country"]).empty())
    out += fmt::format("  country: {}\n", str(report["country"]));
  const std::string period = format_range(graph::DateRange{
      graph::parse_date(str(report["date_from"])), graph::parse_date(str(report["date_to"]))});
  out += fmt::format("  valid: {}\n", period);
  if (!report["aliases"].empty()) {
    std::string aliases;
    for (const auto& alias : report["aliases"])
      aliases += (aliases.empty() ? "" : "; ") + str(alias);
    out += fmt::format("  aliases: {}\n", aliases);
  }
  for (const auto& [key, value] : report["attributes"].items())
    out += fmt::format("  {}: {}\n", key, str(value));
  if (!report["designations"].empty()) out += "designations:\n";
  for (const auto& d : report["designations"]) {
    out += fmt::format("  {} {} {}{}\n", str(d["authority"]), str(d["program"]),
                       d["listed_on"].is_null() ? "" : "listed " + str(d["listed_on"]),
                       str(d["list_id"]).empty() ? "" : " (" + str(d["list_id"]) + ")");
  }
  if (!report["claims"].empty()) {
    out += "claims:\n";
    out += claims_text(report["claims"], "  ");
  }
  out += fmt::format("relations: {}\n", report["relations"].size());
  for (const auto& r : report["relations"]) {
    const std::string other = str(r["other_name"]).empty()
                                  ? str(r["other"])
                                  : fmt::format("{} \"{}\"", str(r["other"]), str(r["other_name"]));
    const std::string confidence =
        r["confidence"].is_null() ? "from claims" : fixed(r["confidence"].get<double>(), 2);
    const std::string dates = format_range(graph::DateRange{graph::parse_date(str(r["date_from"])),
                                                            graph::parse_date(str(r["date_to"]))});
    if (str(r["direction"]) == "out") {
      out += fmt::format("  —{} [{}, {}]→ {} ({})\n", str(r["kind"]), dates, confidence, other,
                         str(r["other_kind"]));
    } else {
      out += fmt::format("  ←{} [{}, {}]— {} ({})\n", str(r["kind"]), dates, confidence, other,
                         str(r["other_kind"]));
    }
    out += claims_text(r["claims"], "      ");
  }
  for (const auto& left_out : report.value("relations_omitted", json::array())) {
    out += fmt::format("  … {} more {} {}\n", left_out["count"].get<std::size_t>(),
                       str(left_out["direction"]) == "out" ? "outgoing" : "incoming",
                       str(left_out["kind"]));
  }
  return out;
}

json entity_label_json(const EntityLabel& label) { return entity_json(label); }

json evidence_path_json(const EvidenceReader& reader, const graph::QueryGraph& g,
                        const queries::EvidencePath& path) {
  return path_json(reader, g, path);
}

std::string evidence_path_text(const json& path, const std::string& indent) {
  return path_text(path, indent);
}

json trace_report(const EvidenceReader& reader, const graph::QueryGraph& g,
                  const queries::TraceResult& result, const queries::TraceOptions& options) {
  json origins = json::array();
  for (auto origin : result.origins) origins.push_back(reader.entity(g, origin).id);
  json cases = json::array();
  for (const auto& found : result.cases) {
    const EntityLabel label = reader.entity(g, found.case_vertex);
    json item = entity_json(label);
    item["hops"] = found.hops;
    item["strength"] = found.paths.empty() ? json(nullptr) : json(found.paths.front().strength);
    item["weakest_link"] =
        found.paths.empty() ? json(nullptr) : json(found.paths.front().weakest_link);
    if (found.search_truncated) item["search_truncated"] = true;
    json paths = json::array();
    for (const auto& path : found.paths) paths.push_back(path_json(reader, g, path));
    item["paths"] = std::move(paths);
    cases.push_back(std::move(item));
  }
  return {{"start", entity_json(reader.entity(g, result.start))},
          {"origins", origins},
          {"options", options_json(options)},
          {"cases", cases}};
}

std::string trace_text(const json& report) {
  const auto& options = report["options"];
  std::string out = fmt::format(
      "Trace from {} ({}): {} documented case{} within {} hops{}\n", entity_text(report["start"]),
      str(report["start"]["kind"]), report["cases"].size(), report["cases"].size() == 1 ? "" : "s",
      str(options["max_hops"]),
      options["temporal"].get<bool>() ? fmt::format(", temporally consistent (tolerance {} days)",
                                                    str(options["tolerance_days"]))
                                      : "");
  if (report["origins"].size() > 1 ||
      (report["origins"].size() == 1 && report["origins"][0] != report["start"]["id"])) {
    out +=
        fmt::format("  starting from the {} shipment(s) that carry it\n", report["origins"].size());
  }
  std::size_t index = 0;
  for (const auto& found : report["cases"]) {
    const std::string period = format_range(graph::DateRange{
        graph::parse_date(str(found["date_from"])), graph::parse_date(str(found["date_to"]))});
    out += fmt::format("\n[{}] {} — case period {}\n", ++index, entity_text(found), period);
    if (found["strength"].is_null()) {
      out += fmt::format("    {} hops\n", str(found["hops"]));
    } else {
      out += fmt::format("    {} hops · strength {} · weakest link {}\n", str(found["hops"]),
                         fixed(found["strength"].get<double>()),
                         fixed(found["weakest_link"].get<double>(), 2));
    }
    if (found.value("search_truncated", false))
      out += "    (path search stopped at its work limit: paths shown may not be the strongest)\n";
    std::size_t path_index = 0;
    for (const auto& path : found["paths"]) {
      out += fmt::format("    path {}: {} hops, strength {}, weakest link {}\n", ++path_index,
                         str(path["hop_count"]), fixed(path["strength"].get<double>()),
                         fixed(path["weakest_link"].get<double>(), 2));
      out += path_text(path, "      ");
    }
  }
  if (report["cases"].empty()) out += "No documented case is reachable under these limits.\n";
  return out;
}

json paths_report(const EvidenceReader& reader, const graph::QueryGraph& g, graph::VertexId from,
                  const queries::PathsResult& result, const queries::PathsOptions& options) {
  json paths = json::array();
  for (const auto& path : result.paths) {
    json item = path_json(reader, g, path);
    item["target"] = reader.entity(g, path.vertices.front()).id;
    paths.push_back(std::move(item));
  }
  return {
      {"from", entity_json(reader.entity(g, from))},
      {"to", options.target ? entity_json(reader.entity(g, *options.target)) : json("any case")},
      {"max_hops", options.walk.max_hops},
      {"count", result.count},
      {"listed", result.paths.size()},
      {"paths", paths}};
}

std::string paths_text(const json& report) {
  const std::string to =
      report["to"].is_string() ? "any documented case" : entity_text(report["to"]);
  std::string out =
      fmt::format("{} simple path{} of at most {} hops from {} to {}", str(report["count"]),
                  report["count"].get<std::uint64_t>() == 1 ? "" : "s", str(report["max_hops"]),
                  entity_text(report["from"]), to);
  out += report["listed"].get<std::size_t>() < report["count"].get<std::uint64_t>()
             ? fmt::format(" (the {} strongest listed)\n", str(report["listed"]))
             : "\n";
  std::size_t index = 0;
  for (const auto& path : report["paths"]) {
    out += fmt::format("\npath {}: {} hops, strength {}, weakest link {}\n", ++index,
                       str(path["hop_count"]), fixed(path["strength"].get<double>()),
                       fixed(path["weakest_link"].get<double>(), 2));
    out += path_text(path, "  ");
  }
  return out;
}

}  // namespace flgraph::viz
