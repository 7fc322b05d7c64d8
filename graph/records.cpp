// graph/records.cpp: derived identifiers of records.
#include "graph/records.h"

namespace flgraph::graph {

namespace {

// The one rule for a derived relation id, SRC-KIND->DST[@DATE], given to `take` part by part.
template <typename Take>
bool each_part_of_derived_id(const RelationRecord& relation, Take take) {
  if (!(take(relation.src) && take("-") && take(to_string(relation.kind)) && take("->") &&
        take(relation.dst)))
    return false;
  return !relation.valid.from || (take("@") && take(date_text(*relation.valid.from).view()));
}

}  // namespace

std::string derive_relation_id(const RelationRecord& relation) {
  std::string id;
  each_part_of_derived_id(relation, [&](std::string_view part) {
    id += part;
    return true;
  });
  return id;
}

bool has_derived_id(const RelationRecord& relation) {
  std::string_view rest = relation.id;
  return each_part_of_derived_id(relation,
                                 [&](std::string_view part) {
                                   if (!rest.starts_with(part)) return false;
                                   rest.remove_prefix(part.size());
                                   return true;
                                 }) &&
         rest.empty();
}

}  // namespace flgraph::graph
