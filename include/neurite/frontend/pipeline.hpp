// Host pipelines from recordings to the vectors the learner stores, built on
// the device-path functions (same arithmetic, memory owned here).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "neurite/frontend/audio_io.hpp"
#include "neurite/frontend/mfcc.hpp"
#include "neurite/frontend/motion.hpp"
#include "neurite/frontend/utterance.hpp"

namespace neurite::frontend {

struct AudioPipelineConfig {
  MfccConfig mfcc = speech_8k_preset();  // coefficients = 0: log-mel frames instead of MFCC
  bool trim = true;                      // energy-based trimming of leading and trailing silence
  float trim_db = 40.0f;                 // kept: frames within this of the loudest
  float trim_frame_ms = 10.0f;
  uint16_t trim_margin = 2;  // trimming frames kept each side
  UtteranceConfig utterance;
  bool fixed_point = false;  // MFCC on the Q15 path
};

// Named presets: "digits-8k" (spoken digits; the benchmark's choice),
// "kws-16k" (MLPerf Tiny keyword spotting: 49 x 10 MFCC of a 1 s clip, no
// trimming). Throws Error for an unknown name.
AudioPipelineConfig audio_preset(const std::string& name);
std::vector<std::string> audio_preset_names();

// Named motion presets: "imu" (imu_preset()) and "vibration-12k"
// (vibration_preset(12000)). Throws Error for an unknown name.
MotionConfig motion_preset(const std::string& name);
std::vector<std::string> motion_preset_names();

class AudioPipeline {
 public:
  explicit AudioPipeline(const AudioPipelineConfig& config);  // throws Error on an invalid config
  const AudioPipelineConfig& config() const { return config_; }
  size_t frame_width() const;  // values per frame: coefficients, or mel bands
  size_t dim() const;          // length of features()
  // Per-frame features of the audio (resampled to the config's rate, trimmed):
  // *count rows of frame_width() values.
  std::vector<float> frames(const Audio& audio, size_t* count);
  std::vector<float> frames(const float* samples, size_t count, uint32_t rate, size_t* frames);
  // The fixed-length vector of the audio (dim() values).
  std::vector<float> features(const Audio& audio);
  std::vector<float> features(const float* samples, size_t count, uint32_t rate);
  // Fixed-point configs only: per-frame features of int16 samples already at
  // the config's rate, untrimmed, as the Q15 path's Q16.16 integers.
  std::vector<int32_t> frames_q16(const int16_t* samples, size_t count, size_t* frames);

 private:
  AudioPipelineConfig config_;
  std::vector<uint64_t> memory_;
  MfccPlan plan_;
  MfccPlanQ15 plan_q15_;
};

class MotionPipeline {
 public:
  explicit MotionPipeline(const MotionConfig& config);  // throws Error on an invalid config
  const MotionConfig& config() const { return stream_.config; }
  size_t dim() const { return features_.size(); }
  void reset() { motion_reset(stream_); }
  // One sample of config().channels values; true when a window completed
  // (its vector is then in features()).
  bool push(const float* sample);
  const std::vector<float>& features() const { return features_; }
  // Vectors of every window of `count` consecutive samples, from a reset state.
  std::vector<float> windows(const float* samples, size_t count, size_t* windows);

  struct Labelled {
    std::vector<float> features;      // one row of dim() values per kept window
    std::vector<int32_t> labels;      // the label all its samples share
    std::vector<size_t> last_sample;  // index of each window's last sample
    size_t size() const { return labels.size(); }
  };
  // Streams a whole recording (gravity tracking runs through it) and keeps the
  // windows whose samples all carry the same label >= 0 (-1: unlabelled).
  Labelled labelled_windows(const float* samples, const int32_t* labels, size_t count);

 private:
  std::vector<uint64_t> memory_;
  MotionStream stream_;
  std::vector<float> features_;
};

}  // namespace neurite::frontend
