// serve/zip_archive.cpp: packing with libarchive into memory (zip_archive.h).
#include "serve/zip_archive.h"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <memory>
#include <vector>

#include "graph/errors.h"

namespace flgraph::serve {
namespace {

// 1980-01-01, the earliest time a zip entry holds: no clock is read, so no byte depends on when.
constexpr time_t kEntryTime = 315532800;

struct ArchiveCloser {
  void operator()(archive* handle) const { archive_write_free(handle); }
};
struct EntryFreer {
  void operator()(archive_entry* entry) const { archive_entry_free(entry); }
};

la_ssize_t append_to_string(archive* /*handle*/, void* out, const void* buffer, size_t length) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(buffer), length);
  return static_cast<la_ssize_t>(length);
}

void check(archive* handle, int status, const char* what) {
  if (status < ARCHIVE_OK) {
    const char* detail = archive_error_string(handle);
    throw Error(std::string("cannot pack the archive (") + what +
                "): " + (detail != nullptr ? detail : "unknown error"));
  }
}

std::string read_whole(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot read " + path.filename().string() + " to pack it");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

std::string zip_folder(const std::filesystem::path& folder, const std::string& root) {
  std::vector<std::filesystem::path> files;
  for (const auto& item : std::filesystem::recursive_directory_iterator(folder)) {
    if (item.is_regular_file()) files.push_back(item.path());
  }
  std::sort(files.begin(), files.end());

  std::string bytes;
  const std::unique_ptr<archive, ArchiveCloser> handle(archive_write_new());
  archive* zip = handle.get();
  check(zip, archive_write_set_format_zip(zip), "format");
  check(zip, archive_write_set_bytes_in_last_block(zip, 1), "block size");
  check(zip, archive_write_open(zip, &bytes, nullptr, append_to_string, nullptr), "open");
  for (const auto& file : files) {
    const std::string content = read_whole(file);
    const std::unique_ptr<archive_entry, EntryFreer> entry(archive_entry_new());
    const std::string name = root + "/" + file.lexically_relative(folder).generic_string();
    archive_entry_set_pathname_utf8(entry.get(), name.c_str());
    archive_entry_set_filetype(entry.get(), AE_IFREG);
    archive_entry_set_perm(entry.get(), 0644);
    archive_entry_set_size(entry.get(), static_cast<la_int64_t>(content.size()));
    archive_entry_set_mtime(entry.get(), kEntryTime, 0);
    check(zip, archive_write_header(zip, entry.get()), "entry");
    if (!content.empty() && archive_write_data(zip, content.data(), content.size()) !=
                                static_cast<la_ssize_t>(content.size())) {
      check(zip, ARCHIVE_FATAL, "data");
    }
  }
  check(zip, archive_write_close(zip), "close");
  return bytes;
}

}  // namespace flgraph::serve
