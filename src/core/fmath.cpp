#include "fmath.hpp"

#include <cstdint>
#include <cstring>

namespace neurite::detail {
namespace {

float from_bits(uint32_t bits) {
  float value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

uint32_t to_bits(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}

}  // namespace

float det_exp(float x) {
  if (x > 88.0f) return from_bits(0x7f800000u);  // +inf
  if (x < -87.0f) return 0.0f;
  // x = n ln2 + r with |r| <= ln2/2, ln2 split in two parts for exactness.
  const float kLog2e = 1.44269504088896341f;
  const float kLn2Hi = 0.693359375f;
  const float kLn2Lo = -2.12194440e-4f;
  float n_real = x * kLog2e;
  int n = static_cast<int>(n_real >= 0.0f ? n_real + 0.5f : n_real - 0.5f);
  float nf = static_cast<float>(n);
  float r = (x - nf * kLn2Hi) - nf * kLn2Lo;
  // Taylor-like minimax polynomial for e^r on [-0.35, 0.35].
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  float result = (p * r) * r + r + 1.0f;
  return result * from_bits(static_cast<uint32_t>(n + 127) << 23);
}

float det_log(float x) {
  if (!(x > 0.0f)) return from_bits(0xff800000u);  // -inf for 0, negative or NaN
  uint32_t bits = to_bits(x);
  int exponent = static_cast<int>((bits >> 23) & 0xffu) - 127;
  if (exponent == -127) {  // subnormal: scale up first
    x *= 8388608.0f;       // 2^23
    bits = to_bits(x);
    exponent = static_cast<int>((bits >> 23) & 0xffu) - 127 - 23;
  }
  float m = from_bits((bits & 0x007fffffu) | 0x3f800000u);  // mantissa in [1, 2)
  if (m > 1.41421356f) {
    m *= 0.5f;
    exponent += 1;
  }
  // log(m) = 2 atanh(s), s = (m-1)/(m+1), |s| <= 0.1716.
  float s = (m - 1.0f) / (m + 1.0f);
  float s2 = s * s;
  float p = 0.14285714f;
  p = p * s2 + 0.2f;
  p = p * s2 + 0.33333333f;
  float log_m = 2.0f * s + 2.0f * s * s2 * p;
  const float kLn2 = 0.693147180559945f;
  return static_cast<float>(exponent) * kLn2 + log_m;
}

}  // namespace neurite::detail
