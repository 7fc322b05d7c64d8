// viz/evidence_bundle.h: a folder a court or customs office can check on its own: the JSON bundle
// of exactly the facts involved, the diagram, a document index and a SHA-256 manifest
// (viz/bundle_verify.h checks it).
#pragma once
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "viz/diagram.h"
#include "viz/safe_output.h"
#include "viz/selection.h"

namespace flgraph::viz {

inline constexpr const char* kBundleJson = "bundle.json";
inline constexpr const char* kBundleDiagram = "diagram.svg";
inline constexpr const char* kBundleIndex = "INDEX.md";
inline constexpr const char* kBundleManifest = "MANIFEST.sha256";

struct BundleOptions {
  std::string query;                 // what was selected, already redacted
  std::optional<graph::Date> as_of;  // the only date a bundle carries, and only when given
  double weak_below = kDefaultWeakBelow;
  OutputPolicy output;          // the database to keep safe, and --force for a non-empty folder
  bool with_documents = false;  // the sources' documents in custody, under documents/
};

// Writes bundle.json, diagram.svg, INDEX.md and MANIFEST.sha256 (sha256sum -c compatible; its
// comment lines record --as-of and --reveal-protected). No timestamps, stable order: the same
// selection of the same database gives the same bytes. Returns the bundle's sourcing report
// (viz/bundle_sourcing.h), whose unsourced facts INDEX.md lists.
nlohmann::json write_evidence_bundle(const EvidenceReader& reader, const Selection& selection,
                                     const std::filesystem::path& folder,
                                     const BundleOptions& options);

}  // namespace flgraph::viz
