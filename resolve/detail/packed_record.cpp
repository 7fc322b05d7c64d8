// resolve/detail/packed_record.cpp: lengths and counts as base-128 varints, strings as their
// bytes, each token's class and flags in one byte (packed_record.h).
#include "resolve/detail/packed_record.h"

#include <algorithm>
#include <stdexcept>

namespace flgraph::resolve::detail {
namespace {

// The flag byte of a token: its class in the low three bits, then the flags. A fold equal to
// the text, or a sound equal to the fold, is not written again.
constexpr std::uint8_t kClassBits = 0x07;
constexpr std::uint8_t kNumeric = 0x08;
constexpr std::uint8_t kKoreanShape = 0x10;
constexpr std::uint8_t kFoldIsText = 0x20;
constexpr std::uint8_t kSoundIsFold = 0x40;

void put_number(std::uint64_t value, std::string& out) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

void put_text(std::string_view text, std::string& out) {
  put_number(text.size(), out);
  out.append(text);
}

void put_token(const NameToken& token, std::string& out) {
  auto flags = static_cast<std::uint8_t>(token.token_class);
  if (token.numeric) flags |= kNumeric;
  if (token.korean_shape) flags |= kKoreanShape;
  if (token.fold == token.text) flags |= kFoldIsText;
  if (token.sound == token.fold) flags |= kSoundIsFold;
  out.push_back(static_cast<char>(flags));
  put_text(token.text, out);
  if ((flags & kFoldIsText) == 0) put_text(token.fold, out);
  if ((flags & kSoundIsFold) == 0) put_text(token.sound, out);
}

// Reads in order from packed bytes; a read past the end is a bug in the index, not bad input.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  std::uint64_t number() {
    std::uint64_t value = 0;
    for (int shift = 0;; shift += 7) {
      if (shift > 63) throw std::logic_error("packed record: number too long");
      const auto byte = static_cast<std::uint8_t>(next());
      value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0) return value;
    }
  }
  // A count of things each at least a byte long: never more than the bytes left, so a damaged
  // count cannot ask for gigabytes.
  std::size_t count() {
    const auto value = number();
    if (value > bytes_.size() - at_) throw std::logic_error("packed record: count past the end");
    return static_cast<std::size_t>(value);
  }
  std::string_view view() {
    const auto length = count();
    if (length > bytes_.size() - at_) throw std::logic_error("packed record: truncated");
    const auto text = bytes_.substr(at_, length);
    at_ += length;
    return text;
  }
  void text(std::string& out) { out.assign(view()); }
  void texts(std::vector<std::string>& out) {
    out.resize(count());
    for (auto& text_out : out) text(text_out);
  }
  void token(NameToken& token) {
    const auto flags = static_cast<std::uint8_t>(next());
    if ((flags & kClassBits) > static_cast<std::uint8_t>(TokenClass::StopWord))
      throw std::logic_error("packed record: unknown token class");
    token.token_class = static_cast<TokenClass>(flags & kClassBits);
    token.numeric = (flags & kNumeric) != 0;
    token.korean_shape = (flags & kKoreanShape) != 0;
    text(token.text);
    if ((flags & kFoldIsText) != 0) {
      token.fold = token.text;
    } else {
      text(token.fold);
    }
    if ((flags & kSoundIsFold) != 0) {
      token.sound = token.fold;
    } else {
      text(token.sound);
    }
  }
  bool done() const { return at_ == bytes_.size(); }

 private:
  char next() {
    if (at_ >= bytes_.size()) throw std::logic_error("packed record: truncated");
    return bytes_[at_++];
  }
  std::string_view bytes_;
  std::size_t at_ = 0;
};

void put_texts(const std::vector<std::string>& texts, std::string& out) {
  put_number(texts.size(), out);
  for (const auto& text : texts) put_text(text, out);
}

}  // namespace

void pack_record(const UnpackedRecord& record, std::string& out) {
  put_text(record.id, out);
  put_texts(record.names, out);
  put_text(record.qualifiers.kind, out);
  put_text(record.qualifiers.country, out);
  put_texts(record.qualifiers.birth_dates, out);
  put_texts(record.qualifiers.identifiers, out);
  put_number(record.readings.size(), out);
  for (std::size_t r = 0; r < record.readings.size(); ++r) {
    const auto& reading = record.readings[r];
    put_number(record.owners[r], out);
    put_text(reading.acronym, out);
    put_text(reading.initials, out);
    put_number(reading.tokens.size(), out);
    for (std::size_t t = 0; t < reading.tokens.size(); ++t) {
      put_token(reading.tokens[t], out);
      put_number(record.token_ids[r][t], out);
    }
    put_number(reading.runs.size(), out);
    for (const auto& run : reading.runs) {
      put_number(run.first, out);
      put_number(run.length, out);
      put_token(run.token, out);
    }
  }
}

