#include "mel_design.hpp"

#include <cmath>

namespace neurite::frontend::detail {

namespace {
constexpr double kPi = 3.14159265358979323846;
// Slaney's scale: linear below 1 kHz (200/3 Hz per mel), logarithmic above.
constexpr double kSlaneyStep = 200.0 / 3.0, kSlaneyBreakHz = 1000.0, kSlaneyBreakMel = 15.0;
const double kSlaneyLogStep = std::log(6.4) / 27.0;
}  // namespace

double hz_to_mel(double hz, MelScale scale) {
  if (scale == MelScale::htk) return 2595.0 * std::log10(1.0 + hz / 700.0);
  if (hz < kSlaneyBreakHz) return hz / kSlaneyStep;
  return kSlaneyBreakMel + std::log(hz / kSlaneyBreakHz) / kSlaneyLogStep;
}

double mel_to_hz(double mel, MelScale scale) {
  if (scale == MelScale::htk) return 700.0 * (std::pow(10.0, mel / 2595.0) - 1.0);
  if (mel < kSlaneyBreakMel) return mel * kSlaneyStep;
  return kSlaneyBreakHz * std::exp(kSlaneyLogStep * (mel - kSlaneyBreakMel));
}

MelDesign::MelDesign(const MfccConfig& config) : config_(config), edges_{} {
  const double fmax = config.fmax > 0.0f ? config.fmax : 0.5 * config.sample_rate;
  const double lo = hz_to_mel(config.fmin, config.mel_scale), hi = hz_to_mel(fmax, config.mel_scale);
  const size_t points = config.mel_bands + 2u;
  for (size_t i = 0; i < points && i < kMaxBands + 2; ++i) {
    edges_[i] = mel_to_hz(lo + (hi - lo) * static_cast<double>(i) / static_cast<double>(points - 1),
                          config.mel_scale);
  }
}

double MelDesign::weight(size_t band, size_t bin) const {
  const double f = static_cast<double>(bin) * config_.sample_rate / config_.fft_size;
  const double lower = (f - edges_[band]) / (edges_[band + 1] - edges_[band]);
  const double upper = (edges_[band + 2] - f) / (edges_[band + 2] - edges_[band + 1]);
  const double w = lower < upper ? lower : upper;
  return w > 0.0 ? w : 0.0;
}

double MelDesign::gain(size_t band) const {
  return config_.slaney_norm ? 2.0 / (edges_[band + 2] - edges_[band]) : 1.0;
}

void MelDesign::bins(size_t band, uint16_t* first, uint16_t* count) const {
  const size_t bins = config_.fft_size / 2u + 1u;
  size_t begin = bins, end = 0;
  for (size_t k = 0; k < bins; ++k) {
    if (weight(band, k) > 0.0) {
      if (begin == bins) begin = k;
      end = k + 1;
    }
  }
  *first = static_cast<uint16_t>(begin == bins ? 0 : begin);
  *count = static_cast<uint16_t>(begin == bins ? 0 : end - begin);
}

size_t MelDesign::total_weights() const {
  size_t total = 0;
  for (size_t b = 0; b < config_.mel_bands; ++b) {
    uint16_t first = 0, count = 0;
    bins(b, &first, &count);
    total += count;
  }
  return total;
}

double window_value(WindowKind kind, size_t t, size_t length) {
  const double c = std::cos(2.0 * kPi * static_cast<double>(t) / static_cast<double>(length));
  return kind == WindowKind::hann ? 0.5 - 0.5 * c : 0.54 - 0.46 * c;
}

double dct_value(size_t coefficient, size_t band, size_t bands) {
  const double n = static_cast<double>(bands);
  const double scale = coefficient == 0 ? std::sqrt(1.0 / n) : std::sqrt(2.0 / n);
  return scale * std::cos(kPi * static_cast<double>(coefficient) * (2.0 * static_cast<double>(band) + 1.0) /
                          (2.0 * n));
}

double lifter_weight(size_t coefficient, double lifter) {
  if (lifter <= 0.0) return 1.0;
  return 1.0 + 0.5 * lifter * std::sin(kPi * static_cast<double>(coefficient) / lifter);
}

}  // namespace neurite::frontend::detail
