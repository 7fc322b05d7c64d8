// graph/writable_block.cpp: an unnamed file mapped for writing, or anonymous memory
// (writable_block.h).
#include "graph/writable_block.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <linux/magic.h>
#include <sys/mman.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <cerrno>
#include <new>

#include "graph/errors.h"
#include "graph/mapped_file.h"

namespace flgraph::graph {
namespace {

// Whether fallocate on this file's file system sets its blocks aside for good. Copy-on-write
// ones (btrfs, ZFS) may only check that the space is free at the time.
bool reserves_for_certain(int fd) {
  struct statfs system {};
  if (::fstatfs(fd, &system) != 0) return false;
  const auto type = static_cast<unsigned long>(system.f_type);
  return type == EXT4_SUPER_MAGIC || type == XFS_SUPER_MAGIC || type == TMPFS_MAGIC;
}

// An unnamed file of `bytes` in `directory`, its blocks reserved; -1 when any step fails.
int reserved_unnamed_file(const std::filesystem::path& directory, std::size_t bytes) {
  const std::string folder = directory.empty() ? "." : directory.string();
  const int fd = ::open(folder.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0644);
  if (fd < 0) return -1;
  // A page of a shared mapping that finds the disk full is a SIGBUS; fallocate says so now.
  if (!reserves_for_certain(fd) || ::fallocate(fd, 0, 0, static_cast<off_t>(bytes)) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

}  // namespace

std::unique_ptr<WritableBlock> WritableBlock::create(std::size_t bytes,
                                                     const std::filesystem::path* directory) {
  std::unique_ptr<WritableBlock> block(new WritableBlock);
  block->bytes_ = bytes;
  if (directory != nullptr) {
    const int fd = reserved_unnamed_file(*directory, bytes);
    if (fd >= 0) {
      void* address = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
      if (address != MAP_FAILED) {
        block->address_ = address;
        block->fd_ = fd;
        return block;
      }
      ::close(fd);
    }
  }
  void* address =
      ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (address == MAP_FAILED) throw std::bad_alloc();
  // Huge pages where the kernel has them to give: a fault per 2 MiB instead of per 4 KiB.
  ::madvise(address, bytes, MADV_HUGEPAGE);
  block->address_ = address;
  return block;
}

WritableBlock::~WritableBlock() {
  ::munmap(address_, bytes_);
  if (fd_ >= 0) ::close(fd_);
}

bool WritableBlock::publish_as(const std::filesystem::path& target, std::string_view what) {
  if (!can_publish()) return false;
  // linkat names an unnamed file only through /proc (AT_EMPTY_PATH needs a capability). The
  // name it is linked under is this process's own, so no other writer's partial file is hit;
  // one left by a killed process of the same number is replaced.
  const auto descriptor = fmt::format("/proc/self/fd/{}", fd_);
  const auto staged = fmt::format("{}.partial.{}", target.string(), ::getpid());
  auto link = [&] {
    return ::linkat(AT_FDCWD, descriptor.c_str(), AT_FDCWD, staged.c_str(), AT_SYMLINK_FOLLOW);
  };
  if (link() != 0 && (errno != EEXIST || ::unlink(staged.c_str()) != 0 || link() != 0))
    return false;
  if (::rename(staged.c_str(), target.c_str()) != 0) {
    const int error = errno;
    ::unlink(staged.c_str());
    throw Error(
        fmt::format("cannot write {} \"{}\": {}", what, target.string(), system_message(error)));
  }
  published_ = true;
  ::mprotect(address_, bytes_, PROT_READ);  // what readers map is no longer written here
  return true;
}

}  // namespace flgraph::graph