void unpack_record(std::string_view bytes, UnpackedRecord& record) {
  Reader in(bytes);
  in.text(record.id);
  in.texts(record.names);
  in.text(record.qualifiers.kind);
  in.text(record.qualifiers.country);
  in.texts(record.qualifiers.birth_dates);
  in.texts(record.qualifiers.identifiers);
  const auto readings = in.count();
  record.readings.resize(readings);
  record.owners.resize(readings);
  record.token_ids.resize(readings);
  for (std::size_t r = 0; r < readings; ++r) {
    auto& reading = record.readings[r];
    record.owners[r] = static_cast<std::uint32_t>(in.number());
    if (record.owners[r] >= record.names.size())
      throw std::logic_error("packed record: a reading of no name");
    in.text(reading.acronym);
    in.text(reading.initials);
    const auto tokens = in.count();
    reading.tokens.resize(tokens);
    record.token_ids[r].resize(tokens);
    for (std::size_t t = 0; t < tokens; ++t) {
      in.token(reading.tokens[t]);
      record.token_ids[r][t] = static_cast<std::uint32_t>(in.number());
    }
    reading.runs.resize(in.count());
    for (auto& run : reading.runs) {
      // Positions, not counts: a run late in a long name starts past the bytes left.
      run.first = static_cast<std::size_t>(in.number());
      run.length = static_cast<std::size_t>(in.number());
      // The scorer reads the run's tokens: they must be tokens of this reading.
      if (run.first > tokens || run.length > tokens - run.first)
        throw std::logic_error("packed record: a run past its reading's tokens");
      in.token(run.token);
    }
  }
  if (!in.done()) throw std::logic_error("packed record: bytes left over");
}

std::string_view packed_id(std::string_view bytes) { return Reader(bytes).view(); }

PackedRecords::PackedRecords(graph::Column<char> bytes, graph::Column<std::uint64_t> offsets)
    : bytes_(std::move(bytes)), offsets_(std::move(offsets)) {}

void PackedRecords::append(const UnpackedRecord& record) {
  std::string bytes;
  pack_record(record, bytes);
  if (is_packed()) unpack();
  append_bytes(bytes);
}

void PackedRecords::append_bytes(std::string_view bytes) {
  if (blocks_.empty() || blocks_.back().size() + bytes.size() > blocks_.back().capacity())
    blocks_.emplace_back().reserve(std::max(kBlockBytes, bytes.size()));
  auto& block = blocks_.back();
  spans_.push_back({static_cast<std::uint32_t>(blocks_.size() - 1),
                    static_cast<std::uint32_t>(block.size()),
                    static_cast<std::uint32_t>(bytes.size())});
  block += bytes;
}

void PackedRecords::pack() {
  if (spans_.empty()) return;
  std::size_t total = 0;
  for (const auto& block : blocks_) total += block.size();
  std::vector<char> bytes;
  bytes.reserve(total);
  std::vector<std::uint64_t> offsets;
  offsets.reserve(spans_.size() + 1);
  // Records sit in block order: each block is freed once copied, so the two forms are never
  // both whole in memory.
  for (const auto& span : spans_) {
    offsets.push_back(bytes.size());
    const auto& block = blocks_[span.block];
    bytes.insert(bytes.end(), block.begin() + span.offset,
                 block.begin() + span.offset + span.length);
    if (span.offset + span.length == block.size()) blocks_[span.block] = std::string();
  }
  offsets.push_back(bytes.size());
  blocks_ = {};
  spans_ = {};
  bytes_ = graph::Column<char>(std::move(bytes));
  offsets_ = graph::Column<std::uint64_t>(std::move(offsets));
}

void PackedRecords::unpack() {
  for (std::size_t i = 0; i + 1 < offsets_.size(); ++i) append_bytes(at(i));
  bytes_ = {};
  offsets_ = {};
}

std::size_t PackedRecords::size() const {
  return is_packed() ? offsets_.size() - 1 : spans_.size();
}

std::string_view PackedRecords::at(std::size_t index) const {
  if (!is_packed()) {
    const auto& span = spans_.at(index);
    return std::string_view(blocks_[span.block]).substr(span.offset, span.length);
  }
  // Mapped offsets are checked here, where they are used, not all when the file is opened.
  if (index >= size() || offsets_[index] > offsets_[index + 1] ||
      offsets_[index + 1] > bytes_.size())
    throw std::out_of_range("a packed record past the end of the name index");
  return {bytes_.data() + offsets_[index],
          static_cast<std::size_t>(offsets_[index + 1] - offsets_[index])};
}

}  // namespace flgraph::resolve::detail
