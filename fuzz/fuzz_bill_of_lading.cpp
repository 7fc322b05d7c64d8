// fuzz/fuzz_bill_of_lading.cpp: a bills-of-lading CSV, with party names resolved against a
// store of a few organisations, written and then rolled back. Not the whole sample: the importer
// indexes every name in the store per file, which would cut the executions per second twentyfold.
#include "fuzz_support.h"
#include "importers/bill_of_lading.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace flgraph;
  auto& store = fuzz::small_store(
      "id,kind,name,country,aliases,imo\n"
      "co-northwind,company,NORTHWIND SEAFOOD PROCESSING CO LTD,CN,Northwind Seafood,\n"
      "co-harbor,company,Harbor Retail Group,US,,\n"
      "se-bureau,state_entity,Korea Rungrado General Trading Corporation,KP,조선릉라도무역총회사,\n"
      "ve-star,vessel,MV Example Star,PA,,9074729\n");
  const auto path = fuzz::write_input("shipments.csv", fuzz::as_text(data, size));
  fuzz::expect_only_input_errors([&] {
    const auto file = importers::open_bill_of_lading(path);
    importers::ImportSummary summary;
    auto txn = store.begin();
    importers::ImportSession session(store, summary);
    importers::import_bill_of_lading(file, store, session, summary);
  });
  return 0;
}
