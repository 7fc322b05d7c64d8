// graph/section_file.h: a derived file of aligned sections behind a header (format, version,
// the store generation it was built from, counts, a checksum), written whole by rename and
// mapped back only when everything in the header checks out. The name index uses it; the
// query graph snapshot has its own layout, checked value by value as it is hashed.
#pragma once
#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "graph/column.h"
#include "graph/mapped_file.h"

namespace flgraph::graph {

struct SectionFormat {
  std::array<char, 8> magic{};
  std::uint32_t version = 0;  // bump when the layout changes: older files are rebuilt
  std::string_view what;      // for messages: "the name index"
};

inline constexpr std::size_t kMaxSections = 24;
inline constexpr std::size_t kMaxCounts = 8;

struct SectionBytes {
  const char* data = nullptr;
  std::size_t size = 0;
};

// Writes `sections` (at most kMaxSections) and `counts` (at most kMaxCounts, numbers the reader
// checks the sections against) to `path` via PartialFile; Error naming the cause on failure.
void write_section_file(const std::filesystem::path& path, const SectionFormat& format,
                        std::string_view generation, std::span<const std::uint64_t> counts,
                        std::span<const SectionBytes> sections);

class MappedSections {
 public:
  std::size_t section_count() const { return section_count_; }
  std::uint64_t count(std::size_t i) const { return counts_.at(i); }
  std::span<const char> section(std::size_t i) const;
  // Section i as an array of T: nothing when its length is not a whole number of them.
  template <typename T>
  std::optional<Column<T>> column(std::size_t i) const {
    const auto bytes = section(i);
    if (bytes.size() % sizeof(T) != 0) return std::nullopt;
    return Column<T>(reinterpret_cast<const T*>(bytes.data()), bytes.size() / sizeof(T));
  }

 private:
  friend std::optional<MappedSections> map_section_file(const std::filesystem::path&,
                                                        const SectionFormat&, std::string_view,
                                                        std::size_t, std::string&);
  explicit MappedSections(MappedFile file) : file_(std::move(file)) {}
  MappedFile file_;
  std::size_t section_count_ = 0;
  std::array<std::uint64_t, kMaxCounts> counts_{};
  std::array<std::uint64_t, kMaxSections> offsets_{};
  std::array<std::uint64_t, kMaxSections> sizes_{};
};

// Whether `path` is a regular file that does not begin with `format`'s magic: a user's own file
// at that name, which a rebuild must leave alone rather than replace.
bool holds_another_file(const std::filesystem::path& path, const SectionFormat& format);

// Nothing when the file is missing, stale (another generation) or of an older version (then
// `problem` is empty: the caller rebuilds without a word), or when it cannot be used: another
// format, a newer version, a wrong length, a section table other than the writer's for
// `section_count` sections, a checksum mismatch (`problem` says which). The checksum is read
// through the descriptor, so checking leaves the mapping untouched: a page becomes resident
// only when a query reads it.
std::optional<MappedSections> map_section_file(const std::filesystem::path& path,
                                               const SectionFormat& format,
                                               std::string_view generation,
                                               std::size_t section_count, std::string& problem);

}  // namespace flgraph::graph
