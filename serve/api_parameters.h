// serve/api_parameters.h: reading a request's parameters, each error naming the parameter (400).
#pragma once
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

#include "graph/errors.h"
#include "graph/model.h"
#include "queries/exposure.h"
#include "queries/trace.h"

namespace flgraph::serve {

// The decoded query parameters of one request.
using Parameters = std::multimap<std::string, std::string>;

// A parameter the request got wrong: 400, naming it.
class BadParameter : public Error {
 public:
  BadParameter(std::string name, const std::string& message);
  const std::string& name() const { return name_; }

 private:
  std::string name_;
};

// The parameters of one endpoint: an unknown or repeated one is refused when constructed.
class Reader {
 public:
  Reader(const Parameters& parameters, const std::set<std::string>& known);

  // The value as given; it must be UTF-8 (answers echo what was asked, and JSON holds only UTF-8).
  std::optional<std::string> text(const std::string& name) const;
  std::string required(const std::string& name) const;
  std::optional<graph::Date> date(const std::string& name) const;
  bool flag(const std::string& name) const;  // "true" or "false"
  // "a,b,,c" as {"a", "b", "c"}; at most `limit` items.
  std::vector<std::string> list(const std::string& name, std::size_t limit) const;

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
      throw BadParameter(name, "parameter " + quote_for_message(name) + " must be a number from " +
                                   std::to_string(low) + " to " + std::to_string(high) + " (got " +
                                   quote_for_message(*value) + ")");
    }
    return parsed;
  }

 private:
  const Parameters& parameters_;
};

// The walk filters `trace`, `paths` and a traced download share (max_hops, min_confidence,
// kinds, from_date, to_date), with the CLI's bounds.
void read_walk(const Reader& in, queries::TraceOptions& options);
inline const std::set<std::string> kWalkParameters = {"max_hops", "min_confidence", "kinds",
                                                      "from_date", "to_date"};

// The exposure options `exposure`, `screen` and a brief share (max_hops, min_confidence, decay,
// tolerance_days), with the CLI's bounds.
void read_exposure(const Reader& in, queries::ExposureOptions& options);
inline const std::set<std::string> kExposureParameters = {"max_hops", "min_confidence", "decay",
                                                          "tolerance_days"};

// `known` and `more` together: an endpoint's parameters.
std::set<std::string> with(std::set<std::string> known, const std::set<std::string>& more);

}  // namespace flgraph::serve
