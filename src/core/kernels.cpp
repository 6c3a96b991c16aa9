#include "kernels.hpp"

#include <cstring>

#if defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wpsabi"  // internal helpers only; no ABI crosses them
#endif

// Reductions keep eight partial sums, combined by a fixed tree. On hosts with
// SIMD they are one vector of the GCC/Clang extension (x86-64 with GCC also gets
// an AVX2 clone chosen at load time); elsewhere (Cortex-M) eight named scalars,
// because the vector type would live on the stack (kernels.hpp chooses). Same
// operations, same order, same bits.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(NEURITE_NO_MULTIVERSION) && \
    !defined(NEURITE_SCALAR_KERNELS)
#define NEURITE_HOT __attribute__((target_clones("avx2", "default")))
#else
#define NEURITE_HOT
#endif

namespace neurite::detail {

#if defined(NEURITE_SCALAR_KERNELS)

// Eight named partial sums: s_k accumulates the elements i = k (mod 8) of the
// full blocks, then the tail element k; the tree is the vector version's.
#define NEURITE_TREE ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))

// One block: element i + k into partial sum k.
#define NEURITE_BLOCK(term) \
  {                         \
    s0 += term(i);          \
    s1 += term(i + 1);      \
    s2 += term(i + 2);      \
    s3 += term(i + 3);      \
    s4 += term(i + 4);      \
    s5 += term(i + 5);      \
    s6 += term(i + 6);      \
    s7 += term(i + 7);      \
  }

// The tail: element k of the last n % 8 joins partial sum k. The sums rotate
// by one place per step, eight steps in all, so each ends where it started.
#define NEURITE_TAIL(term)                       \
  if (i < n) {                                   \
    for (uint32_t k = 0; k < 8; ++k, ++i) {      \
      const float t = i < n ? s0 + term(i) : s0; \
      s0 = s1;                                   \
      s1 = s2;                                   \
      s2 = s3;                                   \
      s3 = s4;                                   \
      s4 = s5;                                   \
      s5 = s6;                                   \
      s6 = s7;                                   \
      s7 = t;                                    \
    }                                            \
  }                                              \
  return NEURITE_TREE

// A reduction: full blocks, then the tail.
#define NEURITE_REDUCE(term)                                            \
  float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0; \
  uint32_t i = 0;                                                       \
  for (; i + 8 <= n; i += 8) NEURITE_BLOCK(term);                       \
  NEURITE_TAIL(term)

// A distance that stops once a partial sum (same tree) exceeds `bound`,
// checked every kAbandonCheck elements while full blocks remain.
#define NEURITE_REDUCE_BOUNDED(term)                                           \
  float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;        \
  uint32_t i = 0;                                                              \
  const uint32_t full = n - n % 8;                                             \
  while (i < full) {                                                           \
    const uint32_t stop = full - i > kAbandonCheck ? i + kAbandonCheck : full; \
    for (; i < stop; i += 8) NEURITE_BLOCK(term);                              \
    if (bound < kNoBound && i < full) {                                        \
      const float partial = NEURITE_TREE;                                      \
      if (partial > bound) return partial;                                     \
    }                                                                          \
  }                                                                            \
  NEURITE_TAIL(term)

float dot(const float* a, const float* b, uint32_t n) {
#define NEURITE_TERM(j) (a[j] * b[j])
  NEURITE_REDUCE(NEURITE_TERM);
#undef NEURITE_TERM
}

float weighted_sqdist(const float* a, const float* b, const float* w, uint32_t n, float bound) {
#define NEURITE_TERM(j) (w[j] * ((a[j] - b[j]) * (a[j] - b[j])))
  NEURITE_REDUCE_BOUNDED(NEURITE_TERM);
#undef NEURITE_TERM
}

float sqdist(const float* a, const float* b, uint32_t n) {
#define NEURITE_TERM(j) ((a[j] - b[j]) * (a[j] - b[j]))
  NEURITE_REDUCE(NEURITE_TERM);
#undef NEURITE_TERM
}

float weighted_sqdist_codes(const float* a, const int8_t* q, float offset, float step, const float* w,
                            uint32_t n, float bound) {
#define NEURITE_TERM(j)                                          \
  (w[j] * ((a[j] - (offset + step * static_cast<float>(q[j]))) * \
           (a[j] - (offset + step * static_cast<float>(q[j])))))
  NEURITE_REDUCE_BOUNDED(NEURITE_TERM);
#undef NEURITE_TERM
}

#undef NEURITE_REDUCE
#undef NEURITE_REDUCE_BOUNDED
#undef NEURITE_TAIL
#undef NEURITE_TREE
#undef NEURITE_BLOCK

void add_scaled(float* y, float alpha, const float* x, uint32_t n) {
  for (uint32_t i = 0; i < n; ++i) y[i] += alpha * x[i];
}

void sub_combination(float* y, const float* alpha, const float* rows, uint64_t row_stride, uint32_t count,
                     uint32_t n) {
  uint32_t k = 0;
  for (; k + 4 <= count; k += 4) {
    const float a0 = alpha[k], a1 = alpha[k + 1], a2 = alpha[k + 2], a3 = alpha[k + 3];
    const float* r0 = rows + k * row_stride;
    const float* r1 = r0 + row_stride;
    const float* r2 = r1 + row_stride;
    const float* r3 = r2 + row_stride;
    for (uint32_t i = 0; i < n; ++i) {
      float t = y[i];
      t -= a0 * r0[i];
      t -= a1 * r1[i];
      t -= a2 * r2[i];
      t -= a3 * r3[i];
      y[i] = t;
    }
  }
  for (; k < count; ++k) {
    const float a = alpha[k];
    const float* r = rows + k * row_stride;
    for (uint32_t i = 0; i < n; ++i) y[i] -= a * r[i];
  }
}

void scale(float* y, float alpha, uint32_t n) {
  for (uint32_t i = 0; i < n; ++i) y[i] *= alpha;
}

#else  // eight-lane vectors

namespace {

typedef float Lanes __attribute__((vector_size(32)));
constexpr uint32_t kLanes = 8;

inline Lanes load(const float* p) {
  Lanes v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

inline void store(float* p, Lanes v) {
  std::memcpy(p, &v, sizeof v);
}

// Lanes that the tail (n % 8 elements) adds into, then a fixed summation tree.
typedef int32_t LaneIndex __attribute__((vector_size(32)));

// The same tree inside the vector: pairs, then quads, then halves (addition
// commutes, so lane 0 of the last step holds the tree's bits).
inline float tree(Lanes acc) {
  const LaneIndex pairs = {1, 0, 3, 2, 5, 4, 7, 6};
  const LaneIndex quads = {2, 3, 0, 1, 6, 7, 4, 5};
  const LaneIndex halves = {4, 5, 6, 7, 0, 1, 2, 3};
  acc += __builtin_shuffle(acc, pairs);
  acc += __builtin_shuffle(acc, quads);
  acc += __builtin_shuffle(acc, halves);
  return acc[0];
}

inline float finish(Lanes acc) {
  float s[kLanes];
  std::memcpy(s, &acc, sizeof s);
  return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
}

}  // namespace

NEURITE_HOT float dot(const float* a, const float* b, uint32_t n) {
  Lanes acc = {0, 0, 0, 0, 0, 0, 0, 0};
  uint32_t i = 0;
  for (; i + kLanes <= n; i += kLanes) acc += load(a + i) * load(b + i);
  for (uint32_t k = 0; i < n; ++i, ++k) acc[k] += a[i] * b[i];
  return finish(acc);
}

// Distances. A bound that can stop a sum (more than one check interval of
// full blocks) takes the checked loop, in a function of its own so that the
// plain loop keeps its registers: chunks of kAbandonCheck elements, each
// followed by a check while full blocks remain after it, then the plain loop.
#define NEURITE_DISTANCE(name, step, tail_term, ...)                                     \
  __attribute__((noinline)) NEURITE_HOT float name##_checked(__VA_ARGS__, float bound) { \
    Lanes acc = {0, 0, 0, 0, 0, 0, 0, 0};                                                \
    uint32_t i = 0;                                                                      \
    const uint32_t full = n - n % kLanes;                                                \
    while (i + kAbandonCheck < full) {                                                   \
      for (const uint32_t stop = i + kAbandonCheck; i < stop; i += kLanes) step;         \
      const float partial = tree(acc);                                                   \
      if (partial > bound) return partial;                                               \
    }                                                                                    \
    for (; i + kLanes <= n; i += kLanes) step;                                           \
    for (uint32_t k = 0; i < n; ++i, ++k) acc[k] += tail_term;                           \
    return finish(acc);                                                                  \
  }                                                                                      \
  NEURITE_HOT float name(__VA_ARGS__, float bound)

#define NEURITE_PLAIN(step, tail_term)                       \
  Lanes acc = {0, 0, 0, 0, 0, 0, 0, 0};                      \
  uint32_t i = 0;                                            \
  for (; i + kLanes <= n; i += kLanes) step;                 \
  for (uint32_t k = 0; i < n; ++i, ++k) acc[k] += tail_term; \
  return finish(acc)

#define NEURITE_STEP                              \
  {                                               \
    const Lanes diff = load(a + i) - load(b + i); \
    acc += load(w + i) * (diff * diff);           \
  }
#define NEURITE_TAIL_TERM (w[i] * ((a[i] - b[i]) * (a[i] - b[i])))
NEURITE_DISTANCE(weighted_sqdist, NEURITE_STEP, NEURITE_TAIL_TERM, const float* a, const float* b,
                 const float* w, uint32_t n) {
  if (bound < kNoBound && n >= kAbandonCheck + 2 * kLanes) return weighted_sqdist_checked(a, b, w, n, bound);
  NEURITE_PLAIN(NEURITE_STEP, NEURITE_TAIL_TERM);
}
#undef NEURITE_STEP
#undef NEURITE_TAIL_TERM

#define NEURITE_STEP                                                                                 \
  {                                                                                                  \
    float decoded[kLanes];                                                                           \
    for (uint32_t k = 0; k < kLanes; ++k) decoded[k] = offset + step * static_cast<float>(q[i + k]); \
    const Lanes diff = load(a + i) - load(decoded);                                                  \
    acc += load(w + i) * (diff * diff);                                                              \
  }
#define NEURITE_TAIL_TERM                                        \
  (w[i] * ((a[i] - (offset + step * static_cast<float>(q[i]))) * \
           (a[i] - (offset + step * static_cast<float>(q[i])))))
NEURITE_DISTANCE(weighted_sqdist_codes, NEURITE_STEP, NEURITE_TAIL_TERM, const float* a, const int8_t* q,
                 float offset, float step, const float* w, uint32_t n) {
  if (bound < kNoBound && n >= kAbandonCheck + 2 * kLanes) {
    return weighted_sqdist_codes_checked(a, q, offset, step, w, n, bound);
  }
  NEURITE_PLAIN(NEURITE_STEP, NEURITE_TAIL_TERM);
}
#undef NEURITE_STEP
#undef NEURITE_TAIL_TERM
#undef NEURITE_DISTANCE
#undef NEURITE_PLAIN

NEURITE_HOT float sqdist(const float* a, const float* b, uint32_t n) {
  Lanes acc = {0, 0, 0, 0, 0, 0, 0, 0};
  uint32_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    const Lanes diff = load(a + i) - load(b + i);
    acc += diff * diff;
  }
  for (uint32_t k = 0; i < n; ++i, ++k) {
    const float diff = a[i] - b[i];
    acc[k] += diff * diff;
  }
  return finish(acc);
}

