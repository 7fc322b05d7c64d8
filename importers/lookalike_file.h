// importers/lookalike_file.h: a user's own list of legitimate look-alike organisations (the columns
// of resolve/data/lookalikes.tsv, tab-separated or, for a .csv file, as CSV).
#pragma once
#include <filesystem>

#include "resolve/lookalikes.h"

namespace flgraph::importers {

// Adds the rows of a look-alike file to `list`; a missing column, an empty id or name, an unknown
// kind or a row of the wrong width stops the read with FILE:LINE and the field.
void add_lookalike_file(const std::filesystem::path& path, resolve::LookalikeList& list);

// The shipped list, plus the file's rows when `path` is not empty.
resolve::LookalikeList lookalikes_with(const std::filesystem::path& path);

}  // namespace flgraph::importers
