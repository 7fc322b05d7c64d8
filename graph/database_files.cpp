// graph/database_files.cpp: the names of a database's companion files.
#include "graph/database_files.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <string>
#include <system_error>

#include "graph/warnings.h"

namespace flgraph::graph {
namespace {

constexpr std::string_view kBuildingInfix = ".importing-";
// SQLite names its own files after the database: https://www.sqlite.org/tempfiles.html
constexpr std::array<std::string_view, 3> kSqliteSuffixes = {"-wal", "-shm", "-journal"};
constexpr std::array<std::string_view, 2> kDerivedSuffixes = {".qgraph", ".names"};
constexpr std::string_view kPartialSuffix = ".partial";

bool is_sqlite_suffix(std::string_view rest) {
  if (rest.empty()) return true;
  for (const auto suffix : kSqliteSuffixes) {
    if (rest == suffix) return true;
  }
  return false;
}

}  // namespace

std::array<std::filesystem::path, 4> with_sqlite_files(const std::filesystem::path& database) {
  std::array<std::filesystem::path, 4> out{database};
  for (std::size_t i = 0; i < kSqliteSuffixes.size(); ++i)
    out[i + 1] = database.string() + std::string(kSqliteSuffixes[i]);
  return out;
}

std::filesystem::path name_index_path(const std::filesystem::path& database) {
  return std::filesystem::path(database.string() + ".names");
}

void remove_derived_files(const std::filesystem::path& database) {
  for (const auto suffix : kDerivedSuffixes) {
    const std::string file = database.string() + std::string(suffix);
    for (const auto& path : {file, file + std::string(kPartialSuffix)}) {
      std::error_code error;
      if (!std::filesystem::remove(path, error) && error &&
          error != std::errc::no_such_file_or_directory) {
        warn(fmt::format("cannot remove \"{}\", which may hold names in the clear: {}", path,
                         error.message()));
      }
    }
  }
}

std::filesystem::path building_path(const std::filesystem::path& database, pid_t pid) {
  return std::filesystem::path(database.string() + std::string(kBuildingInfix) +
                               std::to_string(pid));
}

std::optional<pid_t> building_pid(std::string_view database_name, std::string_view file_name) {
  if (database_name.empty() || !file_name.starts_with(database_name)) return std::nullopt;
  auto rest = file_name.substr(database_name.size());
  if (!rest.starts_with(kBuildingInfix)) return std::nullopt;
  rest.remove_prefix(kBuildingInfix.size());
  pid_t pid = 0;
  const auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), pid);
  if (error != std::errc() || end == rest.data() || pid <= 0) return std::nullopt;
  if (!is_sqlite_suffix(rest.substr(static_cast<std::size_t>(end - rest.data()))))
    return std::nullopt;
  return pid;
}

bool is_database_file(std::string_view database_name, std::string_view file_name) {
  if (database_name.empty() || !file_name.starts_with(database_name)) return false;
  const auto rest = file_name.substr(database_name.size());
  if (is_sqlite_suffix(rest)) return true;
  for (const auto suffix : kDerivedSuffixes) {
    if (rest == suffix || rest == std::string(suffix) + std::string(kPartialSuffix)) return true;
  }
  // Any build file, whatever follows the infix: one being written may not be finished naming.
  return rest.starts_with(kBuildingInfix);
}

}  // namespace flgraph::graph
