// graph/store_judgements.cpp: entity-resolution judgements, kept forever, only marked undone.
#include <fmt/format.h>
#include <sqlite3.h>

#include "graph/detail/store_statements.h"
#include "graph/protection.h"
#include "graph/store.h"

namespace flgraph::graph {

using detail::Statement;

bool Store::delete_relation(std::string_view id) {
  auto delete_row = [&](std::string_view stored_id) {
    const auto row = relation_row(stored_id);
    if (row) statements_->get("DELETE FROM relation WHERE id = ?").bind(1, *row).run();
    return row.has_value();
  };
  if (delete_row(id)) return true;
  if (is_pseudonym(id) || !try_unlock_quietly()) return false;
  // A relation touching a protected record is kept under the pseudonym of its id.
  const std::string sealed_id = pseudonym_for(id);
  if (delete_row(sealed_id)) return true;
  statements_->get("DELETE FROM sealed_link WHERE ext_id = ?").bind(1, sealed_id).run();
  return sqlite3_changes(db_) > 0;
}

namespace {

constexpr const char* kJudgementColumns =
    "j.id, a.ext_id, b.ext_id, j.decision, j.judged_by, j.judged_at, j.score, j.relation, "
    "j.undone, j.undone_by, "
    "j.undone_at FROM judgement j JOIN entity a ON a.id = j.entity_a JOIN entity b ON b.id = "
    "j.entity_b";

JudgementRecord read_judgement(const Statement& row) {
  JudgementRecord out;
  out.id = row.integer(0);
  out.entity_a = row.text(1);
  out.entity_b = row.text(2);
  out.decision = parse_decision(row.text(3)).value_or(Decision::Unsure);
  out.judged_by = row.text(4);
  out.judged_at = row.text(5);
  if (!row.is_null(6)) out.score = row.real(6);
  out.relation = row.text(7);
  out.undone = row.integer(8) != 0;
  out.undone_by = row.text(9);
  out.undone_at = row.text(10);
  return out;
}

}  // namespace

std::int64_t Store::insert_judgement(const JudgementRecord& judgement) {
  const bool swap = judgement.entity_b < judgement.entity_a;
  const auto a = find_entity(swap ? judgement.entity_b : judgement.entity_a);
  const auto b = find_entity(swap ? judgement.entity_a : judgement.entity_b);
  if (!a || !b) throw NotFoundError("a judged entity does not exist");
  auto& insert = statements_->get(
      "INSERT INTO judgement(entity_a, entity_b, decision, judged_by, judged_at, score, relation) "
      "VALUES(?,?,?,?,?,?,?) RETURNING id");
  insert.bind(1, a->row)
      .bind(2, b->row)
      .bind(3, to_string(judgement.decision))
      .bind(4, judgement.judged_by)
      .bind(5, judgement.judged_at)
      .bind(6, judgement.score)
      .bind(7, judgement.relation);
  if (!insert.step()) throw detail::StoreError("judgement was not recorded");
  const std::int64_t id = insert.integer(0);
  insert.run();
  return id;
}

void Store::set_judgement_relation(std::int64_t id, std::string_view relation) {
  statements_->get("UPDATE judgement SET relation = ? WHERE id = ?")
      .bind(1, relation)
      .bind(2, id)
      .run();
}

void Store::mark_judgement_undone(std::int64_t id, std::string_view by, std::string_view at) {
  statements_
      ->get(
          "UPDATE judgement SET undone = 1, undone_by = ?, undone_at = ? WHERE id = ? AND undone = "
          "0")
      .bind(1, by)
      .bind(2, at)
      .bind(3, id)
      .run();
}

std::optional<JudgementRecord> Store::judgement(std::int64_t id) const {
  Statement query(db_, fmt::format("SELECT {} WHERE j.id = ?", kJudgementColumns).c_str());
  query.bind(1, id);
  if (!query.step()) return std::nullopt;
  return read_judgement(query);
}

std::optional<JudgementRecord> Store::active_judgement(std::string_view a,
                                                       std::string_view b) const {
  Statement query(
      db_, fmt::format("SELECT {} WHERE j.undone = 0 AND ((a.ext_id = ?1 AND b.ext_id = ?2) OR "
                       "(a.ext_id = ?2 AND b.ext_id = ?1))",
                       kJudgementColumns)
               .c_str());
  query.bind(1, a).bind(2, b);
  if (!query.step()) return std::nullopt;
  return read_judgement(query);
}

std::vector<JudgementRecord> Store::judgements(bool include_undone) const {
  Statement query(
      db_,
      fmt::format("SELECT {} WHERE j.undone = 0 OR ?1 ORDER BY j.id", kJudgementColumns).c_str());
  query.bind(1, std::int64_t{include_undone ? 1 : 0});
  std::vector<JudgementRecord> out;
  while (query.step()) out.push_back(read_judgement(query));
  return out;
}

}  // namespace flgraph::graph
