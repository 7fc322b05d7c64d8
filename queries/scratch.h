// queries/scratch.h: vertex-indexed working arrays that are reused instead of cleared.
#pragma once
#include <cstddef>
#include <utility>
#include <vector>

namespace flgraph::queries {

// An array with one entry per vertex, every entry `kClear` when handed out. On a graph of
// millions of vertices, allocating and clearing such an array costs more than a typical query
// itself; so each thread keeps released arrays and hands them out again. The holder must set
// every entry it changed back to kClear before the array is destroyed (the walks do: they know
// which vertices they touched, and backtracking restores its marks) and then say so with
// mark_clean(); an array not marked clean (a walk left by an exception) is freed, never reused.
template <typename T, T kClear>
class VertexArray {
 public:
  VertexArray() = default;
  explicit VertexArray(std::size_t vertex_count) {
    auto& free = pool();
    for (auto it = free.begin(); it != free.end(); ++it) {
      if (it->size() == vertex_count) {
        values_ = std::move(*it);
        free.erase(it);
        return;
      }
    }
    values_.assign(vertex_count, kClear);
  }
  ~VertexArray() {
    if (values_.empty() || !clean_) return;
    auto& free = pool();
    // A handful per thread is all any query nests; more would only hold memory.
    constexpr std::size_t kKept = 4;
    if (free.size() < kKept) free.push_back(std::move(values_));
  }
  VertexArray(VertexArray&& other) noexcept
      : values_(std::move(other.values_)), clean_(other.clean_) {
    other.values_.clear();
  }
  VertexArray& operator=(VertexArray&& other) noexcept {
    values_ = std::move(other.values_);
    clean_ = other.clean_;
    other.values_.clear();
    return *this;
  }
  VertexArray(const VertexArray&) = delete;
  VertexArray& operator=(const VertexArray&) = delete;

  T& operator[](std::size_t v) { return values_[v]; }
  const T& operator[](std::size_t v) const { return values_[v]; }
  std::size_t size() const { return values_.size(); }
  // Every entry is kClear again: the array may go back to the pool.
  void mark_clean() { clean_ = true; }

 private:
  static std::vector<std::vector<T>>& pool() {
    thread_local std::vector<std::vector<T>> free;
    return free;
  }
  std::vector<T> values_;
  bool clean_ = false;
};

}  // namespace flgraph::queries
