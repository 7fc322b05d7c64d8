// viz/graph_formats.cpp: GraphML, GEXF, FtM and property-graph CSV writers over a ShownGraph.
#include "viz/graph_formats.h"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "viz/markup.h"

namespace flgraph::viz {
namespace {

using nlohmann::json;

std::string date_text(const std::optional<graph::Date>& date) {
  return date ? graph::format_date(*date) : "";
}

std::string confidence_text(double value) { return fmt::format("{:.4g}", value); }

// Declared only when scores were computed, so other exports keep their bytes.
constexpr const char* kGraphmlBrokerKey =
    "  <key id=\"n_broker_score\" for=\"node\" attr.name=\"broker_score\" attr.type=\"double\"/>\n";
constexpr const char* kGraphmlChokepointKey =
    "  <key id=\"n_chokepoint\" for=\"node\" attr.name=\"chokepoint\" attr.type=\"boolean\"/>\n";
constexpr const char* kGexfBrokerAttribute =
    "      <attribute id=\"broker_score\" title=\"broker_score\" type=\"double\"/>\n";
constexpr const char* kGexfChokepointAttribute =
    "      <attribute id=\"chokepoint\" title=\"chokepoint\" type=\"boolean\"/>\n";

std::string score_text(double value) { return fmt::format("{:.6g}", value); }

std::string designation_list(const ShownEntity& e) {
  std::set<std::string> programs;
  for (const auto& d : e.designations)
    programs.insert(d.program.empty() ? d.authority : d.authority + ":" + d.program);
  std::string out;
  for (const auto& p : programs) out += (out.empty() ? "" : ";") + p;
  return out;
}

// RFC 4180 field. Line breaks become spaces: Kùzu's parallel CSV reader cannot take them quoted.
std::string csv(std::string_view text) {
  std::string clean;
  bool quote = false;
  for (const char c : text) {
    if (c == '\n' || c == '\r') {
      clean += ' ';
    } else {
      if (c == '"' || c == ',') quote = true;
      clean += c;
      if (c == '"') clean += '"';
    }
  }
  return quote || clean.empty() ? "\"" + clean + "\"" : clean;
}

std::string upper(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string label_of(graph::EntityKind kind) {
  switch (kind) {
    case graph::EntityKind::StateEntity:
      return "StateEntity";
    case graph::EntityKind::Company:
      return "Company";
    case graph::EntityKind::Person:
      return "Person";
    case graph::EntityKind::Site:
      return "Site";
    case graph::EntityKind::Vessel:
      return "Vessel";
    case graph::EntityKind::Shipment:
      return "Shipment";
    case graph::EntityKind::Product:
      return "Product";
    case graph::EntityKind::Case:
      return "Case";
  }
  return "Entity";
}

}  // namespace

std::string to_graphml(const ShownGraph& g) {
  std::string out = R"(<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
  <key id="n_kind" for="node" attr.name="kind" attr.type="string"/>
  <key id="n_name" for="node" attr.name="name" attr.type="string"/>
  <key id="n_country" for="node" attr.name="country" attr.type="string"/>
  <key id="n_date_from" for="node" attr.name="date_from" attr.type="string"/>
  <key id="n_date_to" for="node" attr.name="date_to" attr.type="string"/>
  <key id="n_protected" for="node" attr.name="protected" attr.type="boolean"/>
  <key id="n_sanctioned" for="node" attr.name="sanctioned" attr.type="boolean"/>
  <key id="n_designations" for="node" attr.name="designations" attr.type="string"/>
  <key id="n_start" for="node" attr.name="start" attr.type="boolean"/>
)";
  if (g.has_broker_scores) out += kGraphmlBrokerKey;
  if (g.has_chokepoints) out += kGraphmlChokepointKey;
  out += R"(  <key id="e_kind" for="edge" attr.name="kind" attr.type="string"/>
  <key id="e_date_from" for="edge" attr.name="date_from" attr.type="string"/>
  <key id="e_date_to" for="edge" attr.name="date_to" attr.type="string"/>
  <key id="e_confidence" for="edge" attr.name="confidence" attr.type="double"/>
  <graph id="flgraph" edgedefault="directed">
)";
  auto data = [](const char* key, const std::string& value) {
    return fmt::format("      <data key=\"{}\">{}</data>\n", key, escape_xml(value));
  };
  for (const auto& e : g.entities) {
    out += fmt::format("    <node id=\"{}\">\n", escape_xml(e.id));
    out += data("n_kind", std::string(graph::to_string(e.kind)));
    out += data("n_name", e.name);
    if (!e.country.empty()) out += data("n_country", e.country);
    if (e.valid.from) out += data("n_date_from", date_text(e.valid.from));
    if (e.valid.to) out += data("n_date_to", date_text(e.valid.to));
    out += data("n_protected", e.is_protected ? "true" : "false");
    out += data("n_sanctioned", e.sanctioned() ? "true" : "false");
    if (e.sanctioned()) out += data("n_designations", designation_list(e));
    if (e.is_start) out += data("n_start", "true");
    if (e.broker_score) out += data("n_broker_score", score_text(*e.broker_score));
    if (e.chokepoint) out += data("n_chokepoint", *e.chokepoint ? "true" : "false");
    out += "    </node>\n";
  }
  for (const auto& r : g.relations) {
    out += fmt::format("    <edge id=\"{}\" source=\"{}\" target=\"{}\">\n", escape_xml(r.id),
                       escape_xml(r.src), escape_xml(r.dst));
    out += data("e_kind", std::string(graph::to_string(r.kind)));
    if (r.valid.from) out += data("e_date_from", date_text(r.valid.from));
    if (r.valid.to) out += data("e_date_to", date_text(r.valid.to));
    out += data("e_confidence", confidence_text(r.confidence));
    out += "    </edge>\n";
  }
  out += "  </graph>\n</graphml>\n";
  return out;
}

