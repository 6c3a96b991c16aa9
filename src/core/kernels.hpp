// Vector primitives of the learner. Every reduction has a fixed operation order
// (eight interleaved partial sums, combined as a fixed tree), so results are
// the same bits whether the compiler vectorises them (host) or not (Cortex-M).
#pragma once
#include <cstdint>

// Non-SIMD targets (Cortex-M) use eight named scalar partial sums instead of one vector.
#if !defined(NEURITE_SCALAR_KERNELS) && !(defined(__x86_64__) || defined(__aarch64__))
#define NEURITE_SCALAR_KERNELS 1
#endif

namespace neurite::detail {

float dot(const float* a, const float* b, uint32_t n);

// "No bound": the distance sums below run to the end.
constexpr float kNoBound = __builtin_inff();

// Sum of w[i] * (a[i] - b[i])^2, abandoned early once it exceeds `bound`.
// The terms are non-negative and float addition is monotone in each argument,
// so the eight partial sums, combined by the same tree as the full ones, never
// exceed the full sum. Every kAbandonCheck elements such a partial sum above
// `bound` is returned as it is. So a result r <= bound is the full sum, bit
// for bit, and a result r > bound says that the full sum exceeds `bound` too
// (it is then at least r, and r is not the full sum in general).
float weighted_sqdist(const float* a, const float* b, const float* w, uint32_t n, float bound = kNoBound);
// The same, with b decoded on the fly from per-event codes: b[i] = offset + step * q[i]
// (the very values the decoded row would hold, so the sums are the same bits).
float weighted_sqdist_codes(const float* a, const int8_t* q, float offset, float step, const float* w,
                            uint32_t n, float bound = kNoBound);
// Elements between two checks of the bound: four blocks of the eight scalar
// accumulators; eight vector steps on hosts, where a check costs more than a
// few steps save (a horizontal sum and a branch that is hard to predict).
#if defined(NEURITE_SCALAR_KERNELS)
constexpr uint32_t kAbandonCheck = 32;
#else
constexpr uint32_t kAbandonCheck = 64;
#endif
// Sum of (a[i] - b[i])^2.
float sqdist(const float* a, const float* b, uint32_t n);
// y[i] += alpha * x[i], element by element (no reduction).
void add_scaled(float* y, float alpha, const float* x, uint32_t n);
// y[i] -= sum_k alpha[k] * rows[k * row_stride + i], subtracted in order k = 0..count-1.
void sub_combination(float* y, const float* alpha, const float* rows, uint64_t row_stride, uint32_t count,
                     uint32_t n);
// y[i] *= alpha.
void scale(float* y, float alpha, uint32_t n);

// The unit profile: Wendland's compactly supported C2 function of r = distance / radius.
inline float wendland(float r) {
  if (r >= 1.0f) return 0.0f;
  float u = 1.0f - r;
  float u2 = u * u;
  return (u2 * u2) * (4.0f * r + 1.0f);
}

}  // namespace neurite::detail
