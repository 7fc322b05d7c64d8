// graph/store_reads.cpp: look-ups and reads. A protected record reads as the store keeps it:
// its pseudonym, and nothing that names it (store_sealing.cpp opens it, with the key).
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <unordered_map>

#include "graph/detail/schema.h"
#include "graph/detail/store_statements.h"
#include "graph/protection.h"
#include "graph/store.h"

namespace flgraph::graph {

using detail::enum_from;
using detail::Statement;

std::optional<EntityRef> Store::find_entity(std::string_view id) const {
  auto& query = statements_->get("SELECT id, kind FROM entity WHERE ext_id = ?");
  query.bind(1, id);
  if (query.step()) return EntityRef{query.integer(0), enum_from<EntityKind>(query.integer(1))};
  // The id the data gave a protected record finds it only with the key.
  if (const auto row = find_protected_by_real_id(id)) {
    auto& kind = statements_->get("SELECT kind FROM entity WHERE id = ?");
    kind.bind(1, *row);
    if (kind.step()) return EntityRef{*row, enum_from<EntityKind>(kind.integer(0))};
  }
  return std::nullopt;
}

namespace {

// Runs `query` with the id, then, with the key at hand, with the pseudonym under which the store
// keeps a protected record of that id.
template <typename Read>
auto by_id_or_pseudonym(const Store& store, Statement& query, std::string_view id, Read read)
    -> std::optional<decltype(read(query))> {
  for (const bool by_pseudonym : {false, true}) {
    if (by_pseudonym && (is_pseudonym(id) || !store.try_unlock_quietly())) break;
    query.reset().bind(1, by_pseudonym ? store.pseudonym_for(id) : std::string(id));
    if (query.step()) return read(query);
  }
  return std::nullopt;
}

}  // namespace

std::optional<Store::RelationRef> Store::find_relation(std::string_view id) const {
  // As by_id_or_pseudonym, through relation_row: a bulk load may have the id index suspended.
  for (const bool by_pseudonym : {false, true}) {
    if (by_pseudonym && (is_pseudonym(id) || !try_unlock_quietly())) break;
    const auto row = relation_row(by_pseudonym ? pseudonym_for(id) : std::string(id));
    if (!row) continue;
    auto& query = statements_->get("SELECT src, dst, kind FROM relation WHERE id = ?");
    query.bind(1, *row);
    if (query.step()) {
      return RelationRef{*row, query.integer(0), query.integer(1),
                         enum_from<RelationKind>(query.integer(2))};
    }
  }
  return std::nullopt;
}

std::optional<Store::SourceRef> Store::find_source(std::string_view id) const {
  return by_id_or_pseudonym(*this,
                            statements_->get("SELECT id, access FROM source WHERE ext_id = ?"), id,
                            [](const Statement& row) {
                              return SourceRef{row.integer(0), enum_from<Access>(row.integer(1))};
                            });
}

bool Store::has_source(std::string_view id) const { return find_source(id).has_value(); }

namespace {

constexpr const char* kEntityColumns =
    "e.id, e.ext_id, e.kind, e.name, e.country, e.date_from, e.date_to, e.protected, e.attributes";

StoredEntity read_entity(const Statement& row) {
  StoredEntity out;
  out.row = row.integer(0);
  out.record.id = row.text(1);
  out.record.kind = enum_from<EntityKind>(row.integer(2));
  out.record.name = row.text(3);
  out.record.country = row.text(4);
  out.record.valid = {row.date(5), row.date(6)};
  out.record.is_protected = row.integer(7) != 0;
  out.record.attributes_json = row.text(8);
  return out;
}

// From the view relation_named (schema v6), which gives every relation's id, derived or given.
constexpr const char* kRelationColumns =
    "r.id, r.ext_id, r.src_ext_id, r.dst_ext_id, r.kind, r.date_from, r.date_to, r.confidence, "
    "r.attributes, r.src_kind, r.dst_kind, r.src_name, r.dst_name, r.src_protected, "
    "r.dst_protected";

StoredRelation read_relation(const Statement& row) {
  StoredRelation out;
  out.row = row.integer(0);
  out.record.id = row.text(1);
  out.record.src = row.text(2);
  out.record.dst = row.text(3);
  out.record.kind = enum_from<RelationKind>(row.integer(4));
  out.record.valid = {row.date(5), row.date(6)};
  if (!row.is_null(7)) out.record.confidence = row.real(7);
  out.record.attributes_json = row.text(8);
  out.src_kind = enum_from<EntityKind>(row.integer(9));
  out.dst_kind = enum_from<EntityKind>(row.integer(10));
  out.src_name = row.text(11);
  out.dst_name = row.text(12);
  out.src_protected = row.integer(13) != 0;
  out.dst_protected = row.integer(14) != 0;
  return out;
}

SourceRecord read_source(const Statement& row, int first) {
  SourceRecord out;
  out.id = row.text(first);
  out.title = row.text(first + 1);
  out.publisher = row.text(first + 2);
  out.published_on = row.date(first + 3);
  out.url = row.text(first + 4);
  out.sha256 = row.text(first + 5);
  out.kind = enum_from<SourceKind>(row.integer(first + 6));
  out.reliability = parse_reliability(row.text(first + 7)).value_or(Reliability::F);
  out.access = enum_from<Access>(row.integer(first + 8));
  return out;
}
constexpr const char* kSourceColumns =
    "s.ext_id, s.title, s.publisher, s.published_on, s.url, s.sha256, s.kind, s.reliability, "
    "s.access";

}  // namespace

std::optional<StoredEntity> Store::entity(std::string_view id) const {
  auto ref = find_entity(id);
  if (!ref) return std::nullopt;
  return entity_by_row(ref->row);
}

std::optional<StoredEntity> Store::entity_by_row(EntityRowId row) const {
  Statement query(db_,
                  fmt::format("SELECT {} FROM entity e WHERE e.id = ?", kEntityColumns).c_str());
  query.bind(1, row);
  if (!query.step()) return std::nullopt;
  StoredEntity out = read_entity(query);
  Statement aliases(db_, "SELECT alias FROM alias WHERE entity_id = ? ORDER BY alias");
  aliases.bind(1, row);
  while (aliases.step()) out.record.aliases.push_back(aliases.text(0));
  return out;
}

std::vector<StoredRelation> Store::relations_of(EntityRowId row) const {
  Statement query(db_, fmt::format("SELECT {} FROM relation_named r WHERE r.id IN (SELECT id FROM "
                                   "relation WHERE {} OR {}) ORDER BY r.kind, r.ext_id",
                                   kRelationColumns, detail::in_both_parts("src = ?1"),
                                   detail::in_both_parts("dst = ?1"))
                           .c_str());
  query.bind(1, row);
  std::vector<StoredRelation> out;
  while (query.step()) out.push_back(read_relation(query));
  return out;
}

std::optional<StoredRelation> Store::relation_by_row(RelationRowId row) const {
  // The cache is keyed by the text's address: one string for the life of the program.
  static const std::string sql =
      fmt::format("SELECT {} FROM relation_named r WHERE r.id = ?", kRelationColumns);
  auto& query = statements_->get(sql.c_str());
  query.bind(1, row);
  if (!query.step()) return std::nullopt;
  return read_relation(query);
}

std::vector<DesignationRecord> Store::designations_of(EntityRowId row) const {
  Statement query(
      db_,
      "SELECT e.ext_id, d.authority, d.program, d.listed_on, d.list_id FROM designation d JOIN "
      "entity e "
      "ON e.id = d.entity_id WHERE d.entity_id = ? ORDER BY d.authority, d.program, d.list_id");
  query.bind(1, row);
  std::vector<DesignationRecord> out;
  while (query.step()) {
    out.push_back({query.text(0), query.text(1), query.text(2), query.date(3), query.text(4)});
  }
  return out;
}

namespace {
std::vector<StoredClaim> read_claims(Statement& query) {
  std::vector<StoredClaim> out;
  while (query.step()) {
    StoredClaim claim;
    claim.claim.fact = query.text(0);
    claim.claim.locator = query.text(1);
    claim.claim.credibility = static_cast<Credibility>(query.integer(2));
    claim.claim.quote = query.text(3);
    claim.claim.recorded_by = query.text(4);
    claim.claim.recorded_on = query.date(5);
    claim.source = read_source(query, 6);
    claim.claim.source = claim.source.id;
    claim.sealed = query.blob(15);
    out.push_back(std::move(claim));
  }
  return out;
}
}  // namespace

std::vector<StoredClaim> Store::claims_of_entity(EntityRowId row) const {
  auto& query = statements_->get(
      "SELECT e.ext_id, c.locator, c.credibility, c.quote, c.recorded_by, c.recorded_on, s.ext_id, "
      "s.title, "
      "s.publisher, s.published_on, s.url, s.sha256, s.kind, s.reliability, s.access, c.sealed "
      "FROM claim c JOIN entity e "
      "ON e.id = c.entity_id JOIN source s ON s.id = c.source_id WHERE c.entity_id = ? ORDER BY "
      "s.ext_id, "
      "c.locator");
  query.bind(1, row);
  return read_claims(query);
}

std::vector<StoredClaim> Store::claims_of_relation(RelationRowId row) const {
  auto& query = statements_->get(
      "SELECT r.ext_id, c.locator, c.credibility, c.quote, c.recorded_by, c.recorded_on, s.ext_id, "
      "s.title, "
      "s.publisher, s.published_on, s.url, s.sha256, s.kind, s.reliability, s.access, c.sealed "
      "FROM claim c JOIN relation_named "
      "r ON r.id = c.relation_id JOIN source s ON s.id = c.source_id WHERE c.relation_id = ? ORDER "
      "BY "
      "s.ext_id, c.locator");
  query.bind(1, row);
  return read_claims(query);
}

std::vector<std::pair<std::string, std::string>> Store::suggest_entities(std::string_view text,
                                                                         std::size_t limit) const {
  // Substring matches on id or name first, then ids sharing the longest prefix.
  std::vector<std::pair<std::string, std::string>> out;
  Statement like(db_,
                 "SELECT ext_id, name FROM entity WHERE protected = 0 AND (instr(lower(ext_id), "
                 "lower(?1)) > 0 OR "
                 "instr(lower(name), lower(?1)) > 0) ORDER BY length(ext_id), ext_id LIMIT ?2");
  like.bind(1, text).bind(2, static_cast<std::int64_t>(limit));
  while (like.step()) out.emplace_back(like.text(0), like.text(1));
  for (std::size_t prefix = text.size(); out.size() < limit && prefix > 0; --prefix) {
    Statement near(db_,
                   "SELECT ext_id, name FROM entity WHERE protected = 0 AND ext_id >= ?1 AND "
                   "ext_id < ?1 || x'ff' "
                   "ORDER BY ext_id LIMIT ?2");
    near.bind(1, text.substr(0, prefix)).bind(2, static_cast<std::int64_t>(limit));
    while (near.step() && out.size() < limit) {
      std::pair<std::string, std::string> hit{near.text(0), near.text(1)};
      if (std::find(out.begin(), out.end(), hit) == out.end()) out.push_back(std::move(hit));
    }
    if (!out.empty()) break;
  }
  return out;
}

StoreStats Store::stats() const {
  StoreStats out;
  Statement entities(db_, "SELECT kind, count(*) FROM entity GROUP BY kind");
  while (entities.step())
    out.entities_by_kind[enum_from<EntityKind>(entities.integer(0))] = entities.integer(1);
  Statement relations(db_, "SELECT kind, count(*) FROM relation GROUP BY kind");
  while (relations.step()) {
    out.relations_by_kind[enum_from<RelationKind>(relations.integer(0))] = relations.integer(1);
  }
  Statement sources(db_, "SELECT access, count(*) FROM source GROUP BY access");
  while (sources.step())
    out.sources_by_access[enum_from<Access>(sources.integer(0))] = sources.integer(1);
  Statement counts(db_,
                   "SELECT (SELECT count(*) FROM claim), (SELECT count(*) FROM designation), "
                   "(SELECT count(*) FROM "
                   "alias)");
  counts.step();
  out.claims = counts.integer(0);
  out.designations = counts.integer(1);
  out.aliases = counts.integer(2);
  return out;
}

std::int64_t Store::entity_count() const {
  Statement query(db_, "SELECT count(*) FROM entity");
  query.step();
  return query.integer(0);
}

RelationRowId Store::max_relation_row() const {
  Statement query(db_, "SELECT coalesce(max(id), 0) FROM relation");
  query.step();
  return query.integer(0);
}

void Store::for_each_entity(const std::function<void(const StoredEntity&)>& visit) const {
  Statement query(db_,
                  fmt::format("SELECT {} FROM entity e ORDER BY e.ext_id", kEntityColumns).c_str());
  Statement aliases(db_, "SELECT entity_id, alias FROM alias ORDER BY entity_id, alias");
  std::unordered_map<EntityRowId, std::vector<std::string>> aliases_by_row;
  while (aliases.step()) aliases_by_row[aliases.integer(0)].push_back(aliases.text(1));
  while (query.step()) {
    StoredEntity entity = read_entity(query);
    if (auto found = aliases_by_row.find(entity.row); found != aliases_by_row.end()) {
      entity.record.aliases = std::move(found->second);
    }
    visit(entity);
  }
}

void Store::for_each_relation(const std::function<void(const StoredRelation&)>& visit) const {
  Statement query(db_, fmt::format("SELECT {} FROM relation_named r", kRelationColumns).c_str());
  while (query.step()) visit(read_relation(query));
}

Store::ClaimConfidences Store::claim_confidences() const {
  ClaimConfidences best;
  Statement claims(
      db_,
      "SELECT c.relation_id, s.reliability, c.credibility FROM claim c JOIN source s ON s.id = "
      "c.source_id JOIN relation r ON r.id = c.relation_id WHERE r.confidence IS NULL");
  while (claims.step()) {
    const auto reliability = parse_reliability(claims.text(1)).value_or(Reliability::F);
    const double confidence =
        confidence_from_evidence(reliability, static_cast<Credibility>(claims.integer(2)));
    auto [slot, inserted] = best.emplace(claims.integer(0), confidence);
    if (!inserted) slot->second = std::max(slot->second, confidence);
  }
  return best;
}

double Store::relation_confidence(std::optional<double> explicit_confidence, RelationRowId row,
                                  const ClaimConfidences& claims) {
  if (explicit_confidence) return *explicit_confidence;
  if (const auto found = claims.find(row); found != claims.end()) return found->second;
  return kUnjudgedConfidence;
}

void Store::for_each_relation_row(const std::function<void(const RelationRow&)>& visit) const {
  const auto claims = claim_confidences();
  // In row order, which a bulk load's graph built from its rows follows too.
  Statement query(
      db_, "SELECT src, dst, id, kind, date_from, date_to, confidence FROM relation ORDER BY id");
  RelationRow row;
  while (query.step()) {
    row.src = query.integer(0);
    row.dst = query.integer(1);
    row.row = query.integer(2);
    row.kind = enum_from<RelationKind>(query.integer(3));
    row.from = query.date(4);
    row.to = query.date(5);
    row.confidence = relation_confidence(
        query.is_null(6) ? std::nullopt : std::optional<double>(query.real(6)), row.row, claims);
    visit(row);
  }
}

std::optional<std::string> Store::stored_entity_id(EntityRowId row) const {
  auto& query = statements_->get("SELECT ext_id FROM entity WHERE id = ?");
  query.bind(1, row);
  if (!query.step()) return std::nullopt;
  return query.text(0);
}

void Store::for_each_entity_key(const std::function<void(const EntityKey&)>& visit) const {
  Statement query(db_, "SELECT id, ext_id, kind, protected FROM entity ORDER BY ext_id");
  while (query.step()) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(query.raw(), 1));
    const auto size = static_cast<std::size_t>(sqlite3_column_bytes(query.raw(), 1));
    visit({query.integer(0), std::string_view(text, size), enum_from<EntityKind>(query.integer(2)),
           query.integer(3) != 0});
  }
}

