// resolve/detail/appendable_column.h: an array that is either grown in memory or mapped from the
// name index file; appending to a mapped one copies it into memory first, so a mapped index
// still takes new records.
#pragma once
#include <span>
#include <stdexcept>
#include <vector>

#include "graph/column.h"

namespace flgraph::resolve::detail {

template <typename T>
class AppendableColumn {
 public:
  AppendableColumn() = default;
  explicit AppendableColumn(graph::Column<T> mapped) : mapped_(std::move(mapped)) {}

  void push_back(const T& value) {
    own();
    owned_.push_back(value);
  }
  T& mutable_at(std::size_t i) {
    own();
    return owned_.at(i);
  }
  const T& at(std::size_t i) const {
    if (i >= size()) throw std::out_of_range("index past the end of an index column");
    return data()[i];
  }
  std::size_t size() const { return is_mapped() ? mapped_.size() : owned_.size(); }
  const T* data() const { return is_mapped() ? mapped_.data() : owned_.data(); }
  std::span<const T> span() const { return {data(), size()}; }

 private:
  bool is_mapped() const { return mapped_.size() > 0; }
  void own() {
    if (!is_mapped()) return;
    owned_.assign(mapped_.begin(), mapped_.end());
    mapped_ = {};
  }
  std::vector<T> owned_;
  graph::Column<T> mapped_;
};

}  // namespace flgraph::resolve::detail
