// viz/bundle_export.h: the store, or a selection of it, as the native JSON bundle in a stable
// order.
#pragma once
#include <nlohmann/json.hpp>

#include "graph/protection.h"
#include "graph/store.h"
#include "viz/selection.h"

namespace flgraph::viz {

// Lossless for everything that may leave the machine: protected persons and (unless revealed)
// protected sources appear only under their pseudonyms, with identifying text left out.
// Sorted by id everywhere, so the same store always gives the same bytes.
nlohmann::json export_bundle(const graph::Store& store, const graph::Disclosure& disclosure);

// Exactly the selected facts, the claims on them and the sources of those claims (a whole-store
// selection keeps every source). The importer reads it back (importers/json_bundle.h).
nlohmann::json export_bundle(const EvidenceReader& reader, const Selection& selection);

}  // namespace flgraph::viz
