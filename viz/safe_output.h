// viz/safe_output.h: where exports may write: created paths only, no symlinks, no ".." escapes,
// never the database or a file kept beside it, and an existing file only when forced.
#pragma once
#include <filesystem>
#include <string_view>

namespace flgraph::viz {

// The one rule every command that writes a file or folder follows (export, trace -o, screen -o,
// brief). The database and every file flgraph keeps beside it (graph/database_files.h) are
// never written, compared by resolved path so "./x.db", "a/../x.db" or a link to it count too.
// An existing file, or a non-empty folder, is replaced only with `force`.
struct OutputPolicy {
  std::filesystem::path database;  // empty: no database to protect
  bool force = false;
};

// Throw Error naming the path and the reason, before any work is done: a ".." component, an
// existing component that is a symbolic link (the final one included), the database or one of
// its files (for a folder: the folder holding them too, since --force would empty it), and an
// existing file (or non-empty folder) without `force`.
void check_output_file(const std::filesystem::path& path, const OutputPolicy& policy);
void check_output_folder(const std::filesystem::path& path, const OutputPolicy& policy);

// Checks the path again, then writes through a temporary file and a rename (without `force`, a
// link or RENAME_NOREPLACE, which never replace), so a reader never sees half a file; the
// temporary is created exclusively and never through a link.
void write_output_file(const std::filesystem::path& path, std::string_view bytes,
                       const OutputPolicy& policy);

// The one subfolder an export writes (an evidence bundle's documents), so the one --force replaces.
inline constexpr const char* kDocumentsSubfolder = "documents";

// A folder an export fills with files of fixed names. Created (with its parents) when missing;
// an existing non-empty folder is refused unless policy.force, which then removes the files
// directly in it and in documents/ (never following links; any other subfolder is refused).
class OutputFolder {
 public:
  OutputFolder(const std::filesystem::path& path, const OutputPolicy& policy);
  ~OutputFolder();
  OutputFolder(const OutputFolder&) = delete;
  OutputFolder& operator=(const OutputFolder&) = delete;

  // `name` is one of the export's own fixed names, never data; it is created exclusively
  // relative to the opened folder, so nothing outside it can be reached.
  void write(std::string_view name, std::string_view bytes);
  // The same inside a subfolder of fixed name (a bundle's documents/), created when missing.
  void write_in_subfolder(std::string_view subfolder, std::string_view name,
                          std::string_view bytes);
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

}  // namespace flgraph::viz
