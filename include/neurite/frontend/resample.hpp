// Sample-rate conversion by a rational factor (8, 16, 22.05, 44.1, 48 kHz and
// any other pair whose reduced ratio has at most kMaxResamplePhases phases):
// a polyphase windowed-sinc filter (Kaiser window, 16 zero crossings each
// side, cut-off at 0.9 of the lower Nyquist frequency). The coefficient table
// lives in caller memory.
#pragma once
#include <cstddef>
#include <cstdint>

#include "neurite/frontend/status.hpp"

namespace neurite::frontend {

constexpr uint32_t kMaxResamplePhases = 1024;

struct Resampler {
  uint32_t up = 1, down = 1;  // output rate / input rate = up / down, reduced
  uint32_t taps = 0;          // per phase
  const float* table = nullptr;
};

// Floats of table for a conversion; 0 when the rates are not supported.
size_t resampler_table_floats(uint32_t from_rate, uint32_t to_rate);
Status resampler_init(uint32_t from_rate, uint32_t to_rate, float* table, size_t table_floats,
                      Resampler* resampler);

// Output samples for `count` input samples: ceil(count * up / down).
size_t resampled_length(const Resampler& resampler, size_t count);
// Samples outside the input count as zero. `out` holds resampled_length() values.
Status resample(const Resampler& resampler, const float* in, size_t count, float* out, size_t out_capacity);

}  // namespace neurite::frontend
