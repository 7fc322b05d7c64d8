// importers/name_list.cpp: reading a name list and resolving its rows.
#include "importers/name_list.h"

#include <fmt/format.h>

#include <algorithm>

#include "graph/errors.h"
#include "importers/country_names.h"
#include "importers/csv_reader.h"
#include "importers/input_file.h"

namespace flgraph::importers {

std::vector<NameListRow> read_name_list(const std::filesystem::path& csv,
                                        const std::string& default_country) {
  const std::string file = csv.string();
  const std::string text = read_input_file(csv);
  CsvReader reader(file, text);
  CsvRow header;
  if (!reader.next(header)) throw InputError::malformed({file, 0, ""}, "no header row");
  std::optional<std::size_t> name_column, country_column, id_column;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    std::string column = header.fields[i];
    std::transform(column.begin(), column.end(), column.begin(), [](char c) {
      return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    });
    if (column == "name") name_column = i;
    if (column == "country") country_column = i;
    if (column == "id") id_column = i;
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
    NameListRow out{row.line, row.fields[*name_column], default_country,
                    id_column ? row.fields[*id_column] : ""};
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
    rows.push_back(std::move(out));
  }
  return rows;
}

NameListResolver::NameListResolver(const graph::Store& store, double threshold)
    : store_(store), index_(store), threshold_(threshold) {}

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
  const auto best =
      index_.match(row.name, resolve::country_qualifier(row.country), 1, 0.0, supplying);
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
