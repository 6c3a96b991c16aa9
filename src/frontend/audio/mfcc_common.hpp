// Pieces shared by the float and fixed-point MFCC plans: the band layout in
// caller memory and the loop over the frames of a signal.
#pragma once
#include <cstddef>
#include <cstdint>

#include "../dsp/carve.hpp"
#include "mel_design.hpp"
#include "neurite/frontend/mfcc.hpp"

namespace neurite::frontend::detail {

// Carves first/count/offset for every band and fills them when memory exists.
// Returns the total number of weights.
size_t carve_bands(Carver& carver, const MelDesign& design, size_t bands, MelBands* out);

// Checks the config and that `bytes` cover the plan's layout.
Status check_plan_memory(const MfccConfig& config, void* memory, size_t bytes, size_t needed,
                         const char** reason);

// Calls frame(samples + start, available, previous, out_row) for every frame.
template <class Sample, class Out, class Frame>
Status for_each_frame(const MfccConfig& config, const Sample* samples, size_t count, Out* out,
                      size_t capacity, size_t width, Frame frame) {
  if (samples == nullptr || count == 0) return Status::empty_input;
  const size_t frames = frame_count(config, count);
  if (out == nullptr || capacity < frames * width) return Status::buffer_too_small;
  const size_t window = window_samples(config), hop = hop_samples(config);
  for (size_t f = 0; f < frames; ++f) {
    const size_t start = f * hop;
    const size_t available = count - start < window ? count - start : window;
    frame(samples + start, available, start > 0 ? samples[start - 1] : Sample{0}, out + f * width);
  }
  return Status::ok;
}

}  // namespace neurite::frontend::detail
