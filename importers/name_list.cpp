// importers/name_list.cpp: reading a name list and resolving its rows.
#include "importers/name_list.h"

#include <fmt/format.h>

#include <algorithm>

#include "graph/errors.h"
#include "importers/country_names.h"
#include "importers/csv_reader.h"
#include "importers/input_file.h"

namespace flgraph::importers {

std::vector<std::string> split_id_numbers(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != ';') continue;
    auto part = text.substr(start, i - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) out.emplace_back(part);
    start = i + 1;
  }
  return out;
}

resolve::Qualifiers NameListRow::qualifiers() const {
  resolve::Qualifiers out;
  out.kind = kind;
  out.country = country;
  if (!dob.empty()) out.birth_dates.push_back(dob);
  out.identifiers = id_numbers;
  return out;
}

std::vector<NameListRow> read_name_list(const std::filesystem::path& csv,
                                        const std::string& default_country) {
  return parse_name_list(csv.string(), read_input_file(csv), default_country);
}

std::vector<NameListRow> parse_name_list(const std::string& file, const std::string& text,
                                         const std::string& default_country) {
  CsvReader reader(file, text);
  CsvRow header;
  if (!reader.next(header)) throw InputError::malformed({file, 0, ""}, "no header row");
  std::optional<std::size_t> name_column, country_column, id_column, kind_column, dob_column,
      id_number_column;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    std::string column = header.fields[i];
    std::transform(column.begin(), column.end(), column.begin(), [](char c) {
      return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    });
    if (column == "name") name_column = i;
    if (column == "country") country_column = i;
    if (column == "id") id_column = i;
    if (column == "kind") kind_column = i;
    if (column == "dob" || column == "date_of_birth") dob_column = i;
    if (column == "id_number" || column == "identifier") id_number_column = i;
  }
  if (!name_column) throw InputError::missing_column({file, header.line, "name"}, "name");
  reader.set_header(header.fields);

  std::vector<NameListRow> rows;
  CsvRow row;
  while (reader.next(row)) {
    if (row.fields.size() != header.fields.size()) {
      throw InputError::malformed({file, row.line, ""},
                                  fmt::format("expected {} fields as in the header, got {}",
                                              header.fields.size(), row.fields.size()));
    }
    NameListRow out;
    out.line = row.line;
    out.name = row.fields[*name_column];
    out.country = default_country;
    if (id_column) out.id = row.fields[*id_column];
    if (out.name.empty() && out.id.empty()) {
      throw InputError::bad_value({file, row.line, header.fields[*name_column]},
                                  "must not be empty", out.name);
    }
    if (country_column && !row.fields[*country_column].empty()) {
      const auto code = country_code(row.fields[*country_column]);
      if (!code) {
        throw InputError::bad_value({file, row.line, header.fields[*country_column]},
                                    "unknown country (an ISO 3166 code or a country name)",
                                    row.fields[*country_column]);
      }
      out.country = *code;
    }
    if (kind_column) {
      out.kind = row.fields[*kind_column];
      if (!resolve::is_known_kind(out.kind)) {
        throw InputError::bad_value({file, row.line, header.fields[*kind_column]},
                                    "unknown kind (" + std::string(resolve::kKindNames) + ")",
                                    out.kind);
      }
    }
    if (dob_column) {
      out.dob = row.fields[*dob_column];
      if (!out.dob.empty() && !resolve::is_birth_date(out.dob)) {
        throw InputError::bad_value({file, row.line, header.fields[*dob_column]},
                                    "not a date of birth (YYYY, YYYY-MM or YYYY-MM-DD)", out.dob);
      }
    }
    if (id_number_column) out.id_numbers = split_id_numbers(row.fields[*id_number_column]);
    rows.push_back(std::move(out));
  }
  return rows;
}

NameListResolver::NameListResolver(const graph::Store& store, double threshold,
                                   const resolve::LookalikeList& lookalikes)
    : store_(store), index_(store), threshold_(threshold), lookalikes_(lookalikes) {}

RowResolution NameListResolver::resolve(const NameListRow& row) const {
  RowResolution out;
  if (!row.id.empty()) {
    if (const auto entity = store_.entity(row.id); entity && !entity->record.is_protected) {
      out.method = RowResolution::Method::Id;
      out.entity_id = entity->record.id;
      out.score = 1.0;
      return out;
    }
  }
  if (row.name.empty()) return out;
  const auto supplying = [](graph::EntityKind kind) {
    return kind == graph::EntityKind::Company || kind == graph::EntityKind::StateEntity ||
           kind == graph::EntityKind::Site;
  };
  const auto qualifiers = row.qualifiers();
  const auto best = index_.match(row.name, qualifiers, 1, 0.0, supplying);
  const double best_score = best.empty() ? 0.0 : best.front().score.score;
  if (auto hit = lookalikes_.best(row.name, qualifiers, threshold_);
      resolve::lookalike_wins(hit, best_score, threshold_)) {
    out.lookalike = std::move(hit);
    if (best_score > 0.0) {
      out.nearest_id = index_.id(best.front().record);
      out.nearest_score = best_score;
    }
    return out;
  }
  if (best.empty() || best.front().score.score <= 0.0) return out;
  const auto& id = index_.id(best.front().record);
  const double score = best.front().score.score;
  if (score >= threshold_) {
    out.method = RowResolution::Method::Name;
    out.entity_id = id;
    out.score = score;
  } else {
    out.nearest_id = id;
    out.nearest_score = score;
  }
  return out;
}

}  // namespace flgraph::importers
