// tests/serve/zip_members.h: what a downloaded zip holds, read back with libarchive.
#pragma once
#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <map>
#include <string>

namespace flgraph::testing {

// The members of a zip archive, by path (libarchive reads what the server packed).
inline std::map<std::string, std::string> unzip(const std::string& bytes) {
  std::map<std::string, std::string> members;
  archive* zip = archive_read_new();
  archive_read_support_format_zip(zip);
  EXPECT_EQ(archive_read_open_memory(zip, bytes.data(), bytes.size()), ARCHIVE_OK);
  archive_entry* entry = nullptr;
  while (archive_read_next_header(zip, &entry) == ARCHIVE_OK) {
    std::string content(static_cast<std::size_t>(archive_entry_size(entry)), '\0');
    if (!content.empty()) archive_read_data(zip, content.data(), content.size());
    members[archive_entry_pathname(entry)] = content;
  }
  archive_read_free(zip);
  return members;
}

}  // namespace flgraph::testing
