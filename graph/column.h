// graph/column.h: an array that owns its elements or points into a mapped file, so one class
// serves a structure built in memory and the same structure mapped back from disk.
#pragma once
#include <cstddef>
#include <utility>
#include <vector>

namespace flgraph::graph {

// A read-only array that either owns its elements or points into a mapped snapshot file.
template <typename T>
class Column {
 public:
  Column() = default;
  explicit Column(std::vector<T> owned)
      : owned_(std::move(owned)), data_(owned_.data()), size_(owned_.size()) {}
  Column(const T* data, std::size_t size) : data_(data), size_(size) {}
  Column(Column&& other) noexcept { *this = std::move(other); }
  Column& operator=(Column&& other) noexcept {
    const bool owning = other.data_ == other.owned_.data();
    owned_ = std::move(other.owned_);
    data_ = owning ? owned_.data() : other.data_;
    size_ = other.size_;
    other.data_ = nullptr;
    other.size_ = 0;
    return *this;
  }
  Column(const Column&) = delete;
  Column& operator=(const Column&) = delete;

  const T& operator[](std::size_t i) const { return data_[i]; }
  const T* data() const { return data_; }
  std::size_t size() const { return size_; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }

 private:
  std::vector<T> owned_;
  const T* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace flgraph::graph
