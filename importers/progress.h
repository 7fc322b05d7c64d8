// importers/progress.h: a progress bar on stderr, shown only when stderr is a terminal.
#pragma once
#include <cstddef>
#include <string>

namespace flgraph::importers {

class Progress {
 public:
  Progress(std::string label, std::size_t total);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  void update(std::size_t done);

 private:
  std::string label_;
  std::size_t total_;
  int shown_percent_ = -1;
  bool enabled_;
};

}  // namespace flgraph::importers
