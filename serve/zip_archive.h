// serve/zip_archive.h: a folder as one zip archive (libarchive), for a download of a bundle.
#pragma once
#include <filesystem>
#include <string>

namespace flgraph::serve {

// The regular files under `folder`, in path order, stored under `root/` with a fixed time, so
// the same folder gives the same bytes. Throws Error when a file cannot be read or packed.
std::string zip_folder(const std::filesystem::path& folder, const std::string& root);

}  // namespace flgraph::serve
