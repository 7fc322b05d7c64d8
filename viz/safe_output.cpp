// viz/safe_output.cpp: output paths checked component by component, files opened relative to the
// folder with O_NOFOLLOW | O_EXCL.
#include "viz/safe_output.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>
#include <fmt/format.h>

#include "graph/errors.h"

namespace flgraph::viz {
namespace {

[[noreturn]] void refuse(const std::filesystem::path& path, std::string_view reason) {
  throw Error(fmt::format("output \"{}\": {}", path.string(), reason));
}

void write_all(int fd, std::string_view bytes, const std::filesystem::path& path) {
  std::size_t written = 0;
  while (written < bytes.size()) {
    const auto n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      refuse(path, fmt::format("cannot write: {}", std::strerror(errno)));
    }
    written += static_cast<std::size_t>(n);
  }
}

bool is_fixed_name(std::string_view name) {
  if (name.empty() || name == "." || name == "..") return false;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

void check_output_path(const std::filesystem::path& path) {
  if (path.empty()) refuse(path, "empty path");
  for (const auto& part : path) {
    if (part == "..") refuse(path, "\"..\" is not allowed in an output path");
  }
  std::filesystem::path prefix;
  for (const auto& part : path) {
    prefix /= part;
    if (part == "/" || part == ".") continue;
    struct stat info {};
    if (::lstat(prefix.c_str(), &info) != 0) {
      if (errno == ENOENT) return;  // the rest will be created
      refuse(path, fmt::format("cannot inspect \"{}\": {}", prefix.string(), std::strerror(errno)));
    }
    if (S_ISLNK(info.st_mode)) refuse(path, fmt::format("\"{}\" is a symbolic link; refusing to follow it", prefix.string()));
  }
}

void write_output_file(const std::filesystem::path& path, std::string_view bytes) {
  check_output_path(path);
  struct stat info {};
  if (::lstat(path.c_str(), &info) == 0 && !S_ISREG(info.st_mode)) refuse(path, "exists and is not a regular file");
  if (path.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) refuse(path, fmt::format("cannot create its folder: {}", ec.message()));
  }
  const auto temporary = std::filesystem::path(path.string() + ".partial");
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) refuse(temporary, fmt::format("cannot create: {}", std::strerror(errno)));
  try {
    write_all(fd, bytes, temporary);
  } catch (...) {
    ::close(fd);
    ::unlink(temporary.c_str());
    throw;
  }
  ::close(fd);
  // rename() replaces the name itself; it never writes through a link at the target.
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    ::unlink(temporary.c_str());
    refuse(path, "cannot write: " + reason);
  }
}

OutputFolder::OutputFolder(const std::filesystem::path& path, bool force) : path_(path) {
  check_output_path(path);
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) refuse(path, fmt::format("cannot create the folder: {}", ec.message()));
  check_output_path(path);  // nothing swapped in a link while we created it
  fd_ = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd_ < 0) refuse(path, fmt::format("cannot open the folder: {}", std::strerror(errno)));
  const int listing = ::dup(fd_);
  DIR* dir = listing < 0 ? nullptr : ::fdopendir(listing);
  if (dir == nullptr) {
    if (listing >= 0) ::close(listing);
    ::close(fd_);
    refuse(path, "cannot list the folder");
  }
  std::vector<std::string> entries;
  bool has_subfolder = false;
  while (const dirent* entry = ::readdir(dir)) {
    const std::string name = entry->d_name;
    if (name == "." || name == "..") continue;
    struct stat info {};
    if (::fstatat(fd_, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(info.st_mode)) has_subfolder = true;
    entries.push_back(name);
  }
  ::closedir(dir);
  if (!entries.empty()) {
    if (!force) {
      ::close(fd_);
      refuse(path, "the folder exists and is not empty (pass --force to replace its files)");
    }
    if (has_subfolder) {
      ::close(fd_);
      refuse(path, "the folder contains a subfolder; --force only replaces files");
    }
    for (const auto& name : entries) {
      if (::unlinkat(fd_, name.c_str(), 0) != 0) {
        ::close(fd_);
        refuse(path, fmt::format("cannot remove an old file: {}", std::strerror(errno)));
      }
    }
  }
}

OutputFolder::~OutputFolder() {
  if (fd_ >= 0) ::close(fd_);
}

void OutputFolder::write(std::string_view name, std::string_view bytes) {
  if (!is_fixed_name(name)) refuse(path_, "internal: not a fixed file name");
  const std::string file(name);
  const int fd = ::openat(fd_, file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) refuse(path_ / file, fmt::format("cannot create: {}", std::strerror(errno)));
  try {
    write_all(fd, bytes, path_ / file);
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
}

}  // namespace flgraph::viz
