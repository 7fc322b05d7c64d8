// resolve/name_index_file.cpp: the name index as sections of graph/section_file.h.
#include "resolve/name_index_file.h"

#include <fmt/format.h>
#include <unicode/uversion.h>
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <memory>

#include "graph/database_files.h"
#include "graph/errors.h"
#include "graph/section_file.h"
#include "graph/warnings.h"
#include "resolve/name_tables.h"

namespace flgraph::resolve {
namespace {

// 1: packed records, sorted folds, packed postings, kinds and rows.
constexpr graph::SectionFormat kFormat{
    {'F', 'L', 'G', 'N', 'A', 'M', 'E', 'S'}, 1, "the name index"};

// Sections, in file order.
enum Section : std::size_t {
  kRecordBytes,
  kRecordOffsets,
  kFoldLetters,
  kFoldOffsets,
  kFoldIds,
  kFrequency,
  kPostingKeys,
  kPostingStarts,
  kPostingRecords,
  kKinds,
  kRows,
  kSectionCount
};
// Counts the sections are checked against.
enum Count : std::size_t { kRecords, kDocuments, kFolds, kKeys, kCountCount };

// What an index's bytes depend on besides the store: the layout above, the compiled-in tables,
// ICU, and what normalisation and blocking make of probe names in each script. An index saved by
// an flgraph that differs in any of them is stale, not misread. Beside the store's generation in
// the file's header.
std::string matcher_fingerprint() {
  static const std::string fingerprint = [] {
    std::string parts = fmt::format("{} {}\n", kFormat.version, U_ICU_VERSION);
    for (const auto text : name_table_texts()) parts.append(text);
    std::vector<BlockingKey> keys;
    for (const char* probe : {"KOREA RUNGRADO GENERAL TRADING CORPORATION", "조선릉라도무역총회사",
                              "朝鲜绫罗岛贸易总公司", "Ким Чен Ын", "OOO Sberbank Leasing",
                              "Ri Yong-chol", "Pak Yong Chol 3", "KUMGANG (KOMID)"}) {
      for (const auto& reading : name_readings(probe)) {
        for (const auto& token : reading.tokens) {
          parts += fmt::format("{}|{}|{}|{} ", token.text, token.fold, token.sound,
                               static_cast<int>(token.token_class));
        }
        append_blocking_hashes(reading, keys);
      }
    }
    for (const auto key : keys) parts += fmt::format("{:x} ", key);
    return fmt::format("{:016x}", XXH3_64bits(parts.data(), parts.size()));
  }();
  return fingerprint;
}

// The header's generation: the store's and the matcher's together.
std::string file_generation(std::string_view store_generation) {
  return fmt::format("{}/{}", store_generation, matcher_fingerprint());
}

template <typename T>
graph::SectionBytes bytes_of(std::span<const T> values) {
  return {reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T)};
}
template <typename T>
graph::SectionBytes bytes_of(const graph::Column<T>& values) {
  return bytes_of(std::span<const T>(values.data(), values.size()));
}

}  // namespace

void write_name_index(const StoreNameIndex& index, const std::filesystem::path& path,
                      std::string_view generation) {
  const auto& names = index.names();
  const auto& records = names.packed_records();
  const auto& statistics = names.statistics();
  const auto& postings = names.postings();
  const bool finished = (records.size() == 0 || records.packed_offsets().size() > 0) &&
                        (statistics.frequency().empty() || statistics.fold_offsets().size() > 0) &&
                        (records.size() == 0 || postings.packed());
  if (!finished) throw Error(fmt::format("{}: written before it was finished", kFormat.what));
  std::array<graph::SectionBytes, kSectionCount> sections{};
  sections[kRecordBytes] = bytes_of(records.packed_bytes());
  sections[kRecordOffsets] = bytes_of(records.packed_offsets());
  sections[kFoldLetters] = bytes_of(statistics.fold_letters());
  sections[kFoldOffsets] = bytes_of(statistics.fold_offsets());
  sections[kFoldIds] = bytes_of(statistics.fold_ids());
  sections[kFrequency] = bytes_of(statistics.frequency());
  sections[kPostingKeys] = bytes_of(postings.keys());
  sections[kPostingStarts] = bytes_of(postings.starts());
  sections[kPostingRecords] = bytes_of(postings.records());
  sections[kKinds] = bytes_of(index.kinds());
  sections[kRows] = bytes_of(index.rows());
  std::array<std::uint64_t, kCountCount> counts{};
  counts[kRecords] = records.size();
  counts[kDocuments] = statistics.documents();
  counts[kFolds] = statistics.fold_ids().size();
  counts[kKeys] = postings.keys().size();
  graph::write_section_file(path, kFormat, file_generation(generation), counts, sections);
}

