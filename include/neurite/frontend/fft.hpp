// Real FFT of n = 2^k points (8 <= n <= 8192): an n/2-point complex radix-2
// FFT of the samples taken in pairs, then one split pass. Dependency-free and
// in place; the twiddle table lives in caller memory (n values).
//
// Layout: `data` holds n + 2 values. In: n real samples. Out: bins 0..n/2 as
// (re, im) pairs, X_k = sum_t x_t exp(-2 pi i k t / n), unscaled.
#pragma once
#include <cstddef>
#include <cstdint>

namespace neurite::frontend {

constexpr size_t kMinFftSize = 8;
constexpr size_t kMaxFftSize = 8192;

// True for a power of two in [kMinFftSize, kMaxFftSize].
bool valid_fft_size(size_t n);

// Float: table of n floats, (cos, -sin) of 2 pi k / n for k < n/2.
void make_fft_table(size_t n, float* table);
void real_fft(size_t n, const float* table, float* data);

// Fixed point: Q31 twiddles and int32 data with 64-bit products. No stage
// scales, so the input must satisfy |x| < 2^30 / n; then every output
// component is below 2^31 (|X_k| <= sqrt(2) n max|x|).
void make_fft_table_q31(size_t n, int32_t* table);
void real_fft_q31(size_t n, const int32_t* table, int32_t* data);

}  // namespace neurite::frontend
