// graph/protection.h: keeps witnesses and protected sources out of every output (DESIGN.md, Protection).
#pragma once
#include <string>
#include <string_view>

#include "graph/records.h"

namespace flgraph::graph {

// A stable pseudonym: "W-" plus a short keyed hash (HMAC-SHA-256 under the database's own key),
// so the same witness has the same pseudonym in every output of one database, and the id cannot
// be recovered or confirmed by anyone without the key.
std::string pseudonym(std::string_view key, std::string_view id);

// What an output may show. Sources are revealed only on the user's explicit request; protected
// persons are never revealed by name, whatever the request.
struct Disclosure {
  std::string key;              // the store's pseudonym key
  bool reveal_sources = false;  // --reveal-protected

  bool hides(const SourceRecord& source) const {
    return source.access == Access::Protected && !reveal_sources;
  }
  // The id/name an output prints for an entity.
  std::string entity_id(std::string_view id, bool is_protected) const;
  std::string entity_name(std::string_view id, std::string_view name, bool is_protected) const;
  // A copy of the source with everything identifying replaced when it must stay hidden.
  SourceRecord source(const SourceRecord& source) const;
  // A copy of the claim with its source id and quote hidden when the source must stay hidden.
  ClaimRecord claim(const ClaimRecord& claim, const SourceRecord& source) const;
};

}  // namespace flgraph::graph