std::string to_gexf(const ShownGraph& g) {
  std::string out = R"(<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">
  <meta>
    <creator>flgraph</creator>
    <description>evidence graph (protected persons and sources pseudonymised)</description>
  </meta>
  <graph defaultedgetype="directed" mode="static">
    <attributes class="node" mode="static">
      <attribute id="kind" title="kind" type="string"/>
      <attribute id="country" title="country" type="string"/>
      <attribute id="date_from" title="date_from" type="string"/>
      <attribute id="date_to" title="date_to" type="string"/>
      <attribute id="protected" title="protected" type="boolean"/>
      <attribute id="sanctioned" title="sanctioned" type="boolean"/>
      <attribute id="designations" title="designations" type="string"/>
      <attribute id="start" title="start" type="boolean"/>
)";
  if (g.has_broker_scores) out += kGexfBrokerAttribute;
  if (g.has_chokepoints) out += kGexfChokepointAttribute;
  out += R"(    </attributes>
    <attributes class="edge" mode="static">
      <attribute id="kind" title="kind" type="string"/>
      <attribute id="date_from" title="date_from" type="string"/>
      <attribute id="date_to" title="date_to" type="string"/>
      <attribute id="confidence" title="confidence" type="double"/>
    </attributes>
    <nodes>
)";
  auto value = [](const char* key, const std::string& v) {
    return fmt::format("          <attvalue for=\"{}\" value=\"{}\"/>\n", key, escape_xml(v));
  };
  for (const auto& e : g.entities) {
    out += fmt::format("      <node id=\"{}\" label=\"{}\">\n        <attvalues>\n",
                       escape_xml(e.id), escape_xml(e.name));
    out += value("kind", std::string(graph::to_string(e.kind)));
    if (!e.country.empty()) out += value("country", e.country);
    if (e.valid.from) out += value("date_from", date_text(e.valid.from));
    if (e.valid.to) out += value("date_to", date_text(e.valid.to));
    out += value("protected", e.is_protected ? "true" : "false");
    out += value("sanctioned", e.sanctioned() ? "true" : "false");
    if (e.sanctioned()) out += value("designations", designation_list(e));
    out += value("start", e.is_start ? "true" : "false");
    if (e.broker_score) out += value("broker_score", score_text(*e.broker_score));
    if (e.chokepoint) out += value("chokepoint", *e.chokepoint ? "true" : "false");
    out += "        </attvalues>\n      </node>\n";
  }
  out += "    </nodes>\n    <edges>\n";
  for (const auto& r : g.relations) {
    out += fmt::format(
        "      <edge id=\"{}\" source=\"{}\" target=\"{}\" label=\"{}\" weight=\"{}\">\n        "
        "<attvalues>\n",
        escape_xml(r.id), escape_xml(r.src), escape_xml(r.dst), graph::to_string(r.kind),
        confidence_text(r.confidence));
    out += value("kind", std::string(graph::to_string(r.kind)));
    if (r.valid.from) out += value("date_from", date_text(r.valid.from));
    if (r.valid.to) out += value("date_to", date_text(r.valid.to));
    out += value("confidence", confidence_text(r.confidence));
    out += "        </attvalues>\n      </edge>\n";
  }
  out += "    </edges>\n  </graph>\n</gexf>\n";
  return out;
}

