// serve/api_routes.cpp: parameters in, commands/ call, JSON out (api_routes.h).
#include "serve/api_routes.h"

#include <charconv>
#include <cmath>
#include <optional>
#include <set>
#include <type_traits>
#include <utility>
#include <vector>

#include "commands/exposure_commands.h"
#include "commands/read_commands.h"
#include "commands/resolve_commands.h"
#include "graph/errors.h"
#include "graph/model.h"
#include "graph/utf8.h"
#include "resolve/qualifiers.h"

namespace flgraph::serve {
namespace {

// A canvas expands a hub a screenful at a time; the rest is counted, and asked for with a higher
// per_kind.
constexpr std::size_t kDefaultNeighboursPerKind = 25;
constexpr std::size_t kMaxNeighboursPerKind = 5000;

// A parameter the request got wrong: 400, naming it.
class BadParameter : public Error {
 public:
  BadParameter(std::string name, const std::string& message)
      : Error(message), name_(std::move(name)) {}
  const std::string& name() const { return name_; }

 private:
  std::string name_;
};

class Reader {
 public:
  Reader(const Parameters& parameters, const std::set<std::string>& known)
      : parameters_(parameters) {
    for (const auto& [name, value] : parameters) {
      if (!known.contains(name)) throw BadParameter(name, "unknown parameter " + quote(name));
      if (parameters.count(name) > 1) throw BadParameter(name, "parameter given twice");
    }
  }

  std::optional<std::string> text(const std::string& name) const {
    const auto found = parameters_.find(name);
    if (found == parameters_.end()) return std::nullopt;
    // Answers echo what was asked, and JSON holds only UTF-8.
    if (!is_valid_utf8(found->second))
      throw BadParameter(name, "parameter " + quote(name) + " is not valid UTF-8");
    return found->second;
  }

  std::string required(const std::string& name) const {
    auto value = text(name);
    if (!value || value->empty()) throw BadParameter(name, "missing parameter " + quote(name));
    return *value;
  }

  template <typename Number>
  std::optional<Number> number(const std::string& name, Number low, Number high) const {
    const auto value = text(name);
    if (!value) return std::nullopt;
    Number parsed{};
    const auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), parsed);
    // NaN passes every comparison below as false: refuse it (and infinities) by name.
    bool finite = true;
    if constexpr (std::is_floating_point_v<Number>) finite = std::isfinite(parsed);
    if (error != std::errc() || end != value->data() + value->size() || !finite || parsed < low ||
        parsed > high) {
      throw BadParameter(name, "parameter " + quote(name) + " must be a number from " +
                                   std::to_string(low) + " to " + std::to_string(high) + " (got " +
                                   quote_for_message(*value) + ")");
    }
    return parsed;
  }

  std::optional<graph::Date> date(const std::string& name) const {
    const auto value = text(name);
    if (!value) return std::nullopt;
    if (auto date = graph::parse_date(*value)) return date;
    throw BadParameter(name, "parameter " + quote(name) + " must be a date YYYY-MM-DD (got " +
                                 quote_for_message(*value) + ")");
  }

  bool flag(const std::string& name) const {
    const auto value = text(name);
    if (!value || *value == "false") return false;
    if (*value == "true") return true;
    throw BadParameter(name, "parameter " + quote(name) + " must be true or false");
  }

 private:
  static std::string quote(const std::string& name) { return quote_for_message(name); }
  const Parameters& parameters_;
};

// The walk filters `trace` and `paths` share, with the CLI's bounds.
void read_walk(const Reader& in, queries::TraceOptions& options) {
  if (auto hops = in.number<int>("max_hops", 1, commands::kMaxWalkHops)) options.max_hops = *hops;
  if (auto confidence = in.number<double>("min_confidence", 0.0, 1.0))
    options.min_confidence = *confidence;
  if (auto kinds = in.text("kinds")) {
    try {
      options.kinds = commands::parse_trace_kinds(*kinds);
    } catch (const commands::UsageError& e) {
      throw BadParameter("kinds", e.what());
    }
  }
  options.from_date = in.date("from_date");
  options.to_date = in.date("to_date");
  if (options.from_date && options.to_date && *options.to_date < *options.from_date)
    throw BadParameter("to_date", "parameter \"to_date\" is before \"from_date\"");
}

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
  const Reader in(parameters, {"from", "max_hops", "min_confidence", "kinds", "from_date",
                               "to_date", "temporal"});
  queries::TraceOptions options;
  read_walk(in, options);
  options.temporal = in.flag("temporal");
  return commands::trace_command(read, in.required("from"), options);
}

nlohmann::json paths(const commands::ReadOptions& read, const Parameters& parameters) {
  const Reader in(parameters, {"from", "to", "max_hops", "min_confidence", "kinds", "from_date",
                               "to_date", "limit"});
  queries::PathsOptions options;
  read_walk(in, options.walk);
  if (auto limit = in.number<std::size_t>("limit", 1, 1000)) options.limit = *limit;
  return commands::paths_command(read, in.required("from"), in.text("to").value_or(""), options);
}

nlohmann::json exposure(const commands::ReadOptions& read, const Parameters& parameters) {
  const Reader in(parameters, {"id", "max_hops", "min_confidence", "decay", "tolerance_days"});
  queries::ExposureOptions options;
  if (auto hops = in.number<int>("max_hops", 1, commands::kMaxExposureHops))
    options.max_hops = *hops;
  if (auto confidence = in.number<double>("min_confidence", 0.0, 1.0))
    options.min_confidence = *confidence;
  if (auto decay = in.number<double>("decay", 0.0, 1.0)) options.decay_per_hop = *decay;
  if (auto days = in.number<int>("tolerance_days", 0, commands::kMaxToleranceDays))
    options.tolerance_days = *days;
  return commands::exposure_command(read, in.required("id"), options);
}

nlohmann::json error_body(const std::string& message) { return {{"error", message}}; }

}  // namespace

ApiContext::ApiContext(commands::ReadOptions read_options)
    : read(std::move(read_options)), names(read.database, "") {}

ApiAnswer answer_api(const ApiContext& context, std::string_view endpoint,
                     const Parameters& parameters) {
  const auto& read = context.read;
  try {
    if (endpoint == "stats") {
      Reader(parameters, {});
      return {200, commands::stats_command(read)};
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
    return {404, error_body("unknown endpoint")};
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

}  // namespace flgraph::serve
