// resolve/token_statistics.cpp: document frequencies by fold, growing or packed
// (token_statistics.h).
#include "resolve/token_statistics.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

namespace flgraph::resolve {

TokenStatistics::TokenStatistics(Packed packed, std::size_t documents)
    : letters_(std::move(packed.fold_letters)),
      offsets_(std::move(packed.fold_offsets)),
      sorted_ids_(std::move(packed.fold_ids)),
      frequency_(std::move(packed.frequency)),
      documents_(documents) {}

std::vector<std::uint32_t> TokenStatistics::add_document(
    const std::vector<const NameToken*>& tokens) {
  if (is_packed()) unpack();
  std::vector<std::uint32_t> ids;
  ids.reserve(tokens.size());
  std::unordered_set<std::uint32_t> seen;
  for (const auto* token : tokens) {
    const auto [found, added] =
        ids_.try_emplace(token->fold, static_cast<std::uint32_t>(frequency_.size()));
    if (added) frequency_.push_back(0);
    if (seen.insert(found->second).second) ++frequency_.mutable_at(found->second);
    ids.push_back(found->second);
  }
  ++documents_;
  return ids;
}

void TokenStatistics::pack() {
  if (ids_.empty()) return;
  std::vector<const std::pair<const std::string, std::uint32_t>*> sorted;
  sorted.reserve(ids_.size());
  std::size_t letters = 0;
  for (const auto& entry : ids_) {
    sorted.push_back(&entry);
    letters += entry.first.size();
  }
  std::sort(sorted.begin(), sorted.end(),
            [](const auto* a, const auto* b) { return a->first < b->first; });
  std::vector<char> text;
  text.reserve(letters);
  std::vector<std::uint64_t> offsets;
  offsets.reserve(sorted.size() + 1);
  std::vector<std::uint32_t> ids;
  ids.reserve(sorted.size());
  for (const auto* entry : sorted) {
    offsets.push_back(text.size());
    text.insert(text.end(), entry->first.begin(), entry->first.end());
    ids.push_back(entry->second);
  }
  offsets.push_back(text.size());
  ids_ = {};
  letters_ = graph::Column<char>(std::move(text));
  offsets_ = graph::Column<std::uint64_t>(std::move(offsets));
  sorted_ids_ = graph::Column<std::uint32_t>(std::move(ids));
}

void TokenStatistics::unpack() {
  for (std::size_t i = 0; i < sorted_ids_.size(); ++i) {
    if (const auto fold = sorted_fold(i)) ids_.emplace(std::string(*fold), sorted_ids_[i]);
  }
  letters_ = {};
  offsets_ = {};
  sorted_ids_ = {};
}

std::optional<std::string_view> TokenStatistics::sorted_fold(std::size_t position) const {
  // Mapped offsets are checked where they are used.
  if (position + 1 >= offsets_.size() || offsets_[position] > offsets_[position + 1] ||
      offsets_[position + 1] > letters_.size())
    return std::nullopt;
  return std::string_view(letters_.data() + offsets_[position],
                          offsets_[position + 1] - offsets_[position]);
}

std::optional<std::uint32_t> TokenStatistics::id_of(const std::string& fold) const {
  if (!is_packed()) {
    const auto found = ids_.find(fold);
    if (found == ids_.end()) return std::nullopt;
    return found->second;
  }
  std::size_t low = 0;
  std::size_t high = sorted_ids_.size();
  while (low < high) {
    const std::size_t middle = low + (high - low) / 2;
    const auto at = sorted_fold(middle);
    if (!at) return std::nullopt;
    if (*at < fold) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  if (low < sorted_ids_.size() && sorted_fold(low) == fold) return sorted_ids_[low];
  return std::nullopt;
}

double TokenStatistics::weight_of_frequency(TokenClass token_class, double frequency) const {
  const double base = class_weight(token_class);
  if (documents_ == 0) return base;
  const double n = static_cast<double>(documents_);
  const double idf =
      std::clamp(std::log((n + 1.0) / (frequency + 1.0)) / std::log(n + 1.0), 0.0, 1.0);
  return base * (0.4 + 0.6 * idf);
}

double TokenStatistics::weight(const NameToken& token) const {
  const auto id = id_of(token.fold);
  return weight_of_frequency(token.token_class, id && *id < frequency_.size()
                                                    ? static_cast<double>(frequency_.at(*id))
                                                    : 0.0);
}

double TokenStatistics::weight(TokenClass token_class, std::uint32_t id) const {
  return weight_of_frequency(token_class, static_cast<double>(frequency_.at(id)));
}

}  // namespace flgraph::resolve
