// The real FFT against a direct DFT in double, against kissfft (Debian's
// libkissfft, host only), and the Q31 path against the float one.
#include <gtest/gtest.h>
#include <kissfft/kiss_fftr.h>

#include <cmath>
#include <random>
#include <vector>

#include "neurite/frontend/fft.hpp"

using namespace neurite::frontend;

namespace {

std::vector<float> noise(size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> dist(0.0f, 1.0f);
  std::vector<float> x(n);
  for (auto& v : x) v = dist(rng);
  return x;
}

// Largest error of `got` (n + 2 values) relative to the largest |X_k| of `want`.
double relative_error(const std::vector<double>& want, const std::vector<double>& got) {
  double peak = 0, error = 0;
  for (size_t i = 0; i < want.size(); ++i) {
    peak = std::max(peak, std::fabs(want[i]));
    error = std::max(error, std::fabs(want[i] - got[i]));
  }
  return error / peak;
}

std::vector<double> direct_dft(const std::vector<float>& x) {
  const size_t n = x.size();
  std::vector<double> out(n + 2);
  for (size_t k = 0; k <= n / 2; ++k) {
    double re = 0, im = 0;
    for (size_t t = 0; t < n; ++t) {
      const double a = -2.0 * M_PI * double(k * t % n) / double(n);
      re += x[t] * std::cos(a);
      im += x[t] * std::sin(a);
    }
    out[2 * k] = re;
    out[2 * k + 1] = im;
  }
  return out;
}

std::vector<double> float_fft(const std::vector<float>& x) {
  const size_t n = x.size();
  std::vector<float> table(n), data(n + 2);
  std::copy(x.begin(), x.end(), data.begin());
  make_fft_table(n, table.data());
  real_fft(n, table.data(), data.data());
  return {data.begin(), data.end()};
}

}  // namespace

TEST(Fft, ValidSizesArePowersOfTwoFrom8To8192) {
  EXPECT_TRUE(valid_fft_size(8));
  EXPECT_TRUE(valid_fft_size(512));
  EXPECT_TRUE(valid_fft_size(8192));
  EXPECT_FALSE(valid_fft_size(4));
  EXPECT_FALSE(valid_fft_size(400));
  EXPECT_FALSE(valid_fft_size(16384));
}

TEST(Fft, FloatMatchesDirectDft) {
  for (size_t n : {8u, 16u, 64u, 256u, 1024u}) {
    const auto x = noise(n, unsigned(n));
    EXPECT_LT(relative_error(direct_dft(x), float_fft(x)), 2e-6) << "n = " << n;
  }
}

TEST(Fft, FloatMatchesKissfft) {
  for (size_t n : {256u, 512u, 2048u}) {
    const auto x = noise(n, 7);
    kiss_fftr_cfg cfg = kiss_fftr_alloc(int(n), 0, nullptr, nullptr);
    std::vector<kiss_fft_cpx> spectrum(n / 2 + 1);
    kiss_fftr(cfg, x.data(), spectrum.data());
    kiss_fftr_free(cfg);
    std::vector<double> want;
    for (const auto& c : spectrum) {
      want.push_back(c.r);
      want.push_back(c.i);
    }
    EXPECT_LT(relative_error(want, float_fft(x)), 2e-6) << "n = " << n;
  }
}

TEST(Fft, Q31MatchesFloatWithinItsHeadroom) {
  for (size_t n : {256u, 512u, 4096u}) {
    // Inputs at the documented limit |x| < 2^30 / n.
    const auto x = noise(n, 11);
    double peak = 0;
    for (float v : x) peak = std::max(peak, double(std::fabs(v)));
    const double scale = (std::ldexp(1.0, 30) / double(n) - 1.0) / peak;
    std::vector<int32_t> table(n), data(n + 2, 0);
    std::vector<float> rounded(n);
    for (size_t t = 0; t < n; ++t) {
      data[t] = int32_t(std::lround(x[t] * scale));
      rounded[t] = float(data[t]);
    }
    make_fft_table_q31(n, table.data());
    real_fft_q31(n, table.data(), data.data());
    const auto want = direct_dft(rounded);
    std::vector<double> got(data.begin(), data.end());
    for (double v : got) EXPECT_LT(std::fabs(v), std::ldexp(1.0, 31));
    EXPECT_LT(relative_error(want, got), 5e-6) << "n = " << n;  // a few units of 2^-18
  }
}
