// importers/import_session.cpp: the reference and kind rules every import obeys.
#include "importers/import_session.h"

#include <fmt/format.h>

namespace flgraph::importers {

void UpsertCounts::add(graph::UpsertOutcome outcome) {
  switch (outcome) {
    case graph::UpsertOutcome::Inserted: ++inserted; break;
    case graph::UpsertOutcome::Updated: ++updated; break;
    case graph::UpsertOutcome::Unchanged: ++unchanged; break;
    case graph::UpsertOutcome::Conflicting: break;
  }
}

std::optional<graph::EntityRef> ImportSession::find_entity(const std::string& id) {
  if (auto found = entities_.find(id); found != entities_.end()) return found->second;
  auto stored = store_.find_entity(id);
  if (stored) entities_.emplace(id, *stored);
  return stored;
}

void ImportSession::add_entity(const RawRecord& raw, const graph::EntityRecord& entity) {
  const auto [row, outcome] = store_.upsert_entity(entity);
  if (outcome == graph::UpsertOutcome::Conflicting) {
    const auto existing = store_.find_entity(entity.id);
    throw InputError::bad_value(
        raw.at("kind"),
        fmt::format("id {} is already a {}; one id cannot name two kinds", quote_for_message(entity.id),
                    graph::to_string(existing->kind)),
        graph::to_string(entity.kind));
  }
  entities_.insert_or_assign(entity.id, graph::EntityRef{row, entity.kind});
  summary_.entities.add(outcome);
}

void ImportSession::add_relation(const RawRecord& raw, const graph::RelationRecord& relation) {
  const auto src = find_entity(relation.src);
  if (!src) throw InputError::unknown_reference(raw.at("src"), "entity", relation.src);
  const auto dst = find_entity(relation.dst);
  if (!dst) throw InputError::unknown_reference(raw.at("dst"), "entity", relation.dst);
  if (!graph::relation_allowed(relation.kind, src->kind, dst->kind)) {
    throw InputError::bad_value(
        raw.at("kind"),
        fmt::format("{} goes {}, but this joins a {} to a {}", graph::to_string(relation.kind),
                    graph::describe_endpoints(relation.kind), graph::to_string(src->kind), graph::to_string(dst->kind)),
        graph::to_string(relation.kind));
  }
  const auto outcome = store_.upsert_relation(relation, src->row, dst->row).second;
  if (outcome == graph::UpsertOutcome::Conflicting) {
    throw InputError::bad_value(raw.at("id"), "this relation id already names a different relation", relation.id);
  }
  summary_.relations.add(outcome);
}

void ImportSession::add_source(const graph::SourceRecord& source) {
  summary_.sources.add(store_.upsert_source(source));
}

void ImportSession::add_claim(const RawRecord& raw, const graph::ClaimRecord& claim) {
  if (!find_entity(claim.fact) && !store_.find_relation(claim.fact)) {
    throw InputError::unknown_reference(raw.at("fact"), "entity or relation", claim.fact);
  }
  if (!store_.has_source(claim.source)) throw InputError::unknown_reference(raw.at("source"), "source", claim.source);
  summary_.claims.add(store_.upsert_claim(claim));
}

void ImportSession::add_designation(const RawRecord& raw, const graph::DesignationRecord& designation,
                                    std::string_view entity_field) {
  const auto entity = find_entity(designation.entity);
  if (!entity) throw InputError::unknown_reference(raw.at(entity_field), "entity", designation.entity);
  summary_.designations.add(store_.upsert_designation(designation, entity->row));
}

}  // namespace flgraph::importers
