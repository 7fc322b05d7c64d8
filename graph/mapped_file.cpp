// graph/mapped_file.cpp: writing by rename, mapping read-only (mapped_file.h).
#include "graph/mapped_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>
#include <utility>

#include "graph/errors.h"

namespace flgraph::graph {

std::string system_message(int error) { return std::generic_category().message(error); }

PartialFile::PartialFile(const std::filesystem::path& target, std::string_view what)
    : path_(target.string() + ".partial"), what_(what) {
  ::unlink(path_.c_str());
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd_ < 0) fail("cannot create", errno);
}

PartialFile::~PartialFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!renamed_) ::unlink(path_.c_str());
}

void PartialFile::write(const char* bytes, std::size_t size) {
  while (size > 0) {
    const ssize_t written = ::write(fd_, bytes, size);
    if (written < 0 && errno == EINTR) continue;
    // A write that stores nothing without an error is a full disk in all but name.
    if (written <= 0) fail("cannot write", written < 0 ? errno : ENOSPC);
    bytes += written;
    size -= static_cast<std::size_t>(written);
  }
}

void PartialFile::rename_to(const std::filesystem::path& target) {
  const int fd = std::exchange(fd_, -1);
  if (::close(fd) != 0) fail("cannot write", errno);  // NFS reports a full disk here
  if (::rename(path_.c_str(), target.c_str()) != 0) {
    throw Error(
        fmt::format("cannot write {} \"{}\": {}", what_, target.string(), system_message(errno)));
  }
  renamed_ = true;
}

void PartialFile::fail(std::string_view action, int error) const {
  throw Error(
      fmt::format("{} {} \"{}\": {}", action, what_, path_.string(), system_message(error)));
}

std::optional<MappedFile> MappedFile::open(const std::filesystem::path& path, std::size_t min_bytes,
                                           std::string& problem) {
  problem.clear();
  struct stat named {};
  if (::stat(path.c_str(), &named) != 0) {
    if (errno != ENOENT) problem = fmt::format("cannot be read: {}", system_message(errno));
    return std::nullopt;
  }
  if (!S_ISREG(named.st_mode)) {
    problem = "is not a regular file";
    return std::nullopt;
  }
  // O_NONBLOCK covers a swap for a FIFO after the stat.
  MappedFile file;
  file.fd_ = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (file.fd_ < 0) {
    problem = fmt::format("cannot be read: {}", system_message(errno));
    return std::nullopt;
  }
  struct stat info {};
  const bool is_regular = fstat(file.fd_, &info) == 0 && S_ISREG(info.st_mode);
  if (!is_regular || static_cast<std::size_t>(info.st_size) < min_bytes) {
    problem = is_regular ? "is too short" : "is not a regular file";
    return std::nullopt;
  }
  file.bytes_ = static_cast<std::size_t>(info.st_size);
  void* address = mmap(nullptr, file.bytes_, PROT_READ, MAP_PRIVATE, file.fd_, 0);
  if (address == MAP_FAILED) {
    problem = fmt::format("cannot be mapped: {}", system_message(errno));
    return std::nullopt;
  }
  file.address_ = address;
  return file;
}

MappedFile::MappedFile(MappedFile&& other) noexcept { *this = std::move(other); }

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    release();
    address_ = std::exchange(other.address_, nullptr);
    bytes_ = std::exchange(other.bytes_, 0);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

MappedFile::~MappedFile() { release(); }

void MappedFile::release() {
  if (address_ != nullptr) munmap(address_, bytes_);
  if (fd_ >= 0) ::close(fd_);
  address_ = nullptr;
  fd_ = -1;
}

bool MappedFile::read(std::size_t offset, char* out, std::size_t size) const {
  while (size > 0) {
    const ssize_t got = ::pread(fd_, out, size, static_cast<off_t>(offset));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    out += got;
    offset += static_cast<std::size_t>(got);
    size -= static_cast<std::size_t>(got);
  }
  return true;
}

}  // namespace flgraph::graph
