// graph/writable_block.h: the memory a query graph is built in. Beside the snapshot it will be
// saved as, that is an unnamed file laid out as the snapshot: saving it is then a header and a
// rename, where a graph in anonymous memory is copied into the file byte by byte (at 11M edges,
// 430 MB written while as much again was touched to build it).
#pragma once
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string_view>

namespace flgraph::graph {

class WritableBlock {
 public:
  // `bytes` of zeros: in an unnamed file in `directory` when one is given and its file system
  // makes one and reserves its blocks for certain (ext4, XFS, tmpfs: a full disk is then
  // refused here, not met as a fault while the graph is written), else in anonymous memory.
  static std::unique_ptr<WritableBlock> create(std::size_t bytes,
                                               const std::filesystem::path* directory);
  WritableBlock(const WritableBlock&) = delete;
  WritableBlock& operator=(const WritableBlock&) = delete;
  ~WritableBlock();

  char* data() const { return static_cast<char*>(address_); }
  std::size_t size() const { return bytes_; }
  // Whether publish_as may still name it: a file, not named yet.
  bool can_publish() const { return fd_ >= 0 && !published_; }
  // Names the block's file `target`, replacing what is there, and makes the block read-only:
  // it is the file readers map now. False when it cannot (!can_publish(), or `target` on
  // another file system): the caller then writes a copy. An Error naming `what` when the name
  // was made but could not be moved into place (a folder in the way).
  bool publish_as(const std::filesystem::path& target, std::string_view what);

 private:
  WritableBlock() = default;
  void* address_ = nullptr;
  std::size_t bytes_ = 0;
  int fd_ = -1;
  bool published_ = false;
};

}  // namespace flgraph::graph
