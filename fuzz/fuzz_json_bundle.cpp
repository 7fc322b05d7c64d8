// fuzz/fuzz_json_bundle.cpp: one JSON bundle, every section in dependency order, into the
// sample store, then rolled back.
#include "fuzz_support.h"
#include "importers/json_bundle.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace flgraph;
  auto& store = fuzz::sample_store();
  const auto path = fuzz::write_input("bundle.json", fuzz::as_text(data, size));
  fuzz::expect_only_input_errors([&] {
    const auto file = importers::open_json_bundle(path);
    importers::ImportSummary summary;
    auto txn = store.begin();
    importers::ImportSession session(store, summary);
    for (auto section : {importers::BundleSection::Sources, importers::BundleSection::Entities,
                         importers::BundleSection::Relations, importers::BundleSection::Claims}) {
      importers::import_bundle_section(file, section, store, session);
    }
  });
  return 0;
}
