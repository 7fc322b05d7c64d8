// commands/resolve_commands.cpp: match, resolve --auto and judge, with their reports.
#include "commands/resolve_commands.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <unordered_map>
#include <utility>

#include "custody/audit_log.h"
#include "graph/errors.h"
#include "graph/protection.h"
#include "graph/store.h"
#include "importers/lookalike_file.h"
#include "importers/name_list.h"
#include "resolve/lookalikes.h"
#include "resolve/store_index.h"

namespace flgraph::commands {

using namespace resolve;  // the matcher's types throughout
using importers::NameListResolver;
using importers::read_name_list;

namespace {

using graph::Store;

// How many candidates each name of an entity brings into resolve --auto.
constexpr std::size_t kCandidatesPerName = 10;
constexpr std::size_t kSuggestions = 5;

Store open_store(const std::filesystem::path& database,
                 graph::KeySource keys = graph::KeySource::from_environment()) {
  return Store::open(database, Store::OpenMode::ReadOnlyExisting, std::move(keys));
}

nlohmann::json explanation_json(const NameScore& score) {
  nlohmann::json features = nlohmann::json::array();
  for (const auto& feature : score.features) {
    features.push_back({{"name", feature.name},
                        {"value", feature.value},
                        {"weight", feature.weight},
                        {"detail", feature.detail}});
  }
  nlohmann::json alignments = nlohmann::json::array();
  for (const auto& alignment : score.alignments) {
    alignments.push_back({{"query", alignment.query},
                          {"candidate", alignment.candidate},
                          {"similarity", alignment.similarity},
                          {"how", alignment.how}});
  }
  return {{"features", features}, {"alignments", alignments}};
}

Qualifiers options_qualifiers(const MatchOptions& options) {
  Qualifiers out;
  out.kind = options.kind;
  out.country = options.country;
  if (!options.dob.empty()) out.birth_dates.push_back(options.dob);
  out.identifiers = options.id_numbers;
  return out;
}

nlohmann::json lookalike_json(const std::optional<LookalikeHit>& hit) {
  if (!hit) return nullptr;
  const auto& entry = *hit->entry;
  return {{"id", entry.id},
          {"name", entry.name},
          {"kind", entry.kind},
          {"country", entry.country},
          {"website", entry.website},
          {"source", entry.source},
          {"score", hit->score.score},
          {"matched_name", hit->matched_name},
          {"resembles", entry.resembles}};
}

nlohmann::json candidate_json(const StoreNameIndex& index, const Candidate& candidate,
                              double threshold) {
  const auto& record = index.names().record(candidate.record);
  nlohmann::json out = {{"id", record.id},
                        {"name", record.names.front()},
                        {"kind", record.qualifiers.kind},
                        {"country", record.qualifiers.country},
                        {"score", candidate.score.score},
                        {"match", candidate.score.score >= threshold},
                        {"matched_name", record.names.at(candidate.name)}};
  out.update(explanation_json(candidate.score));
  return out;
}

// An entity by id or witness pseudonym (a protected record's own id finds it only with the
// key); NotFoundError with the closest ids otherwise.
graph::StoredEntity find_entity(const Store& store, const std::string& text) {
  if (auto entity = store.entity(text)) return *entity;
  throw UnknownEntityError(text, store.suggest_entities(text, kSuggestions));
}

nlohmann::json entity_json(const graph::Disclosure& disclosure, const graph::EntityRecord& entity) {
  return {{"id", disclosure.entity_id(entity.id, entity.is_protected)},
          {"name", disclosure.entity_name(entity.id, entity.name, entity.is_protected)},
          {"kind", graph::to_string(entity.kind)}};
}

nlohmann::json judgement_json(const graph::Disclosure& disclosure, const Store& store,
                              const graph::JudgementRecord& judgement) {
  auto side = [&](const std::string& id) {
    if (auto entity = store.entity(id)) return entity_json(disclosure, entity->record);
    return nlohmann::json{{"id", id}};
  };
  nlohmann::json out = {
      {"id", judgement.id},
      {"a", side(judgement.entity_a)},
      {"b", side(judgement.entity_b)},
      {"decision", graph::to_string(judgement.decision)},
      {"judged_by", judgement.judged_by},
      {"judged_at", judgement.judged_at},
      {"score", judgement.score ? nlohmann::json(*judgement.score) : nlohmann::json()},
      {"relation",
       judgement.relation.empty() ? nlohmann::json() : nlohmann::json(judgement.relation)},
      {"undone", judgement.undone}};
  if (judgement.undone) {
    out["undone_by"] = judgement.undone_by;
    out["undone_at"] = judgement.undone_at;
  }
  return out;
}

// The best score over every pair of the two entities' names, and its explanation.
std::optional<NameScore> pair_score(const StoreNameIndex& index, const graph::EntityRecord& a,
                                    const graph::EntityRecord& b) {
  auto names_of = [](const graph::EntityRecord& entity) {
    std::vector<NormalizedName> names;
    if (!entity.name.empty()) names.push_back(normalize_name(entity.name));
    for (const auto& alias : entity.aliases) names.push_back(normalize_name(alias));
    return names;
  };
  std::optional<NameScore> best;
  for (const auto& x : names_of(a)) {
    for (const auto& y : names_of(b)) {
      auto score = score_qualified(x, country_qualifier(a.country), y, country_qualifier(b.country),
                                   &index.names().statistics());
      if (!best || score.score > best->score) best = std::move(score);
    }
  }
  return best;
}

std::optional<graph::StoredRelation> same_as_between(const Store& store,
                                                     const graph::StoredEntity& a,
                                                     const graph::StoredEntity& b) {
  for (const auto& relation : store.relations_of(a.row)) {
    if (relation.record.kind != graph::RelationKind::SameAs) continue;
    if ((relation.record.src == a.record.id && relation.record.dst == b.record.id) ||
        (relation.record.src == b.record.id && relation.record.dst == a.record.id)) {
      return relation;
    }
  }
  return std::nullopt;
}

// Entities joined by same_as, directly or through others (union-find over entity rows).
class SameAsComponents {
 public:
  explicit SameAsComponents(const Store& store) {
    store.for_each_relation_row([&](const graph::RelationRow& row) {
      if (row.kind != graph::RelationKind::SameAs) return;
      const auto a = root(row.src);
      const auto b = root(row.dst);
      if (a != b) parent_[a] = b;
    });
  }
  bool joined(graph::EntityRowId a, graph::EntityRowId b) { return root(a) == root(b); }

