// fuzz/fuzz_ofac_sdn.cpp: an OFAC SDN set. The input is sdn.csv, then optionally alt.csv,
// add.csv and sdn_comments.csv, separated by the byte 0x1E (fuzz_support.h). Every program is
// imported, so entries outside the DPRK scope reach the writer too.
#include <array>

#include "fuzz_support.h"
#include "importers/ofac_sdn.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace flgraph;
  static constexpr std::array<const char*, 4> kNames = {"sdn.csv", "alt.csv", "add.csv",
                                                        "sdn_comments.csv"};
  auto& store = fuzz::sample_store();
  const auto parts = fuzz::split_parts(fuzz::as_text(data, size), kNames.size());
  for (std::size_t index = 0; index < kNames.size(); ++index) {
    if (index < parts.size()) {
      fuzz::write_input(kNames[index], parts[index]);
    } else {
      std::filesystem::remove(fuzz::input_folder() / kNames[index]);
    }
  }
  fuzz::expect_only_input_errors([&] {
    const auto set = importers::open_ofac_sdn(fuzz::input_folder(), /*all_programs=*/true);
    importers::ImportSummary summary;
    auto txn = store.begin();
    importers::ImportSession session(store, summary);
    importers::import_ofac_sdn(set, session);
  });
  return 0;
}
