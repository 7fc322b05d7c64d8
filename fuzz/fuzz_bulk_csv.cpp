// fuzz/fuzz_bulk_csv.cpp: one bulk CSV file (nodes, edges, sources, claims or designations by
// its header) read and written into the sample store, then rolled back.
#include "fuzz_support.h"
#include "importers/bulk_csv.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace flgraph;
  auto& store = fuzz::sample_store();
  const auto path = fuzz::write_input("input.csv", fuzz::as_text(data, size));
  fuzz::expect_only_input_errors([&] {
    const auto file = importers::open_bulk_csv(path);
    importers::ImportSummary summary;
    auto txn = store.begin();  // never committed: rolled back when it goes
    importers::ImportSession session(store, summary);
    importers::import_bulk_csv(file, session);
  });
  return 0;
}
