// graph/query_graph.cpp: building compressed sparse rows, and the snapshot that maps them back.
#include "graph/query_graph.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <limits>
#include <type_traits>

#include "graph/errors.h"

namespace flgraph::graph {
namespace {

// Bump when the layout below changes: older snapshots are then rebuilt, never misread.
constexpr std::uint32_t kSnapshotVersion = 2;  // 2: row ids in 32 bits
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
  std::uint64_t checksum;  // XXH3-64 of everything after the header and section table
  std::array<std::uint64_t, kSectionCount> section_offset;
  std::array<std::uint64_t, kSectionCount> section_bytes;
};

StoredRowId narrow_row(std::int64_t row) {
  if (row < 0 || row > static_cast<std::int64_t>(std::numeric_limits<StoredRowId>::max())) {
    throw Error(fmt::format("row id {} does not fit the query graph's 32-bit row ids", row));
  }
  return static_cast<StoredRowId>(row);
}

constexpr VertexId kNoVertex = std::numeric_limits<VertexId>::max();

std::size_t align_up(std::size_t value) { return (value + kAlignment - 1) / kAlignment * kAlignment; }

std::array<char, 64> generation_field(std::string_view generation) {
  std::array<char, 64> field{};
  std::memcpy(field.data(), generation.data(), std::min(generation.size(), field.size()));
  return field;
}

}  // namespace

struct QueryGraph::Mapping {
  void* address = MAP_FAILED;
  std::size_t bytes = 0;
  ~Mapping() {
    if (address != MAP_FAILED) munmap(address, bytes);
  }
};

QueryGraph::QueryGraph() = default;
QueryGraph::~QueryGraph() = default;
QueryGraph::QueryGraph(QueryGraph&&) noexcept = default;
QueryGraph& QueryGraph::operator=(QueryGraph&&) noexcept = default;

QueryGraph QueryGraph::build(std::vector<VertexInput> vertices, std::vector<EdgeInput> edges) {
  QueryGraph g;
  const std::size_t n = vertices.size();
  std::vector<std::uint64_t> id_offsets;
  std::vector<char> id_chars;
  std::vector<EntityKind> kinds;
  std::vector<std::uint8_t> is_protected;
  std::vector<StoredRowId> entity_rows;
  id_offsets.reserve(n + 1);
  kinds.reserve(n);
  is_protected.reserve(n);
  entity_rows.reserve(n);
  id_offsets.push_back(0);
  for (const auto& vertex : vertices) {
    id_chars.insert(id_chars.end(), vertex.id.begin(), vertex.id.end());
    id_offsets.push_back(id_chars.size());
    kinds.push_back(vertex.kind);
    is_protected.push_back(vertex.is_protected ? 1 : 0);
    entity_rows.push_back(narrow_row(vertex.entity_row));
  }
  std::vector<VertexInput>().swap(vertices);  // freed now: the edge arrays are the peak

  // Edge index = position in a stable counting sort by source, so out-edges are contiguous
  // (no sort buffer: at 10M edges a merge sort's would be 400 MB); each vertex's in-edge list
  // is then filled in edge order.
  const std::size_t m = edges.size();
  std::vector<EdgeIdx> out_offsets(n + 1, 0);
  std::vector<EdgeIdx> in_offsets(n + 1, 0);
  for (const auto& edge : edges) {
    ++out_offsets[edge.src + 1];
    ++in_offsets[edge.dst + 1];
  }
  for (std::size_t v = 0; v < n; ++v) {
    out_offsets[v + 1] += out_offsets[v];
    in_offsets[v + 1] += in_offsets[v];
  }
  std::vector<VertexId> out_targets(m);
  std::vector<RelationKind> edge_kind(m);
  std::vector<std::int32_t> edge_from(m);
  std::vector<std::int32_t> edge_to(m);
  std::vector<float> edge_confidence(m);
  std::vector<StoredRowId> relation_rows(m);
  {
    std::vector<EdgeIdx> out_fill(out_offsets.begin(), out_offsets.end() - 1);
    for (const auto& edge : edges) {
      const EdgeIdx e = out_fill[edge.src]++;
      out_targets[e] = edge.dst;
      edge_kind[e] = edge.kind;
      edge_from[e] = edge.date_from;
      edge_to[e] = edge.date_to;
      edge_confidence[e] = edge.confidence;
      relation_rows[e] = narrow_row(edge.relation_row);
      if (edge.kind == RelationKind::SameAs) ++g.same_as_edges_;
    }
  }
  std::vector<EdgeInput>().swap(edges);
  std::vector<VertexId> in_sources(m);
  std::vector<EdgeIdx> in_edges(m);
  std::vector<EdgeIdx> in_fill(in_offsets.begin(), in_offsets.end() - 1);
  for (std::size_t v = 0; v < n; ++v) {
    for (EdgeIdx e = out_offsets[v]; e < out_offsets[v + 1]; ++e) {
      const EdgeIdx slot = in_fill[out_targets[e]]++;
      in_sources[slot] = static_cast<VertexId>(v);
      in_edges[slot] = e;
    }
  }
  g.id_offsets_ = Column(std::move(id_offsets));
  g.id_chars_ = Column(std::move(id_chars));
  g.kinds_ = Column(std::move(kinds));
  g.protected_ = Column(std::move(is_protected));
  g.entity_rows_ = Column(std::move(entity_rows));
  g.out_offsets_ = Column(std::move(out_offsets));
  g.out_targets_ = Column(std::move(out_targets));
  g.in_offsets_ = Column(std::move(in_offsets));
  g.in_sources_ = Column(std::move(in_sources));
  g.in_edges_ = Column(std::move(in_edges));
  g.edge_kind_ = Column(std::move(edge_kind));
  g.edge_from_ = Column(std::move(edge_from));
  g.edge_to_ = Column(std::move(edge_to));
  g.edge_confidence_ = Column(std::move(edge_confidence));
  g.relation_rows_ = Column(std::move(relation_rows));
  return g;
}

