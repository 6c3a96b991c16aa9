// A progress bar on stderr for long work, drawn only when stderr is a terminal.
#pragma once
#include <cstddef>
#include <string>

namespace neurite::cli {

class Progress {
 public:
  Progress(std::string what, size_t total);
  ~Progress();
  void step(size_t done = 1);
  void finish();

 private:
  void draw();
  std::string what_;
  size_t total_, done_ = 0;
  int shown_ = -1;  // last percentage drawn
  bool active_;
};

}  // namespace neurite::cli
