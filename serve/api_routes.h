// serve/api_routes.h: the API's questions, each answered by the commands/ call the CLI's --json
// makes, so the API and the CLI give the same JSON for the same question.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "commands/read_options.h"

namespace flgraph::serve {

// The decoded query parameters of one request.
using Parameters = std::multimap<std::string, std::string>;

struct ApiAnswer {
  int status = 200;
  nlohmann::json body;
};

// GET /api/<endpoint>?<parameters>:
//   stats                                  as `stats --json`
//   entity?id=                             as `show ID --json`
//   search?q=[&kind=&country=&limit=]      as `match NAME --json` (every script; best first)
//   trace?from=[&max_hops=&min_confidence=&kinds=&from_date=&to_date=&temporal=]
//                                          as `trace FROM --json`
//   paths?from=[&to=&max_hops=&limit=]     as `paths FROM [--to TO] --json`
// A missing, repeated, unknown or malformed parameter is 400 and names it; an unknown id is 404
// with the closest ids; an unknown endpoint 404; anything else 500 with no detail (the message
// could hold what the request must not see).
ApiAnswer answer_api(const commands::ReadOptions& read, std::string_view endpoint,
                     const Parameters& parameters);

}  // namespace flgraph::serve
