// serve/api_routes.h: the API's questions, each answered by the commands/ call the CLI's --json
// makes, so the API and the CLI give the same JSON for the same question.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "commands/read_options.h"
#include "commands/resolve_commands.h"

namespace flgraph::serve {

// The decoded query parameters of one request.
using Parameters = std::multimap<std::string, std::string>;

// What the answers read: the store, opened per request as the CLI opens it, and the store's
// names as an index, built once when the server starts (a name search then costs milliseconds,
// not the seconds of reading every name). The index holds no protected record.
struct ApiContext {
  explicit ApiContext(commands::ReadOptions read_options);
  commands::ReadOptions read;
  commands::StoreMatcher names;
};

struct ApiAnswer {
  int status = 200;
  nlohmann::json body;
};

// GET /api/<endpoint>?<parameters>:
//   stats                                  as `stats --json`
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
// A missing, repeated, unknown or malformed parameter is 400 and names it; an unknown id is 404
// with the closest ids; an unknown endpoint 404; anything else 500 with no detail (the message
// could hold what the request must not see).
ApiAnswer answer_api(const ApiContext& context, std::string_view endpoint,
                     const Parameters& parameters);

}  // namespace flgraph::serve
