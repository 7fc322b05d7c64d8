// graph/mapped_file.h: the files derived from a store (the query graph snapshot, the name
// index): written beside their place and renamed whole, then mapped back read-only.
#pragma once
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace flgraph::graph {

// The text of an errno value.
std::string system_message(int error);

// The file a derived file is written to before it is renamed into place: TARGET.partial. What
// is left at that name (by a killed process, or a FIFO) is removed first, and the file is
// created anew, never followed through a symlink; it is removed again unless the rename
// happened, so a failed write (a full disk) leaves nothing behind. Two commands rebuilding at
// once may cross here: the loser's rename fails, and a file renamed half-written fails the
// reader's length and checksum checks. Errors name `what` ("the query graph snapshot").
class PartialFile {
 public:
  PartialFile(const std::filesystem::path& target, std::string_view what);
  ~PartialFile();
  PartialFile(const PartialFile&) = delete;
  PartialFile& operator=(const PartialFile&) = delete;

  void write(const char* bytes, std::size_t size);
  void rename_to(const std::filesystem::path& target);

 private:
  [[noreturn]] void fail(std::string_view action, int error) const;

  std::filesystem::path path_;
  std::string what_;
  int fd_ = -1;
  bool renamed_ = false;
};

// A regular file mapped read-only, with its descriptor kept for reads that should not make the
// mapping resident (a checksum over a file whose pages are then touched only where used).
class MappedFile {
 public:
  // Nothing when the file is missing (`problem` empty) or cannot be used: not a regular file
  // (a FIFO is never opened for reading: that would wait for a writer forever), shorter than
  // `min_bytes`, unreadable or unmappable (`problem` says which).
  static std::optional<MappedFile> open(const std::filesystem::path& path, std::size_t min_bytes,
                                        std::string& problem);
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  const char* data() const { return static_cast<const char*>(address_); }
  std::size_t size() const { return bytes_; }
  // Copies bytes [offset, offset + size) through the descriptor; false on a short read.
  bool read(std::size_t offset, char* out, std::size_t size) const;

 private:
  MappedFile() = default;
  void release();
  void* address_ = nullptr;
  std::size_t bytes_ = 0;
  int fd_ = -1;
};

}  // namespace flgraph::graph
