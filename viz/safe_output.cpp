// viz/safe_output.cpp: output paths checked component by component and against the database's
// files, files opened relative to the folder with O_NOFOLLOW | O_EXCL.
#include "viz/safe_output.h"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "graph/database_files.h"
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
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// A new file in the opened folder `dir`, created exclusively, never through a link.
void write_at(int dir, const std::filesystem::path& shown, const std::string& file,
              std::string_view bytes) {
  const int fd =
      ::openat(dir, file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) refuse(shown / file, fmt::format("cannot create: {}", std::strerror(errno)));
  try {
    write_all(fd, bytes, shown / file);
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
}

// Removes a subfolder holding only files; false (nothing removed) when it holds anything else.
bool remove_flat_subfolder(int parent, const std::string& name) {
  const int fd = ::openat(parent, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return false;
  DIR* dir = ::fdopendir(fd);
  if (dir == nullptr) {
    ::close(fd);
    return false;
  }
  std::vector<std::string> files;
  bool flat = true;
  while (const dirent* entry = ::readdir(dir)) {
    const std::string file = entry->d_name;
    if (file == "." || file == "..") continue;
    struct stat info {};
    if (::fstatat(::dirfd(dir), file.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0 ||
        !S_ISREG(info.st_mode))
      flat = false;
    files.push_back(file);
  }
  for (const auto& file : files) {
    if (flat && ::unlinkat(::dirfd(dir), file.c_str(), 0) != 0) flat = false;
  }
  ::closedir(dir);
  return flat && ::unlinkat(parent, name.c_str(), AT_REMOVEDIR) == 0;
}

constexpr std::string_view kFileExists = "the file exists (pass --force to replace it)";
constexpr std::string_view kFolderNotEmpty =
    "the folder exists and is not empty (pass --force to replace its files)";

// Refuses a ".." component, and any existing component that is a symbolic link (the final one
// included).
void check_path_shape(const std::filesystem::path& path) {
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
    if (S_ISLNK(info.st_mode))
      refuse(path,
             fmt::format("\"{}\" is a symbolic link; refusing to follow it", prefix.string()));
  }
}

// Absolute, with "." and ".." gone and every existing component's links followed.
std::filesystem::path resolved(const std::filesystem::path& path) {
  const auto given = path.empty() ? std::filesystem::path(".") : path;
  std::error_code ec;
  auto out = std::filesystem::weakly_canonical(std::filesystem::absolute(given, ec), ec);
  if (ec) out = std::filesystem::absolute(given).lexically_normal();
  if (!out.has_filename() && out.has_parent_path() && out != out.root_path())
    out = out.parent_path();  // "dir/" is "dir"
  return out;
}

// Gives `temporary` the name `path` unless that name is taken: 0, or the errno (EEXIST when
// taken). link() refuses to replace; a file system without hard links (FAT on a USB stick) gets
// rename with RENAME_NOREPLACE instead.
int place_without_replacing(const std::filesystem::path& temporary,
                            const std::filesystem::path& path) {
  if (::link(temporary.c_str(), path.c_str()) == 0) return 0;
  if (errno == EEXIST) return EEXIST;
  if (::renameat2(AT_FDCWD, temporary.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE) == 0)
    return 0;
  return errno;
}

struct PlacedName {
  std::filesystem::path folder;  // resolved
  std::string name;
};

// Where the database's files are named: beside the name it was opened by (the query graph
// snapshot) and, when that is a link, beside its target (SQLite's -wal and -shm).
std::vector<PlacedName> database_places(const std::filesystem::path& database) {
  const auto target = resolved(database);
  return {{resolved(database.parent_path()), database.filename().string()},
          {target.parent_path(), target.filename().string()}};
}

void refuse_database_files(const std::filesystem::path& path, const OutputPolicy& policy,
                           bool is_folder) {
  if (policy.database.empty()) return;
  const auto target = resolved(path);
  const PlacedName as_given{resolved(path.parent_path()), path.filename().string()};
  const PlacedName as_target{target.parent_path(), target.filename().string()};
  for (const auto& database : database_places(policy.database)) {
    for (const auto& output : {as_given, as_target}) {
      if (output.folder == database.folder && graph::is_database_file(database.name, output.name)) {
        refuse(
            path,
            fmt::format(
                "is the database \"{}\" or a file flgraph keeps beside it; choose another output",
                policy.database.string()));
      }
    }
    if (is_folder && target == database.folder) {
      refuse(path, fmt::format("is the folder holding the database \"{}\"; choose another folder",
                               policy.database.string()));
    }
  }
  // A hard link to the database is the database under another name.
  struct stat output_info {};
  struct stat database_info {};
  if (::stat(path.c_str(), &output_info) == 0 &&
      ::stat(policy.database.c_str(), &database_info) == 0 &&
      output_info.st_dev == database_info.st_dev && output_info.st_ino == database_info.st_ino) {
    refuse(path, fmt::format("is the database \"{}\" under another name; choose another output",
                             policy.database.string()));
  }
}

}  // namespace

void check_output_file(const std::filesystem::path& path, const OutputPolicy& policy) {
  check_path_shape(path);
  refuse_database_files(path, policy, /*is_folder=*/false);
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0) return;
  if (S_ISDIR(info.st_mode)) refuse(path, "is a folder");
  if (!S_ISREG(info.st_mode)) refuse(path, "exists and is not a regular file");
  if (!policy.force) refuse(path, kFileExists);
}

