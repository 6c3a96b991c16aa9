// The fixed-point MFCC path: int16 samples, Q15 tables, a 32-bit FFT with a
// per-frame block exponent, and an integer log. Mirrors log_mel_frame() of
// mfcc.cpp step for step.
#include <cmath>

#include "../dsp/fixed.hpp"
#include "mfcc_common.hpp"
#include "neurite/frontend/fft.hpp"

namespace neurite::frontend {

using detail::Carver;
using detail::MelDesign;

namespace {

int16_t to_q15(double v) {
  return fixed::saturate_int16(v * 32768.0);
}

int32_t to_q31(double v) {
  const double scaled = std::round(v * 2147483648.0);
  return static_cast<int32_t>(scaled > 2147483647.0 ? 2147483647.0
                                                    : (scaled < -2147483648.0 ? -2147483648.0 : scaled));
}

int log2_size(size_t n) {
  int bits = 0;
  while ((size_t{1} << bits) < n) ++bits;
  return bits;
}

size_t layout_q15(const MfccConfig& c, void* memory, size_t bytes, MfccPlanQ15* plan) {
  Carver carver(memory, bytes);
  const MelDesign design(c);
  const size_t window = window_samples(c), bands = c.mel_bands;
  int16_t* win = carver.take<int16_t>(window);
  int32_t* table = carver.take<int32_t>(c.fft_size);
  MelBands layout;
  const size_t total = detail::carve_bands(carver, design, bands, &layout);
  int16_t* weights = carver.take<int16_t>(total);
  int32_t* log_gain = carver.take<int32_t>(bands);
  uint32_t* floor_mantissa = carver.take<uint32_t>(bands);
  int16_t* floor_exponent = carver.take<int16_t>(bands);
  int32_t* dct = carver.take<int32_t>(size_t{c.coefficients} * bands);
  int32_t* lifter = carver.take<int32_t>(c.coefficients);
  int32_t* spectrum = carver.take<int32_t>(c.fft_size + 2u);
  int32_t* mel = carver.take<int32_t>(bands);
  if (!carver.fits()) return carver.used();
  for (size_t t = 0; t < window; ++t) win[t] = to_q15(detail::window_value(c.window, t, window));
  make_fft_table_q31(c.fft_size, table);
  // Weights peak at 32767, not 32768: the band gain puts the difference back.
  const double peak = 32767.0;
  for (size_t b = 0; b < bands; ++b) {
    for (size_t i = 0; i < layout.count[b]; ++i) {
      weights[layout.offset[b] + i] =
          static_cast<int16_t>(std::lround(design.weight(b, layout.first[b] + i) * peak));
    }
    const double gain = design.gain(b) * 32768.0 / peak;
    log_gain[b] = static_cast<int32_t>(std::lround(std::log(gain) * 65536.0));
    int exponent = 0;
    const double mantissa = std::frexp(static_cast<double>(c.log_floor) / gain, &exponent);  // in [0.5, 1)
    floor_mantissa[b] = static_cast<uint32_t>(std::lround(mantissa * 2147483648.0));
    floor_exponent[b] = static_cast<int16_t>(exponent - 31);
    if (floor_mantissa[b] == 2147483648u) {  // rounding reached 1.0
      floor_mantissa[b] = 1073741824u;
      ++floor_exponent[b];
    }
  }
  for (size_t k = 0; k < c.coefficients; ++k) {
    for (size_t b = 0; b < bands; ++b) dct[k * bands + b] = to_q31(detail::dct_value(k, b, bands));
    lifter[k] = static_cast<int32_t>(std::lround(detail::lifter_weight(k, c.lifter) * 65536.0));
  }
  MfccPlanQ15 p;
  p.config = c;
  p.window_length = static_cast<uint32_t>(window);
  p.hop_length = hop_samples(c);
  p.pre_emphasis_q15 = to_q15(c.pre_emphasis);
  p.window = win;
  p.fft_table = table;
  p.bands = layout;
  p.weights = weights;
  p.band_log_gain = log_gain;
  p.floor_mantissa = floor_mantissa;
  p.floor_exponent = floor_exponent;
  p.dct = dct;
  p.lifter = lifter;
  p.spectrum = spectrum;
  p.mel = mel;
  *plan = p;
  return carver.used();
}

// Pre-emphasis and window in Q30, then a shift that puts the frame's peak in
// [2^(29-log2 n), 2^(30-log2 n)) so the unscaled FFT cannot overflow. Returns
// the shift s: spectrum values are X * 2^(30+s).
int spectrum_q15(const MfccPlanQ15& plan, const int16_t* samples, size_t available, int16_t previous) {
  const MfccConfig& c = plan.config;
  int32_t* x = plan.spectrum;
  const size_t window = plan.window_length;
  if (available > window) available = window;
  uint32_t peak = 0;
  for (size_t t = 0; t < window; ++t) {
    const int32_t now = t < available ? samples[t] : 0;
    const int32_t before = t == 0 ? previous : (t - 1 < available ? samples[t - 1] : 0);
    const int32_t emphasised = now * 32768 - int32_t{plan.pre_emphasis_q15} * before;  // Q30, |.| < 2^31
    const int64_t windowed = fixed::shift_round(int64_t{emphasised} * plan.window[t], -15);
    x[t] = static_cast<int32_t>(windowed);
    const uint32_t magnitude = static_cast<uint32_t>(windowed < 0 ? -windowed : windowed);
    if (magnitude > peak) peak = magnitude;
  }
  for (size_t t = window; t < c.fft_size + 2u; ++t) x[t] = 0;
  int shift = 0;
  if (peak != 0) {
    const int msb = 63 - fixed::leading_zeros(peak);
    shift = (29 - log2_size(c.fft_size)) - msb;
    for (size_t t = 0; t < window; ++t) x[t] = static_cast<int32_t>(fixed::shift_round(x[t], shift));
  }
  real_fft_q31(c.fft_size, plan.fft_table, x);
  return shift;
}

}  // namespace

size_t mfcc_plan_q15_bytes(const MfccConfig& config) {
  if (check_mfcc_config(config) != Status::ok) return 0;
  return layout_q15(config, nullptr, 0, nullptr);
}

Status mfcc_plan_q15_init(const MfccConfig& config, void* memory, size_t bytes, MfccPlanQ15* plan,
                          const char** reason) {
  const Status s = detail::check_plan_memory(config, memory, bytes, mfcc_plan_q15_bytes(config), reason);
  if (s != Status::ok) return s;
  if (plan == nullptr) return Status::empty_input;
  layout_q15(config, memory, bytes, plan);
  return Status::ok;
}

void samples_to_q15(const float* samples, size_t count, int16_t* out) {
  for (size_t i = 0; i < count; ++i) out[i] = to_q15(double(samples[i]));
}

void log_mel_frame_q15(const MfccPlanQ15& plan, const int16_t* samples, size_t available, int16_t previous,
                       int32_t* log_mel_q16) {
  const MfccConfig& c = plan.config;
  const int shift = spectrum_q15(plan, samples, available, previous);
  const int32_t* x = plan.spectrum;
  // mel (real) = mel_int * 2^-exponent: power bins are shifted down 16 bits
  // before the Q15 weights so that a band's sum stays below 2^60.
  const int exponent = c.power ? 59 + 2 * shift : 45 + shift;
  for (size_t b = 0; b < c.mel_bands; ++b) {
    const int16_t* w = plan.weights + plan.bands.offset[b];
    const size_t first = plan.bands.first[b];
    uint64_t sum = 0;
    for (size_t i = 0; i < plan.bands.count[b]; ++i) {
      const int64_t re = x[2 * (first + i)], im = x[2 * (first + i) + 1];
      const uint64_t power = static_cast<uint64_t>(re * re) + static_cast<uint64_t>(im * im);
      const uint64_t value = c.power ? power >> 16 : fixed::isqrt(power);
      sum += static_cast<uint64_t>(w[i]) * value;
    }
    // log(sum 2^-e + floor): the floor joins the sum at the same scale; when
    // it would exceed 2^61 both are scaled down together.
    const int floor_shift = exponent + plan.floor_exponent[b];
    const int down = floor_shift > 30 ? floor_shift - 30 : 0;
    const uint64_t floor =
        static_cast<uint64_t>(fixed::shift_round(plan.floor_mantissa[b], floor_shift - down));
    const uint64_t total = (down >= 64 ? 0 : sum >> down) + floor;
    const int32_t log_value = total == 0 ? fixed::ln_q16(plan.floor_mantissa[b], -plan.floor_exponent[b])
                                         : fixed::ln_q16(total, exponent - down);
    log_mel_q16[b] = log_value + plan.band_log_gain[b];
  }
}

void mfcc_frame_q15(const MfccPlanQ15& plan, const int16_t* samples, size_t available, int16_t previous,
                    int32_t* mfcc_q16) {
  const size_t bands = plan.config.mel_bands;
  log_mel_frame_q15(plan, samples, available, previous, plan.mel);
  for (size_t k = 0; k < plan.config.coefficients; ++k) {
    const int32_t* row = plan.dct + k * bands;
    int64_t sum = 0;  // |log-mel| < 2^21 in Q16, so 256 terms stay below 2^60
    for (size_t b = 0; b < bands; ++b) sum += int64_t{row[b]} * plan.mel[b];
    const int64_t value = fixed::shift_round(sum, -31);
    mfcc_q16[k] = static_cast<int32_t>(fixed::shift_round(value * plan.lifter[k], -16));
  }
}

Status log_mel_signal_q15(const MfccPlanQ15& plan, const int16_t* samples, size_t count, int32_t* out,
                          size_t capacity) {
  return detail::for_each_frame(plan.config, samples, count, out, capacity, plan.config.mel_bands,
                                [&](const int16_t* s, size_t n, int16_t previous, int32_t* row) {
                                  log_mel_frame_q15(plan, s, n, previous, row);
                                });
}

Status mfcc_signal_q15(const MfccPlanQ15& plan, const int16_t* samples, size_t count, int32_t* out,
                       size_t capacity) {
  return detail::for_each_frame(plan.config, samples, count, out, capacity, plan.config.coefficients,
                                [&](const int16_t* s, size_t n, int16_t previous, int32_t* row) {
                                  mfcc_frame_q15(plan, s, n, previous, row);
                                });
}

}  // namespace neurite::frontend
