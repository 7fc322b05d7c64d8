// importers/import_session.cpp: the reference and kind rules every import obeys.
#include "importers/import_session.h"

#include <absl/strings/string_view.h>
#include <fmt/format.h>

#include <utility>

#include "graph/protection.h"
#include "graph/utf8.h"

namespace flgraph::importers {
namespace {

// Every format's text reaches the store through here, so the text rules hold for all of them
// (a JSON "\u0000" or an XML "&#0;" decodes to a NUL the file's bytes did not show): no NUL,
// valid UTF-8, at most kMaxTextFieldBytes. C strings (Graphviz labels) would cut at a NUL.
void check_text(const RawRecord& raw, std::string_view field, std::string_view value) {
  if (value.size() > kMaxTextFieldBytes) {
    throw InputError::bad_value(raw.at(field),
                                fmt::format("longer than {} bytes", kMaxTextFieldBytes), value);
  }
  if (value.find('\0') != std::string_view::npos)
    throw InputError::bad_value(raw.at(field), "NUL byte in text", value);
  if (!is_valid_utf8(value)) throw InputError::bad_value(raw.at(field), "invalid UTF-8", value);
}

// Attributes are JSON text, where a NUL can only hide as the escape \u0000.
void check_attributes(const RawRecord& raw, std::string_view attributes_json) {
  if (attributes_json.size() > kMaxTextFieldBytes) {
    throw InputError::bad_value(raw.at("attributes"),
                                fmt::format("longer than {} bytes", kMaxTextFieldBytes),
                                attributes_json);
  }
  for (auto at = attributes_json.find("\\u0000"); at != std::string_view::npos;
       at = attributes_json.find("\\u0000", at + 1)) {
    // An escape when an odd number of backslashes ends here ("\\u0000" is the text \u0000).
    std::size_t backslashes = 1;
    while (at >= backslashes && attributes_json[at - backslashes] == '\\') ++backslashes;
    if (backslashes % 2 == 1)
      throw InputError::bad_value(raw.at("attributes"), "NUL byte in text", attributes_json);
  }
}

// The text and id rules of an entity, whichever way it is written.
void check_entity(const RawRecord& raw, const graph::EntityRecord& entity) {
  check_text(raw, "id", entity.id);
  check_text(raw, "name", entity.name);
  check_text(raw, "country", entity.country);
  for (const auto& alias : entity.aliases) check_text(raw, "aliases", alias);
  check_attributes(raw, entity.attributes_json);
  if (!entity.is_protected && graph::is_pseudonym(entity.id)) {
    throw InputError::bad_value(
        raw.at("id"),
        "W- and ten hex digits is the form of a pseudonym, reserved for protected records",
        entity.id);
  }
}

}  // namespace

void UpsertCounts::add(graph::UpsertOutcome outcome) {
  switch (outcome) {
    case graph::UpsertOutcome::Inserted:
      ++inserted;
      break;
    case graph::UpsertOutcome::Updated:
      ++updated;
      break;
    case graph::UpsertOutcome::Unchanged:
      ++unchanged;
      break;
    case graph::UpsertOutcome::Conflicting:
      break;
  }
}

std::optional<graph::EntityRef> ImportSession::find_entity(const std::string& id) {
  if (auto found = entities_.find(id); found != entities_.end()) return found->second;
  // The store belongs to the writer: what it held before is in its snapshot, if anything.
  if (writer_) return held_before_entity(id);
  auto stored = store_.find_entity(id);
  if (stored) entities_.emplace(id, *stored);
  return stored;
}

std::optional<graph::EntityRef> ImportSession::held_before_entity(std::string_view id) const {
  if (!held_before_) return std::nullopt;
  const auto vertex = held_before_->find(id);
  if (!vertex) return std::nullopt;
  return graph::EntityRef{held_before_->entity_row(*vertex), held_before_->kind(*vertex)};
}

bool ImportSession::entity_exists(std::string_view id) const {
  // absl's own string_view: its hash does not take std::string_view here.
  return entities_.contains(absl::string_view(id.data(), id.size())) ||
         (held_before_ != nullptr && held_before_->find(id));
}

void ImportSession::add_entity(const RawRecord& raw, const graph::EntityRecord& entity) {
  if (writer_) {
    add_entity(raw, graph::EntityRecord(entity));
    return;
  }
  check_entity(raw, entity);
  // A claim names its fact by id alone, and an entity is looked up first: one id cannot name both.
  if (store_.find_relation(entity.id)) {
    throw InputError::bad_value(
        raw.at("id"),
        "this entity id already names a relation; a claim on it would bind to the entity",
        entity.id);
  }
  const auto [row, outcome] = store_.upsert_entity(entity);
  if (capture_) capture_upserted_entity(*capture_, store_, row, outcome, entity);
  if (outcome == graph::UpsertOutcome::Conflicting) {
    const auto existing = store_.find_entity(entity.id);
    throw InputError::bad_value(
        raw.at("kind"),
        fmt::format("id {} is already a {}; one id cannot name two kinds",
                    quote_for_message(entity.id), graph::to_string(existing->kind)),
        graph::to_string(entity.kind));
  }
  entities_.insert_or_assign(entity.id, graph::EntityRef{row, entity.kind});
  summary_.entities.add(outcome);
}

void ImportSession::add_entity(const RawRecord& raw, graph::EntityRecord&& entity) {
  // A protected record may be held under its pseudonym, which only the store can tell: the
  // writer finishes, and the rows after it are written here.
  if (writer_ && held_before_ && entity.is_protected) {
    protected_row_seen_ = true;
    end_pipeline();
  }
  if (!writer_) {
    add_entity(raw, std::as_const(entity));
    return;
  }
  check_entity(raw, entity);
  queue_entity(raw, std::move(entity));
}

std::pair<graph::EntityRef, graph::EntityRef> ImportSession::checked_ends(
    const RawRecord& raw, const graph::RelationRecord& relation) {
  check_text(raw, "id", relation.id);
  check_attributes(raw, relation.attributes_json);
  if (find_entity(relation.id)) {
    throw InputError::bad_value(
        raw.at("id"),
        "this relation id already names an entity; a claim on it would bind to the entity",
        relation.id);
  }
  const auto src = find_entity(relation.src);
  if (!src) throw InputError::unknown_reference(raw.at("src"), "entity", relation.src);
  const auto dst = find_entity(relation.dst);
  if (!dst) throw InputError::unknown_reference(raw.at("dst"), "entity", relation.dst);
  if (!graph::relation_allowed(relation.kind, src->kind, dst->kind)) {
    throw InputError::bad_value(
        raw.at("kind"),
        fmt::format("{} goes {}, but this joins a {} to a {}", graph::to_string(relation.kind),
                    graph::describe_endpoints(relation.kind), graph::to_string(src->kind),
                    graph::to_string(dst->kind)),
        graph::to_string(relation.kind));
  }
  return {*src, *dst};
}

void ImportSession::add_relation(const RawRecord& raw, const graph::RelationRecord& relation) {
  if (writer_) {
    add_relation(raw, graph::RelationRecord(relation));
    return;
  }
  const auto [src, dst] = checked_ends(raw, relation);
  const auto [row, outcome] = store_.upsert_relation(relation, src.row, dst.row);
  if (capture_) capture_upserted_relation(*capture_, row, outcome, src.row, dst.row, relation);
  if (outcome == graph::UpsertOutcome::Conflicting) {
    throw InputError::bad_value(raw.at("id"), "this relation id already names a different relation",
                                relation.id);
  }
  summary_.relations.add(outcome);
}

void ImportSession::add_relation(const RawRecord& raw, graph::RelationRecord&& relation) {
  if (!writer_) {
    add_relation(raw, std::as_const(relation));
    return;
  }
  const auto [src, dst] = checked_ends(raw, relation);
  WriteOp op;
  op.kind = WriteOp::Kind::UpsertRelation;
  op.relation = std::move(relation);
  op.src = src.row;
  op.dst = dst.row;
  if (new_derived_ && new_derived_->is_new(op.relation, src.row, dst.row,
                                           [&](std::string_view id) { return entity_exists(id); }))
    op.derived_id_known = graph::Store::DerivedIdKnown::NewByEveryReading;
  op.file = file_of(raw);
  op.line = raw.line();
  writer_->add(std::move(op));
}

void ImportSession::queue_entity(const RawRecord& raw, graph::EntityRecord entity) {
  WriteOp op;
  // One look-up in this import's entities (a large load's hottest line): a new id takes its
  // slot at once.
  const auto [slot, first_here] = entities_.try_emplace(entity.id);
  const std::optional<graph::EntityRef> seen =
      first_here ? held_before_entity(entity.id) : std::optional(slot->second);
  if (seen) {
    if (seen->kind != entity.kind) {
      if (first_here) entities_.erase(slot);
      throw InputError::bad_value(
          raw.at("kind"),
          fmt::format("id {} is already a {}; one id cannot name two kinds",
                      quote_for_message(entity.id), graph::to_string(seen->kind)),
          graph::to_string(entity.kind));
    }
    // A repeated row, or one the store held: the writer merges it as any import would.
    op.kind = WriteOp::Kind::UpsertEntity;
    slot->second = *seen;
  } else {
    op.kind = WriteOp::Kind::InsertEntity;
    op.row = ++last_entity_row_;
    slot->second = graph::EntityRef{op.row, entity.kind};
    summary_.entities.add(graph::UpsertOutcome::Inserted);
  }
  op.entity = std::move(entity);
  op.file = file_of(raw);
  op.line = raw.line();
  writer_->add(std::move(op));
}

const std::shared_ptr<const std::string>& ImportSession::file_of(const RawRecord& raw) {
  if (!file_ || *file_ != raw.file()) file_ = std::make_shared<const std::string>(raw.file());
  return file_;
}

void ImportSession::begin_pipeline(const graph::QueryGraph* held_before) {
  if (writer_ || (held_before != nullptr && protected_row_seen_)) return;
  held_before_ = held_before;
  // Relations come from one run of edge files, so one check sees every relation sent.
  if (held_before != nullptr) new_derived_.emplace(*held_before);
  summary_.rows_written_while_reading = true;
  last_entity_row_ = store_.max_entity_row();
  store_.hold_new_relations();
  try {
    writer_ = std::make_unique<StoreWriter>(store_, capture_.get());
  } catch (...) {
    store_.put_held_relations(false);  // a later pipeline starts a holder of its own
    throw;
  }
}

void ImportSession::capture_graph(std::size_t budget_bytes) {
  if (!capture_) capture_ = std::make_unique<GraphCapture>(budget_bytes);
}

std::optional<GraphCapture> ImportSession::take_graph_capture() {
  if (!capture_ || writer_) return std::nullopt;
  auto capture = std::move(capture_);
  if (!capture->complete()) return std::nullopt;
  return std::move(*capture);
}

void ImportSession::end_pipeline() {
  if (!writer_) return;
  try {
    writer_->finish();
    store_.put_held_relations(true);
  } catch (...) {
    writer_.reset();
    store_.put_held_relations(false);
    throw;
  }
  summary_.entities.add(writer_->entity_upserts());
  summary_.relations.add(writer_->relation_upserts());
  writer_.reset();
  held_before_ = nullptr;
  new_derived_.reset();  // the graph it reads goes to the snapshot's build next
}

void ImportSession::abandon_pipeline() {
  if (writer_) {
    // The rows before the failing one are written first: a row among them the writer refuses
    // is the earlier error, the one an import without the pipeline would have reported.
    std::exception_ptr earlier;
    try {
      writer_->finish();
    } catch (...) {
      earlier = std::current_exception();
    }
    writer_.reset();
    store_.put_held_relations(false);  // the import fails: its transaction rolls back
    if (earlier) std::rethrow_exception(earlier);
  }
  throw;
}

void ImportSession::add_source(const RawRecord& raw, const graph::SourceRecord& source) {
  check_text(raw, "id", source.id);
  check_text(raw, "title", source.title);
  check_text(raw, "publisher", source.publisher);
  check_text(raw, "url", source.url);
  if (source.access != graph::Access::Protected && graph::is_pseudonym(source.id)) {
    throw InputError::bad_value(
        raw.at("id"),
        "W- and ten hex digits is the form of a pseudonym, reserved for protected sources",
        source.id);
  }
  add_source(source);
}

void ImportSession::add_source(const graph::SourceRecord& source) {
  summary_.sources.add(store_.upsert_source(source));
}

void ImportSession::add_claim(const RawRecord& raw, const graph::ClaimRecord& claim) {
  check_text(raw, "locator", claim.locator);
  check_text(raw, "quote", claim.quote);
  check_text(raw, "recorded_by", claim.recorded_by);
  if (!find_entity(claim.fact) && !store_.find_relation(claim.fact)) {
    throw InputError::unknown_reference(raw.at("fact"), "entity or relation", claim.fact);
  }
  if (!store_.has_source(claim.source))
    throw InputError::unknown_reference(raw.at("source"), "source", claim.source);
  summary_.claims.add(store_.upsert_claim(claim));
}

void ImportSession::add_designation(const RawRecord& raw,
                                    const graph::DesignationRecord& designation,
                                    std::string_view entity_field) {
  check_text(raw, "authority", designation.authority);
  check_text(raw, "program", designation.program);
  check_text(raw, "list_id", designation.list_id);
  const auto entity = find_entity(designation.entity);
  if (!entity)
    throw InputError::unknown_reference(raw.at(entity_field), "entity", designation.entity);
  summary_.designations.add(store_.upsert_designation(designation, entity->row));
}

}  // namespace flgraph::importers
