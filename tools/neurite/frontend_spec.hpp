// What turns a user's input into the vectors a model stores: raw feature
// vectors, audio (MFCC pipeline) or motion (windowed IMU features). Saved with
// the model (as JSON) so that predict/eval/stream compute the same features.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "neurite/frontend/pipeline.hpp"

namespace neurite::cli {

enum class InputKind { features, audio, motion };

struct FrontendSpec {
  InputKind kind = InputKind::features;
  std::string preset;                // name of the preset it came from ("" for features)
  size_t feature_dim = 0;            // InputKind::features
  std::vector<std::string> columns;  // feature columns, or the sensor columns of motion
  frontend::AudioPipelineConfig audio;
  frontend::MotionConfig motion;

  size_t dim() const;  // length of the vectors
  std::string describe() const;
};

const char* kind_name(InputKind kind);

// A spec from a preset name: the audio presets (digits-8k, kws-16k) or the
// motion presets (imu, vibration-12k); throws Error for an unknown name.
FrontendSpec spec_from_preset(const std::string& name);
std::string preset_names();

nlohmann::json to_json(const FrontendSpec& spec);
// Throws Error naming `where` when a field is missing or out of range.
FrontendSpec spec_from_json(const nlohmann::json& json, const std::string& where);

}  // namespace neurite::cli