std::string to_ftm(const ShownGraph& g) {
  // Shipments become EconomicActivity (FtM's customs declaration); their ships, consigned_to,
  // transported_by and carries relations become its sender, receiver, transport and goods.
  std::map<std::string, json> shipment_props;
  std::map<std::string, std::string> product_names;
  for (const auto& e : g.entities) {
    if (e.kind == graph::EntityKind::Product) product_names[e.id] = e.name;
  }
  std::vector<json> lines;
  auto add_date_range = [](json& props, const graph::DateRange& valid) {
    if (valid.from) props["startDate"].push_back(graph::format_date(*valid.from));
    if (valid.to) props["endDate"].push_back(graph::format_date(*valid.to));
  };
  for (const auto& e : g.entities) {
    json props = json::object();
    const std::string country = [&] {
      std::string lower = e.country;
      for (auto& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
      return lower;
    }();
    std::string schema;
    switch (e.kind) {
      case graph::EntityKind::StateEntity:
        schema = "PublicBody";
        break;
      case graph::EntityKind::Company:
        schema = "Company";
        break;
      case graph::EntityKind::Person:
        schema = "Person";
        break;
      case graph::EntityKind::Vessel:
        schema = "Vessel";
        break;
      case graph::EntityKind::Site:
        schema = "RealEstate";
        break;
      case graph::EntityKind::Case:
        schema = "Event";
        break;
      case graph::EntityKind::Shipment:
        schema = "EconomicActivity";
        break;
      case graph::EntityKind::Product:
        continue;  // folded into the shipments' goodsDescription
    }
    if (e.kind == graph::EntityKind::Shipment) {
      props["summary"].push_back(e.name);
    } else {
      props["name"].push_back(e.is_protected ? e.id : e.name);
      for (const auto& alias : e.aliases) props["alias"].push_back(alias);
    }
    if (!country.empty()) {
      const char* country_prop =
          e.kind == graph::EntityKind::Vessel     ? "flag"
          : e.kind == graph::EntityKind::Shipment ? "originCountry"
          : e.kind == graph::EntityKind::Person   ? "nationality"
          : e.kind == graph::EntityKind::Company || e.kind == graph::EntityKind::StateEntity
              ? "jurisdiction"
              : "country";
      props[country_prop].push_back(country);
    }
    if (e.kind == graph::EntityKind::Case || e.kind == graph::EntityKind::Shipment) {
      add_date_range(props, e.valid);
    } else if (e.kind == graph::EntityKind::Company || e.kind == graph::EntityKind::StateEntity) {
      if (e.valid.from) props["incorporationDate"].push_back(graph::format_date(*e.valid.from));
      if (e.valid.to) props["dissolutionDate"].push_back(graph::format_date(*e.valid.to));
    }
    if (e.sanctioned()) props["topics"].push_back("sanction");
    if (e.kind == graph::EntityKind::Shipment) {
      shipment_props[e.id] = props;
      continue;
    }
    lines.push_back({{"id", e.id}, {"schema", schema}, {"properties", props}});
    std::size_t index = 0;
    for (const auto& d : e.designations) {
      json sanction = {{"entity", {e.id}}, {"authority", {d.authority}}};
      if (!d.program.empty()) sanction["program"].push_back(d.program);
      if (d.listed_on) sanction["listingDate"].push_back(graph::format_date(*d.listed_on));
      if (!d.list_id.empty()) sanction["authorityId"].push_back(d.list_id);
      lines.push_back({{"id", fmt::format("{}-sanction-{}", e.id, ++index)},
                       {"schema", "Sanction"},
                       {"properties", sanction}});
    }
  }
  for (const auto& r : g.relations) {
    json props = json::object();
    add_date_range(props, r.valid);
    std::string schema = "UnknownLink";
    switch (r.kind) {
      case graph::RelationKind::Ships:
        shipment_props[r.dst]["sender"].push_back(r.src);
        continue;
      case graph::RelationKind::ConsignedTo:
        shipment_props[r.src]["receiver"].push_back(r.dst);
        continue;
      case graph::RelationKind::TransportedBy:
        shipment_props[r.src]["transport"].push_back(r.dst);
        continue;
      case graph::RelationKind::Carries:
        if (auto product = product_names.find(r.dst); product != product_names.end()) {
          shipment_props[r.src]["goodsDescription"].push_back(product->second);
        }
        continue;
      case graph::RelationKind::OperatedBy:
        schema = "Ownership";
        props["asset"].push_back(r.src);
        props["owner"].push_back(r.dst);
        props["role"].push_back("operator");
        break;
      case graph::RelationKind::OwnedBy: {
        schema = "Ownership";
        props["asset"].push_back(r.src);
        props["owner"].push_back(r.dst);
        const json attributes = json::parse(r.attributes_json);
        if (attributes.contains("share_percent"))
          props["percentage"].push_back(attributes["share_percent"].is_string()
                                            ? attributes["share_percent"].get<std::string>()
                                            : attributes["share_percent"].dump());
        break;
      }
      case graph::RelationKind::DispatchesWorkers:
      case graph::RelationKind::Supplies:
      case graph::RelationKind::Documents:
      case graph::RelationKind::SameAs:
        props["subject"].push_back(r.src);
        props["object"].push_back(r.dst);
        props["role"].push_back(std::string(graph::to_string(r.kind)));
        break;
    }
    props["summary"].push_back(fmt::format("flgraph {} relation, confidence {:.2f}",
                                           graph::to_string(r.kind), r.confidence));
    lines.push_back({{"id", r.id}, {"schema", schema}, {"properties", props}});
  }
  for (auto& [id, props] : shipment_props) {
    if (g.find(id) == nullptr) continue;  // a relation to a shipment outside the selection
    lines.push_back({{"id", id}, {"schema", "EconomicActivity"}, {"properties", props}});
  }
  std::sort(lines.begin(), lines.end(),
            [](const json& a, const json& b) { return a["id"] < b["id"]; });
  std::string out;
  for (const auto& line : lines) out += line.dump() + "\n";
  return out;
}

PropertyGraphCsv to_property_csv(const ShownGraph& g) {
  PropertyGraphCsv out;
  out.nodes =
      "id:ID,:LABEL,kind,name,country,date_from:date,date_to:date,protected:boolean,sanctioned:"
      "boolean,designations\n";
  for (const auto& e : g.entities) {
    out.nodes += fmt::format("{},{},{},{},{},{},{},{},{},{}\n", csv(e.id),
                             csv("Entity;" + label_of(e.kind)), csv(graph::to_string(e.kind)),
                             csv(e.name), csv(e.country), date_text(e.valid.from),
                             date_text(e.valid.to), e.is_protected ? "true" : "false",
                             e.sanctioned() ? "true" : "false", csv(designation_list(e)));
  }
  out.relationships =
      ":START_ID,:END_ID,:TYPE,id,kind,date_from:date,date_to:date,confidence:double\n";
  for (const auto& r : g.relations) {
    out.relationships +=
        fmt::format("{},{},{},{},{},{},{},{}\n", csv(r.src), csv(r.dst),
                    upper(graph::to_string(r.kind)), csv(r.id), csv(graph::to_string(r.kind)),
                    date_text(r.valid.from), date_text(r.valid.to), confidence_text(r.confidence));
  }
  out.kuzu_script =
      "// Loads nodes.csv and relationships.csv into Kùzu (run it from this folder).\n"
      "CREATE NODE TABLE Entity(id STRING, label STRING, kind STRING, name STRING, country STRING, "
      "date_from DATE, date_to DATE, protected BOOLEAN, sanctioned BOOLEAN, designations STRING, "
      "PRIMARY KEY(id));\n"
      "CREATE REL TABLE Relation(FROM Entity TO Entity, type STRING, id STRING, kind STRING, "
      "date_from DATE, "
      "date_to DATE, confidence DOUBLE);\n"
      "COPY Entity FROM 'nodes.csv' (HEADER=true);\n"
      "COPY Relation FROM 'relationships.csv' (HEADER=true);\n";
  return out;
}

}  // namespace flgraph::viz
