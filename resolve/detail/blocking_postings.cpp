// resolve/detail/blocking_postings.cpp: a map while growing, flat arrays once packed
// (blocking_postings.h).
#include "resolve/detail/blocking_postings.h"

#include <algorithm>
#include <limits>

namespace flgraph::resolve::detail {

BlockingPostings::BlockingPostings(graph::Column<std::uint64_t> keys,
                                   graph::Column<std::uint32_t> starts,
                                   graph::Column<std::uint32_t> records)
    : keys_(std::move(keys)), starts_(std::move(starts)), records_(std::move(records)) {}

void BlockingPostings::add(std::uint64_t key, std::uint32_t record) {
  if (keys_.size() > 0) unpack();
  growing_[key].push_back(record);
}

void BlockingPostings::pack() {
  if (growing_.empty()) return;
  std::size_t total = 0;
  for (const auto& [key, records] : growing_) total += records.size();
  // Offsets are 32-bit: an index beyond that stays a map.
  if (total > std::numeric_limits<std::uint32_t>::max()) return;
  std::vector<std::uint64_t> keys;
  keys.reserve(growing_.size());
  for (const auto& [key, records] : growing_) keys.push_back(key);
  std::sort(keys.begin(), keys.end());
  std::vector<std::uint32_t> starts;
  starts.reserve(keys.size() + 1);
  std::vector<std::uint32_t> records;
  records.reserve(total);
  // Each list is freed as it is copied, so the two forms are never both whole in memory.
  for (const auto key : keys) {
    starts.push_back(static_cast<std::uint32_t>(records.size()));
    auto node = growing_.extract(key);
    records.insert(records.end(), node.mapped().begin(), node.mapped().end());
  }
  starts.push_back(static_cast<std::uint32_t>(records.size()));
  growing_ = {};
  keys_ = graph::Column<std::uint64_t>(std::move(keys));
  starts_ = graph::Column<std::uint32_t>(std::move(starts));
  records_ = graph::Column<std::uint32_t>(std::move(records));
}

void BlockingPostings::unpack() {
  for (std::size_t k = 0; k < keys_.size(); ++k) {
    const auto list = find_packed(k);
    growing_[keys_[k]].assign(list.begin(), list.end());
  }
  keys_ = {};
  starts_ = {};
  records_ = {};
}

std::span<const std::uint32_t> BlockingPostings::find(std::uint64_t key) const {
  if (!growing_.empty()) {
    const auto found = growing_.find(key);
    if (found == growing_.end()) return {};
    return found->second;
  }
  const auto found = std::lower_bound(keys_.begin(), keys_.end(), key);
  if (found == keys_.end() || *found != key) return {};
  return find_packed(static_cast<std::size_t>(found - keys_.begin()));
}

std::span<const std::uint32_t> BlockingPostings::find_packed(std::size_t k) const {
  if (k + 1 >= starts_.size() || starts_[k] > starts_[k + 1] || starts_[k + 1] > records_.size())
    return {};
  return {records_.data() + starts_[k], starts_[k + 1] - starts_[k]};
}

}  // namespace flgraph::resolve::detail
