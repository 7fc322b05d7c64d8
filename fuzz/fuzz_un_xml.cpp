// fuzz/fuzz_un_xml.cpp: the UN consolidated list XML, every list type, into the sample store,
// then rolled back.
#include "fuzz_support.h"
#include "importers/un_xml.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace flgraph;
  auto& store = fuzz::sample_store();
  const auto path = fuzz::write_input("consolidated.xml", fuzz::as_text(data, size));
  fuzz::expect_only_input_errors([&] {
    const auto file = importers::open_un_xml(path, /*all_programs=*/true);
    importers::ImportSummary summary;
    auto txn = store.begin();
    importers::ImportSession session(store, summary);
    importers::import_un_xml(file, session);
  });
  return 0;
}
