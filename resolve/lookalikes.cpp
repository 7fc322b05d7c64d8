// resolve/lookalikes.cpp: reading look-alike rows and matching names against them.
#include "resolve/lookalikes.h"

#include <fmt/format.h>

#include <algorithm>

#include "graph/errors.h"

namespace flgraph::resolve::detail {
// Generated from resolve/data/lookalikes.tsv (resolve/embed_tables.cmake).
extern const std::string_view k_lookalikes_tsv;
}  // namespace flgraph::resolve::detail

namespace flgraph::resolve {
namespace {

std::string trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\r')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.remove_suffix(1);
  return std::string(text);
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == separator) {
      auto part = trimmed(text.substr(start, i - start));
      if (!part.empty()) out.push_back(std::move(part));
      start = i + 1;
    }
  }
  return out;
}

std::vector<std::string> split_fields(std::string_view line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= line.size(); ++i) {
    if (i == line.size() || line[i] == '\t') {
      out.push_back(trimmed(line.substr(start, i - start)));
      start = i + 1;
    }
  }
  return out;
}

}  // namespace

const LookalikeList& LookalikeList::shipped() {
  static const LookalikeList list = [] {
    LookalikeList out;
    out.add_tsv(detail::k_lookalikes_tsv, "resolve/data/lookalikes.tsv");
    return out;
  }();
  return list;
}

void LookalikeList::add_row(const std::vector<std::string>& header,
                            const std::vector<std::string>& fields, const std::string& file,
                            std::size_t line) {
  if (fields.size() != header.size()) {
    throw InputError::malformed(
        {file, line, ""},
        fmt::format("expected {} fields as in the header, got {}", header.size(), fields.size()));
  }
  auto column = [&](std::string_view name) -> const std::string& {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return fields[i];
    }
    throw InputError::missing_column({file, line, std::string(name)}, name);
  };
  for (const auto name : kLookalikeColumns) column(name);
  Lookalike entry;
  entry.id = column("id");
  entry.name = column("name");
  entry.other_names = split(column("other_names"), '|');
  entry.kind = column("kind");
  entry.country = column("country");
  entry.identifiers = split(column("identifier"), ';');
  entry.resembles = column("resembles");
  entry.website = column("website");
  entry.source = column("source");
  if (entry.id.empty()) throw InputError::bad_value({file, line, "id"}, "must not be empty", "");
  if (entry.name.empty()) {
    throw InputError::bad_value({file, line, "name"}, "must not be empty", "");
  }
  if (entry.kind.empty() || !is_known_kind(entry.kind)) {
    throw InputError::bad_value({file, line, "kind"},
                                "unknown kind (" + std::string(kKindNames) + ")", entry.kind);
  }
  IndexedRecord record;
  record.id = entry.id;
  record.qualifiers.kind = entry.kind;
  record.qualifiers.country = entry.country;
  record.qualifiers.identifiers = entry.identifiers;
  record.names.push_back(entry.name);
  for (const auto& other : entry.other_names) {
    if (other != entry.name) record.names.push_back(other);
  }
  entries_.push_back(std::move(entry));
  index_.add(std::move(record));
}

void LookalikeList::add_tsv(std::string_view text, const std::string& file) {
  std::vector<std::string> header;
  std::size_t line = 0;
  while (!text.empty()) {
    const auto end = text.find('\n');
    const auto current = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++line;
    if (trimmed(current).empty()) continue;
    auto fields = split_fields(current);
    if (header.empty()) {
      header = std::move(fields);
      continue;
    }
    add_row(header, fields, file, line);
  }
  if (header.empty()) throw InputError::malformed({file, 0, ""}, "no header row");
}

void LookalikeList::add_all(const LookalikeList& other) {
  for (std::size_t i = 0; i < other.entries_.size(); ++i) {
    entries_.push_back(other.entries_[i]);
    index_.add(other.index_.record(i));
  }
}

std::optional<LookalikeHit> LookalikeList::best(std::string_view name, const Qualifiers& qualifiers,
                                                double min_score) const {
  const auto query = normalize_name(name);
  if (query.empty() || entries_.empty()) return std::nullopt;
  const auto found = index_.match(query, qualifiers, 1, min_score);
  if (found.empty()) return std::nullopt;
  LookalikeHit hit;
  hit.entry = &entries_.at(found.front().record);
  hit.matched_name = index_.record(found.front().record).names.at(found.front().name);
  hit.score = found.front().score;
  return hit;
}

bool lookalike_wins(const std::optional<LookalikeHit>& hit, double best_store_score,
                    double threshold) {
  return hit && hit->score.score >= threshold && hit->score.score >= best_store_score;
}

}  // namespace flgraph::resolve
