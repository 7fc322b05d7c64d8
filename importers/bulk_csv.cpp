// importers/bulk_csv.cpp: bulk CSV rows to records.
#include "importers/bulk_csv.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "importers/csv_reader.h"
#include "importers/input_file.h"
#include "importers/progress.h"

namespace flgraph::importers {
namespace {

bool has_column(const std::vector<std::string>& header, std::string_view name) {
  return std::find(header.begin(), header.end(), name) != header.end();
}

const std::vector<std::string_view>& required_columns(CsvRole role) {
  switch (role) {
    case CsvRole::Sources:
      return kSourceRequired;
    case CsvRole::Nodes:
      return kEntityRequired;
    case CsvRole::Designations:
      return kDesignationRequired;
    case CsvRole::Edges:
      return kRelationRequired;
    case CsvRole::Claims:
      return kClaimRequired;
  }
  return kEntityRequired;
}

std::optional<CsvRole> role_of(const std::vector<std::string>& header) {
  if (has_column(header, "src") || has_column(header, "dst")) return CsvRole::Edges;
  if (has_column(header, "fact")) return CsvRole::Claims;
  if (has_column(header, "authority")) return CsvRole::Designations;
  if (has_column(header, "reliability")) return CsvRole::Sources;
  if (has_column(header, "id") && has_column(header, "kind")) return CsvRole::Nodes;
  return std::nullopt;
}

std::string_view role_name(CsvRole role) {
  switch (role) {
    case CsvRole::Sources:
      return "sources";
    case CsvRole::Nodes:
      return "nodes";
    case CsvRole::Designations:
      return "designations";
    case CsvRole::Edges:
      return "edges";
    case CsvRole::Claims:
      return "claims";
  }
  return "";
}

// The header row, with the physical line it is on ('#' comment lines may come before it).
CsvRow read_header(CsvReader& reader, const std::string& file) {
  CsvRow row;
  if (!reader.next(row)) throw InputError::malformed({file, 0, ""}, "no header row");
  for (std::size_t i = 0; i < row.fields.size(); ++i) {
    auto& name = row.fields[i];
    if (name.empty())
      throw InputError::bad_value({file, row.line, fmt::format("column {}", i + 1)},
                                  "empty column name in the header", name);
    if (std::count(row.fields.begin(), row.fields.end(), name) > 1) {
      throw InputError::bad_value({file, row.line, name}, "column named twice in the header", name);
    }
  }
  reader.set_header(row.fields);
  return row;
}

CsvReader stream_csv(const std::filesystem::path& path, const CsvReader::ByteSink& sink = {}) {
  auto stream = open_input_stream(path);
  return CsvReader(path.string(), std::move(stream.in), static_cast<std::size_t>(stream.size),
                   sink);
}

// The header and the role it gives. Throws InputError on an unknown or incomplete header.
std::pair<std::vector<std::string>, CsvRole> read_header_and_role(CsvReader& reader,
                                                                  const std::string& name) {
  auto header_row = read_header(reader, name);
  const auto role = role_of(header_row.fields);
  if (!role) {
    throw InputError::malformed(
        {name, header_row.line, ""},
        "unknown header: expected nodes (id,kind,name,country), edges (src,dst,kind,...), sources "
        "(id,...,reliability,access), claims (fact,source,...) or designations "
        "(entity,authority,...)");
  }
  for (auto column : required_columns(*role)) {
    if (!has_column(header_row.fields, column)) {
      throw InputError::malformed({name, header_row.line, std::string(column)},
                                  fmt::format("missing column in the {} header", role_name(*role)));
    }
  }
  return {std::move(header_row.fields), *role};
}

}  // namespace

BulkCsvFile open_bulk_csv(const std::filesystem::path& path) {
  auto reader = stream_csv(path);
  return {path, read_header_and_role(reader, path.string()).second};
}

void import_bulk_csv(const BulkCsvFile& file, ImportSession& session,
                     const CsvReader::ByteSink& sink) {
  const std::string name = file.path.string();
  auto reader = stream_csv(file.path, sink);
  const auto [header, role] = read_header_and_role(reader, name);
  if (role != file.role) {
    throw InputError::malformed({name, 0, ""},
                                "the file's header changed while it was being imported");
  }
  Progress progress(file.path.filename().string(), reader.total_bytes());
  CsvRow row;
  RawRecord raw(name, 0);
  std::size_t rows = 0;
  while (reader.next(row)) {
    if (row.fields.size() != header.size()) {
      // Name the first column that is missing, or the first one beyond the header.
      const std::string field = row.fields.size() < header.size()
                                    ? header[row.fields.size()]
                                    : fmt::format("column {}", header.size() + 1);
      throw InputError::malformed({name, row.line, field},
                                  fmt::format("expected {} fields as in the header, got {}",
                                              header.size(), row.fields.size()));
    }
    raw.start_row(row.line);
    for (std::size_t i = 0; i < header.size(); ++i) raw.set(header[i], std::move(row.fields[i]));
    switch (file.role) {
      case CsvRole::Sources:
        session.add_source(raw, parse_source(raw));
        break;
      case CsvRole::Nodes:
        session.add_entity(raw, parse_entity(raw));
        break;
      case CsvRole::Designations:
        session.add_designation(raw, parse_designation(raw), "entity");
        break;
      case CsvRole::Edges:
        session.add_relation(raw, parse_relation(raw));
        break;
      case CsvRole::Claims:
        session.add_claim(raw, parse_claim(raw));
        break;
    }
    if (++rows % 4096 == 0) progress.update(reader.bytes_read());
  }
  progress.update(reader.bytes_read());
}

}  // namespace flgraph::importers