NEURITE_HOT void add_scaled(float* y, float alpha, const float* x, uint32_t n) {
  uint32_t i = 0;
  for (; i + kLanes <= n; i += kLanes) store(y + i, load(y + i) + alpha * load(x + i));
  for (; i < n; ++i) y[i] += alpha * x[i];
}

NEURITE_HOT void sub_combination(float* y, const float* alpha, const float* rows, uint64_t row_stride,
                                 uint32_t count, uint32_t n) {
  uint32_t k = 0;
  // Four rows per sweep keeps y in registers; each element still sees the
  // subtractions in the order k, k+1, k+2, k+3.
  for (; k + 4 <= count; k += 4) {
    const float a0 = alpha[k], a1 = alpha[k + 1], a2 = alpha[k + 2], a3 = alpha[k + 3];
    const float* r0 = rows + k * row_stride;
    const float* r1 = r0 + row_stride;
    const float* r2 = r1 + row_stride;
    const float* r3 = r2 + row_stride;
    uint32_t i = 0;
    for (; i + kLanes <= n; i += kLanes) {
      Lanes t = load(y + i);
      t -= a0 * load(r0 + i);
      t -= a1 * load(r1 + i);
      t -= a2 * load(r2 + i);
      t -= a3 * load(r3 + i);
      store(y + i, t);
    }
    for (; i < n; ++i) {
      float t = y[i];
      t -= a0 * r0[i];
      t -= a1 * r1[i];
      t -= a2 * r2[i];
      t -= a3 * r3[i];
      y[i] = t;
    }
  }
  for (; k < count; ++k) {
    const float a = alpha[k];
    const float* r = rows + k * row_stride;
    uint32_t i = 0;
    for (; i + kLanes <= n; i += kLanes) store(y + i, load(y + i) - a * load(r + i));
    for (; i < n; ++i) y[i] -= a * r[i];
  }
}

NEURITE_HOT void scale(float* y, float alpha, uint32_t n) {
  uint32_t i = 0;
  for (; i + kLanes <= n; i += kLanes) store(y + i, load(y + i) * alpha);
  for (; i < n; ++i) y[i] *= alpha;
}

#endif  // NEURITE_SCALAR_KERNELS

}  // namespace neurite::detail
