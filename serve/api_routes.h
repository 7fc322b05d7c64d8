// serve/api_routes.h: the API's questions, each answered by the commands/ call the CLI's --json
// makes, so the API and the CLI give the same JSON for the same question.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "commands/read_options.h"
#include "commands/resolve_commands.h"
#include "serve/api_answer.h"
#include "serve/api_parameters.h"
#include "serve/background_lane.h"

namespace flgraph::serve {

// What the answers read: the store, opened per request as the CLI opens it, and the store's
// names as an index, built once when the server starts (a name search then costs milliseconds,
// not the seconds of reading every name). The index holds no protected record.
struct ApiContext {
  ApiContext(commands::ReadOptions read_options, bool read_only);
  commands::ReadOptions read;
  commands::StoreMatcher names;
  bool read_only = false;  // judgements refused (403)
  // stats, trace, paths, exposure, review, screen and downloads: answered in the lane.
  mutable BackgroundLane long_questions{default_long_question_slots()};
};

struct ApiRequest {
  std::string_view method;  // "GET" or "POST"
  std::string_view endpoint;
  const Parameters& parameters;
  std::string_view body;  // POST only: the uploaded file
};

// GET /api/<endpoint>?<parameters>:
//   stats                                  as `stats --json`
//   server                                 {"read_only", "reveal_protected"}: how it was started
//   entity?id=                             as `show ID --json`
//   search?q=[&kind=&country=&limit=]      as `match NAME --json` (every script; best first),
//                                          against the names as they were at start
//   trace?from=[&max_hops=&min_confidence=&kinds=&from_date=&to_date=&temporal=]
//                                          as `trace FROM --json`
//   paths?from=[&to=&max_hops=&limit=]     as `paths FROM [--to TO] --json`
//   neighbours?id=[&per_kind=25]           as `show ID --per-kind N --json`: its relations, at
//                                          most per_kind of each kind and direction, the rest
//                                          counted in relations_omitted
//   exposure?id=[&max_hops=&min_confidence=&decay=&tolerance_days=]
//                                          as `exposure ID --json`
//   review?[threshold=&limit=]             as `resolve --json`: candidate pairs to judge
//   download?format=...                    a file of the selection (download.h)
// POST /api/<endpoint>?<parameters>:
//   screen?[country=&threshold=&max_hops=&min_confidence=&decay=&tolerance_days=], body a
//                                          supplier CSV: as `screen FILE --json`
//   judge?a=&b=&decision=positive|negative|unsure   as `judge A B DECISION --json`
//   undo?id=                               as `judge --undo ID --json`
//   download?format=..., body the ids one a line: a selection too large for an address
// judge and undo are 403 on a read-only server. A missing, repeated, unknown or malformed
// parameter is 400 and names it; an unknown id is 404 with the closest ids; an unknown endpoint
// 404; the wrong method 405; anything else 500 with no detail (the message could hold what the
// request must not see).
ApiAnswer answer_api(const ApiContext& context, const ApiRequest& request);

}  // namespace flgraph::serve
