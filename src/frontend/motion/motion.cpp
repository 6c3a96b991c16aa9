#include "neurite/frontend/motion.hpp"

#include <cmath>

#include "../dsp/carve.hpp"
#include "neurite/frontend/fft.hpp"

namespace neurite::frontend {

namespace {

constexpr double kPi = 3.14159265358979323846;

uint16_t fft_size_for(uint16_t window) {
  uint32_t n = kMinFftSize;
  while (n < window) n *= 2;
  return static_cast<uint16_t>(n);
}

size_t magnitude_count(const MotionConfig& c) {
  return c.magnitudes ? c.channels / 3u : 0u;
}

size_t layout(const MotionConfig& c, void* memory, size_t bytes, MotionStream* stream) {
  detail::Carver carver(memory, bytes);
  const uint16_t n = fft_size_for(c.window);
  const size_t stored = motion_signal_count(c) + c.gravity_channels;
  float* ring = carver.take<float>(size_t{c.window} * stored);
  float* gravity = carver.take<float>(c.channels);
  float* table = carver.take<float>(n);
  float* spectrum = carver.take<float>(n + 2u);
  float* signal = carver.take<float>(c.window);
  if (!carver.fits()) return carver.used();
  make_fft_table(n, table);
  MotionStream s;
  s.config = c;
  s.fft_size = n;
  s.stored = static_cast<uint16_t>(stored);
  s.gravity_alpha = static_cast<float>(1.0 - std::exp(-2.0 * kPi * c.gravity_cutoff_hz / c.sample_rate));
  s.ring = ring;
  s.gravity = gravity;
  s.fft_table = table;
  s.spectrum = spectrum;
  s.signal = signal;
  *stream = s;
  motion_reset(*stream);
  return carver.used();
}

// Statistics and spectrum of one signal of `n` samples in s.signal.
float* signal_features(const MotionStream& s, float* out) {
  const MotionConfig& c = s.config;
  const size_t n = c.window;
  const float* x = s.signal;
  float lo = x[0], hi = x[0], sum = 0.0f, squares = 0.0f;
  for (size_t t = 0; t < n; ++t) {
    lo = x[t] < lo ? x[t] : lo;
    hi = x[t] > hi ? x[t] : hi;
    sum += x[t];
    squares += x[t] * x[t];
  }
  const float mean = sum / static_cast<float>(n);
  float centred = 0.0f;
  size_t crossings = 0;
  for (size_t t = 0; t < n; ++t) {
    const float d = x[t] - mean;
    centred += d * d;
    if (t > 0 && ((x[t - 1] - mean) < 0.0f) != (d < 0.0f)) ++crossings;
  }
  const float energy = squares / static_cast<float>(n);
  *out++ = mean;
  *out++ = std::sqrt(centred / static_cast<float>(n));
  *out++ = lo;
  *out++ = hi;
  *out++ = std::sqrt(energy);
  *out++ = static_cast<float>(crossings) / static_cast<float>(n - 1);
  *out++ = energy;
  // Spectrum of the mean-removed, Hann-windowed signal.
  float* X = s.spectrum;
  for (size_t t = 0; t < n; ++t) {
    const double w = 0.5 - 0.5 * std::cos(2.0 * kPi * static_cast<double>(t) / static_cast<double>(n));
    X[t] = (x[t] - mean) * static_cast<float>(w);
  }
  for (size_t t = n; t < s.fft_size + 2u; ++t) X[t] = 0.0f;
  real_fft(s.fft_size, s.fft_table, X);
  const size_t half = s.fft_size / 2u;
  const float bin_hz = c.sample_rate / static_cast<float>(s.fft_size);
  const float top = c.max_band_hz > 0.0f ? c.max_band_hz : 0.5f * c.sample_rate;
  const float norm = 1.0f / (static_cast<float>(s.fft_size) * static_cast<float>(n));
  auto power = [&](size_t k) {
    const float p = X[2 * k] * X[2 * k] + X[2 * k + 1] * X[2 * k + 1];
    return (k == 0 || k == half ? 1.0f : 2.0f) * p * norm;  // one-sided, Parseval-scaled
  };
  for (size_t b = 0; b < c.bands; ++b) {
    const float from = top * static_cast<float>(b) / c.bands, to = top * static_cast<float>(b + 1) / c.bands;
    float band = 0.0f;
    for (size_t k = 1; k <= half; ++k) {
      const float f = static_cast<float>(k) * bin_hz;
      if (f >= from && (f < to || (b + 1 == c.bands && f <= to))) band += power(k);
    }
    *out++ = std::log(band + c.band_floor);
  }
  // Dominant frequencies: the strongest local maxima of the spectrum above DC
  // (a tone leaks into its neighbour bins; those are not peaks of their own).
  uint32_t taken[16] = {};
  for (size_t p = 0; p < c.peaks; ++p) {
    size_t best = 0;
    float best_power = -1.0f;
    for (size_t k = 1; k <= half; ++k) {
      const float pk = power(k);
      const bool peak = pk >= power(k - 1) && (k == half || pk >= power(k + 1));
      bool used = false;
      for (size_t q = 0; q < p; ++q) used = used || taken[q] == k;
      if (peak && !used && pk > best_power) {
        best = k;
        best_power = pk;
      }
    }
    taken[p] = static_cast<uint32_t>(best);
    *out++ = static_cast<float>(best) * bin_hz;  // 0 when there are fewer peaks
  }
  return out;
}

void emit(const MotionStream& s, float* features) {
  const MotionConfig& c = s.config;
  const size_t signals = motion_signal_count(c);
  const size_t oldest = s.head;  // the ring is full: head is the oldest sample
  float* out = features;
  for (size_t j = 0; j < signals; ++j) {
    for (size_t t = 0; t < c.window; ++t) s.signal[t] = s.ring[((oldest + t) % c.window) * s.stored + j];
    out = signal_features(s, out);
  }
  for (size_t g = 0; g < c.gravity_channels; ++g) {
    float sum = 0.0f;
    for (size_t t = 0; t < c.window; ++t) sum += s.ring[((oldest + t) % c.window) * s.stored + signals + g];
    *out++ = sum / static_cast<float>(c.window);
  }
}

}  // namespace

MotionConfig imu_preset() {
  MotionConfig c;
  c.channels = 6;
  c.sample_rate = 50.0f;
  c.window = 128;
  c.hop = 64;
  c.gravity_channels = 3;
  c.gravity_cutoff_hz = 0.3f;
  c.magnitudes = true;
  c.bands = 4;
  // No dominant frequencies: for still postures they are noise, and they
  // cost 15 points of personal five-shot accuracy on HAPT (docs/frontend.md).
  c.peaks = 0;
  c.band_floor = 1e-2f;
  return c;
}

MotionConfig vibration_preset(float sample_rate) {
  MotionConfig c;
  c.channels = 1;
  c.sample_rate = sample_rate;
  c.window = 1024;
  c.hop = 512;
  c.bands = 8;
  c.peaks = 3;
  return c;
}

Status check_motion_config(const MotionConfig& c, const char** reason) {
  auto fail = [reason](const char* why) {
    if (reason != nullptr) *reason = why;
    return Status::invalid_config;
  };
  if (c.channels == 0 || c.channels > 64) return fail("channels must be 1..64");
  if (!(c.sample_rate > 0.0f) || !std::isfinite(c.sample_rate)) return fail("sample rate must be positive");
  if (c.window < 8 || c.window > kMaxFftSize) return fail("window must be 8..8192 samples");
  if (c.hop == 0 || c.hop > c.window) return fail("hop must be 1..window samples");
  if (c.gravity_channels > c.channels) return fail("gravity channels exceed the channels");
  if (c.gravity_channels > 0 && !(c.gravity_cutoff_hz > 0.0f && c.gravity_cutoff_hz < 0.5f * c.sample_rate)) {
    return fail("gravity cut-off must be in (0, rate / 2)");
  }
  if (c.bands > 64) return fail("bands must be 0..64");
  if (c.max_band_hz < 0.0f || c.max_band_hz > 0.5f * c.sample_rate)
    return fail("max band must be 0..rate / 2 Hz");
  if (c.peaks > 16) return fail("peaks must be 0..16");
  if (!(c.band_floor > 0.0f) || !std::isfinite(c.band_floor)) return fail("band floor must be positive");
  return Status::ok;
}

size_t motion_signal_count(const MotionConfig& c) {
  return c.channels + magnitude_count(c);
}

size_t motion_feature_count(const MotionConfig& c) {
  if (check_motion_config(c) != Status::ok) return 0;
  return motion_signal_count(c) * (kStatsPerSignal + c.bands + c.peaks) + c.gravity_channels;
}

size_t motion_stream_bytes(const MotionConfig& config) {
  if (check_motion_config(config) != Status::ok) return 0;
  return layout(config, nullptr, 0, nullptr);
}

Status motion_stream_init(const MotionConfig& config, void* memory, size_t bytes, MotionStream* stream,
                          const char** reason) {
  const Status s = check_motion_config(config, reason);
  if (s != Status::ok) return s;
  if (stream == nullptr) return Status::empty_input;
  if (memory == nullptr || bytes < motion_stream_bytes(config) ||
      reinterpret_cast<uintptr_t>(memory) % 8 != 0) {
    if (reason != nullptr)
      *reason = "stream memory is smaller than motion_stream_bytes() or not 8-byte aligned";
    return Status::buffer_too_small;
  }
  layout(config, memory, bytes, stream);
  return Status::ok;
}

void motion_reset(MotionStream& s) {
  s.filled = 0;
  s.head = 0;
  s.since_window = 0;
  s.started = false;
  for (size_t j = 0; j < s.config.channels; ++j) s.gravity[j] = 0.0f;
}

Status motion_push(MotionStream& s, const float* sample, float* features, bool* ready) {
  if (ready != nullptr) *ready = false;
  if (s.ring == nullptr) return Status::invalid_config;
  if (sample == nullptr || features == nullptr || ready == nullptr) return Status::empty_input;
  const MotionConfig& c = s.config;
  const size_t signals = motion_signal_count(c);
  float* row = s.ring + size_t{s.head} * s.stored;
  for (size_t j = 0; j < c.channels; ++j) {
    float value = sample[j];
    if (j < c.gravity_channels) {
      s.gravity[j] = s.started ? s.gravity[j] + s.gravity_alpha * (value - s.gravity[j]) : value;
      row[signals + j] = s.gravity[j];
      value -= s.gravity[j];
    }
    row[j] = value;
  }
  s.started = true;
  for (size_t m = 0; m < magnitude_count(c); ++m) {
    const float* v = row + 3 * m;
    row[c.channels + m] = std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
  }
  s.head = (s.head + 1) % c.window;
  if (s.filled < c.window) ++s.filled;
  ++s.since_window;
  // The first window when the ring fills, then one every `hop` samples.
  if (s.filled == c.window && s.since_window >= c.hop) {
    emit(s, features);
    s.since_window = 0;
    *ready = true;
  }
  return Status::ok;
}

}  // namespace neurite::frontend
