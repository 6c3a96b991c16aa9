#include "neurite/frontend/resample.hpp"

#include <cmath>

namespace neurite::frontend {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kZeroCrossings = 16.0;
constexpr double kRolloff = 0.9;  // cut-off as a fraction of the lower Nyquist frequency
constexpr double kKaiserBeta = 8.6;

uint32_t gcd(uint32_t a, uint32_t b) {
  while (b != 0) {
    const uint32_t r = a % b;
    a = b;
    b = r;
  }
  return a;
}

// Zeroth-order modified Bessel function of the first kind (series).
double bessel_i0(double x) {
  double sum = 1.0, term = 1.0;
  for (int k = 1; k < 64; ++k) {
    term *= (x / (2.0 * k)) * (x / (2.0 * k));
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

struct Geometry {
  uint32_t up = 0, down = 0, taps = 0;
  double cutoff = 0, half_width = 0;  // in cycles per input sample, in input samples
};

Geometry geometry(uint32_t from, uint32_t to) {
  Geometry g;
  if (from == 0 || to == 0) return g;
  const uint32_t d = gcd(from, to);
  g.up = to / d;
  g.down = from / d;
  if (g.up > kMaxResamplePhases) return Geometry{};
  g.cutoff = 0.5 * kRolloff * (g.up < g.down ? static_cast<double>(g.up) / g.down : 1.0);
  g.half_width = kZeroCrossings / (2.0 * g.cutoff);
  g.taps = 2 * static_cast<uint32_t>(std::ceil(g.half_width));
  return g;
}

}  // namespace

size_t resampler_table_floats(uint32_t from_rate, uint32_t to_rate) {
  const Geometry g = geometry(from_rate, to_rate);
  return size_t{g.up} * g.taps;
}

Status resampler_init(uint32_t from_rate, uint32_t to_rate, float* table, size_t table_floats,
                      Resampler* resampler) {
  const Geometry g = geometry(from_rate, to_rate);
  if (g.taps == 0 || resampler == nullptr) return Status::invalid_config;
  if (table == nullptr || table_floats < size_t{g.up} * g.taps) return Status::buffer_too_small;
  const double norm = bessel_i0(kKaiserBeta);
  const double half = static_cast<double>(g.taps / 2);
  for (uint32_t p = 0; p < g.up; ++p) {
    // Output phase p lies `frac` input samples after input sample i; tap k
    // multiplies input sample i - taps/2 + 1 + k.
    const double frac = static_cast<double>(p) / g.up;
    float* row = table + size_t{p} * g.taps;
    double sum = 0.0;
    for (uint32_t k = 0; k < g.taps; ++k) {
      const double tau = frac + half - 1.0 - k;
      double h = 0.0;
      if (std::fabs(tau) < g.half_width) {
        const double x = 2.0 * g.cutoff * tau;
        const double sinc = x == 0.0 ? 1.0 : std::sin(kPi * x) / (kPi * x);
        const double r = tau / g.half_width;
        h = 2.0 * g.cutoff * sinc * bessel_i0(kKaiserBeta * std::sqrt(1.0 - r * r)) / norm;
      }
      row[k] = static_cast<float>(h);
      sum += h;
    }
    for (uint32_t k = 0; k < g.taps; ++k) row[k] = static_cast<float>(row[k] / sum);  // unit gain at DC
  }
  resampler->up = g.up;
  resampler->down = g.down;
  resampler->taps = g.taps;
  resampler->table = table;
  return Status::ok;
}

size_t resampled_length(const Resampler& resampler, size_t count) {
  if (resampler.down == 0) return 0;
  return (count * resampler.up + resampler.down - 1) / resampler.down;
}

Status resample(const Resampler& resampler, const float* in, size_t count, float* out, size_t out_capacity) {
  if (resampler.table == nullptr) return Status::invalid_config;
  if (in == nullptr || count == 0) return Status::empty_input;
  const size_t length = resampled_length(resampler, count);
  if (out == nullptr || out_capacity < length) return Status::buffer_too_small;
  const int64_t half = resampler.taps / 2;
  for (size_t j = 0; j < length; ++j) {
    const uint64_t position = uint64_t{j} * resampler.down;
    const int64_t i = static_cast<int64_t>(position / resampler.up);
    const float* row = resampler.table + (position % resampler.up) * resampler.taps;
    const int64_t first = i - half + 1;
    float acc = 0.0f;
    for (uint32_t k = 0; k < resampler.taps; ++k) {
      const int64_t n = first + k;
      if (n >= 0 && n < static_cast<int64_t>(count)) acc += row[k] * in[n];
    }
    out[j] = acc;
  }
  return Status::ok;
}

}  // namespace neurite::frontend
