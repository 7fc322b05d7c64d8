// tests/support/test_support.cpp: helpers shared by the test binaries.
#include "test_support.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include "custody/sha256.h"
#include "importers/import.h"

namespace flgraph::testing {
namespace {

// Every test process, and the flgraph processes it starts, unlock protected material with
// one fixed test key (FLGRAPH_KEY_FILE), unless a test sets another source itself. Written
// through a rename: test binaries run in parallel and all write the same bytes.
const bool kTestKeyInstalled = [] {
  const auto path = test_key_file();
  if (!std::filesystem::exists(path)) {
    const auto partial = path.string() + fmt::format(".{}", ::getpid());
    write_file(partial, std::string(kTestKeyHex) + "\n");
    ::chmod(partial.c_str(), 0600);
    std::filesystem::rename(partial, path);
  }
  ::setenv("FLGRAPH_KEY_FILE", path.c_str(), 0);
  return true;
}();

}  // namespace

WithoutKey::WithoutKey() { ::unsetenv("FLGRAPH_KEY_FILE"); }
WithoutKey::~WithoutKey() { ::setenv("FLGRAPH_KEY_FILE", test_key_file().c_str(), 1); }

std::filesystem::path test_key_file() {
  return std::filesystem::temp_directory_path() / "flgraph-test-protection.key";
}

TempDir::TempDir() {
  std::random_device random;
  path_ = std::filesystem::temp_directory_path() /
          fmt::format("flgraph-test-{:x}{:x}", random(), random());
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::filesystem::path fixture(const std::string& relative) {
  return std::filesystem::path(FLGRAPH_FIXTURES) / relative;
}
std::filesystem::path golden(const std::string& name) {
  return std::filesystem::path(FLGRAPH_GOLDEN) / name;
}
std::filesystem::path sample_dataset() {
  return std::filesystem::path(FLGRAPH_DATASETS) / "sample";
}
std::filesystem::path shared_dir() { return std::filesystem::path(FLGRAPH_SHARED); }

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string file_sha256(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) return "absent";
  return custody::sha256_hex(read_file(path));
}

ScratchMedia::ScratchMedia(std::filesystem::path folder) : folder_(std::move(folder)) {
  std::filesystem::create_directories(folder_);
  mounted_ =
      std::system(
          ("mount -t tmpfs -o size=64m tmpfs " + folder_.string() + " 2>/dev/null").c_str()) == 0;
}

ScratchMedia::~ScratchMedia() {
  if (mounted_) std::system(("umount " + folder_.string() + " 2>/dev/null").c_str());
}

bool ScratchMedia::make_read_only() {
  return mounted_ && std::system(("mount -o remount,ro " + folder_.string()).c_str()) == 0;
}

void import_sample(const std::filesystem::path& db) {
  importers::import_into_database(db, {sample_dataset()}, {});
}

CommandResult run_flgraph(const std::vector<std::string>& args) {
  TempDir capture;
  const auto out_path = capture / "out";
  const auto err_path = capture / "err";
  const pid_t pid = fork();
  if (pid == 0) {
    const int out_fd = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err_fd = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(out_fd, STDOUT_FILENO);
    dup2(err_fd, STDERR_FILENO);
    std::vector<char*> argv;
    std::string binary = FLGRAPH_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copies = args;
    for (auto& arg : copies) argv.push_back(arg.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = read_file(out_path);
  result.err = read_file(err_path);
  return result;
}

void exec_sql(const std::filesystem::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
  char* message = nullptr;
  const int result = sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, &message);
  const std::string error = message != nullptr ? message : "";
  sqlite3_free(message);
  sqlite3_close(handle);
  ASSERT_EQ(result, SQLITE_OK) << error;
}

}  // namespace flgraph::testing
