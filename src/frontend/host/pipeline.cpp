#include "neurite/frontend/pipeline.hpp"

#include <cmath>

namespace neurite::frontend {

AudioPipelineConfig audio_preset(const std::string& name) {
  AudioPipelineConfig c;
  if (name == "digits-8k") {
    // Tuned on the spoken digits (docs/frontend.md): 13 MFCC with a lifter,
    // c0 (loudness) left out, silence trimmed at 20 dB below the loudest
    // 10 ms, 16 averaged segments: 12 x 16 = 192 values.
    c.mfcc = speech_8k_preset();
    c.mfcc.lifter = 22.0f;
    c.trim = true;
    c.trim_db = 20.0f;
    c.utterance.frames = 16;
    c.utterance.time_axis = TimeAxis::average;
    c.utterance.skip_coefficients = 1;
    return c;
  }
  if (name == "kws-16k") {
    c.mfcc = keyword_spotting_preset();
    c.trim = false;
    c.utterance.frames = 49;
    return c;
  }
  throw Error("unknown audio preset '" + name + "' (known: digits-8k, kws-16k)");
}

std::vector<std::string> audio_preset_names() {
  return {"digits-8k", "kws-16k"};
}

MotionConfig motion_preset(const std::string& name) {
  if (name == "imu") return imu_preset();
  if (name == "vibration-12k") return vibration_preset(12000.0f);
  throw Error("unknown motion preset '" + name + "' (known: imu, vibration-12k)");
}

std::vector<std::string> motion_preset_names() {
  return {"imu", "vibration-12k"};
}

AudioPipeline::AudioPipeline(const AudioPipelineConfig& config) : config_(config) {
  const char* reason = "";
  if (check_mfcc_config(config.mfcc, &reason) != Status::ok)
    throw Error(std::string("audio features: ") + reason);
  if (utterance_dim(config.utterance, frame_width()) == 0) {
    throw Error("audio features: the utterance settings leave no features");
  }
  if (config.trim && !(config.trim_db > 0.0f && config.trim_frame_ms > 0.0f)) {
    throw Error("audio features: trimming needs a positive threshold and frame length");
  }
  const size_t bytes = config.fixed_point ? mfcc_plan_q15_bytes(config.mfcc) : mfcc_plan_bytes(config.mfcc);
  memory_.resize((bytes + 7) / 8);
  const Status s = config.fixed_point
                       ? mfcc_plan_q15_init(config.mfcc, memory_.data(), bytes, &plan_q15_, &reason)
                       : mfcc_plan_init(config.mfcc, memory_.data(), bytes, &plan_, &reason);
  if (s != Status::ok) throw Error(std::string("audio features: ") + reason);
}

size_t AudioPipeline::frame_width() const {
  return config_.mfcc.coefficients > 0 ? config_.mfcc.coefficients : config_.mfcc.mel_bands;
}

size_t AudioPipeline::dim() const {
  return utterance_dim(config_.utterance, frame_width());
}

std::vector<float> AudioPipeline::frames(const Audio& audio, size_t* count) {
  return frames(audio.samples.data(), audio.samples.size(), audio.sample_rate, count);
}

std::vector<float> AudioPipeline::frames(const float* input, size_t input_count, uint32_t rate,
                                         size_t* count) {
  if (input_count == 0) throw Error("audio features: no samples");
  std::vector<float> resampled;  // stays empty when the input is at the config's rate
  const float* samples = input;
  size_t total = input_count;
  if (rate != config_.mfcc.sample_rate) {
    resampled = resample(input, input_count, rate, config_.mfcc.sample_rate);
    samples = resampled.data();
    total = resampled.size();
  }
  size_t begin = 0, end = total;
  if (config_.trim) {
    const size_t frame =
        static_cast<size_t>(std::lround(config_.trim_frame_ms * 1e-3 * config_.mfcc.sample_rate));
    trim_silence(samples, total, frame > 0 ? frame : 1, config_.trim_db, config_.trim_margin, &begin, &end);
  }
  const size_t kept = end - begin;
  if (config_.fixed_point) {
    std::vector<int16_t> q15(kept);
    samples_to_q15(samples + begin, kept, q15.data());
    const std::vector<int32_t> fixed = frames_q16(q15.data(), kept, count);
    std::vector<float> out(fixed.size());
    for (size_t i = 0; i < fixed.size(); ++i) out[i] = static_cast<float>(fixed[i]) * (1.0f / 65536.0f);
    return out;
  }
  const size_t frames = frame_count(config_.mfcc, kept);
  std::vector<float> out(frames * frame_width());
  const Status s = config_.mfcc.coefficients > 0
                       ? mfcc_signal(plan_, samples + begin, kept, out.data(), out.size())
                       : log_mel_signal(plan_, samples + begin, kept, out.data(), out.size());
  if (s != Status::ok) throw Error(std::string("audio features: ") + status_name(s));
  *count = frames;
  return out;
}

std::vector<int32_t> AudioPipeline::frames_q16(const int16_t* samples, size_t count, size_t* frames) {
  if (!config_.fixed_point) throw Error("audio features: the Q15 path needs a fixed-point configuration");
  if (count == 0) throw Error("audio features: no samples");
  const size_t rows = frame_count(config_.mfcc, count);
  std::vector<int32_t> out(rows * frame_width());
  const Status s = config_.mfcc.coefficients > 0
                       ? mfcc_signal_q15(plan_q15_, samples, count, out.data(), out.size())
                       : log_mel_signal_q15(plan_q15_, samples, count, out.data(), out.size());
  if (s != Status::ok) throw Error(std::string("audio features: ") + status_name(s));
  *frames = rows;
  return out;
}

std::vector<float> AudioPipeline::features(const Audio& audio) {
  return features(audio.samples.data(), audio.samples.size(), audio.sample_rate);
}

std::vector<float> AudioPipeline::features(const float* samples, size_t count, uint32_t rate) {
  size_t frames_kept = 0;
  const std::vector<float> rows = frames(samples, count, rate, &frames_kept);
  const size_t width = frame_width();
  std::vector<float> scratch(utterance_scratch(config_.utterance, frames_kept, width));
  std::vector<float> out(dim());
  const Status s = utterance_vector(config_.utterance, rows.data(), frames_kept, width, scratch.data(),
                                    scratch.size(), out.data(), out.size());
  if (s != Status::ok) throw Error(std::string("audio features: ") + status_name(s));
  return out;
}

MotionPipeline::MotionPipeline(const MotionConfig& config) {
  const char* reason = "";
  if (check_motion_config(config, &reason) != Status::ok)
    throw Error(std::string("motion features: ") + reason);
  const size_t bytes = motion_stream_bytes(config);
  memory_.resize((bytes + 7) / 8);
  motion_stream_init(config, memory_.data(), bytes, &stream_, &reason);
  features_.resize(motion_feature_count(config));
}

bool MotionPipeline::push(const float* sample) {
  bool ready = false;
  const Status s = motion_push(stream_, sample, features_.data(), &ready);
  if (s != Status::ok) throw Error(std::string("motion features: ") + status_name(s));
  return ready;
}

std::vector<float> MotionPipeline::windows(const float* samples, size_t count, size_t* windows) {
  reset();
  std::vector<float> out;
  size_t n = 0;
  for (size_t i = 0; i < count; ++i) {
    if (push(samples + i * stream_.config.channels)) {
      out.insert(out.end(), features_.begin(), features_.end());
      ++n;
    }
  }
  *windows = n;
  return out;
}

MotionPipeline::Labelled MotionPipeline::labelled_windows(const float* samples, const int32_t* labels,
                                                          size_t count) {
  reset();
  Labelled out;
  const size_t window = stream_.config.window;
  size_t run = 0;  // samples so far with the current sample's label
  for (size_t i = 0; i < count; ++i) {
    run = i > 0 && labels[i] == labels[i - 1] ? run + 1 : 1;
    if (!push(samples + i * stream_.config.channels)) continue;
    if (labels[i] < 0 || run < window) continue;
    out.features.insert(out.features.end(), features_.begin(), features_.end());
    out.labels.push_back(labels[i]);
    out.last_sample.push_back(i);
  }
  return out;
}

}  // namespace neurite::frontend