std::optional<StoreNameIndex> map_name_index(const std::filesystem::path& path,
                                             std::string_view generation, std::string& problem) {
  auto mapped =
      graph::map_section_file(path, kFormat, file_generation(generation), kSectionCount, problem);
  if (!mapped) return std::nullopt;
  const auto file = std::make_shared<graph::MappedSections>(std::move(*mapped));
  auto record_bytes = file->column<char>(kRecordBytes);
  auto record_offsets = file->column<std::uint64_t>(kRecordOffsets);
  auto fold_letters = file->column<char>(kFoldLetters);
  auto fold_offsets = file->column<std::uint64_t>(kFoldOffsets);
  auto fold_ids = file->column<std::uint32_t>(kFoldIds);
  auto frequency = file->column<std::uint32_t>(kFrequency);
  auto keys = file->column<std::uint64_t>(kPostingKeys);
  auto starts = file->column<std::uint32_t>(kPostingStarts);
  auto posting_records = file->column<std::uint32_t>(kPostingRecords);
  auto kinds = file->column<graph::EntityKind>(kKinds);
  auto rows = file->column<graph::EntityRowId>(kRows);
  const std::size_t n = file->count(kRecords);
  const std::size_t folds = file->count(kFolds);
  const std::size_t key_count = file->count(kKeys);
  // Sizes are checked here; offsets where they are used (a page is read only when needed).
  const bool sizes_ok =
      record_bytes && record_offsets && fold_letters && fold_offsets && fold_ids && frequency &&
      keys && starts && posting_records && kinds && rows && n > 0 &&
      record_offsets->size() == n + 1 && fold_offsets->size() == (folds == 0 ? 0 : folds + 1) &&
      fold_ids->size() == folds && frequency->size() == folds && keys->size() == key_count &&
      starts->size() == key_count + 1 && kinds->size() == n && rows->size() == n &&
      std::all_of(kinds->begin(), kinds->end(), [](graph::EntityKind kind) {
        return static_cast<std::size_t>(kind) < graph::kEntityKindCount;
      });
  if (!sizes_ok) {
    problem = "has sections that do not match its counts";
    return std::nullopt;
  }
  TokenStatistics statistics({std::move(*fold_letters), std::move(*fold_offsets),
                              std::move(*fold_ids), std::move(*frequency)},
                             file->count(kDocuments));
  NameIndex names(
      detail::PackedRecords(std::move(*record_bytes), std::move(*record_offsets)),
      std::move(statistics),
      detail::BlockingPostings(std::move(*keys), std::move(*starts), std::move(*posting_records)));
  return StoreNameIndex(std::move(names),
                        detail::AppendableColumn<graph::EntityKind>(std::move(*kinds)),
                        detail::AppendableColumn<graph::EntityRowId>(std::move(*rows)), file);
}

StoreNameIndex StoreNameIndex::load(const graph::Store& store) {
  const auto path = graph::name_index_path(store.path());
  const std::string generation = store.generation();
  std::string problem;
  if (auto mapped = map_name_index(path, generation, problem)) return std::move(*mapped);
  if (graph::holds_another_file(path, kFormat)) {
    graph::warn(
        fmt::format("\"{}\" is not a name index and is left alone; the name index was "
                    "built in memory for this command only",
                    path.string()));
    return StoreNameIndex(store);
  }
  if (!problem.empty()) {
    graph::warn(fmt::format("the name index \"{}\" {}: rebuilding it from the database",
                            path.string(), problem));
  }
  // A stale or damaged index goes before the build: it may name a record protected since.
  std::error_code ignored;  // a file that cannot be removed is replaced by the rename below
  std::filesystem::remove(path, ignored);
  StoreNameIndex built(store);
  // A store without matchable names has nothing to save: its index is empty either way.
  if (built.size() == 0) return built;
  try {
    write_name_index(built, path, generation);
  } catch (const Error& e) {
    // The answers are the same; only the next command pays for the build again.
    graph::warn(
        fmt::format("{}; the name index was built in memory for this command only", e.what()));
    return built;
  }
  // Mapped back, so the built copy's memory goes and only what queries read comes in.
  if (auto mapped = map_name_index(path, generation, problem)) return std::move(*mapped);
  return built;
}

}  // namespace flgraph::resolve
