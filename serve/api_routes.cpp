// serve/api_routes.cpp: parameters in, commands/ call, JSON out (api_routes.h).
#include "serve/api_routes.h"

#include <malloc.h>

#include <algorithm>
#include <cstdint>
#include <utility>

#include "commands/exposure_commands.h"
#include "commands/read_commands.h"
#include "commands/resolve_commands.h"
#include "graph/errors.h"
#include "graph/model.h"
#include "resolve/qualifiers.h"
#include "serve/download.h"

namespace flgraph::serve {
namespace {

// A canvas expands a hub a screenful at a time; the rest is counted, and asked for with a higher
// per_kind.
constexpr std::size_t kDefaultNeighboursPerKind = 25;
constexpr std::size_t kMaxNeighboursPerKind = 5000;

nlohmann::json search(const ApiContext& context, const Parameters& parameters) {
  const Reader in(parameters, {"q", "kind", "country", "limit"});
  commands::MatchOptions options;
  options.kind = in.text("kind").value_or("");
  if (!options.kind.empty() && !resolve::is_known_kind(options.kind))
    throw BadParameter("kind", "unknown kind " + quote_for_message(options.kind));
  options.country = in.text("country").value_or("");
  if (auto limit = in.number<std::size_t>("limit", 1, 100)) options.limit = *limit;
  try {
    const std::string query = in.required("q");
    // The store as it is now: a record sealed since the server started is no candidate.
    const auto store = commands::open_store(context.read);
    return context.names.match(query, options, &store);
  } catch (const commands::UsageError& e) {
    throw BadParameter("country", e.what());  // the only option match_command checks itself
  }
}

nlohmann::json trace(const commands::ReadOptions& read, const Parameters& parameters) {
  const Reader in(parameters, with({"from", "temporal"}, kWalkParameters));
  queries::TraceOptions options;
  read_walk(in, options);
  options.temporal = in.flag("temporal");
  return commands::trace_command(read, in.required("from"), options);
}

nlohmann::json paths(const commands::ReadOptions& read, const Parameters& parameters) {
  const Reader in(parameters, with({"from", "to", "limit"}, kWalkParameters));
  queries::PathsOptions options;
  read_walk(in, options.walk);
  if (auto limit = in.number<std::size_t>("limit", 1, 1000)) options.limit = *limit;
  return commands::paths_command(read, in.required("from"), in.text("to").value_or(""), options);
}

nlohmann::json exposure(const commands::ReadOptions& read, const Parameters& parameters) {
  const Reader in(parameters, with({"id"}, kExposureParameters));
  queries::ExposureOptions options;
  read_exposure(in, options);
  return commands::exposure_command(read, in.required("id"), options);
}

nlohmann::json review(const commands::ReadOptions& read, const Parameters& parameters) {
  const Reader in(parameters, {"threshold", "limit"});
  commands::ResolveOptions options;
  if (auto threshold = in.number<double>("threshold", 0.0, 1.0)) options.threshold = *threshold;
  if (auto limit = in.number<std::size_t>("limit", 1, 1000)) options.limit = *limit;
  return commands::resolve_command(read.database, options);
}

// The body is the list: errors name it as the uploaded file, with its line and field.
nlohmann::json screen(const commands::ReadOptions& read, const ApiRequest& request) {
  const Reader in(request.parameters, with({"country", "threshold"}, kExposureParameters));
  viz::ScreenRequest screen;
  screen.file = "uploaded list";
  screen.match_threshold =
      in.number<double>("threshold", 0.0, 1.0).value_or(resolve::kDefaultMatchThreshold);
  read_exposure(in, screen.exposure);
  if (request.body.empty()) throw BadParameter("body", "the request has no supplier list");
  try {
    return commands::screen_upload_command(read, std::string(request.body),
                                           in.text("country").value_or(""), screen);
  } catch (const commands::UsageError& e) {
    throw BadParameter("country", e.what());  // the only option screen_upload_command checks
  }
}

nlohmann::json judge(const ApiContext& context, const Parameters& parameters) {
  const Reader in(parameters, {"a", "b", "decision"});
  const std::string text = in.required("decision");
  const auto decision = graph::parse_decision(text);
  if (!decision) {
    throw BadParameter("decision", "parameter \"decision\" must be positive, negative or unsure");
  }
  return commands::judge_command(context.read.database, in.required("a"), in.required("b"),
                                 *decision, "", context.read.keys);
}

nlohmann::json undo(const ApiContext& context, const Parameters& parameters) {
  const Reader in(parameters, {"id"});
  const auto id = *in.number<std::int64_t>("id", 1, INT64_MAX);
  return commands::undo_judgement_command(context.read.database, id, "", context.read.keys);
}

nlohmann::json error_body(const std::string& message) { return {{"error", message}}; }

ApiAnswer wrong_method(const char* allow) {
  ApiAnswer answer{405, error_body(std::string("this endpoint takes ") + allow)};
  answer.allow = allow;
  return answer;
}

ApiAnswer answer_get(const ApiContext& context, std::string_view endpoint,
                     const Parameters& parameters) {
  const auto& read = context.read;
  if (endpoint == "stats") {
    Reader(parameters, {});
    return {200, commands::stats_command(read)};
  }
  if (endpoint == "server") {
    Reader(parameters, {});
    return {200, {{"read_only", context.read_only}, {"reveal_protected", read.reveal_protected}}};
  }
  if (endpoint == "entity") {
    const Reader in(parameters, {"id"});
    return {200, commands::show_command(read, in.required("id"))};
  }
  if (endpoint == "neighbours") {
    const Reader in(parameters, {"id", "per_kind"});
    const auto per_kind = in.number<std::size_t>("per_kind", 1, kMaxNeighboursPerKind)
                              .value_or(kDefaultNeighboursPerKind);
    return {200, commands::show_command(read, in.required("id"), per_kind)};
  }
  if (endpoint == "exposure") return {200, exposure(read, parameters)};
  if (endpoint == "search") return {200, search(context, parameters)};
  if (endpoint == "trace") return {200, trace(read, parameters)};
  if (endpoint == "paths") return {200, paths(read, parameters)};
  if (endpoint == "review") return {200, review(read, parameters)};
  if (endpoint == "download") return download(read, parameters);
  if (endpoint == "screen" || endpoint == "judge" || endpoint == "undo")
    return wrong_method("POST");
  return {404, error_body("unknown endpoint")};
}

// A selection too large for an address: its ids in the body, one a line (or comma-separated).
ApiAnswer download_posted(const commands::ReadOptions& read, const ApiRequest& request) {
  if (request.parameters.contains("ids"))
    throw BadParameter("ids", "give the ids in the address or in the body, not both");
  std::string ids(request.body);
  std::replace(ids.begin(), ids.end(), '\n', ',');
  std::replace(ids.begin(), ids.end(), '\r', ',');
  Parameters parameters = request.parameters;
  if (!ids.empty()) parameters.emplace("ids", ids);
  return download(read, parameters);
}

ApiAnswer answer_post(const ApiContext& context, const ApiRequest& request) {
  const auto endpoint = request.endpoint;
  if (endpoint == "screen") return {200, screen(context.read, request)};
  if (endpoint == "download") return download_posted(context.read, request);
  if (endpoint == "judge" || endpoint == "undo") {
    if (context.read_only)
      return {403, error_body("this server was started --read-only: judgements are refused")};
    return {200, endpoint == "judge" ? judge(context, request.parameters)
                                     : undo(context, request.parameters)};
  }
  return wrong_method("GET");
}

}  // namespace

ApiContext::ApiContext(commands::ReadOptions read_options, bool read_only_server)
    : read(std::move(read_options)), names(read.database, ""), read_only(read_only_server) {
  // Building the name index freed far more than it keeps (every name normalised, the postings'
  // growing lists): give those pages back to the system rather than keep them for a server's life.
  malloc_trim(0);
}

namespace {

// The questions whose answer walks the graph or the store rather than one entity.
bool takes_long(std::string_view endpoint) {
  return endpoint == "stats" || endpoint == "trace" || endpoint == "paths" ||
         endpoint == "exposure" || endpoint == "review" || endpoint == "screen" ||
         endpoint == "download";
}

ApiAnswer answer_now(const ApiContext& context, const ApiRequest& request) {
  try {
    return request.method == "POST" ? answer_post(context, request)
                                    : answer_get(context, request.endpoint, request.parameters);
  } catch (const BadParameter& e) {
    auto body = error_body(e.what());
    body["parameter"] = e.name();
    return {400, body};
  } catch (const UnknownEntityError& e) {
    auto body = error_body(e.what());
    body["closest"] = nlohmann::json::array();
    for (const auto& [id, name] : e.closest())
      body["closest"].push_back({{"id", id}, {"name", name}});
    return {404, body};
  } catch (const NotFoundError& e) {
    return {404, error_body(e.what())};
  } catch (const commands::UsageError& e) {
    return {400, error_body(e.what())};
  } catch (const InputError& e) {
    return {400, error_body(e.what())};
  } catch (const std::exception&) {
    return {500, error_body("internal error")};
  }
}

}  // namespace

ApiAnswer answer_api(const ApiContext& context, const ApiRequest& request) {
  if (!takes_long(request.endpoint)) return answer_now(context, request);
  return context.long_questions.run([&] { return answer_now(context, request); });
}

}  // namespace flgraph::serve
