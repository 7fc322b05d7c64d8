// graph/query_graph_snapshot.cpp: the snapshot file: written whole or not at all, and mapped
// back only when every byte and every offset checks out.
#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <limits>
#include <type_traits>
#include <utility>

#include "graph/errors.h"
#include "graph/mapped_file.h"
#include "graph/query_graph.h"
#include "graph/writable_block.h"

namespace flgraph::graph {
namespace {

// Bump when the layout below changes: older snapshots are then rebuilt, never misread.
// 3: the checksum covers the whole file, header included; the header holds the file's length.
constexpr std::uint32_t kSnapshotVersion = 3;
constexpr std::array<char, 8> kSnapshotMagic = {'F', 'L', 'G', 'Q', 'G', 'R', 'P', 'H'};
constexpr std::size_t kSectionCount = 15;
constexpr std::size_t kAlignment = 64;

struct SnapshotHeader {
  std::array<char, 8> magic;
  std::uint32_t version;
  std::uint32_t section_count;
  std::array<char, 64> generation;  // the store's generation the snapshot was built from
  std::uint64_t vertex_count;
  std::uint64_t edge_count;
  std::uint64_t same_as_edges;
  std::uint64_t file_bytes;
  std::uint64_t checksum;  // XXH3-64 of the whole file, these 8 bytes read as zeros
  std::array<std::uint64_t, kSectionCount> section_offset;
  std::array<std::uint64_t, kSectionCount> section_bytes;
};
// No padding, so every header byte is a field the checksum and the checks below cover.
static_assert(sizeof(SnapshotHeader) == 8 + 4 + 4 + 64 + 5 * 8 + 2 * kSectionCount * 8);
static_assert(std::is_trivially_copyable_v<SnapshotHeader> &&
              std::is_standard_layout_v<SnapshotHeader>);

constexpr std::size_t align_up(std::size_t value) {
  return (value + kAlignment - 1) / kAlignment * kAlignment;
}
// The header, zero-padded to the first section.
constexpr std::size_t kHeadBytes = align_up(sizeof(SnapshotHeader));
using Head = std::array<char, kHeadBytes>;

std::array<char, 64> generation_field(std::string_view generation) {
  std::array<char, 64> field{};
  std::memcpy(field.data(), generation.data(), std::min(generation.size(), field.size()));
  return field;
}

// XXH3-64 fed piece by piece; the head goes in with its checksum field zeroed.
class Checksum {
 public:
  Checksum() : state_(XXH3_createState()) {
    if (state_ == nullptr) throw Error("out of memory for the snapshot checksum");
    XXH3_64bits_reset(state_.get());
  }
  void add_head(Head head) {
    std::memset(head.data() + offsetof(SnapshotHeader, checksum), 0,
                sizeof(SnapshotHeader::checksum));
    add(head.data(), head.size());
  }
  void add(const char* bytes, std::size_t size) {
    if (size > 0) XXH3_64bits_update(state_.get(), bytes, size);
  }
  std::uint64_t digest() const { return XXH3_64bits_digest(state_.get()); }

