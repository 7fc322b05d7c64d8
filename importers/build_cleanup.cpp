// importers/build_cleanup.cpp: signal handlers that remove the build file, and the stale sweep.
#include "importers/build_cleanup.h"

#include <signal.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <string>

#include "graph/database_files.h"

namespace flgraph::importers {
namespace {

constexpr std::array<int, 3> kSignals = {SIGINT, SIGTERM, SIGHUP};
constexpr std::size_t kMaxPathBytes = 4096;

// The build file and its SQLite files, written before the handler is installed and read only by
// it; `g_armed` says they are valid.
std::array<std::array<char, kMaxPathBytes + 1>, 4> g_paths{};
volatile std::sig_atomic_t g_armed = 0;
std::array<struct sigaction, kSignals.size()> g_previous{};
std::array<bool, kSignals.size()> g_installed{};

void remove_build_and_reraise(int signal_number) {
  if (g_armed != 0) {
    for (const auto& path : g_paths) ::unlink(path.data());
  }
  // End by the signal itself, so the parent sees what happened: with the default action
  // restored, the signal raised here is delivered as soon as the handler returns.
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  sigemptyset(&default_action.sa_mask);
  ::sigaction(signal_number, &default_action, nullptr);
  ::raise(signal_number);
}

bool is_alive(pid_t pid) { return ::kill(pid, 0) == 0 || errno == EPERM; }

}  // namespace

RemoveOnInterrupt::RemoveOnInterrupt(const std::filesystem::path& building) {
  const auto paths = graph::with_sqlite_files(building);
  static_assert(std::tuple_size_v<decltype(paths)> == std::tuple_size_v<decltype(g_paths)>);
  if (g_armed != 0 || paths.back().string().size() > kMaxPathBytes)
    return;  // the next import's sweep removes it
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const std::string path = paths[i].string();
    std::memcpy(g_paths[i].data(), path.c_str(), path.size() + 1);
  }
  g_armed = 1;
  armed_ = true;
  struct sigaction action {};
  action.sa_handler = remove_build_and_reraise;
  sigemptyset(&action.sa_mask);
  for (const int signal_number : kSignals) sigaddset(&action.sa_mask, signal_number);
  for (std::size_t i = 0; i < kSignals.size(); ++i) {
    g_installed[i] = false;
    if (::sigaction(kSignals[i], nullptr, &g_previous[i]) != 0) continue;
    // A signal someone chose to ignore (nohup, a background job) stays ignored.
    if (g_previous[i].sa_handler == SIG_IGN) continue;
    g_installed[i] = ::sigaction(kSignals[i], &action, nullptr) == 0;
  }
}

RemoveOnInterrupt::~RemoveOnInterrupt() {
  if (!armed_) return;
  for (std::size_t i = 0; i < kSignals.size(); ++i) {
    if (g_installed[i]) ::sigaction(kSignals[i], &g_previous[i], nullptr);
    g_installed[i] = false;
  }
  g_armed = 0;
}

std::vector<std::filesystem::path> remove_stale_builds(const std::filesystem::path& database) {
  std::vector<std::filesystem::path> removed;
  const auto folder =
      database.has_parent_path() ? database.parent_path() : std::filesystem::path(".");
  const std::string database_name = database.filename().string();
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
    const auto pid = graph::building_pid(database_name, entry.path().filename().string());
    if (!pid || *pid == ::getpid() || is_alive(*pid)) continue;
    std::error_code type_error;
    if (entry.is_directory(type_error)) continue;
    std::error_code remove_error;
    if (std::filesystem::remove(entry.path(), remove_error)) removed.push_back(entry.path());
  }
  return removed;
}

}  // namespace flgraph::importers