void check_output_folder(const std::filesystem::path& path, const OutputPolicy& policy) {
  check_path_shape(path);
  refuse_database_files(path, policy, /*is_folder=*/true);
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0) return;
  if (!S_ISDIR(info.st_mode)) refuse(path, "exists and is not a folder");
  std::error_code ec;
  if (!policy.force && !std::filesystem::is_empty(path, ec)) refuse(path, kFolderNotEmpty);
}

void write_output_file(const std::filesystem::path& path, std::string_view bytes,
                       const OutputPolicy& policy) {
  check_output_file(path, policy);
  if (path.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) refuse(path, fmt::format("cannot create its folder: {}", ec.message()));
  }
  const auto temporary = std::filesystem::path(path.string() + ".partial");
  const int fd =
      ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) refuse(temporary, fmt::format("cannot create: {}", std::strerror(errno)));
  try {
    write_all(fd, bytes, temporary);
  } catch (...) {
    ::close(fd);
    ::unlink(temporary.c_str());
    throw;
  }
  ::close(fd);
  // rename() replaces the name itself and never writes through a link at the target; without
  // force the name is taken only if free, so a file that appeared since the check is kept.
  const int error = policy.force ? (::rename(temporary.c_str(), path.c_str()) == 0 ? 0 : errno)
                                 : place_without_replacing(temporary, path);
  ::unlink(temporary.c_str());
  if (error != 0)
    refuse(path, error == EEXIST ? std::string(kFileExists)
                                 : "cannot write: " + std::string(std::strerror(error)));
}

OutputFolder::OutputFolder(const std::filesystem::path& path, const OutputPolicy& policy)
    : path_(path) {
  check_output_folder(path, policy);
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) refuse(path, fmt::format("cannot create the folder: {}", ec.message()));
  check_path_shape(path);  // nothing swapped in a link while we created it
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
  std::vector<std::string> subfolders;
  while (const dirent* entry = ::readdir(dir)) {
    const std::string name = entry->d_name;
    if (name == "." || name == "..") continue;
    struct stat info {};
    const bool is_dir =
        ::fstatat(fd_, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(info.st_mode);
    (is_dir ? subfolders : entries).push_back(name);
  }
  ::closedir(dir);
  if (!entries.empty() || !subfolders.empty()) {
    if (!policy.force) {
      ::close(fd_);
      refuse(path, kFolderNotEmpty);
    }
    for (const auto& name : subfolders) {
      // Only an export's own subfolder (a bundle's documents/) is replaced, and only one level
      // deep.
      if (name != kDocumentsSubfolder || !remove_flat_subfolder(fd_, name)) {
        ::close(fd_);
        refuse(path, "the folder contains a subfolder; --force only replaces files");
      }
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
  write_at(fd_, path_, std::string(name), bytes);
}

void OutputFolder::write_in_subfolder(std::string_view subfolder, std::string_view name,
                                      std::string_view bytes) {
  if (!is_fixed_name(subfolder) || !is_fixed_name(name))
    refuse(path_, "internal: not a fixed file name");
  const std::string folder(subfolder);
  if (::mkdirat(fd_, folder.c_str(), 0755) != 0 && errno != EEXIST) {
    refuse(path_ / folder, fmt::format("cannot create the folder: {}", std::strerror(errno)));
  }
  const int dir = ::openat(fd_, folder.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (dir < 0)
    refuse(path_ / folder, fmt::format("cannot open the folder: {}", std::strerror(errno)));
  try {
    write_at(dir, path_ / folder, std::string(name), bytes);
  } catch (...) {
    ::close(dir);
    throw;
  }
  ::close(dir);
}

}  // namespace flgraph::viz
