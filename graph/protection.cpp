// graph/protection.cpp: pseudonyms and what an output shows of protected records.
#include "graph/protection.h"

#include <fmt/format.h>

#include "graph/errors.h"
#include "graph/keyring.h"
#include "graph/store.h"

namespace flgraph::graph {
namespace {

constexpr std::size_t kTagHexDigits = 10;

bool is_tag(std::string_view text, std::string_view prefix) {
  if (text.size() != prefix.size() + kTagHexDigits || text.substr(0, prefix.size()) != prefix)
    return false;
  for (const char c : text.substr(prefix.size())) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// The store keeps a protected record under its pseudonym; anything else reaching an output is a
// broken invariant, shown as nothing rather than as the clear id.
std::string shown_pseudonym(std::string_view id) {
  if (!is_pseudonym(id))
    throw Error("internal error: a protected record without its pseudonym reached an output");
  return std::string(id);
}

}  // namespace

std::string pseudonym(std::string_view key, std::string_view id) {
  return "W-" + pseudonym_tag(key, id);
}

bool is_pseudonym(std::string_view text) { return is_tag(text, "W-"); }

std::string locator_tag(std::string_view key, std::string_view locator) {
  return "L-" + pseudonym_tag(key, fmt::format("locator\x1f{}", locator));
}

bool is_locator_tag(std::string_view text) { return is_tag(text, "L-"); }

std::string Disclosure::entity_id(std::string_view id, bool is_protected) const {
  return is_protected ? shown_pseudonym(id) : std::string(id);
}

std::string Disclosure::entity_name(std::string_view id, std::string_view name,
                                    bool is_protected) const {
  return is_protected ? fmt::format("protected person {}", shown_pseudonym(id)) : std::string(name);
}

std::string Disclosure::relation_id(std::string_view id, bool touches_protected) const {
  return touches_protected ? shown_pseudonym(id) : std::string(id);
}

SourceRecord Disclosure::source(const SourceRecord& source) const {
  if (source.access != Access::Protected) return source;
  if (reveal_sources && store != nullptr) return store->revealed_source(source);
  SourceRecord out;
  out.id = shown_pseudonym(source.id);
  out.title = "protected source " + out.id;
  out.kind = source.kind;
  out.reliability = source.reliability;
  out.access = source.access;
  return out;
}

ClaimRecord Disclosure::claim(const StoredClaim& stored) const {
  ClaimRecord out = stored.claim;
  const bool revealable = reveal_sources && store != nullptr &&
                          stored.source.access == Access::Protected &&
                          !is_pseudonym(stored.claim.fact) && !stored.sealed.empty();
  if (stored.source.access == Access::Protected) {
    out.source =
        revealable ? store->revealed_source(stored.source).id : shown_pseudonym(stored.source.id);
  }
  if (revealable) {
    const auto part = store->revealed_claim(stored);
    out.locator = part.locator;
    out.quote = part.quote;
    out.recorded_by = part.recorded_by;
    out.recorded_on = part.recorded_on;
  }
  return out;
}

}  // namespace flgraph::graph
