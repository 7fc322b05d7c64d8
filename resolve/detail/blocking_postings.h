// resolve/detail/blocking_postings.h: which records hold each blocking key (name_matcher.h).
// While records are added, a hash map of growing lists; packed, three flat arrays (the keys
// sorted, where each key's records start, the records), about a third of the memory. Adding
// after packing unpacks them again, so packing never changes an answer.
#pragma once
#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

namespace flgraph::resolve::detail {

class BlockingPostings {
 public:
  // Records are added in ascending order, each key once per record.
  void add(std::uint64_t key, std::uint32_t record);
  void pack();
  bool packed() const { return growing_.empty() && !keys_.empty(); }
  // The records holding `key`, ascending; empty when none does.
  std::span<const std::uint32_t> find(std::uint64_t key) const;

 private:
  void unpack();
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> growing_;
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> starts_;  // keys_.size() + 1 of them
  std::vector<std::uint32_t> records_;
};

}  // namespace flgraph::resolve::detail
