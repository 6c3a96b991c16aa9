// Radix-2 decimation-in-time FFT with one shared twiddle table: the n/2-point
// complex stage uses every second twiddle of the n-point table, the real
// split uses all of them. The float and Q31 versions share the algorithm
// through one template over the arithmetic.
#include "neurite/frontend/fft.hpp"

#include <cmath>

namespace neurite::frontend {

namespace {

constexpr double kPi = 3.14159265358979323846;

struct FloatMath {
  using Value = float;
  // (a*b - c*d) and (a*b + c*d) of the complex product.
  static Value mul_sub(Value a, Value b, Value c, Value d) { return a * b - c * d; }
  static Value mul_add(Value a, Value b, Value c, Value d) { return a * b + c * d; }
  static Value half_sum(Value a, Value b) { return 0.5f * (a + b); }
  static Value half_diff(Value a, Value b) { return 0.5f * (a - b); }
};

// Q31: products in 64 bits, rounded back to 31 fractional bits.
struct Q31Math {
  using Value = int32_t;
  static Value round31(int64_t v) { return static_cast<Value>((v + (int64_t{1} << 30)) >> 31); }
  static Value mul_sub(Value a, Value b, Value c, Value d) {
    return round31(int64_t{a} * b - int64_t{c} * d);
  }
  static Value mul_add(Value a, Value b, Value c, Value d) {
    return round31(int64_t{a} * b + int64_t{c} * d);
  }
  // Halves round to nearest, computed in 64 bits so that the sum cannot overflow.
  static Value half_sum(Value a, Value b) { return static_cast<Value>((int64_t{a} + b + 1) >> 1); }
  static Value half_diff(Value a, Value b) { return static_cast<Value>((int64_t{a} - b + 1) >> 1); }
};

size_t log2_of(size_t n) {
  size_t bits = 0;
  while ((size_t{1} << bits) < n) ++bits;
  return bits;
}

template <class Math>
void complex_fft(size_t m, const typename Math::Value* table, typename Math::Value* z) {
  using V = typename Math::Value;
  const size_t bits = log2_of(m);
  for (size_t i = 0; i < m; ++i) {  // bit-reversal permutation
    size_t r = 0;
    for (size_t b = 0; b < bits; ++b) r |= ((i >> b) & 1u) << (bits - 1 - b);
    if (r > i) {
      const V re = z[2 * i], im = z[2 * i + 1];
      z[2 * i] = z[2 * r];
      z[2 * i + 1] = z[2 * r + 1];
      z[2 * r] = re;
      z[2 * r + 1] = im;
    }
  }
  for (size_t len = 2; len <= m; len *= 2) {
    const size_t half = len / 2;
    const size_t stride = 2 * (m / len);  // in the n-point table
    for (size_t start = 0; start < m; start += len) {
      for (size_t j = 0; j < half; ++j) {
        const V wr = table[2 * j * stride], wi = table[2 * j * stride + 1];
        V* a = z + 2 * (start + j);
        V* b = z + 2 * (start + j + half);
        const V tr = Math::mul_sub(b[0], wr, b[1], wi);
        const V ti = Math::mul_add(b[0], wi, b[1], wr);
        b[0] = static_cast<V>(a[0] - tr);
        b[1] = static_cast<V>(a[1] - ti);
        a[0] = static_cast<V>(a[0] + tr);
        a[1] = static_cast<V>(a[1] + ti);
      }
    }
  }
}

// X_k = E_k + W^k O_k and X_{m-k} = conj(E_k - W^k O_k), with
// E_k = (Z_k + conj Z_{m-k}) / 2 and O_k = -i (Z_k - conj Z_{m-k}) / 2.
template <class Math>
void split(size_t n, const typename Math::Value* table, typename Math::Value* data) {
  using V = typename Math::Value;
  const size_t m = n / 2;
  const V z0r = data[0], z0i = data[1];
  data[0] = static_cast<V>(z0r + z0i);
  data[1] = 0;
  data[n] = static_cast<V>(z0r - z0i);
  data[n + 1] = 0;
  for (size_t k = 1; k <= m / 2; ++k) {
    V* lo = data + 2 * k;
    V* hi = data + 2 * (m - k);
    const V er = Math::half_sum(lo[0], hi[0]), ei = Math::half_diff(lo[1], hi[1]);
    const V or_ = Math::half_sum(lo[1], hi[1]), oi = Math::half_diff(hi[0], lo[0]);
    const V wr = table[2 * k], wi = table[2 * k + 1];
    const V tr = Math::mul_sub(or_, wr, oi, wi);
    const V ti = Math::mul_add(or_, wi, oi, wr);
    lo[0] = static_cast<V>(er + tr);
    lo[1] = static_cast<V>(ei + ti);
    hi[0] = static_cast<V>(er - tr);
    hi[1] = static_cast<V>(ti - ei);
  }
}

}  // namespace

bool valid_fft_size(size_t n) {
  return n >= kMinFftSize && n <= kMaxFftSize && (n & (n - 1)) == 0;
}

void make_fft_table(size_t n, float* table) {
  for (size_t k = 0; k < n / 2; ++k) {
    const double angle = 2.0 * kPi * static_cast<double>(k) / static_cast<double>(n);
    table[2 * k] = static_cast<float>(std::cos(angle));
    table[2 * k + 1] = static_cast<float>(-std::sin(angle));
  }
}

void make_fft_table_q31(size_t n, int32_t* table) {
  const double scale = 2147483648.0;
  for (size_t k = 0; k < n / 2; ++k) {
    const double angle = 2.0 * kPi * static_cast<double>(k) / static_cast<double>(n);
    const double c = std::round(std::cos(angle) * scale), s = std::round(-std::sin(angle) * scale);
    table[2 * k] = static_cast<int32_t>(c >= scale ? scale - 1 : c);
    table[2 * k + 1] = static_cast<int32_t>(s >= scale ? scale - 1 : s);
  }
}

void real_fft(size_t n, const float* table, float* data) {
  complex_fft<FloatMath>(n / 2, table, data);
  split<FloatMath>(n, table, data);
}

void real_fft_q31(size_t n, const int32_t* table, int32_t* data) {
  complex_fft<Q31Math>(n / 2, table, data);
  split<Q31Math>(n, table, data);
}

}  // namespace neurite::frontend
