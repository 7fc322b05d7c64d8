// resolve/detail/blocking_postings.cpp: a map while growing, flat arrays once packed
// (blocking_postings.h).
#include "resolve/detail/blocking_postings.h"

#include <algorithm>
#include <limits>

namespace flgraph::resolve::detail {

void BlockingPostings::add(std::uint64_t key, std::uint32_t record) {
  if (!keys_.empty()) unpack();
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
  keys_ = std::move(keys);
  starts_.clear();
  starts_.reserve(keys_.size() + 1);
  records_.clear();
  records_.reserve(total);
  // Each list is freed as it is copied, so the two forms are never both whole in memory.
  for (const auto key : keys_) {
    starts_.push_back(static_cast<std::uint32_t>(records_.size()));
    auto node = growing_.extract(key);
    records_.insert(records_.end(), node.mapped().begin(), node.mapped().end());
  }
  starts_.push_back(static_cast<std::uint32_t>(records_.size()));
  growing_ = {};
}

void BlockingPostings::unpack() {
  for (std::size_t k = 0; k < keys_.size(); ++k) {
    growing_[keys_[k]].assign(records_.begin() + starts_[k], records_.begin() + starts_[k + 1]);
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
  const auto k = static_cast<std::size_t>(found - keys_.begin());
  return std::span<const std::uint32_t>(records_).subspan(starts_[k], starts_[k + 1] - starts_[k]);
}

}  // namespace flgraph::resolve::detail
