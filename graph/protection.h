// graph/protection.h: the one rule that keeps witnesses and protected sources out of every
// output (docs/PROTECTION.md, "How"). The store applies it at rest: a protected record is kept as
// its pseudonym with everything identifying sealed (graph/sealed_record.h), so whatever reads
// the store reads the redacted record. Disclosure is the only way back, with the key.
#pragma once
#include <string>
#include <string_view>

#include "graph/records.h"

namespace flgraph::graph {

class Store;
struct StoredClaim;

// A stable pseudonym: "W-" plus a short keyed hash (HMAC-SHA-256 under the database's own key),
// so the same witness has the same pseudonym in every output of one database, and the id cannot
// be recovered or confirmed by anyone without the key.
std::string pseudonym(std::string_view key, std::string_view id);
// True for text shaped like a pseudonym ("W-" plus ten lowercase hex digits). Such ids are
// reserved for protected records: a protected record imported from an export keeps its
// pseudonym, so re-importing a bundle and exporting it again gives the same bytes.
bool is_pseudonym(std::string_view text);
// The stored locator of a claim on protected material: "L-" plus ten hex digits, keyed like a
// pseudonym so a re-import finds the same claim.
std::string locator_tag(std::string_view key, std::string_view locator);
bool is_locator_tag(std::string_view text);

// What an output may show. Sources are revealed only on the user's explicit request and with
// the key; protected persons are never revealed by name, whatever the request.
struct Disclosure {
  const Store* store = nullptr;  // opens revealed sources; unused while nothing is revealed
  bool reveal_sources = false;   // --reveal-protected
  // `show W-… --reveal-witness`: the one record of one witness, asked for by its pseudonym.
  bool reveal_witness = false;

  bool hides(const SourceRecord& source) const {
    return source.access == Access::Protected && !reveal_sources;
  }
  // The id/name an output prints for an entity: the store keeps protected ones as pseudonyms.
  std::string entity_id(std::string_view id, bool is_protected) const;
  std::string entity_name(std::string_view id, std::string_view name, bool is_protected) const;
  // A relation id: one touching a protected record is kept as a pseudonym too.
  std::string relation_id(std::string_view id, bool touches_protected) const;
  // The source as an output shows it: its pseudonym and grades, or, revealed, the real record.
  SourceRecord source(const SourceRecord& source) const;
  // The claim as an output shows it; revealed only for a protected source's claims on facts
  // that name no protected person.
  ClaimRecord claim(const StoredClaim& claim) const;
};

}  // namespace flgraph::graph
