// resolve/name_index_file.h: a store's name index saved beside it as DB.names
// (graph::name_index_path) and mapped back, as the query graph snapshot is: a server or a
// `match` starts without reading every name from the store, and holds in memory only the pages
// its queries read. The file holds no protected entity (StoreNameIndex leaves them out) and is
// removed when a record it names becomes protected.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "resolve/store_index.h"

namespace flgraph::resolve {

// Writes a finished index (NameIndex::finish) built from the store of `generation`; Error
// naming the cause when it cannot, and then no file is left behind.
void write_name_index(const StoreNameIndex& index, const std::filesystem::path& path,
                      std::string_view generation);

// The index in the file, mapped: nothing when it is missing, stale or of an older format
// (`problem` empty), or damaged (`problem` says how).
std::optional<StoreNameIndex> map_name_index(const std::filesystem::path& path,
                                             std::string_view generation, std::string& problem);

}  // namespace flgraph::resolve
