// MFCC configuration, presets and the float reference path.
#include <cmath>

#include "mfcc_common.hpp"
#include "neurite/frontend/fft.hpp"

namespace neurite::frontend {

using detail::Carver;
using detail::MelDesign;

MfccConfig keyword_spotting_preset() {
  MfccConfig c;
  c.sample_rate = 16000;
  c.window_ms = 30.0f;
  c.hop_ms = 20.0f;
  c.fft_size = 512;
  c.mel_bands = 40;
  c.coefficients = 10;
  c.fmin = 20.0f;
  c.fmax = 4000.0f;
  c.window = WindowKind::hann;
  c.power = false;
  c.log_floor = 1e-6f;
  return c;
}

MfccConfig speech_8k_preset() {
  MfccConfig c;
  c.sample_rate = 8000;
  c.window_ms = 25.0f;
  c.hop_ms = 10.0f;
  c.fft_size = 256;
  c.mel_bands = 40;
  c.coefficients = 13;
  c.fmin = 20.0f;
  c.fmax = 4000.0f;
  c.pre_emphasis = 0.97f;
  c.window = WindowKind::hamming;
  c.power = true;
  c.log_floor = 1e-6f;
  return c;
}

uint32_t window_samples(const MfccConfig& config) {
  return static_cast<uint32_t>(
      std::lround(static_cast<double>(config.sample_rate) * config.window_ms / 1000.0));
}

uint32_t hop_samples(const MfccConfig& config) {
  return static_cast<uint32_t>(std::lround(static_cast<double>(config.sample_rate) * config.hop_ms / 1000.0));
}

size_t frame_count(const MfccConfig& config, size_t samples) {
  const size_t window = window_samples(config), hop = hop_samples(config);
  if (samples == 0 || hop == 0) return 0;
  return samples <= window ? 1 : 1 + (samples - window) / hop;
}

Status check_mfcc_config(const MfccConfig& c, const char** reason) {
  auto fail = [reason](const char* why) {
    if (reason != nullptr) *reason = why;
    return Status::invalid_config;
  };
  if (c.sample_rate < 1000 || c.sample_rate > 384000) return fail("sample rate must be 1000..384000 Hz");
  if (!(c.window_ms > 0.0f) || !(c.hop_ms > 0.0f)) return fail("window and hop must be positive (ms)");
  if (!valid_fft_size(c.fft_size)) return fail("FFT size must be a power of two from 8 to 8192");
  const uint32_t window = window_samples(c);
  if (window < 2 || window > c.fft_size) return fail("the window must hold 2..fft_size samples");
  if (hop_samples(c) == 0) return fail("the hop is shorter than one sample");
  if (c.mel_bands == 0 || c.mel_bands > 256) return fail("mel bands must be 1..256");
  if (c.coefficients > c.mel_bands) return fail("coefficients must not exceed mel bands");
  const float nyquist = 0.5f * static_cast<float>(c.sample_rate);
  const float fmax = c.fmax > 0.0f ? c.fmax : nyquist;
  if (!(c.fmin >= 0.0f) || !(fmax > c.fmin) || fmax > nyquist)
    return fail("need 0 <= fmin < fmax <= rate / 2");
  if (!(c.pre_emphasis >= 0.0f && c.pre_emphasis < 1.0f)) return fail("pre-emphasis must be in [0, 1)");
  if (!(c.log_floor > 0.0f) || !std::isfinite(c.log_floor)) return fail("the log floor must be positive");
  if (!(c.lifter >= 0.0f && c.lifter <= 1000.0f)) return fail("the lifter must be 0..1000");
  // Every band must cover at least one FFT bin, or its log-mel is constant.
  const MelDesign design(c);
  for (size_t b = 0; b < c.mel_bands; ++b) {
    uint16_t first = 0, count = 0;
    design.bins(b, &first, &count);
    if (count == 0) return fail("a mel band covers no FFT bin: use fewer bands or a larger FFT");
  }
  return Status::ok;
}

namespace detail {

size_t carve_bands(Carver& carver, const MelDesign& design, size_t bands, MelBands* out) {
  uint16_t* first = carver.take<uint16_t>(bands);
  uint16_t* count = carver.take<uint16_t>(bands);
  uint32_t* offset = carver.take<uint32_t>(bands);
  size_t total = 0;
  for (size_t b = 0; b < bands; ++b) {
    uint16_t f = 0, n = 0;
    design.bins(b, &f, &n);
    if (first != nullptr && count != nullptr && offset != nullptr) {
      first[b] = f;
      count[b] = n;
      offset[b] = static_cast<uint32_t>(total);
    }
    total += n;
  }
  out->first = first;
  out->count = count;
  out->offset = offset;
  return total;
}

Status check_plan_memory(const MfccConfig& config, void* memory, size_t bytes, size_t needed,
                         const char** reason) {
  const Status s = check_mfcc_config(config, reason);
  if (s != Status::ok) return s;
  if (memory == nullptr || bytes < needed) {
    if (reason != nullptr) *reason = "plan memory is smaller than mfcc_plan_bytes()";
    return Status::buffer_too_small;
  }
  if (reinterpret_cast<uintptr_t>(memory) % 8 != 0) {
    if (reason != nullptr) *reason = "plan memory must be aligned to 8 bytes";
    return Status::buffer_too_small;
  }
  return Status::ok;
}

}  // namespace detail

namespace {

// Lays out (and, with memory, builds) a float plan; returns the bytes used.
size_t layout_float(const MfccConfig& c, void* memory, size_t bytes, MfccPlan* plan) {
  Carver carver(memory, bytes);
  const MelDesign design(c);
  const size_t window = window_samples(c), bands = c.mel_bands;
  float* win = carver.take<float>(window);
  float* table = carver.take<float>(c.fft_size);
  MelBands layout;
  const size_t total = detail::carve_bands(carver, design, bands, &layout);
  float* weights = carver.take<float>(total);
  float* dct = carver.take<float>(size_t{c.coefficients} * bands);
  float* spectrum = carver.take<float>(c.fft_size + 2u);
  float* mel = carver.take<float>(bands);
  if (!carver.fits()) return carver.used();
  for (size_t t = 0; t < window; ++t) win[t] = static_cast<float>(detail::window_value(c.window, t, window));
  make_fft_table(c.fft_size, table);
  for (size_t b = 0; b < bands; ++b) {
    for (size_t i = 0; i < layout.count[b]; ++i) {
      weights[layout.offset[b] + i] =
          static_cast<float>(design.weight(b, layout.first[b] + i) * design.gain(b));
    }
  }
  for (size_t k = 0; k < c.coefficients; ++k) {
    const double lift = detail::lifter_weight(k, c.lifter);  // folded into the DCT rows
    for (size_t b = 0; b < bands; ++b) {
      dct[k * bands + b] = static_cast<float>(detail::dct_value(k, b, bands) * lift);
    }
  }
  *plan = MfccPlan{
      c, static_cast<uint32_t>(window), hop_samples(c), win, table, layout, weights, dct, spectrum, mel};
  return carver.used();
}

}  // namespace

size_t mfcc_plan_bytes(const MfccConfig& config) {
  if (check_mfcc_config(config) != Status::ok) return 0;
  return layout_float(config, nullptr, 0, nullptr);
}

Status mfcc_plan_init(const MfccConfig& config, void* memory, size_t bytes, MfccPlan* plan,
                      const char** reason) {
  const Status s = detail::check_plan_memory(config, memory, bytes, mfcc_plan_bytes(config), reason);
  if (s != Status::ok) return s;
  if (plan == nullptr) return Status::empty_input;
  layout_float(config, memory, bytes, plan);
  return Status::ok;
}

void log_mel_frame(const MfccPlan& plan, const float* samples, size_t available, float previous,
                   float* log_mel) {
  const MfccConfig& c = plan.config;
  float* x = plan.spectrum;
  const size_t window = plan.window_length;
  if (available > window) available = window;
  for (size_t t = 0; t < window; ++t) {
    const float now = t < available ? samples[t] : 0.0f;
    const float before = t == 0 ? previous : (t - 1 < available ? samples[t - 1] : 0.0f);
    x[t] = (now - c.pre_emphasis * before) * plan.window[t];
  }
  for (size_t t = window; t < c.fft_size + 2u; ++t) x[t] = 0.0f;
  real_fft(c.fft_size, plan.fft_table, x);
  for (size_t b = 0; b < c.mel_bands; ++b) {
    const float* w = plan.weights + plan.bands.offset[b];
    const size_t first = plan.bands.first[b];
    float sum = 0.0f;
    for (size_t i = 0; i < plan.bands.count[b]; ++i) {
      const float re = x[2 * (first + i)], im = x[2 * (first + i) + 1];
      const float power = re * re + im * im;
      sum += w[i] * (c.power ? power : std::sqrt(power));
    }
    log_mel[b] = std::log(sum + c.log_floor);
  }
}

void mfcc_frame(const MfccPlan& plan, const float* samples, size_t available, float previous, float* mfcc) {
  const size_t bands = plan.config.mel_bands;
  log_mel_frame(plan, samples, available, previous, plan.mel);
  for (size_t k = 0; k < plan.config.coefficients; ++k) {
    const float* row = plan.dct + k * bands;
    float sum = 0.0f;
    for (size_t b = 0; b < bands; ++b) sum += row[b] * plan.mel[b];
    mfcc[k] = sum;
  }
}

Status log_mel_signal(const MfccPlan& plan, const float* samples, size_t count, float* out, size_t capacity) {
  return detail::for_each_frame(plan.config, samples, count, out, capacity, plan.config.mel_bands,
                                [&](const float* s, size_t n, float previous, float* row) {
                                  log_mel_frame(plan, s, n, previous, row);
                                });
}

Status mfcc_signal(const MfccPlan& plan, const float* samples, size_t count, float* out, size_t capacity) {
  return detail::for_each_frame(
      plan.config, samples, count, out, capacity, plan.config.coefficients,
      [&](const float* s, size_t n, float previous, float* row) { mfcc_frame(plan, s, n, previous, row); });
}

}  // namespace neurite::frontend
