// viz/bundle_export.h: the whole store as the native JSON bundle, in a stable order.
#pragma once
#include <nlohmann/json.hpp>

#include "graph/protection.h"
#include "graph/store.h"

namespace flgraph::viz {

// Lossless for everything that may leave the machine: protected persons and (unless revealed)
// protected sources appear only under their pseudonyms, with identifying text left out.
// Sorted by id everywhere, so the same store always gives the same bytes.
nlohmann::json export_bundle(const graph::Store& store, const graph::Disclosure& disclosure);

}  // namespace flgraph::viz
