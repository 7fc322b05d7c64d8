// importers/build_cleanup.h: a first import's build file (DB.importing-PID) does not outlive the
// import: SIGINT, SIGTERM and SIGHUP remove it, and the next import removes what a killed one left.
#pragma once
#include <filesystem>
#include <vector>

namespace flgraph::importers {

// While it lives, SIGINT, SIGTERM and SIGHUP (where not ignored) first remove `building` and its
// SQLite companions (-wal, -shm, -journal), then end the process by the same signal, as they
// would have without it. The handler only calls unlink, sigaction and raise, which are
// async-signal-safe; the paths are prepared before it is installed. One at a time per process.
class RemoveOnInterrupt {
 public:
  explicit RemoveOnInterrupt(const std::filesystem::path& building);
  ~RemoveOnInterrupt();
  RemoveOnInterrupt(const RemoveOnInterrupt&) = delete;
  RemoveOnInterrupt& operator=(const RemoveOnInterrupt&) = delete;

 private:
  bool armed_ = false;
};

// Removes the build files beside `database` (DB.importing-PID and its companions) whose PID
// names no running process: what an import killed by SIGKILL or a power cut left. A PID that is
// alive, this process's own, or another user's, is kept. Returns the paths removed.
std::vector<std::filesystem::path> remove_stale_builds(const std::filesystem::path& database);

}  // namespace flgraph::importers
