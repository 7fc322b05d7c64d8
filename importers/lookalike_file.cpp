// importers/lookalike_file.cpp: reading a user's look-alike list.
#include "importers/lookalike_file.h"

#include <algorithm>
#include <cctype>

#include "graph/errors.h"
#include "importers/csv_reader.h"
#include "importers/input_file.h"

namespace flgraph::importers {

void add_lookalike_file(const std::filesystem::path& path, resolve::LookalikeList& list) {
  const std::string file = path.string();
  const std::string text = read_input_file(path);
  auto extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  if (extension != ".csv") {
    list.add_tsv(text, file);
    return;
  }
  CsvReader reader(file, text);
  CsvRow header;
  if (!reader.next(header)) throw InputError::malformed({file, 0, ""}, "no header row");
  reader.set_header(header.fields);
  CsvRow row;
  while (reader.next(row)) list.add_row(header.fields, row.fields, file, row.line);
}

resolve::LookalikeList lookalikes_with(const std::filesystem::path& path) {
  resolve::LookalikeList list;
  list.add_all(resolve::LookalikeList::shipped());
  if (!path.empty()) add_lookalike_file(path, list);
  return list;
}

}  // namespace flgraph::importers
