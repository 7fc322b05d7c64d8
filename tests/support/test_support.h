// tests/support/test_support.h: temporary folders, file hashes and fixture paths for every test.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "graph/store.h"

namespace flgraph::testing {

// A fresh folder under the system temp dir, removed when the object goes.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

std::filesystem::path fixture(const std::string& relative);
// A golden file of tests/golden/: the exact bytes an output people read must have.
std::filesystem::path golden(const std::string& name);
std::filesystem::path sample_dataset();
std::filesystem::path shared_dir();

void write_file(const std::filesystem::path& path, const std::string& text);
std::string read_file(const std::filesystem::path& path);
// SHA-256 (hex) of a file's bytes; "absent" when the file does not exist.
std::string file_sha256(const std::filesystem::path& path);
// Runs SQL on a database file with SQLite alone (to write one as another program would); a
// failure fails the test with SQLite's message.
void exec_sql(const std::filesystem::path& db, const std::string& sql);

// The protection key every test uses unless it says otherwise (installed as FLGRAPH_KEY_FILE
// when a test binary starts).
inline constexpr const char* kTestKeyHex =
    "6a0f3c1e5b7d92a4c8e1f03b5d7a9c2e4f6b8d0a1c3e5f7092b4d6f8a0c2e4f6";
std::filesystem::path test_key_file();
// While it lives, this process and the flgraph processes it starts have no protection key.
class WithoutKey {
 public:
  WithoutKey();
  ~WithoutKey();
  WithoutKey(const WithoutKey&) = delete;
  WithoutKey& operator=(const WithoutKey&) = delete;
};

// A tmpfs mounted on a new folder for the test's life, so a database can sit on media that then
// turn read-only, as on a write-protected drive. Only root may mount: mounted() is false
// otherwise, and the test skips.
class ScratchMedia {
 public:
  explicit ScratchMedia(std::filesystem::path folder);
  ~ScratchMedia();
  ScratchMedia(const ScratchMedia&) = delete;
  ScratchMedia& operator=(const ScratchMedia&) = delete;
  bool mounted() const { return mounted_; }
  const std::filesystem::path& path() const { return folder_; }
  // Remounts it read-only; false when that failed.
  bool make_read_only();

 private:
  std::filesystem::path folder_;
  bool mounted_ = false;
};

// Imports the shipped sample into a new database at `db`.
void import_sample(const std::filesystem::path& db);

struct CommandResult {
  int exit_code = 0;
  std::string out;
  std::string err;
};
// Runs the built flgraph executable with arguments (no shell involved).
CommandResult run_flgraph(const std::vector<std::string>& args);

}  // namespace flgraph::testing
