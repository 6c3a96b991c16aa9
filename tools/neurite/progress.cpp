#include "progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace neurite::cli {

Progress::Progress(std::string what, size_t total)
    : what_(std::move(what)), total_(total), active_(total > 0 && isatty(STDERR_FILENO) == 1) {}

Progress::~Progress() {
  finish();
}

void Progress::step(size_t done) {
  done_ += done;
  if (active_) draw();
}

void Progress::draw() {
  const int percent = static_cast<int>(100 * (done_ < total_ ? done_ : total_) / total_);
  if (percent == shown_) return;
  shown_ = percent;
  constexpr int kWidth = 30;
  const int filled = percent * kWidth / 100;
  std::fprintf(stderr, "\r%s [%.*s%*s] %3d%% (%zu/%zu)", what_.c_str(), filled,
               "##############################", kWidth - filled, "", percent, done_, total_);
  std::fflush(stderr);
}

void Progress::finish() {
  if (!active_) return;
  active_ = false;
  std::fprintf(stderr, "\r%*s\r", static_cast<int>(what_.size()) + 50, "");
  std::fflush(stderr);
}

}  // namespace neurite::cli
