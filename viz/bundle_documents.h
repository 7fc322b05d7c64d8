// viz/bundle_documents.h: the documents in custody that an evidence bundle carries
// (export --format bundle --with-documents).
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "graph/store.h"

namespace flgraph::viz {

// Adds to each source of `bundle` its documents in custody ("documents": [...]) and returns
// their bytes by SHA-256, each re-hashed as read. A protected source's documents never go in,
// not even when --reveal-protected names the source: a bundle holding a witness's own papers is a
// decision for a person, made outside flgraph.
std::map<std::string, std::string> add_bundle_documents(const graph::Store& store,
                                                        nlohmann::json& bundle);

}  // namespace flgraph::viz
