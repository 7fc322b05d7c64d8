// importers/progress.cpp: redraws one status line, at most once per percent.
#include "importers/progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace flgraph::importers {

Progress::Progress(std::string label, std::size_t total)
    : label_(std::move(label)), total_(total), enabled_(isatty(STDERR_FILENO) == 1 && total > 0) {}

Progress::~Progress() {
  if (enabled_ && shown_percent_ >= 0) std::fputs("\n", stderr);
}

void Progress::update(std::size_t done) {
  if (!enabled_) return;
  const auto percent =
      static_cast<int>(static_cast<double>(done) * 100.0 / static_cast<double>(total_));
  if (percent == shown_percent_) return;
  shown_percent_ = percent;
  constexpr int kWidth = 30;
  const int filled = percent * kWidth / 100;
  fmt::print(stderr, "\r{:<24.24} [{}{}] {:3d}%", label_,
             std::string(static_cast<std::size_t>(filled), '#'),
             std::string(static_cast<std::size_t>(kWidth - filled), ' '), percent);
  std::fflush(stderr);
}

}  // namespace flgraph::importers