QueryGraph QueryGraph::build_from_store(const Store& store) {
  std::vector<VertexInput> vertices;
  vertices.reserve(static_cast<std::size_t>(store.entity_count()));
  // Row ids are dense (1, 2, ... as inserted), so a vector indexed by row maps them to vertices.
  std::vector<VertexId> vertex_of_row;
  vertex_of_row.reserve(vertices.capacity() + 1);
  store.for_each_entity_key([&](const Store::EntityKey& key) {
    const auto row = narrow_row(key.row);
    if (row >= vertex_of_row.size()) vertex_of_row.resize(std::max<std::size_t>(row + 1, vertex_of_row.size() * 2), kNoVertex);
    vertex_of_row[row] = static_cast<VertexId>(vertices.size());
    vertices.push_back({std::string(key.id), key.kind, key.is_protected, key.row});
  });
  auto vertex_at = [&](EntityRowId row) {
    if (row < 0 || static_cast<std::uint64_t>(row) >= vertex_of_row.size() || vertex_of_row[static_cast<std::size_t>(row)] == kNoVertex) {
      throw Error(fmt::format("relation refers to entity row {}, which the store does not hold", row));
    }
    return vertex_of_row[static_cast<std::size_t>(row)];
  };
  std::vector<EdgeInput> edges;
  edges.reserve(static_cast<std::size_t>(store.max_relation_row()));
  store.for_each_relation_row([&](const RelationRow& row) {
    edges.push_back({vertex_at(row.src), vertex_at(row.dst), row.kind,
                     row.from ? row.from->days : kOpenStart, row.to ? row.to->days : kOpenEnd,
                     static_cast<float>(row.confidence), row.row});
  });
  return build(std::move(vertices), std::move(edges));
}

std::filesystem::path QueryGraph::snapshot_path(const std::filesystem::path& database) {
  return std::filesystem::path(database.string() + ".qgraph");
}

QueryGraph QueryGraph::load(const Store& store) {
  const auto path = snapshot_path(store.path());
  const std::string generation = store.generation();
  if (auto mapped = map_snapshot(path, generation)) return std::move(*mapped);
  QueryGraph built = build_from_store(store);
  try {
    built.write_snapshot(path, generation);
  } catch (const Error&) {
    // A folder we cannot write to costs only the rebuild next time; the answer is the same.
  }
  return built;
}

// The snapshot's sections, in file order; writer, reader and the memory count all walk this.
template <typename Self, typename Visit>
void QueryGraph::for_each_column(Self& g, Visit&& visit) {
  visit(g.id_offsets_);
  visit(g.id_chars_);
  visit(g.kinds_);
  visit(g.protected_);
  visit(g.entity_rows_);
  visit(g.out_offsets_);
  visit(g.out_targets_);
  visit(g.in_offsets_);
  visit(g.in_sources_);
  visit(g.in_edges_);
  visit(g.edge_kind_);
  visit(g.edge_from_);
  visit(g.edge_to_);
  visit(g.edge_confidence_);
  visit(g.relation_rows_);
}

