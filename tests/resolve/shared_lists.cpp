// tests/resolve/shared_lists.cpp: the OFAC + UN store, imported once.
#include "shared_lists.h"

#include <memory>

#include "importers/import.h"
#include "test_support.h"

namespace flgraph::testing {

const std::filesystem::path& shared_lists_database() {
  static const auto dir = std::make_unique<TempDir>();
  static const std::filesystem::path db = [] {
    const auto path = *dir / "lists.db";
    importers::ImportOptions ofac;
    ofac.format = importers::InputFormat::OfacSdn;
    importers::import_into_database(path, {shared_dir() / "data/ofac/sdn_2024-05-03"}, ofac);
    importers::ImportOptions un;
    un.format = importers::InputFormat::UnXml;
    importers::import_into_database(path, {shared_dir() / "data/un/UN_consolidated_2026-02-27.xml"},
                                    un);
    return path;
  }();
  return db;
}

}  // namespace flgraph::testing
