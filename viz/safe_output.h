// viz/safe_output.h: where exports may write: created paths only, no symlinks, no ".." escapes.
#pragma once
#include <filesystem>
#include <string_view>

namespace flgraph::viz {

// Refuses a path with a ".." component or with any existing component that is a symbolic link
// (the final one included). Throws Error naming the path and the reason.
void check_output_path(const std::filesystem::path& path);

// Writes through a temporary file and a rename, so a reader never sees half a file; the
// temporary is created exclusively and never through a link.
void write_output_file(const std::filesystem::path& path, std::string_view bytes);

// A folder an export fills with files of fixed names. Created (with its parents) when missing;
// an existing non-empty folder is refused unless `force`, which then removes the files directly
// in it (never following links, never recursing: a subfolder is refused).
class OutputFolder {
 public:
  OutputFolder(const std::filesystem::path& path, bool force);
  ~OutputFolder();
  OutputFolder(const OutputFolder&) = delete;
  OutputFolder& operator=(const OutputFolder&) = delete;

  // `name` is one of the export's own fixed names, never data; it is created exclusively
  // relative to the opened folder, so nothing outside it can be reached.
  void write(std::string_view name, std::string_view bytes);
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

}  // namespace flgraph::viz
