// viz/bundle_sourcing.h: what each fact of a JSON bundle rests on. One rule, used by export (its
// summary and INDEX.md) and by verify, so the two can never disagree about a gap.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace flgraph::viz {

// A fact's sources are the sources in the bundle of its claims. A relation has its own claims
// only; an entity also rests on the sources of the relations it takes part in (they name it).
// The report lists each fact, as {"kind": "entity"|"relation", "id"}, that rests
//   - "no_source": on no source in the bundle;
//   - "only_graded_e_or_f": only on sources whose reliability is E (unreliable) or F (cannot be
//   judged);
//   - "only_protected": only on protected sources (witness testimony and the like).
// A fact can be in both of the last two lists. "gaps" counts the facts in any list, "facts" all
// entities and relations. Lists keep the bundle's order (entities, then relations, each by id).
// Tolerates any JSON: what is not an object or an array counts as absent.
nlohmann::json sourcing_report(const nlohmann::json& bundle);

// The report as lines for a terminal: one summary line, then up to a screenful of facts per list
// ("--json lists them all"). Ids are quoted and escaped.
std::string sourcing_text(const nlohmann::json& report);

}  // namespace flgraph::viz
