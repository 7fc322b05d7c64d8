// resolve/detail/packed_record.h: what a name index keeps of one record (its id, names,
// qualifiers and their normalised readings), packed into bytes. Unpacked, a record is one to
// two kilobytes of strings and vectors; packed, its letters and a few bytes of lengths. The
// index unpacks the candidates a query scores into a reused buffer (name_matcher.cpp).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

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

// Packed records one after another, in blocks of about kBlockBytes that never move once
// written: growing copies no record and leaves no doubled capacity behind.
class PackedRecords {
 public:
  static constexpr std::size_t kBlockBytes = std::size_t{1} << 20;
  void append(const UnpackedRecord& record);
  std::size_t size() const { return spans_.size(); }
  std::string_view at(std::size_t index) const;

 private:
  struct Span {
    std::uint32_t block = 0;
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
  };
  std::vector<std::string> blocks_;
  std::vector<Span> spans_;
};

}  // namespace flgraph::resolve::detail
