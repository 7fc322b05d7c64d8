// graph/section_file.cpp: header, aligned sections, XXH3-64 over the whole file (section_file.h).
#include "graph/section_file.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <type_traits>

#include "graph/errors.h"

namespace flgraph::graph {
namespace {

constexpr std::size_t kAlignment = 64;

struct SectionHeader {
  std::array<char, 8> magic;
  std::uint32_t version;
  std::uint32_t section_count;
  std::array<char, 64> generation;
  std::array<std::uint64_t, kMaxCounts> counts;
  std::uint64_t file_bytes;
  std::uint64_t checksum;  // XXH3-64 of the whole file, these 8 bytes read as zeros
  std::array<std::uint64_t, kMaxSections> offsets;
  std::array<std::uint64_t, kMaxSections> sizes;
};
// No padding: every header byte is a field the checksum and the checks cover.
static_assert(sizeof(SectionHeader) == std::size_t{8 + 4 + 4 + 64 + 2 * 8} +
                                           (kMaxCounts + 2 * kMaxSections) * sizeof(std::uint64_t));
static_assert(std::is_trivially_copyable_v<SectionHeader>);

constexpr std::size_t align_up(std::size_t value) {
  return (value + kAlignment - 1) / kAlignment * kAlignment;
}
constexpr std::size_t kHeadBytes = align_up(sizeof(SectionHeader));

std::array<char, 64> generation_field(std::string_view generation) {
  std::array<char, 64> field{};
  std::memcpy(field.data(), generation.data(), std::min(generation.size(), field.size()));
  return field;
}

struct FreeState {
  void operator()(XXH3_state_t* state) const { XXH3_freeState(state); }
};
using HashState = std::unique_ptr<XXH3_state_t, FreeState>;

HashState hash_with_head(SectionHeader header) {
  HashState state(XXH3_createState());
  if (!state) throw Error("out of memory for a checksum");
  XXH3_64bits_reset(state.get());
  header.checksum = 0;
  std::array<char, kHeadBytes> head{};
  std::memcpy(head.data(), &header, sizeof(header));
  XXH3_64bits_update(state.get(), head.data(), head.size());
  return state;
}

// The header this writer makes for these section sizes.
SectionHeader layout(const SectionFormat& format, std::string_view generation,
                     std::span<const std::uint64_t> counts, std::span<const std::uint64_t> sizes) {
  SectionHeader header{};
  header.magic = format.magic;
  header.version = format.version;
  header.section_count = static_cast<std::uint32_t>(sizes.size());
  header.generation = generation_field(generation);
  std::copy(counts.begin(), counts.end(), header.counts.begin());
  std::size_t offset = kHeadBytes;
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    header.offsets[i] = offset;
    header.sizes[i] = sizes[i];
    offset = align_up(offset + sizes[i]);
  }
  header.file_bytes = offset;
  return header;
}

}  // namespace

void write_section_file(const std::filesystem::path& path, const SectionFormat& format,
                        std::string_view generation, std::span<const std::uint64_t> counts,
                        std::span<const SectionBytes> sections) {
  if (sections.size() > kMaxSections || counts.size() > kMaxCounts)
    throw Error(fmt::format("{}: too many sections", format.what));
  std::vector<std::uint64_t> sizes;
  for (const auto& section : sections) sizes.push_back(section.size);
  SectionHeader header = layout(format, generation, counts, sizes);
  const std::array<char, kAlignment> zeros{};
  auto for_each_piece = [&](auto&& piece) {
    std::size_t at = kHeadBytes;
    for (std::size_t i = 0; i < sections.size(); ++i) {
      piece(zeros.data(), header.offsets[i] - at);
      piece(sections[i].data, sections[i].size);
      at = header.offsets[i] + sections[i].size;
    }
    piece(zeros.data(), header.file_bytes - at);
  };
  const auto state = hash_with_head(header);
  for_each_piece([&](const char* bytes, std::size_t size) {
    if (size > 0) XXH3_64bits_update(state.get(), bytes, size);
  });
  header.checksum = XXH3_64bits_digest(state.get());
  std::array<char, kHeadBytes> head{};
  std::memcpy(head.data(), &header, sizeof(header));
  PartialFile out(path, format.what);
  out.write(head.data(), head.size());
  for_each_piece([&](const char* bytes, std::size_t size) { out.write(bytes, size); });
  out.rename_to(path);
}

bool holds_another_file(const std::filesystem::path& path, const SectionFormat& format) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return false;
  std::string problem;
  const auto file = MappedFile::open(path, 0, problem);
  std::array<char, 8> magic{};
  if (!file) return false;
  return file->size() < magic.size() || !file->read(0, magic.data(), magic.size()) ||
         magic != format.magic;
}

std::span<const char> MappedSections::section(std::size_t i) const {
  if (i >= section_count_) return {};
  return {file_.data() + offsets_[i], static_cast<std::size_t>(sizes_[i])};
}

std::optional<MappedSections> map_section_file(const std::filesystem::path& path,
                                               const SectionFormat& format,
                                               std::string_view generation,
                                               std::size_t section_count, std::string& problem) {
  auto file = MappedFile::open(path, kHeadBytes, problem);
  if (!file) return std::nullopt;
  SectionHeader header{};
  if (!file->read(0, reinterpret_cast<char*>(&header), sizeof(header))) {
    problem = "cannot be read";
    return std::nullopt;
  }
  if (header.magic != format.magic) {
    problem = fmt::format("is not {}", format.what);
    return std::nullopt;
  }
  if (header.version != format.version) {
    // An older format is simply rebuilt; any other number is damage or a newer flgraph's file.
    if (header.version == 0 || header.version > format.version) {
      problem =
          fmt::format("has format version {}, which this flgraph does not read", header.version);
    }
    return std::nullopt;
  }
  if (header.generation != generation_field(generation)) return std::nullopt;  // stale
  if (header.file_bytes != file->size()) {
    problem = fmt::format("is {} bytes long but was written {} bytes long", file->size(),
                          header.file_bytes);
    return std::nullopt;
  }
  const std::span<const std::uint64_t> sizes(header.sizes.data(),
                                             std::min<std::size_t>(section_count, kMaxSections));
  const auto expected = layout(format, generation, header.counts, sizes);
  const bool sizes_fit = std::all_of(sizes.begin(), sizes.end(),
                                     [&](std::uint64_t size) { return size <= file->size(); });
  if (section_count > kMaxSections || header.section_count != section_count || !sizes_fit ||
      header.offsets != expected.offsets || header.file_bytes != expected.file_bytes) {
    problem = "has a section table this flgraph did not write";
    return std::nullopt;
  }
  const auto state = hash_with_head(header);
  std::vector<char> buffer(std::size_t{1} << 20);
  for (std::size_t at = kHeadBytes; at < file->size(); at += buffer.size()) {
    const std::size_t size = std::min(buffer.size(), file->size() - at);
    if (!file->read(at, buffer.data(), size)) {
      problem = "cannot be read";
      return std::nullopt;
    }
    XXH3_64bits_update(state.get(), buffer.data(), size);
  }
  if (XXH3_64bits_digest(state.get()) != header.checksum) {
    problem = "is damaged (checksum mismatch)";
    return std::nullopt;
  }
  MappedSections out(std::move(*file));
  out.section_count_ = section_count;
  out.counts_ = header.counts;
  out.offsets_ = header.offsets;
  out.sizes_ = header.sizes;
  return out;
}

}  // namespace flgraph::graph
