// resolve/detail/blocking_postings.h: which records hold each blocking key (name_matcher.h).
// While records are added, a hash map of growing lists; packed, three flat arrays (the keys
// sorted, where each key's records start, the records), about a third of the memory, which the
// name index file writes and maps back as they are. Adding after packing unpacks them again, so
// packing never changes an answer.
#pragma once
#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

#include "graph/column.h"

namespace flgraph::resolve::detail {

class BlockingPostings {
 public:
  // Records are added in ascending order, each key once per record.
  BlockingPostings() = default;
  // Packed arrays mapped from a file: `starts` holds one more entry than `keys`.
  BlockingPostings(graph::Column<std::uint64_t> keys, graph::Column<std::uint32_t> starts,
                   graph::Column<std::uint32_t> records);
  void add(std::uint64_t key, std::uint32_t record);
  void pack();
  bool packed() const { return growing_.empty() && keys_.size() > 0; }
  // The records holding `key`, ascending; empty when none does.
  // Mapped starts are checked here: a list past the end is empty.
  std::span<const std::uint32_t> find(std::uint64_t key) const;
  const graph::Column<std::uint64_t>& keys() const { return keys_; }
  const graph::Column<std::uint32_t>& starts() const { return starts_; }
  const graph::Column<std::uint32_t>& records() const { return records_; }

 private:
  void unpack();
  std::span<const std::uint32_t> find_packed(std::size_t k) const;
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> growing_;
  graph::Column<std::uint64_t> keys_;
  graph::Column<std::uint32_t> starts_;  // keys_.size() + 1 of them
  graph::Column<std::uint32_t> records_;
};

}  // namespace flgraph::resolve::detail
