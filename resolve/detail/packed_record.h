// resolve/detail/packed_record.h: what a name index keeps of one record (its id, names,
// qualifiers and their normalised readings), packed into bytes. Unpacked, a record is one to
// two kilobytes of strings and vectors; packed, its letters and a few bytes of lengths. The
// index unpacks the candidates a query scores into a reused buffer (name_matcher.cpp).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "graph/column.h"
#include "resolve/name_normalizer.h"
#include "resolve/qualifiers.h"

namespace flgraph::resolve::detail {

// A record as given (id, qualifiers, names), its readings, which of its names each reading is
// of, and the statistics' id of each token of each reading (TokenStatistics::add_document).
struct UnpackedRecord {
  std::string id;
  Qualifiers qualifiers;
  std::vector<std::string> names;
  std::vector<NormalizedName> readings;
  std::vector<std::uint32_t> owners;
  std::vector<std::vector<std::uint32_t>> token_ids;
};

// Appends the packed form of `record` to `out`.
void pack_record(const UnpackedRecord& record, std::string& out);
// Reads what pack_record wrote back into `record`, reusing its buffers; `bytes` must be exactly
// one packed record.
void unpack_record(std::string_view bytes, UnpackedRecord& record);
// The id alone, which comes first: a view into `bytes`.
std::string_view packed_id(std::string_view bytes);

// Packed records one after another. While growing, in blocks of about kBlockBytes that never
// move once written: growing copies no record and leaves no doubled capacity behind. Once
// packed, one array of bytes and the offset where each record starts, which the name index file
// writes and maps back as they are.
class PackedRecords {
 public:
  static constexpr std::size_t kBlockBytes = std::size_t{1} << 20;
  PackedRecords() = default;
  // Records mapped from a file: `offsets` holds one more entry than there are records.
  PackedRecords(graph::Column<char> bytes, graph::Column<std::uint64_t> offsets);
  void append(const UnpackedRecord& record);
  void pack();
  std::size_t size() const;
  // Throws std::out_of_range for an index or offsets past the end.
  std::string_view at(std::size_t index) const;
  // The packed arrays (empty while growing), for the name index file.
  const graph::Column<char>& packed_bytes() const { return bytes_; }
  const graph::Column<std::uint64_t>& packed_offsets() const { return offsets_; }

 private:
  bool is_packed() const { return offsets_.size() > 0; }
  void append_bytes(std::string_view bytes);
  void unpack();

  struct Span {
    std::uint32_t block = 0;
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
  };
  std::vector<std::string> blocks_;
  std::vector<Span> spans_;
  graph::Column<char> bytes_;
  graph::Column<std::uint64_t> offsets_;
};

}  // namespace flgraph::resolve::detail
