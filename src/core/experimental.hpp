// Hooks for ablation studies in the benchmarks. Not part of the public API:
// users have three settings; these exist to measure what each mechanism buys.
#pragma once
#include <cstdint>

#include "neurite/learner.hpp"

namespace neurite::detail {

// How builds treat a further layer (the default is the documented rule).
enum class DepthPolicy : uint8_t {
  rule = 0,         // try when width is exhausted, keep if LOO errors drop by 5 %
  never = 1,        // one layer
  always_try = 2,   // try whenever LOO errors remain, keep by the LOO rule
  always_keep = 3,  // try whenever LOO errors remain and keep it
};

struct Access {
  static void set_depth_policy(Learner& learner, DepthPolicy policy);
  // Distance sums that stop early once they cannot matter (on by default; off
  // must give the same bits, which tests check).
  static void set_abandoning(Learner& learner, bool on);
  // Stored feature precision the plan chose (4, 2 or 1 bytes).
  static uint8_t feature_bytes(const Learner& learner);
  // A learner with the capacities of `config` but another storage precision:
  // the float oracle of a quantized (device) model, or the reverse.
  static size_t arena_size_with_storage(const Config& config, uint8_t feature_bytes);
  static Status init_with_storage(Learner& learner, const Config& config, void* arena, size_t arena_bytes,
                                  uint8_t feature_bytes);
  // Depth and unit capacities the memory setting gave.
  static uint8_t depth_capacity(const Learner& learner);
};

}  // namespace neurite::detail
