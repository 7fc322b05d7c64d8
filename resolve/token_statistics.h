// resolve/token_statistics.h: how rare each word is among the names of an index, so that a
// word in every record ("kim", "dandong") weighs less than a rare one.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/column.h"
#include "resolve/detail/appendable_column.h"
#include "resolve/name_normalizer.h"

namespace flgraph::resolve {

// Word frequencies, one document per record. While records are added, a map from each token's
// fold to its id; once packed, the folds sorted in one array of letters with their ids, which
// the name index file writes and maps back as they are. Adding after packing unpacks them.
class TokenStatistics {
 public:
  TokenStatistics() = default;
  // Packed arrays mapped from a file (name_index_file.cpp).
  struct Packed {
    graph::Column<char> fold_letters;
    graph::Column<std::uint64_t> fold_offsets;  // one more than there are folds
    graph::Column<std::uint32_t> fold_ids;      // the id of each sorted fold
    graph::Column<std::uint32_t> frequency;     // documents holding each id
  };
  TokenStatistics(Packed packed, std::size_t documents);

  // Counts a document's tokens; returns the id of each token's fold, in order.
  std::vector<std::uint32_t> add_document(const std::vector<const NameToken*>& tokens);
  void pack();
  // class_weight x (0.4 + 0.6 x idf), idf = ln((N+1)/(df+1)) / ln(N+1) in [0,1].
  double weight(const NameToken& token) const;
  // The same by the id add_document gave the token's fold: no string hashing, for the many
  // candidates of a query.
  double weight(TokenClass token_class, std::uint32_t id) const;
  std::size_t documents() const { return documents_; }
  // The packed arrays (empty while growing) and the frequencies, for the name index file.
  const graph::Column<char>& fold_letters() const { return letters_; }
  const graph::Column<std::uint64_t>& fold_offsets() const { return offsets_; }
  const graph::Column<std::uint32_t>& fold_ids() const { return sorted_ids_; }
  std::span<const std::uint32_t> frequency() const { return frequency_.span(); }

 private:
  bool is_packed() const { return offsets_.size() > 0; }
  void unpack();
  std::optional<std::string_view> sorted_fold(std::size_t position) const;
  std::optional<std::uint32_t> id_of(const std::string& fold) const;
  double weight_of_frequency(TokenClass token_class, double frequency) const;

  std::unordered_map<std::string, std::uint32_t> ids_;
  graph::Column<char> letters_;
  graph::Column<std::uint64_t> offsets_;
  graph::Column<std::uint32_t> sorted_ids_;
  detail::AppendableColumn<std::uint32_t> frequency_;
  std::size_t documents_ = 0;
};

}  // namespace flgraph::resolve
