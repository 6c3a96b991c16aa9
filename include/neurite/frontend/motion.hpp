// Motion and vibration features from streams of multi-axis samples
// (accelerometer, gyroscope, vibration). Windows of `window` samples start
// every `hop` samples. For each signal of a window:
//   mean, standard deviation, min, max, RMS, zero-crossing rate (of the
//   mean-removed signal, crossings per sample), energy (mean square),
//   `bands` log band energies (equal-width bands from 0 to max_band_hz of the
//   Hann-windowed, mean-removed spectrum) and the `peaks` dominant frequencies
//   in Hz (largest spectral bins above DC, in decreasing power).
// Signals are the input channels, optionally with gravity removed from the
// first `gravity_channels` (a first-order low-pass tracks gravity, whose
// window mean is appended as posture features), plus optionally one magnitude
// signal per full group of three channels. Streaming: push samples one at a
// time; a feature vector comes out whenever a window completes. Caller memory,
// no heap.
#pragma once
#include <cstddef>
#include <cstdint>

#include "neurite/frontend/status.hpp"

namespace neurite::frontend {

struct MotionConfig {
  uint16_t channels = 3;          // values per sample
  float sample_rate = 50.0f;      // Hz
  uint16_t window = 128;          // samples per window (>= 8)
  uint16_t hop = 64;              // samples between window starts (1..window)
  uint16_t gravity_channels = 0;  // leading accelerometer channels to remove gravity from (0: none)
  float gravity_cutoff_hz = 0.3f;
  bool magnitudes = false;   // add |v| of channels (0,1,2), (3,4,5), ...
  uint16_t bands = 4;        // log band energies per signal
  float max_band_hz = 0.0f;  // upper edge of the bands; 0: Nyquist
  uint16_t peaks = 1;        // dominant frequencies per signal
  // Floor of the log band energies (squared signal units): near the sensor's
  // noise power, so that the bands of a still sensor do not swing with noise.
  float band_floor = 1e-4f;
};

// Presets: smartphone IMU at 50 Hz (acc xyz in g, gyro xyz in rad/s; 2.56 s
// windows, half overlap, gravity removed from the accelerometer, magnitudes,
// 4 bands, no peaks: 91 values) and a single-axis vibration sensor (windows of
// 1024 samples, 8 bands, 3 peaks).
MotionConfig imu_preset();
MotionConfig vibration_preset(float sample_rate);

constexpr size_t kStatsPerSignal = 7;  // mean, std, min, max, rms, zero crossings, energy

Status check_motion_config(const MotionConfig& config, const char** reason = nullptr);
size_t motion_signal_count(const MotionConfig& config);  // channels + magnitudes
size_t motion_feature_count(const MotionConfig& config);

struct MotionStream {
  MotionConfig config;
  uint16_t fft_size = 0;
  uint16_t stored = 0;         // floats kept per sample in the ring
  float gravity_alpha = 0.0f;  // low-pass coefficient
  float* ring = nullptr;       // window x stored
  float* gravity = nullptr;    // gravity estimate per channel
  const float* fft_table = nullptr;
  float* spectrum = nullptr;  // fft_size + 2
  float* signal = nullptr;    // window
  uint32_t filled = 0;        // samples in the ring (<= window)
  uint32_t head = 0;          // next ring slot
  uint32_t since_window = 0;  // samples since the last window
  bool started = false;       // gravity estimate initialised
};

size_t motion_stream_bytes(const MotionConfig& config);  // 0 if invalid
Status motion_stream_init(const MotionConfig& config, void* memory, size_t bytes, MotionStream* stream,
                          const char** reason = nullptr);
// Forgets buffered samples and the gravity estimate (a new recording).
void motion_reset(MotionStream& stream);
// One sample of `channels` values. When a window completes, writes
// motion_feature_count() values to `features` and sets *ready.
Status motion_push(MotionStream& stream, const float* sample, float* features, bool* ready);

}  // namespace neurite::frontend
