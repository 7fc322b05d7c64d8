// tests/resolve/blocking_postings_test.cpp: packing the postings, and adding after packing,
// never changes which records a key finds.
#include "resolve/detail/blocking_postings.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <random>
#include <vector>

namespace flgraph::resolve::detail {
namespace {

using Records = std::vector<std::uint32_t>;

Records found(const BlockingPostings& postings, std::uint64_t key) {
  const auto records = postings.find(key);
  return {records.begin(), records.end()};
}

TEST(BlockingPostings, PackedAndGrowingAnswerAlikeAndAddingAfterPackingKeepsEverything) {
  std::mt19937_64 random(7);
  std::map<std::uint64_t, Records> expected;
  BlockingPostings postings;
  auto add_records = [&](std::uint32_t from, std::uint32_t to) {
    for (std::uint32_t record = from; record < to; ++record) {
      std::map<std::uint64_t, bool> keys;
      for (int k = 0; k < 6; ++k) keys[random() % 500] = true;  // shared keys
      keys[1000000 + record] = true;                            // a key of its own
      for (const auto& [key, unused] : keys) {
        postings.add(key, record);
        expected[key].push_back(record);
      }
    }
  };
  auto check = [&](const char* when) {
    for (const auto& [key, records] : expected) EXPECT_EQ(found(postings, key), records) << when;
    EXPECT_TRUE(found(postings, 999).empty()) << when;
    EXPECT_TRUE(found(postings, 5000000).empty()) << when;
  };
  add_records(0, 2000);
  check("growing");
  postings.pack();
  EXPECT_TRUE(postings.packed());
  check("packed");
  add_records(2000, 2500);
  EXPECT_FALSE(postings.packed());
  check("grown after packing");
  postings.pack();
  check("packed again");
}

TEST(BlockingPostings, AnEmptyIndexPacksAndFindsNothing) {
  BlockingPostings postings;
  postings.pack();
  EXPECT_FALSE(postings.packed());
  EXPECT_TRUE(found(postings, 0).empty());
}

}  // namespace
}  // namespace flgraph::resolve::detail