 private:
  struct FreeState {
    void operator()(XXH3_state_t* state) const { XXH3_freeState(state); }
  };
  std::unique_ptr<XXH3_state_t, FreeState> state_;
};

// XXH3-64 of a whole file as the header records it: its checksum field read as zeros.
std::uint64_t file_checksum(const char* file, std::size_t bytes) {
  Checksum checksum;
  Head head{};
  std::memcpy(head.data(), file, head.size());
  checksum.add_head(head);
  checksum.add(file + kHeadBytes, bytes - kHeadBytes);
  return checksum.digest();
}

// The arrays are checked block by block right after each block is hashed, while it is still in
// cache: a second pass over a 430 MB snapshot reads it from memory again and doubles the time.
constexpr std::size_t kBlockBytes = std::size_t{64} * 1024;
// Values go through in groups of a fixed width, which GCC vectorises at -O2; the tail is scalar.
template <typename T>
constexpr std::size_t kLanes = 64 / sizeof(T);

// Whether every value is below `limit` (flags, not a maximum: SSE2 has no unsigned 32-bit max).
template <typename T>
bool all_below(const T* values, std::size_t count, std::uint64_t limit) {
  if (limit > std::numeric_limits<T>::max()) return true;
  const auto bound = static_cast<T>(limit);
  std::array<T, kLanes<T>> above{};
  std::size_t i = 0;
  for (; i + kLanes<T> <= count; i += kLanes<T>) {
    for (std::size_t lane = 0; lane < kLanes<T>; ++lane)
      above[lane] |= static_cast<T>(values[i + lane] >= bound);
  }
  T any = 0;
  for (const T flag : above) any |= flag;
  for (; i < count; ++i) any |= static_cast<T>(values[i] >= bound);
  return any == 0;
}

// Whether `previous`, values[0], ..., values[count - 1] never decrease.
template <typename T>
bool ascending(T previous, const T* values, std::size_t count) {
  if (count == 0) return true;
  std::array<T, kLanes<T>> drops{};
  std::size_t i = 0;
  for (; i + kLanes<T> < count; i += kLanes<T>) {
    for (std::size_t lane = 0; lane < kLanes<T>; ++lane) {
      drops[lane] |= static_cast<T>(values[i + lane] > values[i + lane + 1]);
    }
  }
  bool ordered = previous <= values[0];
  for (const T drop : drops) ordered = ordered && drop == 0;
  for (; i + 1 < count; ++i) ordered = ordered && values[i] <= values[i + 1];
  return ordered;
}

std::size_t count_equal(const std::uint8_t* values, std::size_t count, std::uint8_t wanted) {
  constexpr std::size_t kByteLanes = kLanes<std::uint8_t>;
  static_assert(kBlockBytes / kByteLanes <= std::numeric_limits<std::uint16_t>::max(),
                "a lane count fits 16 bits");
  std::array<std::uint16_t, kByteLanes> lanes{};
  std::size_t i = 0;
  for (; i + kByteLanes <= count; i += kByteLanes) {
    for (std::size_t lane = 0; lane < kByteLanes; ++lane) {
      lanes[lane] = static_cast<std::uint16_t>(lanes[lane] + (values[i + lane] == wanted ? 1 : 0));
    }
  }
  std::size_t total = 0;
  for (const auto lane : lanes) total += lane;
  for (; i < count; ++i) total += values[i] == wanted ? 1 : 0;
  return total;
}

}  // namespace

struct QueryGraph::Mapping {
  MappedFile file;
};

// Here, where Mapping is a complete type.
QueryGraph::QueryGraph() = default;
QueryGraph::~QueryGraph() = default;
QueryGraph::QueryGraph(QueryGraph&&) noexcept = default;
QueryGraph& QueryGraph::operator=(QueryGraph&&) noexcept = default;

namespace {

// Where each section starts, for sections of these sizes, and the file's length.
struct Layout {
  std::array<std::uint64_t, kSectionCount> offset{};
  std::array<std::uint64_t, kSectionCount> bytes{};
  std::uint64_t file_bytes = 0;
};

Layout layout_of(const std::array<std::uint64_t, kSectionCount>& bytes) {
  Layout layout;
  std::size_t offset = kHeadBytes;
  for (std::size_t i = 0; i < kSectionCount; ++i) {
    layout.offset[i] = offset;
    layout.bytes[i] = bytes[i];
    offset = align_up(offset + bytes[i]);
  }
  layout.file_bytes = offset;
  return layout;
}

}  // namespace

QueryGraph QueryGraph::allocate(const Shape& shape, const std::filesystem::path* snapshot_folder) {
  const std::size_t n = shape.vertices;
  const std::size_t m = shape.edges;
  // Elements of each section, in for_each_column's order.
  const std::array<std::size_t, kSectionCount> counts = {
      n + 1, shape.id_bytes, n, n, n, n + 1, m, n + 1, m, m, m, m, m, m, m};
  QueryGraph g;
  std::array<std::uint64_t, kSectionCount> section_bytes{};
  std::size_t index = 0;
  for_each_column(g, [&](const auto& column) {
    section_bytes[index] = counts[index] * sizeof(*column.data());
    ++index;
  });
  const Layout layout = layout_of(section_bytes);
  g.block_ = WritableBlock::create(layout.file_bytes, snapshot_folder);
  index = 0;
  for_each_column(g, [&](auto& column) {
    using Element = std::remove_cv_t<std::remove_pointer_t<decltype(column.data())>>;
    column = Column<Element>(
        reinterpret_cast<const Element*>(g.block_->data() + layout.offset[index]), counts[index]);
    ++index;
  });
  return g;
}

void QueryGraph::write_snapshot(const std::filesystem::path& path,
                                std::string_view generation) const {
  SnapshotHeader header{};
  header.magic = kSnapshotMagic;
  header.version = kSnapshotVersion;
  header.section_count = kSectionCount;
  header.generation = generation_field(generation);
  header.vertex_count = vertex_count();
  header.edge_count = edge_count();
  header.same_as_edges = same_as_edges_;
  std::vector<std::pair<const char*, std::size_t>> sections;
  std::array<std::uint64_t, kSectionCount> section_bytes{};
  for_each_column(*this, [&](const auto& column) {
    section_bytes[sections.size()] = column.size() * sizeof(*column.data());
    sections.emplace_back(reinterpret_cast<const char*>(column.data()),
                          column.size() * sizeof(*column.data()));
  });
  const Layout layout = layout_of(section_bytes);
  header.section_offset = layout.offset;
  header.section_bytes = layout.bytes;
  header.file_bytes = layout.file_bytes;
  Head head{};
  // A graph built in its file has the file's every byte but the header already.
  if (block_ && block_->can_publish() && block_->size() == layout.file_bytes &&
      sections[0].first == block_->data() + layout.offset[0]) {
    std::memcpy(head.data(), &header, sizeof(header));
    std::memcpy(block_->data(), head.data(), head.size());
    header.checksum = file_checksum(block_->data(), block_->size());
    std::memcpy(block_->data(), &header, sizeof(header));
    if (block_->publish_as(path, "the query graph snapshot")) return;
  }
  // The sections go out one by one (no copy of the whole body: at 10M edges that is 430 MB of
  // peak memory), with the zero padding between them.
  const std::array<char, kAlignment> zeros{};
  auto for_each_piece = [&](auto&& piece) {
    std::size_t at = kHeadBytes;
    for (std::size_t i = 0; i < kSectionCount; ++i) {
      piece(zeros.data(), header.section_offset[i] - at);
      piece(sections[i].first, sections[i].second);
      at = header.section_offset[i] + sections[i].second;
    }
    piece(zeros.data(), layout.file_bytes - at);
  };
  header.checksum = 0;
  std::memcpy(head.data(), &header, sizeof(header));
  Checksum checksum;
  checksum.add_head(head);
  for_each_piece([&](const char* bytes, std::size_t size) { checksum.add(bytes, size); });
  header.checksum = checksum.digest();
  std::memcpy(head.data(), &header, sizeof(header));

  // Written beside the target and renamed, so a reader never maps half a file.
  PartialFile out(path, "the query graph snapshot");
  out.write(head.data(), head.size());
  for_each_piece([&](const char* bytes, std::size_t size) { out.write(bytes, size); });
  out.rename_to(path);
}

std::optional<QueryGraph> QueryGraph::map_snapshot(const std::filesystem::path& path,
                                                   std::string_view generation) {
  std::string problem;
  return map_snapshot(path, generation, problem);
}

std::optional<QueryGraph> QueryGraph::map_snapshot(const std::filesystem::path& path,
                                                   std::string_view generation,
                                                   std::string& problem) {
  auto file = MappedFile::open(path, kHeadBytes, problem);
  if (!file) {
    if (problem == "is too short") problem = "is too short to be a snapshot";
    return std::nullopt;
  }
  auto mapping = std::make_unique<Mapping>(Mapping{std::move(*file)});
  const char* base = mapping->file.data();
  SnapshotHeader header{};
  std::memcpy(&header, base, sizeof(header));
  if (header.magic != kSnapshotMagic) {
    problem = "is not a query graph snapshot";
    return std::nullopt;
  }
  if (header.version != kSnapshotVersion) {
    // An older format is simply rebuilt; any other number is damage or a newer flgraph's file.
    if (header.version == 0 || header.version > kSnapshotVersion) {
      problem =
          fmt::format("has format version {}, which this flgraph does not read", header.version);
    }
    return std::nullopt;
  }
  if (header.generation != generation_field(generation))
    return std::nullopt;  // stale: the store changed
  if (header.file_bytes != mapping->file.size()) {
    problem = fmt::format("is {} bytes long but was written {} bytes long", mapping->file.size(),
                          header.file_bytes);
    return std::nullopt;
  }
  // The section table must be exactly the one this writer makes for these counts before any
  // array is touched, and every array must hold in-range values: the checksum alone only says
  // that the file is as some writer left it.
  const std::size_t n = header.vertex_count;
  const std::size_t m = header.edge_count;
  bool layout_ok = header.section_count == kSectionCount &&
                   n < std::numeric_limits<VertexId>::max() &&
                   m <= std::numeric_limits<EdgeIdx>::max() && header.same_as_edges <= m;
  std::size_t expected_offset = kHeadBytes;
  for (std::size_t i = 0; layout_ok && i < kSectionCount; ++i) {
    layout_ok = header.section_offset[i] == expected_offset &&
                expected_offset <= mapping->file.size() &&
                header.section_bytes[i] <= mapping->file.size() - expected_offset;
    expected_offset = align_up(expected_offset + header.section_bytes[i]);
  }
  layout_ok = layout_ok && expected_offset == mapping->file.size();
  QueryGraph g;
  g.same_as_edges_ = header.same_as_edges;
  std::size_t index = 0;
  for_each_column(g, [&](auto& column) {
    using Element = std::remove_cv_t<std::remove_pointer_t<decltype(column.data())>>;
    const auto bytes = header.section_bytes[index];
    layout_ok = layout_ok && bytes % sizeof(Element) == 0;
    if (layout_ok) {
      column =
          Column<Element>(reinterpret_cast<const Element*>(base + header.section_offset[index]),
                          bytes / sizeof(Element));
    }
    ++index;
  });
  layout_ok = layout_ok && g.id_offsets_.size() == n + 1 && g.kinds_.size() == n &&
              g.protected_.size() == n && g.entity_rows_.size() == n &&
              g.out_offsets_.size() == n + 1 && g.in_offsets_.size() == n + 1 &&
              g.out_targets_.size() == m && g.in_sources_.size() == m && g.in_edges_.size() == m &&
              g.edge_kind_.size() == m && g.edge_from_.size() == m && g.edge_to_.size() == m &&
              g.edge_confidence_.size() == m && g.relation_rows_.size() == m;
  if (!layout_ok) {
    // Tell plain damage from a table some other writer got wrong.
    problem = file_checksum(base, mapping->file.size()) != header.checksum
                  ? "is damaged (checksum mismatch)"
                  : "has a section table that does not match its counts";
    return std::nullopt;
  }
  std::uint64_t checksum = 0;
  const std::string wrong = g.hash_and_check_mapped(base, checksum);
  if (checksum != header.checksum) {
    problem = "is damaged (checksum mismatch)";
    return std::nullopt;
  }
  if (!wrong.empty()) {
    problem = fmt::format("holds {}", wrong);
    return std::nullopt;
  }
  g.mapping_ = std::move(mapping);
  return g;
}

std::string QueryGraph::hash_and_check_mapped(const char* file, std::uint64_t& checksum_out) const {
  const std::size_t n = vertex_count();
  const std::size_t m = edge_count();
  std::string wrong;
  auto expect = [&](bool holds, std::string_view what) {
    if (!holds && wrong.empty()) wrong = what;
  };
  std::size_t same_as = 0;
  Checksum checksum;
  Head head{};
  std::memcpy(head.data(), file, head.size());
  checksum.add_head(head);
  const char* hashed_to = file + kHeadBytes;
  for_each_column(*this, [&](const auto& column) {
    using Element = std::remove_cv_t<std::remove_pointer_t<decltype(column.data())>>;
    const auto* start = reinterpret_cast<const char*>(column.data());
    checksum.add(hashed_to, static_cast<std::size_t>(start - hashed_to));  // the padding before it
    const void* which = &column;
    constexpr std::size_t kPerBlock = kBlockBytes / sizeof(Element);
    for (std::size_t first = 0; first < column.size(); first += kPerBlock) {
      const std::size_t count = std::min(kPerBlock, column.size() - first);
      const Element* values = column.data() + first;
      checksum.add(reinterpret_cast<const char*>(values), count * sizeof(Element));
      if constexpr (std::is_enum_v<Element>) {
        static_assert(sizeof(Element) == 1);
        const auto* codes = reinterpret_cast<const std::uint8_t*>(values);
        const std::size_t kinds = which == &kinds_ ? kEntityKindCount : kRelationKindCount;
        expect(all_below(codes, count, kinds), "unknown kind codes");
        if (which == &edge_kind_)
          same_as += count_equal(codes, count, static_cast<std::uint8_t>(RelationKind::SameAs));
      } else if constexpr (std::is_integral_v<Element> && std::is_unsigned_v<Element>) {
        if (which == &id_offsets_ || which == &out_offsets_ || which == &in_offsets_) {
          expect(ascending(first == 0 ? values[0] : values[-1], values, count),
                 "offsets that decrease");
        } else if (which == &out_targets_ || which == &in_sources_) {
          expect(all_below(values, count, n), "vertex numbers out of range");
        } else if (which == &in_edges_) {
          expect(all_below(values, count, m), "edge numbers out of range");
        } else if (which == &protected_) {
          expect(all_below(values, count, 2), "protection flags other than 0 and 1");
        }
      }
    }
    hashed_to = start + column.size() * sizeof(Element);
  });
  const auto end = align_up(static_cast<std::size_t>(hashed_to - file));
  checksum.add(hashed_to, static_cast<std::size_t>(file + end - hashed_to));
  checksum_out = checksum.digest();
  // Where the offsets start and end: together with "never decrease", every index is in range.
  expect(id_offsets_[0] == 0 && id_offsets_[n] == id_chars_.size(),
         "vertex id offsets out of range");
  expect(out_offsets_[0] == 0 && out_offsets_[n] == m && in_offsets_[0] == 0 && in_offsets_[n] == m,
         "edge offsets out of range");
  expect(same_as == same_as_edges_, "a same_as edge count that does not match its edges");
  return wrong;
}

}  // namespace flgraph::graph
