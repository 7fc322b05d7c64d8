// viz/brief_words.cpp: the sentences and words the brief's sections share.
#include "viz/brief_words.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace flgraph::viz::brief {

using nlohmann::json;

std::string str(const json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

std::string number(double value) { return fmt::format("{:.4f}", value); }
std::string plural(std::size_t count, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", count, count == 1 ? one : many);
}

std::string kind_word(graph::EntityKind kind) {
  switch (kind) {
    case graph::EntityKind::StateEntity:
      return "state entity";
    case graph::EntityKind::Company:
      return "company";
    case graph::EntityKind::Person:
      return "person";
    case graph::EntityKind::Site:
      return "site";
    case graph::EntityKind::Vessel:
      return "vessel";
    case graph::EntityKind::Shipment:
      return "shipment";
    case graph::EntityKind::Product:
      return "product";
    case graph::EntityKind::Case:
      return "case";
  }
  return "entity";
}

std::string source_kind_word(std::string_view kind) {
  if (kind == "customs_record") return "customs record";
  if (kind == "court_record") return "court record";
  return std::string(kind);
}

std::string_view reliability_words(char grade) {
  switch (grade) {
    case 'A':
      return "completely reliable";
    case 'B':
      return "usually reliable";
    case 'C':
      return "fairly reliable";
    case 'D':
      return "not usually reliable";
    case 'E':
      return "unreliable";
    default:
      return "reliability cannot be judged";
  }
}

std::string band_class(queries::ExposureBand band) {
  return "band-" + std::string(queries::to_string(band));
}
std::string band_label(queries::ExposureBand band) {
  std::string text(queries::to_string(band));
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

std::string tier_words(int tier) {
  if (tier == 0) return "tier 0: a case documents the subject itself or a site it runs";
  if (tier == 1) return "tier 1: a direct supplier's operations are documented";
  return fmt::format("tier {}: the documented party is {} trade links up the supply chain", tier,
                     tier);
}

std::string date_words(const json& from, const json& to) {
  if (from.is_null() && to.is_null()) return "undated";
  if (from == to) return "dated " + str(from);
  if (to.is_null()) return "from " + str(from) + " (no end recorded)";
  if (from.is_null()) return "until " + str(to) + " (no start recorded)";
  return "from " + str(from) + " to " + str(to);
}

std::string designation_words(const graph::DesignationRecord& d) {
  std::string out = d.authority;
  if (!d.program.empty()) out += " " + d.program;
  if (d.listed_on) out += ", listed " + graph::format_date(*d.listed_on);
  if (!d.list_id.empty()) out += " (" + d.list_id + ")";
  return out;
}

void append(Inline& to, const Inline& more) { to.insert(to.end(), more.begin(), more.end()); }

Inline mention(graph::EntityKind kind, const std::string& id, const std::string& name) {
  Inline out = {plain(kind_word(kind) + " ")};
  if (name.empty()) {
    out.push_back(code(id));
  } else {
    out.push_back(strong(name));
    out.push_back(plain(" ("));
    out.push_back(code(id));
    out.push_back(plain(")"));
  }
  return out;
}

Inline mention(const Mentioned& entity) { return mention(entity.kind, entity.id, entity.name); }

Inline relation_words(graph::RelationKind kind, const Mentioned& from, const Mentioned& to) {
  Inline out = mention(from);
  auto then = [&](std::string_view verb) {
    out.push_back(plain(fmt::format(" {} ", verb)));
    append(out, mention(to));
  };
  switch (kind) {
    case graph::RelationKind::Documents:
      then("documents forced labour at or by");
      break;
    case graph::RelationKind::DispatchesWorkers:
      then("dispatches North Korean workers to");
      break;
    case graph::RelationKind::OperatedBy:
      then("is operated by");
      break;
    case graph::RelationKind::Ships:
      then("is the shipper of");
      break;
    case graph::RelationKind::ConsignedTo:
      then("is consigned to");
      break;
    case graph::RelationKind::Supplies:
      then("supplies");
      break;
    case graph::RelationKind::OwnedBy:
      then("is owned or controlled by");
      break;
    case graph::RelationKind::Carries:
      then("carries");
      break;
    case graph::RelationKind::TransportedBy:
      then("is transported by");
      break;
    case graph::RelationKind::SameAs:
      then("is recorded as the same entity as");
      out.push_back(plain(" (an accepted entity-resolution match)"));
      break;
  }
  return out;
}

Inline citation(const json& claim) {
  Inline out = {code(str(claim["source"]))};
  if (!str(claim["locator"]).empty()) out.push_back(plain(" " + str(claim["locator"])));
  out.push_back(plain(fmt::format(" ({}, reliability {}, credibility {})",
                                  source_kind_word(str(claim["source_kind"])),
                                  str(claim["reliability"]), str(claim["credibility"]))));
  if (!str(claim["quote"]).empty())
    out.push_back(emphasis(fmt::format(": “{}”", str(claim["quote"]))));
  return out;
}

Inline citations(const json& claims) {
  Inline out;
  if (claims.empty()) return {plain("no source recorded for this relation")};
  for (std::size_t i = 0; i < claims.size(); ++i) {
    if (i > 0) out.push_back(plain("; "));
    append(out, citation(claims[i]));
  }
  return out;
}

Inline hop_words(const json& hop, graph::EntityKind from_kind, graph::EntityKind to_kind) {
  const auto kind =
      graph::parse_relation_kind(str(hop["kind"])).value_or(graph::RelationKind::Supplies);
  Inline out = relation_words(kind, {str(hop["from"]), str(hop["from_name"]), from_kind},
                              {str(hop["to"]), str(hop["to_name"]), to_kind});
  out.push_back(plain(fmt::format(
      " — {}, confidence {:.2f}. Source: ", date_words(hop["date_from"], hop["date_to"]),
      hop["confidence"].get<double>())));
  append(out, citations(hop["claims"]));
  out.push_back(plain("."));
  return out;
}

}  // namespace flgraph::viz::brief
