// queries/screen.h: a supplier list screened against the graph: each row resolved to an entity
// (or reported unmatched, never guessed) and scored for exposure.
#pragma once
#include <array>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "queries/exposure.h"

namespace flgraph::queries {

struct SupplierRow {
  std::size_t line = 0;  // in the supplier file, for messages and reports
  std::string name;
  std::string country;  // ISO alpha-2, optional
  std::string id;       // an entity id, optional: wins over the name when it exists
};

// A legitimate organisation the row's name resolved to instead of a listed entity (resolve's
// look-alike list): the row is then unmatched, and says what it is.
struct LookalikeNote {
  std::string id;
  std::string name;
  std::string kind;
  std::string country;
  std::string website;
  std::string source;
  std::string resembles;
  double score = 0.0;
};

// How a row was tied to an entity; the resolver (entity resolution, in resolve/) is
// given by the caller so this library stays free of name matching.
struct Resolution {
  enum class Method { Id, Name, Unmatched };
  Method method = Method::Unmatched;
  std::string entity_id;     // empty when unmatched
  double match_score = 0.0;  // 1 for an id; the matcher's score for a name
  std::string nearest_id;    // unmatched rows: the best candidate below the threshold, if any
  double nearest_score = 0.0;
  std::optional<LookalikeNote> lookalike;  // unmatched rows only
};
using Resolver = std::function<Resolution(const SupplierRow&)>;

struct ScreenedRow {
  SupplierRow input;
  Resolution resolution;
  std::optional<VertexId> vertex;          // none when unmatched
  std::optional<ExposureResult> exposure;  // none when unmatched
};

struct ScreenResult {
  std::vector<ScreenedRow> rows;             // in input order
  std::array<std::size_t, 4> band_counts{};  // indexed by ExposureBand
  std::size_t unmatched = 0;
};

// Resolves every row, then scores each distinct entity once, on `threads` threads. A resolved id
// the graph does not hold counts as unmatched.
ScreenResult screen_suppliers(const graph::QueryGraph& graph, const std::vector<SupplierRow>& rows,
                              const Resolver& resolve, const ExposureOptions& options,
                              unsigned threads = 2);

}  // namespace flgraph::queries
