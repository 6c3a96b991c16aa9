// From a variable-length utterance to one fixed-length vector (what the
// learner stores). Pure functions over caller buffers:
//  1. optional energy-based trimming of leading and trailing silence;
//  2. per-frame features (log-mel or MFCC, mfcc.hpp);
//  3. optional cepstral mean normalisation (each coefficient minus its mean
//     over the utterance: removes a fixed channel or speaker colouring);
//  4. the time axis brought to a fixed number of frames, by linear
//     interpolation or by averaging equal segments;
//  5. optional pooled statistics (per-coefficient mean and standard deviation
//     over the whole utterance) and deltas appended.
// The choices used for the bundled presets are argued in docs/frontend.md.
#pragma once
#include <cstddef>
#include <cstdint>

#include "neurite/frontend/status.hpp"

namespace neurite::frontend {

// Keeps from the first to the last frame whose energy is within threshold_db
// of the loudest frame, widened by `margin` frames each side. Frames are
// `frame` samples long, not overlapping. [begin, end) receives the kept range
// (the whole signal when it is silent).
Status trim_silence(const float* samples, size_t count, size_t frame, float threshold_db, size_t margin,
                    size_t* begin, size_t* end);
Status trim_silence_q15(const int16_t* samples, size_t count, size_t frame, float threshold_db, size_t margin,
                        size_t* begin, size_t* end);

enum class TimeAxis : uint8_t {
  interpolate = 0,  // linear interpolation at evenly spaced positions
  average = 1,      // mean over equal segments (a low-pass: steadier with many frames)
};

struct UtteranceConfig {
  uint16_t frames = 32;  // frames of the fixed-length sequence (0: no sequence part)
  TimeAxis time_axis = TimeAxis::interpolate;
  uint16_t skip_coefficients = 0;  // leading coefficients dropped from the sequence (c0 = loudness)
  bool mean_normalise = false;     // subtract each coefficient's utterance mean from the sequence
  bool deltas = false;             // append the sequence of deltas (regression over +-2 frames)
  bool pool_mean = false;          // append each coefficient's mean over the utterance
  bool pool_std = false;           // append each coefficient's standard deviation
};

// Length of the vector for per-frame features of `width` values.
size_t utterance_dim(const UtteranceConfig& config, size_t width);
// Scratch floats utterance_vector() needs for `count` frames of `width` values.
size_t utterance_scratch(const UtteranceConfig& config, size_t count, size_t width);

// `frames` holds `count` rows of `width` values; `out` receives utterance_dim().
Status utterance_vector(const UtteranceConfig& config, const float* frames, size_t count, size_t width,
                        float* scratch, size_t scratch_floats, float* out, size_t capacity);

}  // namespace neurite::frontend
