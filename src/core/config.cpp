#include "neurite/config.hpp"

#include "fmath.hpp"

namespace neurite {

float rejection_rate(const Config& config) {
  switch (config.strictness) {
    case Strictness::off:
      return 0.0f;
    case Strictness::low:
      return 0.01f;
    case Strictness::medium:
      return 0.03f;
    case Strictness::high:
      return 0.10f;
    case Strictness::custom:
      return config.rejection_rate;
  }
  return 0.0f;
}

uint32_t memory_for_tradeoff(float tradeoff) {
  if (!(tradeoff > 0.0f)) tradeoff = 0.0f;
  if (tradeoff > 1.0f) tradeoff = 1.0f;
  // 16 KiB * 4096^t: 16 KiB, 1 MiB at t = 0.5, 64 MiB at t = 1.
  const float log_bytes = 9.70406052f + tradeoff * 8.31776617f;  // ln(16384) + t ln(4096)
  return static_cast<uint32_t>(detail::det_exp(log_bytes) + 0.5f);
}

}  // namespace neurite
