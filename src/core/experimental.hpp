// Hooks for ablation studies in the benchmarks. Not part of the public API:
// users have three settings; these exist to measure what each mechanism buys.
#pragma once
#include <cstdint>

#include "neurite/learner.hpp"

namespace neurite::detail {

struct Access {
  // Caps the depth the next builds may use (1 disables further layers).
  static void limit_depth(Learner& learner, uint8_t layers);
  // Depth and unit capacities the memory setting gave.
  static uint8_t depth_capacity(const Learner& learner);
};

}  // namespace neurite::detail
