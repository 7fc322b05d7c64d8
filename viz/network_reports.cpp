// viz/network_reports.cpp: brokers and components reports, built once as JSON.
#include "viz/network_reports.h"

#include <fmt/format.h>

#include <cmath>

#include "viz/reports.h"

namespace flgraph::viz {
namespace {

using nlohmann::json;

// Every value from the data is escaped as show and trace escape it (text_of).
std::string str(const json& value) { return text_of(value); }

// The entity as every report names it, with its designations; a protected person has none shown.
json member_json(const EvidenceReader& reader, const graph::QueryGraph& graph,
                 graph::VertexId vertex) {
  json item = entity_label_json(reader.entity(graph, vertex));
  json designations = json::array();
  if (!graph.is_protected(vertex)) {
    for (const auto& d : reader.store().designations_of(graph.entity_row(vertex))) {
      designations.push_back({{"authority", d.authority}, {"program", d.program}});
    }
  }
  item["designations"] = std::move(designations);
  return item;
}

std::string designations_text(const json& entity) {
  if (!entity.contains("designations")) return "";
  std::string out;
  for (const auto& d : entity["designations"]) {
    out += fmt::format("{}{} {}", out.empty() ? "" : ", ", str(d["authority"]), str(d["program"]));
  }
  return out.empty() ? out : " [designated: " + out + "]";
}

json walk_json(const queries::TraceOptions& walk) {
  json kinds = json::array();
  for (std::size_t k = 0; k < graph::kRelationKindCount; ++k) {
    const auto kind = static_cast<graph::RelationKind>(k);
    if ((walk.kinds & queries::kind_bit(kind)) != 0) kinds.push_back(graph::to_string(kind));
  }
  return {{"kinds", kinds},
          {"min_confidence", walk.min_confidence},
          {"from_date", date_json(walk.from_date)},
          {"to_date", date_json(walk.to_date)}};
}

// A large component lists its first members only in text; the JSON has them all.
constexpr std::size_t kMembersListedInText = 10;

std::string member_list_text(const json& members, const std::string& indent) {
  std::string out;
  std::size_t shown = 0;
  for (const auto& member : members) {
    if (shown++ == kMembersListedInText) {
      out += fmt::format("{}… and {} more (--json lists all)\n", indent,
                         members.size() - kMembersListedInText);
      break;
    }
    out += fmt::format("{}{} ({}){}", indent, entity_text(member), str(member["kind"]),
                       designations_text(member));
    if (member.contains("degree")) out += fmt::format(", degree {}", str(member["degree"]));
    out += "\n";
  }
  return out;
}

}  // namespace

json brokers_report(const EvidenceReader& reader, const graph::QueryGraph& graph,
                    const analysis::BrokersResult& result, const analysis::BrokerOptions& options) {
  json rows = json::array();
  for (const auto& row : result.rows) {
    json item = member_json(reader, graph, row.vertex);
    item["score"] = row.score;
    if (result.sampled)
      item["score_error"] = std::isnan(row.score_error) ? json(nullptr) : json(row.score_error);
    item["routes"] = row.routes;
    rows.push_back(std::move(item));
  }
  json method = walk_json(options.walk);
  method["description"] =
      "betweenness restricted to sources and targets (Brandes 2008): for each party documented by "
      "a case and each "
      "buyer reached, the share of the shortest routes between them that pass through the entity, "
      "summed; routes "
      "follow the arrows over the walked relations, a same_as relation either way, each relation "
      "one step (same_as "
      "too); the endpoints themselves earn nothing";
  method["parties"] =
      "parties documented by a case (targets of documents relations): the routes' sources";
  method["targets"] = "buyers (companies receiving a consigned_to or supplies relation)";
  method["max_hops"] = options.walk.max_hops;
  if (result.sampled) {
    method["sampling"] = fmt::format(
        "{} of {} parties drawn without replacement (seed {}); scores and routes scaled by {}/{}; "
        "score_error is the "
        "standard deviation of the per-party contributions x total/sqrt(drawn) x sqrt(1 - "
        "drawn/total)",
        result.sources_used, result.sources, options.seed, result.sources, result.sources_used);
  }
  // "parties", not "sources": in flgraph a source is a piece of evidence.
  return {{"sampled", result.sampled},
          {"parties", result.sources},
          {"parties_used", result.sources_used},
          {"buyers", result.buyers},
          {"top", options.top},
          {"method", method},
          {"brokers", rows}};
}

std::string brokers_text(const json& report) {
  const auto& method = report["method"];
  const bool sampled = report["sampled"].get<bool>();
  std::string out = fmt::format(
      "Brokers: entities on the shortest routes from {} documented parties to {} buyers\n",
      str(report["parties"]), str(report["buyers"]));
  out += fmt::format(
      "  score = Σ over (party, buyer) of the share of shortest routes through the entity; at most "
      "{} "
      "steps along the arrows, a same_as either way, each relation one step\n",
      str(method["max_hops"]));
  if (sampled) {
    out += fmt::format(
        "  sampled: {} of {} parties, scaled up; ± is one standard error of the estimate\n",
        str(report["parties_used"]), str(report["parties"]));
  }
  if (report["brokers"].empty())
    return out + "\nNo entity lies on a shortest route from a party to a buyer.\n";
  out += sampled ? "\n  #            score         ± error          routes  kind          entity\n"
                 : "\n  #            score          routes  kind          entity\n";
  std::size_t index = 0;
  for (const auto& row : report["brokers"]) {
    const std::string error =
        row.contains("score_error")
            ? (row["score_error"].is_null() ? "n/a" : fixed(row["score_error"].get<double>()))
            : "";
    out += fmt::format("  {:<3} {:>14}  ", ++index, fixed(row["score"].get<double>()));
    if (sampled) out += fmt::format("{:>14}  ", error);
    out += fmt::format("{:>14}  {:<12}  {}{}\n", fixed(row["routes"].get<double>(), 1),
                       str(row["kind"]), entity_text(row), designations_text(row));
  }
  return out;
}

json components_report(const EvidenceReader& reader, const graph::QueryGraph& graph,
                       const std::vector<analysis::Component>& components,
                       const analysis::ComponentOptions& options) {
  json items = json::array();
  for (const auto& component : components) {
    json cases = json::array();
    for (const auto v : component.cases)
      cases.push_back(entity_label_json(reader.entity(graph, v)));
    json designated = json::array();
    for (const auto v : component.designated) designated.push_back(member_json(reader, graph, v));
    json central = json::array();
    for (std::size_t i = 0; i < component.central.size(); ++i) {
      json member = member_json(reader, graph, component.central[i]);
      member["degree"] = component.central_degree[i];
      central.push_back(std::move(member));
    }
    items.push_back({{"first", entity_label_json(reader.entity(graph, component.first))},
                     {"size", component.size},
                     {"relations", component.relations},
                     {"cases", cases},
                     {"designated", designated},
                     {"central", central}});
  }
  json method = walk_json(options.walk);
  method["description"] =
      "weakly connected components over the walked relations (either direction); kept when they "
      "hold a documented "
      "case or a designated entity; central members have the most walked relations within the "
      "component";
  return {{"method", method}, {"central", options.central}, {"components", items}};
}

std::string components_text(const json& report) {
  const auto& components = report["components"];
  std::string out =
      fmt::format("Linked components: {} holding a documented case or a designated entity\n",
                  components.size());
  out += "  joined by the walked relations in either direction; largest first\n";
  std::size_t index = 0;
  for (const auto& component : components) {
    out += fmt::format(
        "\n[{}] {} entities, {} relations, {} cases, {} designated (named by its first id: {})\n",
        ++index, str(component["size"]), str(component["relations"]), component["cases"].size(),
        component["designated"].size(), entity_text(component["first"]));
    if (!component["cases"].empty())
      out += "  cases:\n" + member_list_text(component["cases"], "    ");
    if (!component["designated"].empty())
      out += "  designated:\n" + member_list_text(component["designated"], "    ");
    if (!component["central"].empty())
      out += "  most central:\n" + member_list_text(component["central"], "    ");
  }
  return out;
}

}  // namespace flgraph::viz
