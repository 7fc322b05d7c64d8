// viz/evidence_reader.cpp: redaction applied at the single point where results meet the store.
#include "viz/evidence_reader.h"

namespace flgraph::viz {

EntityLabel EvidenceReader::entity(const graph::QueryGraph& g, graph::VertexId vertex) const {
  auto stored = store_.entity_by_row(g.entity_row(vertex));
  if (!stored) return {std::string(g.id(vertex)), "", g.kind(vertex), {}};
  return entity(*stored);
}

EntityLabel EvidenceReader::entity(const graph::StoredEntity& stored) const {
  const auto& record = stored.record;
  return {disclosure_.entity_id(record.id, record.is_protected),
          disclosure_.entity_name(record.id, record.name, record.is_protected), record.kind,
          record.valid};
}

ClaimView EvidenceReader::view(const graph::StoredClaim& claim) const {
  return {disclosure_.claim(claim), disclosure_.source(claim.source)};
}

std::vector<ClaimView> EvidenceReader::claims_of_relation(graph::RelationRowId relation) const {
  std::vector<ClaimView> out;
  for (const auto& claim : store_.claims_of_relation(relation)) out.push_back(view(claim));
  return out;
}

std::vector<ClaimView> EvidenceReader::claims_of_entity(const graph::StoredEntity& entity) const {
  std::vector<ClaimView> out;
  for (const auto& claim : store_.claims_of_entity(entity.row)) {
    ClaimView shown = view(claim);
    shown.claim.fact = disclosure_.entity_id(entity.record.id, entity.record.is_protected);
    out.push_back(std::move(shown));
  }
  return out;
}

std::string EvidenceReader::relation_id(const graph::StoredRelation& relation) const {
  return disclosure_.relation_id(relation.record.id,
                                 relation.src_protected || relation.dst_protected);
}

std::string format_range(std::int32_t from_days, std::int32_t to_days) {
  if (from_days == graph::kOpenStart && to_days == graph::kOpenEnd) return "undated";
  const std::string from =
      from_days == graph::kOpenStart ? "open" : graph::format_date({from_days});
  const std::string to = to_days == graph::kOpenEnd ? "open" : graph::format_date({to_days});
  return from == to ? from : from + ".." + to;
}

std::string format_range(const graph::DateRange& range) {
  return format_range(range.from ? range.from->days : graph::kOpenStart,
                      range.to ? range.to->days : graph::kOpenEnd);
}

nlohmann::json date_json(const std::optional<graph::Date>& date) {
  return date ? nlohmann::json(graph::format_date(*date)) : nlohmann::json(nullptr);
}

nlohmann::json date_json(std::int32_t days, std::int32_t open_value) {
  return days == open_value ? nlohmann::json(nullptr) : nlohmann::json(graph::format_date({days}));
}

}  // namespace flgraph::viz
