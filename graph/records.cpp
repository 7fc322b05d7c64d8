// graph/records.cpp: derived identifiers of records.
#include "graph/records.h"

namespace flgraph::graph {

std::string derive_relation_id(const RelationRecord& relation) {
  std::string id = relation.src;
  id += '-';
  id += to_string(relation.kind);
  id += "->";
  id += relation.dst;
  if (relation.valid.from) {
    id += '@';
    id += format_date(*relation.valid.from);
  }
  return id;
}

}  // namespace flgraph::graph