void QueryGraph::write_snapshot(const std::filesystem::path& path, std::string_view generation) const {
  SnapshotHeader header{};
  header.magic = kSnapshotMagic;
  header.version = kSnapshotVersion;
  header.section_count = kSectionCount;
  header.generation = generation_field(generation);
  header.vertex_count = vertex_count();
  header.edge_count = edge_count();
  header.same_as_edges = same_as_edges_;
  std::vector<std::pair<const char*, std::size_t>> sections;
  for_each_column(*this, [&](const auto& column) {
    sections.emplace_back(reinterpret_cast<const char*>(column.data()), column.size() * sizeof(*column.data()));
  });
  std::size_t offset = align_up(sizeof(SnapshotHeader));
  for (std::size_t i = 0; i < kSectionCount; ++i) {
    header.section_offset[i] = offset;
    header.section_bytes[i] = sections[i].second;
    offset = align_up(offset + sections[i].second);
  }
  const std::size_t body_start = align_up(sizeof(SnapshotHeader));
  // The sections go out one by one (no copy of the whole body: at 10M edges that is 430 MB
  // of peak memory); the checksum covers them and the zero padding between them, in order.
  const std::array<char, kAlignment> zeros{};
  auto for_each_piece = [&](auto&& piece) {
    std::size_t at = body_start;
    for (std::size_t i = 0; i < kSectionCount; ++i) {
      piece(zeros.data(), header.section_offset[i] - at);
      piece(sections[i].first, sections[i].second);
      at = header.section_offset[i] + sections[i].second;
    }
    piece(zeros.data(), offset - at);
  };
  XXH3_state_t* state = XXH3_createState();
  if (state == nullptr) throw Error("out of memory for the snapshot checksum");
  XXH3_64bits_reset(state);
  for_each_piece([&](const char* bytes, std::size_t size) {
    if (size > 0) XXH3_64bits_update(state, bytes, size);
  });
  header.checksum = XXH3_64bits_digest(state);
  XXH3_freeState(state);

  // Write beside the target and rename, so a reader never maps half a file.
  const auto temporary = std::filesystem::path(path.string() + ".partial");
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    std::vector<char> head(body_start, '\0');
    std::memcpy(head.data(), &header, sizeof(header));
    out.write(head.data(), static_cast<std::streamsize>(head.size()));
    for_each_piece([&](const char* bytes, std::size_t size) {
      if (size > 0) out.write(bytes, static_cast<std::streamsize>(size));
    });
    if (!out) throw Error(fmt::format("cannot write the query graph snapshot \"{}\"", temporary.string()));
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    std::filesystem::remove(temporary, ec);
    throw Error(fmt::format("cannot write the query graph snapshot \"{}\"", path.string()));
  }
}

std::optional<QueryGraph> QueryGraph::map_snapshot(const std::filesystem::path& path, std::string_view generation) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat info {};
  if (fstat(fd, &info) != 0 || static_cast<std::size_t>(info.st_size) < align_up(sizeof(SnapshotHeader))) {
    ::close(fd);
    return std::nullopt;
  }
  auto mapping = std::make_unique<Mapping>();
  mapping->bytes = static_cast<std::size_t>(info.st_size);
  mapping->address = mmap(nullptr, mapping->bytes, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (mapping->address == MAP_FAILED) return std::nullopt;
  const char* base = static_cast<const char*>(mapping->address);
  SnapshotHeader header{};
  std::memcpy(&header, base, sizeof(header));
  if (header.magic != kSnapshotMagic || header.version != kSnapshotVersion || header.section_count != kSectionCount ||
      header.generation != generation_field(generation)) {
    return std::nullopt;
  }
  const std::size_t body_start = align_up(sizeof(SnapshotHeader));
  for (std::size_t i = 0; i < kSectionCount; ++i) {
    if (header.section_offset[i] < body_start || header.section_offset[i] % kAlignment != 0 ||
        header.section_offset[i] + header.section_bytes[i] > mapping->bytes) {
      return std::nullopt;
    }
  }
  if (XXH3_64bits(base + body_start, mapping->bytes - body_start) != header.checksum) return std::nullopt;

  QueryGraph g;
  g.same_as_edges_ = header.same_as_edges;
  std::size_t index = 0;
  bool sizes_ok = true;
for_each_column(g, [&](auto& column) {
    using Element = std::remove_cv_t<std::remove_pointer_t<decltype(column.data())>>;
    const auto bytes = header.section_bytes[index];
    sizes_ok = sizes_ok && bytes % sizeof(Element) == 0;
    column = Column<Element>(reinterpret_cast<const Element*>(base + header.section_offset[index]), bytes / sizeof(Element));
    ++index;
  });
  const std::size_t n = header.vertex_count;
  const std::size_t m = header.edge_count;
  sizes_ok = sizes_ok && g.id_offsets_.size() == n + 1 && g.kinds_.size() == n && g.protected_.size() == n &&
             g.entity_rows_.size() == n && g.out_offsets_.size() == n + 1 && g.in_offsets_.size() == n + 1 &&
             g.out_targets_.size() == m && g.in_sources_.size() == m && g.in_edges_.size() == m &&
             g.edge_kind_.size() == m && g.edge_from_.size() == m && g.edge_to_.size() == m &&
             g.edge_confidence_.size() == m && g.relation_rows_.size() == m;
  if (!sizes_ok) return std::nullopt;
  g.mapping_ = std::move(mapping);
  return g;
}

VertexId QueryGraph::edge_source(EdgeIdx e) const {
  // The last vertex whose first out-edge is at or before e.
  const auto* found = std::upper_bound(out_offsets_.begin(), out_offsets_.end(), e);
  return static_cast<VertexId>(found - out_offsets_.begin() - 1);
}

std::optional<VertexId> QueryGraph::find(std::string_view id) const {
  VertexId low = 0;
  auto high = static_cast<VertexId>(vertex_count());
  while (low < high) {
    const VertexId mid = low + (high - low) / 2;
    if (this->id(mid) < id) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  if (low < vertex_count() && this->id(low) == id) return low;
  return std::nullopt;
}

std::size_t QueryGraph::memory_bytes() const {
  std::size_t total = 0;
for_each_column(*this, [&](const auto& column) { total += column.size() * sizeof(*column.data()); });
  return total;
}

}  // namespace flgraph::graph
