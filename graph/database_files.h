// graph/database_files.h: the files flgraph keeps beside a database, named in one place.
#pragma once
#include <sys/types.h>

#include <array>
#include <filesystem>
#include <optional>
#include <string_view>

namespace flgraph::graph {

// A database file and SQLite's own files beside it: DB, DB-wal, DB-shm, DB-journal.
std::array<std::filesystem::path, 4> with_sqlite_files(const std::filesystem::path& database);

// The name index file of a database: DB.names (resolve/name_index_file.h). It holds the clear
// names of the store's unprotected entities, so it goes wherever the snapshot goes.
std::filesystem::path name_index_path(const std::filesystem::path& database);

// Removes the files derived from a database (the snapshot and the name index, and what a killed
// writer left at their .partial names), which are rebuilt on the next command: when a record they
// hold in the clear becomes protected. A file that is there but cannot be removed is warned about.
void remove_derived_files(const std::filesystem::path& database);

// Where a first import builds a new database before linking it into place: DB.importing-PID.
std::filesystem::path building_path(const std::filesystem::path& database, pid_t pid);

// The PID in the name of a build file of `database_name` ("x.db.importing-123" or one of its
// SQLite companions, "x.db.importing-123-journal"); nothing for any other name.
std::optional<pid_t> building_pid(std::string_view database_name, std::string_view file_name);

// Whether `file_name` is the database `database_name` itself or a file kept beside it: SQLite's
// -wal, -shm and -journal, the query graph snapshot .qgraph (QueryGraph::snapshot_path) and the
// name index .names (name_index_path) with their .partial files, and the build files of a first
// import (.importing-PID, with their companions). Names only: the caller compares folders by
// resolved path.
bool is_database_file(std::string_view database_name, std::string_view file_name);

}  // namespace flgraph::graph
