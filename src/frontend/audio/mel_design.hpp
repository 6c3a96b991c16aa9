// Design of the filter bank shared by the float and fixed-point plans: band
// edges on the mel scale, triangles over FFT bins (as librosa.filters.mel),
// the periodic window and the orthonormal DCT-II, all computed in double.
#pragma once
#include <cstddef>
#include <cstdint>

#include "neurite/frontend/mfcc.hpp"

namespace neurite::frontend::detail {

double hz_to_mel(double hz, MelScale scale);
double mel_to_hz(double mel, MelScale scale);

class MelDesign {
 public:
  explicit MelDesign(const MfccConfig& config);
  // Weight (peak 1) of band b at FFT bin k; 0 outside the triangle.
  double weight(size_t band, size_t bin) const;
  // The Slaney area normalisation of band b (1 without it).
  double gain(size_t band) const;
  // Range of bins with a positive weight.
  void bins(size_t band, uint16_t* first, uint16_t* count) const;
  size_t total_weights() const;

 private:
  static constexpr size_t kMaxBands = 256;
  const MfccConfig config_;
  double edges_[kMaxBands + 2];
};

double window_value(WindowKind kind, size_t t, size_t length);
double dct_value(size_t coefficient, size_t band, size_t bands);
double lifter_weight(size_t coefficient, double lifter);

}  // namespace neurite::frontend::detail
