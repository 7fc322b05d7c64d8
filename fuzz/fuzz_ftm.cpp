// fuzz/fuzz_ftm.cpp: FollowTheMoney JSON lines mapped to the model and written into the sample
// store, then rolled back.
#include "fuzz_support.h"
#include "importers/ftm.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace flgraph;
  auto& store = fuzz::sample_store();
  const auto path = fuzz::write_input("entities.ftm.json", fuzz::as_text(data, size));
  fuzz::expect_only_input_errors([&] {
    const auto file = importers::open_ftm(path);
    importers::ImportSummary summary;
    auto txn = store.begin();
    importers::ImportSession session(store, summary);
    importers::import_ftm(file, store, session);
  });
  return 0;
}
