// graph/sealed_record.h: what the store seals of each protected record, and how a later
// import's values merge into it. The clear columns of a sealed row hold only its pseudonym and
// what queries need (kind, grades, dates of relations); everything identifying is in here.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "graph/records.h"

namespace flgraph::graph {

// A protected entity as the data gave it, designations included.
struct SealedEntity {
  EntityRecord record;
  std::vector<DesignationRecord> designations;

  std::string to_json() const;
  static SealedEntity from_json(std::string_view text);  // throws SealError on a bad payload
  // A later import of the same entity: empty text never erases, aliases and designations add
  // up, attributes merge, dates replace (the same rules as for clear records).
  void merge(const EntityRecord& incoming);
  void add_designation(const DesignationRecord& designation);
};

std::string source_payload(const SourceRecord& source);
SourceRecord source_from_payload(std::string_view text, const SourceRecord& clear_part);
// Empty text never erases a known value.
SourceRecord merge_source(SourceRecord existing, const SourceRecord& incoming);

struct SealedClaimPart {
  std::string locator;
  std::string quote;
  std::string recorded_by;
  std::optional<Date> recorded_on;
};
std::string claim_payload(const ClaimRecord& claim);
SealedClaimPart claim_part_from_payload(std::string_view text);

// A relation touching a protected entity: its id and attributes are sealed. A same_as between
// a protected and an unprotected record is sealed whole (it would name the witness).
std::string relation_payload(const RelationRecord& relation);
RelationRecord relation_from_payload(std::string_view text);

// Contexts authenticated with each sealed value: a value moved to another row does not open.
std::string entity_context(std::string_view pseudonym);
std::string source_context(std::string_view pseudonym);
std::string relation_context(std::string_view pseudonym);
std::string claim_context(std::string_view locator_tag);
std::string document_context(std::string_view document_tag);

}  // namespace flgraph::graph