 private:
  graph::EntityRowId root(graph::EntityRowId row) {
    graph::EntityRowId top = row;
    for (auto found = parent_.find(top); found != parent_.end() && found->second != top;
         found = parent_.find(top)) {
      top = found->second;
    }
    // Path compression, without recursion: long same_as chains must not exhaust the stack.
    while (row != top) {
      auto& parent = parent_[row];
      row = std::exchange(parent, top);
    }
    return top;
  }
  std::unordered_map<graph::EntityRowId, graph::EntityRowId> parent_;
};

// A judgement's entry in the audit log: the pair by stored ids, which are pseudonyms for
// protected records, whatever id the user typed.
custody::AuditEntry judge_entry(std::string command, std::string who,
                                const graph::JudgementRecord& judgement, std::string_view note) {
  custody::AuditEntry entry;
  entry.command = std::move(command);
  entry.who = std::move(who);
  entry.selection = fmt::format("judgement #{}: {} ~ {} {}{}", judgement.id, judgement.entity_a,
                                judgement.entity_b, graph::to_string(judgement.decision), note);
  return entry;
}

}  // namespace

nlohmann::json match_command(const std::filesystem::path& database, const std::string& name,
                             const MatchOptions& options) {
  return StoreMatcher(database, options.lookalikes).match(name, options);
}

StoreMatcher::StoreMatcher(const std::filesystem::path& database,
                           const std::string& lookalikes_file)
    : lookalikes_(importers::lookalikes_with(lookalikes_file)),
      index_(StoreNameIndex::load(open_store(database))) {}

nlohmann::json StoreMatcher::match(const std::string& name, const MatchOptions& options,
                                   const graph::Store* current) const {
  const auto& index = index_;
  const auto qualifiers = options_qualifiers(options);
  std::function<bool(graph::EntityRowId)> still_matchable;
  if (current != nullptr)
    still_matchable = [current](graph::EntityRowId row) {
      const auto entity = current->entity_by_row(row);
      return entity && !entity->record.is_protected;
    };
  const auto found = index.match(name, qualifiers, options.limit, 0.0, {}, still_matchable);
  const double best = found.empty() ? 0.0 : found.front().score.score;
  auto hit = lookalikes_.best(name, qualifiers, options.threshold);
  if (!lookalike_wins(hit, best, options.threshold)) hit.reset();
  // A look-alike that wins leaves no candidate a match: the name is that organisation.
  const double threshold = hit ? 2.0 : options.threshold;
  nlohmann::json candidates = nlohmann::json::array();
  for (const auto& candidate : found) {
    if (candidate.score.score <= 0.0) continue;
    candidates.push_back(candidate_json(index, candidate, threshold));
  }
  auto optional = [](const std::string& value) {
    return value.empty() ? nlohmann::json() : nlohmann::json(value);
  };
  return {{"query", name},
          {"normalized", normalize_name(name).text()},
          {"country", optional(options.country)},
          {"kind", optional(options.kind)},
          {"dob", optional(options.dob)},
          {"id_numbers", options.id_numbers},
          {"threshold", options.threshold},
          {"lookalike", lookalike_json(hit)},
          {"candidates", candidates}};
}

nlohmann::json match_file_command(const std::filesystem::path& database,
                                  const std::filesystem::path& names_csv,
                                  const MatchOptions& options) {
  const std::string file = names_csv.string();
  const auto list = read_name_list(names_csv, options.country);
  for (const auto& row : list) {
    if (row.name.empty())
      throw InputError::bad_value({file, row.line, "name"}, "must not be empty", row.name);
  }
  const auto lookalikes = importers::lookalikes_with(options.lookalikes);
  const auto store = open_store(database);
  const auto index = StoreNameIndex::load(store);
  nlohmann::json rows = nlohmann::json::array();
  std::size_t matched = 0;
  auto optional = [](const std::string& value) {
    return value.empty() ? nlohmann::json() : nlohmann::json(value);
  };
  for (const auto& row : list) {
    nlohmann::json out = {{"line", row.line},
                          {"id", optional(row.id)},
                          {"name", row.name},
                          {"country", optional(row.country)}};
    if (!row.kind.empty()) out["kind"] = row.kind;
    if (!row.dob.empty()) out["dob"] = row.dob;
    if (!row.id_numbers.empty()) out["id_numbers"] = row.id_numbers;
    const auto qualifiers = row.qualifiers();
    const auto best = index.match(row.name, qualifiers, 1, 0.0);
    const double best_score = best.empty() ? 0.0 : best.front().score.score;
    auto hit = lookalikes.best(row.name, qualifiers, options.threshold);
    if (!lookalike_wins(hit, best_score, options.threshold)) hit.reset();
    if (best_score > 0.0) {
      const auto candidate = candidate_json(index, best.front(), hit ? 2.0 : options.threshold);
      out["candidate"] = candidate["id"];
      out["candidate_name"] = candidate["name"];
      out["candidate_kind"] = candidate["kind"];
      out["matched_name"] = candidate["matched_name"];
      out["score"] = candidate["score"];
      out["match"] = candidate["match"];
      out["features"] = candidate["features"];
    } else {
      out["candidate"] = nullptr;
      out["score"] = 0.0;
      out["match"] = false;
    }
    out["lookalike"] = lookalike_json(hit);
    if (out["match"].get<bool>()) ++matched;
    rows.push_back(std::move(out));
  }
  return {{"file", file},
          {"threshold", options.threshold},
          {"rows", rows.size()},
          {"matched", matched},
          {"results", rows}};
}

nlohmann::json resolve_command(const std::filesystem::path& database,
                               const ResolveOptions& options) {
  const auto store = open_store(database);
  const auto index = StoreNameIndex::load(store);
  SameAsComponents components(store);
  std::map<std::pair<std::string, std::string>, graph::JudgementRecord> judged;
  for (auto& judgement : store.judgements(false)) {
    judged.emplace(std::make_pair(judgement.entity_a, judgement.entity_b), std::move(judgement));
  }

  struct Proposal {
    std::size_t a = 0;
    std::size_t b = 0;
    std::string a_name;
    Candidate candidate;
  };
  std::map<std::pair<std::size_t, std::size_t>, Proposal> best;
  const auto& names = index.names();
  for (std::size_t record = 0; record < index.size(); ++record) {
    const auto kind = index.kind(record);
    auto keep = [&](std::size_t other) {
      return other != record && kinds_compatible(kind, index.kind(other));
    };
    const auto normalized = names.normalized_names(record);
    const auto entry = names.record(record);
    for (std::size_t n = 0; n < normalized.size(); ++n) {
      // A reading is of one of the record's names: a Han name has several readings.
      const auto name = names.name_of_reading(record, n);
      for (auto& candidate : names.match(normalized[n], entry.qualifiers, kCandidatesPerName,
                                         options.threshold, keep)) {
        // One entry per unordered pair, from the side whose id sorts first.
        const bool forward = entry.id < names.id(candidate.record);
        const auto key = forward ? std::make_pair(record, candidate.record)
                                 : std::make_pair(candidate.record, record);
        auto found = best.find(key);
        if (found != best.end() && found->second.candidate.score.score >= candidate.score.score)
          continue;
        if (!forward) {
          // Keep the explanation's query side on a: swap the roles of its alignments.
          for (auto& alignment : candidate.score.alignments)
            std::swap(alignment.query, alignment.candidate);
        }
        Proposal proposal{key.first, key.second,
                          forward ? entry.names.at(name)
                                  : names.record(candidate.record).names.at(candidate.name),
                          std::move(candidate)};
        if (!forward) proposal.candidate.name = name;
        best.insert_or_assign(key, std::move(proposal));
      }
    }
  }

  std::vector<const Proposal*> kept;
  for (const auto& [key, proposal] : best) {
    const auto a_id = index.id(proposal.a);
    const auto b_id = index.id(proposal.b);
    if (components.joined(index.row(proposal.a), index.row(proposal.b))) continue;
    const auto judgement = judged.find({a_id, b_id});
    if (judgement != judged.end() && judgement->second.decision != graph::Decision::Unsure)
      continue;
    kept.push_back(&proposal);
  }
  std::sort(kept.begin(), kept.end(), [&](const Proposal* x, const Proposal* y) {
    if (x->candidate.score.score != y->candidate.score.score)
      return x->candidate.score.score > y->candidate.score.score;
    return std::pair(index.id(x->a), index.id(x->b)) < std::pair(index.id(y->a), index.id(y->b));
  });
  nlohmann::json pairs = nlohmann::json::array();
  for (std::size_t i = 0; i < kept.size() && i < options.limit; ++i) {
    const auto& proposal = *kept[i];
    auto side = [&](std::size_t record, const std::string& matched_name) {
      const auto& entry = names.record(record);
      return nlohmann::json{{"id", entry.id},
                            {"name", entry.names.front()},
                            {"kind", entry.qualifiers.kind},
                            {"country", entry.qualifiers.country},
                            {"matched_name", matched_name}};
    };
    nlohmann::json pair = {
        {"a", side(proposal.a, proposal.a_name)},
        {"b", side(proposal.b, names.record(proposal.b).names.at(proposal.candidate.name))},
        {"score", proposal.candidate.score.score}};
    pair.update(explanation_json(proposal.candidate.score));
    if (const auto judgement = judged.find({index.id(proposal.a), index.id(proposal.b)});
        judgement != judged.end()) {
      pair["judgement"] = {{"id", judgement->second.id},
                           {"decision", graph::to_string(judgement->second.decision)}};
    }
    pairs.push_back(std::move(pair));
  }
  return {{"threshold", options.threshold},
          {"entities", index.size()},
          {"candidate_pairs_scored", names.counts().candidate_records},
          {"proposals", kept.size()},
          {"pairs", pairs}};
}

nlohmann::json judge_command(const std::filesystem::path& database, const std::string& a_text,
                             const std::string& b_text, graph::Decision decision,
                             const std::string& judged_by, const graph::KeySource& keys) {
  auto store = open_store(database, keys);
  const graph::Disclosure disclosure{&store, false, false};
  const auto a = find_entity(store, a_text);
  const auto b = find_entity(store, b_text);
  if (a.record.id == b.record.id) throw Error("an entity cannot be judged against itself");
  // The judgement would tie the witness to a name, in the store and in every list of judgements.
  if (a.record.is_protected != b.record.is_protected) {
    throw Error(
        "a protected record cannot be judged against an unprotected one: the judgement would name "
        "the witness");
  }
  if (const auto existing = store.active_judgement(a.record.id, b.record.id)) {
    if (existing->decision == decision) {
      custody::record_command(store,
                              judge_entry("judge", judged_by, *existing, " (already recorded)"),
                              custody::WhenUnrecordable::Warn);
      return {{"judgement", judgement_json(disclosure, store, *existing)}, {"changed", false}};
    }
    throw Error(fmt::format(
        "this pair is already judged {} (judgement #{}); undo that first: flgraph judge --undo {}",
        graph::to_string(existing->decision), existing->id, existing->id));
  }
  // No score for a protected person: its explanation would spell out the name's tokens.
  std::optional<NameScore> score;
  if (!a.record.is_protected && !b.record.is_protected) {
    const auto index = StoreNameIndex::load(store);
    score = pair_score(index, a.record, b.record);
  }

  graph::JudgementRecord judgement;
  judgement.entity_a = a.record.id;
  judgement.entity_b = b.record.id;
  judgement.decision = decision;
  judgement.judged_by = judged_by.empty() ? custody::current_user() : judged_by;
  judgement.judged_at = custody::utc_now();
  if (score) judgement.score = score->score;

  auto txn = store.begin();
  judgement.id = store.insert_judgement(judgement);
  // A same_as that came with the data stays whatever the decision: it has its own source.
  const auto existing_link = same_as_between(store, a, b);
  if (decision == graph::Decision::Positive) {
    if (!existing_link) {
      // The pair in id order, so the same decision always names the same relation.
      const bool forward = a.record.id < b.record.id;
      graph::RelationRecord relation;
      relation.src = forward ? a.record.id : b.record.id;
      relation.dst = forward ? b.record.id : a.record.id;
      relation.kind = graph::RelationKind::SameAs;
      relation.confidence = 1.0;  // an analyst accepted the match
      relation.id = graph::derive_relation_id(relation);
      nlohmann::json attributes = {{"judgement", judgement.id},
                                   {"judged_by", judgement.judged_by},
                                   {"judged_at", judgement.judged_at}};
      if (judgement.score) attributes["match_score"] = *judgement.score;
      relation.attributes_json = attributes.dump();
      const auto src = forward ? a.row : b.row;
      const auto dst = forward ? b.row : a.row;
      if (store.upsert_relation(relation, src, dst).second == graph::UpsertOutcome::Conflicting) {
        throw Error(fmt::format("relation id {} already names another relation",
                                quote_for_message(relation.id)));
      }
      store.set_judgement_relation(judgement.id, relation.id);
      judgement.relation = relation.id;
    }
  }
  // In the judgement's own transaction: the decision and its record stand or fall together.
  custody::append_audit(store, judge_entry("judge", judgement.judged_by, judgement, ""));
  txn.commit();

  const auto stored = store.judgement(judgement.id);
  nlohmann::json out = {
      {"judgement", judgement_json(disclosure, store, stored ? *stored : judgement)},
      {"changed", true}};
  if (existing_link) out["already_linked_by"] = existing_link->record.id;
  if (score) out.update(explanation_json(*score));
  return out;
}

nlohmann::json undo_judgement_command(const std::filesystem::path& database, std::int64_t id,
                                      const std::string& undone_by, const graph::KeySource& keys) {
  auto store = open_store(database, keys);
  const graph::Disclosure disclosure{&store, false, false};
  const auto judgement = store.judgement(id);
  if (!judgement) throw NotFoundError(fmt::format("no judgement #{}", id));
  if (judgement->undone) {
    throw Error(fmt::format("judgement #{} was already undone by {} at {}", id,
                            judgement->undone_by, judgement->undone_at));
  }
  auto txn = store.begin();
  const bool removed = !judgement->relation.empty() && store.delete_relation(judgement->relation);
  store.mark_judgement_undone(id, undone_by.empty() ? custody::current_user() : undone_by,
                              custody::utc_now());
  const auto stored = store.judgement(id);
  custody::append_audit(store, judge_entry("judge --undo", stored->undone_by, *stored, ""));
  txn.commit();
  return {{"judgement", judgement_json(disclosure, store, *stored)},
          {"changed", true},
          {"removed_relation", removed ? nlohmann::json(judgement->relation) : nlohmann::json()}};
}

}  // namespace flgraph::commands