std::vector<SourceRecord> Store::sources() const {
  Statement query(db_,
                  fmt::format("SELECT {} FROM source s ORDER BY s.ext_id", kSourceColumns).c_str());
  std::vector<SourceRecord> out;
  while (query.step()) out.push_back(read_source(query, 0));
  return out;
}

std::optional<Store::StoredSource> Store::source(std::string_view id) const {
  const auto found = find_source(id);
  if (!found) return std::nullopt;
  Statement query(db_,
                  fmt::format("SELECT {} FROM source s WHERE s.id = ?", kSourceColumns).c_str());
  query.bind(1, found->row);
  if (!query.step()) return std::nullopt;
  return StoredSource{found->row, read_source(query, 0)};
}

std::vector<StoredClaim> Store::claims() const {
  Statement query(
      db_,
      "SELECT coalesce(e.ext_id, r.ext_id) AS fact, c.locator, c.credibility, c.quote, "
      "c.recorded_by, "
      "c.recorded_on, s.ext_id, s.title, s.publisher, s.published_on, s.url, s.sha256, s.kind, "
      "s.reliability, s.access, c.sealed FROM claim c LEFT JOIN entity e ON e.id = c.entity_id "
      "LEFT JOIN "
      "relation_named r ON r.id = c.relation_id JOIN source s ON s.id = c.source_id ORDER BY fact, "
      "s.ext_id, "
      "c.locator");
  return read_claims(query);
}

std::vector<DesignationRecord> Store::designations() const {
  Statement query(db_,
                  "SELECT e.ext_id, d.authority, d.program, d.listed_on, d.list_id FROM "
                  "designation d JOIN entity e "
                  "ON e.id = d.entity_id ORDER BY e.ext_id, d.authority, d.program, d.list_id");
  std::vector<DesignationRecord> out;
  while (query.step())
    out.push_back({query.text(0), query.text(1), query.text(2), query.date(3), query.text(4)});
  return out;
}

}  // namespace flgraph::graph
