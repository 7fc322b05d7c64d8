// importers/ofac_sdn.h: the OFAC SDN legacy CSV set (sdn.csv with alt.csv, add.csv,
// sdn_comments.csv).
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "graph/records.h"
#include "importers/import_session.h"

namespace flgraph::importers {

// One SDN entry ready to write: the entity, a designation per program, and where it was read.
struct OfacEntry {
  std::size_t line = 0;  // line of the entry in sdn.csv
  graph::EntityRecord entity;
  std::vector<graph::DesignationRecord> designations;
};

struct OfacSdnSet {
  std::filesystem::path sdn_path;
  std::vector<std::filesystem::path> files;  // sdn.csv, then the companions that were read
  graph::SourceRecord source;                // the sdn.csv file, with its SHA-256
  std::vector<OfacEntry> entries;            // the entries in scope, in file order
  ListCounts counts;
};

// Reads `input`: a folder holding sdn.csv, or sdn.csv itself. alt.csv, add.csv and
// sdn_comments.csv in the same folder are read when present (they share ent_num with sdn.csv and
// are published together). Keeps the DPRK-scope entries (docs/FORMATS.md, "Sanctions lists"), or
// all of them with `all_programs`. Throws InputError naming file, line and column on malformed
// input.
OfacSdnSet open_ofac_sdn(const std::filesystem::path& input, bool all_programs);

// Writes the source, then each entry with its designations and a claim on the source.
void import_ofac_sdn(const OfacSdnSet& set, ImportSession& session);

}  // namespace flgraph::importers
