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
// True for text shaped like a pseudonym ("W-" plus ten lowercase hex digits). A protected record
// imported from an export already carries one as its id; it is kept as it is rather than hashed
// again under the new database's key, so re-importing a bundle and exporting it again gives the
// same bytes (DESIGN.md, Protection).
bool is_pseudonym(std::string_view text);
// The pseudonym of a protected record: its id when that already is one, else pseudonym(key, id).
std::string protected_id(std::string_view key, std::string_view id);

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
  // A relation id: derived ids embed endpoint ids, so they are hidden when an endpoint is protected.
  std::string relation_id(std::string_view id, bool touches_protected) const;
  // A copy of the source with everything identifying replaced when it must stay hidden.
  SourceRecord source(const SourceRecord& source) const;
  // A copy of the claim with its source id and quote hidden when the source must stay hidden.
  ClaimRecord claim(const ClaimRecord& claim, const SourceRecord& source) const;
};

}  // namespace flgraph::graph
