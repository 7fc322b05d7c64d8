// serve/api_parameters.cpp: the parameter reader (api_parameters.h).
#include "serve/api_parameters.h"

#include <algorithm>
#include <utility>

#include "commands/exposure_commands.h"
#include "commands/read_commands.h"
#include "graph/utf8.h"

namespace flgraph::serve {

BadParameter::BadParameter(std::string name, const std::string& message)
    : Error(message), name_(std::move(name)) {}

Reader::Reader(const Parameters& parameters, const std::set<std::string>& known)
    : parameters_(parameters) {
  for (const auto& [name, value] : parameters) {
    if (!known.contains(name))
      throw BadParameter(name, "unknown parameter " + quote_for_message(name));
    if (parameters.count(name) > 1) throw BadParameter(name, "parameter given twice");
  }
}

std::optional<std::string> Reader::text(const std::string& name) const {
  const auto found = parameters_.find(name);
  if (found == parameters_.end()) return std::nullopt;
  if (!is_valid_utf8(found->second))
    throw BadParameter(name, "parameter " + quote_for_message(name) + " is not valid UTF-8");
  return found->second;
}

std::string Reader::required(const std::string& name) const {
  auto value = text(name);
  if (!value || value->empty())
    throw BadParameter(name, "missing parameter " + quote_for_message(name));
  return *value;
}

std::optional<graph::Date> Reader::date(const std::string& name) const {
  const auto value = text(name);
  if (!value) return std::nullopt;
  if (auto date = graph::parse_date(*value)) return date;
  throw BadParameter(name, "parameter " + quote_for_message(name) +
                               " must be a date YYYY-MM-DD (got " + quote_for_message(*value) +
                               ")");
}

bool Reader::flag(const std::string& name) const {
  const auto value = text(name);
  if (!value || *value == "false") return false;
  if (*value == "true") return true;
  throw BadParameter(name, "parameter " + quote_for_message(name) + " must be true or false");
}

std::vector<std::string> Reader::list(const std::string& name, std::size_t limit) const {
  std::vector<std::string> items;
  const auto value = text(name);
  if (!value) return items;
  for (std::size_t start = 0; start <= value->size();) {
    const auto end = std::min(value->find(',', start), value->size());
    if (end > start) items.push_back(value->substr(start, end - start));
    start = end + 1;
  }
  if (items.size() > limit) {
    throw BadParameter(name, "parameter " + quote_for_message(name) + " lists more than " +
                                 std::to_string(limit) + " items");
  }
  return items;
}

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

void read_exposure(const Reader& in, queries::ExposureOptions& options) {
  if (auto hops = in.number<int>("max_hops", 1, commands::kMaxExposureHops))
    options.max_hops = *hops;
  if (auto confidence = in.number<double>("min_confidence", 0.0, 1.0))
    options.min_confidence = *confidence;
  if (auto decay = in.number<double>("decay", 0.0, 1.0)) options.decay_per_hop = *decay;
  if (auto days = in.number<int>("tolerance_days", 0, commands::kMaxToleranceDays))
    options.tolerance_days = *days;
}

std::set<std::string> with(std::set<std::string> known, const std::set<std::string>& more) {
  known.insert(more.begin(), more.end());
  return known;
}

}  // namespace flgraph::serve
