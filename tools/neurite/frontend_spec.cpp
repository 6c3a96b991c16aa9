#include "frontend_spec.hpp"

#include <algorithm>
#include <sstream>

namespace neurite::cli {

using frontend::Error;
using nlohmann::json;

const char* kind_name(InputKind kind) {
  switch (kind) {
    case InputKind::features:
      return "features";
    case InputKind::audio:
      return "audio";
    case InputKind::motion:
      return "motion";
  }
  return "?";
}

size_t FrontendSpec::dim() const {
  switch (kind) {
    case InputKind::features:
      return feature_dim;
    case InputKind::audio:
      return frontend::AudioPipeline(audio).dim();
    case InputKind::motion:
      return frontend::motion_feature_count(motion);
  }
  return 0;
}

std::string FrontendSpec::describe() const {
  std::ostringstream out;
  if (kind == InputKind::features) {
    out << "feature vectors of " << feature_dim << " values";
    return out.str();
  }
  if (kind == InputKind::audio) {
    const auto& m = audio.mfcc;
    out << "audio (" << (preset.empty() ? "custom" : preset) << "): " << m.sample_rate << " Hz, "
        << m.window_ms << "/" << m.hop_ms << " ms window/hop, FFT " << m.fft_size << ", " << m.mel_bands
        << " mel bands " << m.fmin << "-" << (m.fmax > 0 ? m.fmax : 0.5f * float(m.sample_rate)) << " Hz, "
        << (m.coefficients ? std::to_string(m.coefficients) + " MFCC" : std::string("log-mel"))
        << (audio.trim ? ", silence trimmed at " + std::to_string(int(audio.trim_db)) + " dB" : "") << ", "
        << audio.utterance.frames << " frames" << (audio.fixed_point ? ", fixed point" : "") << " -> "
        << dim() << " values";
    return out.str();
  }
  const auto& c = motion;
  out << "motion (" << (preset.empty() ? "custom" : preset) << "): " << c.channels << " channels at "
      << c.sample_rate << " Hz, windows of " << c.window << " every " << c.hop << " samples"
      << (c.gravity_channels ? ", gravity removed" : "") << (c.magnitudes ? ", magnitudes" : "") << ", "
      << c.bands << " bands, " << c.peaks << " peaks -> " << dim() << " values";
  return out.str();
}

FrontendSpec spec_from_preset(const std::string& name) {
  FrontendSpec spec;
  spec.preset = name;
  const auto motion = frontend::motion_preset_names();
  if (std::find(motion.begin(), motion.end(), name) != motion.end()) {
    spec.kind = InputKind::motion;
    spec.motion = frontend::motion_preset(name);
    return spec;
  }
  spec.kind = InputKind::audio;
  spec.audio = frontend::audio_preset(name);  // throws for unknown names
  return spec;
}

std::string preset_names() {
  return "digits-8k, kws-16k (audio); imu, vibration-12k (motion)";
}

json to_json(const FrontendSpec& s) {
  json j;
  j["kind"] = kind_name(s.kind);
  j["preset"] = s.preset;
  j["columns"] = s.columns;
  if (s.kind == InputKind::features) {
    j["dim"] = s.feature_dim;
  } else if (s.kind == InputKind::audio) {
    const auto& m = s.audio.mfcc;
    j["mfcc"] = {{"sample_rate", m.sample_rate},
                 {"window_ms", m.window_ms},
                 {"hop_ms", m.hop_ms},
                 {"fft_size", m.fft_size},
                 {"mel_bands", m.mel_bands},
                 {"coefficients", m.coefficients},
                 {"fmin", m.fmin},
                 {"fmax", m.fmax},
                 {"pre_emphasis", m.pre_emphasis},
                 {"window", m.window == frontend::WindowKind::hann ? "hann" : "hamming"},
                 {"mel_scale", m.mel_scale == frontend::MelScale::htk ? "htk" : "slaney"},
                 {"slaney_norm", m.slaney_norm},
                 {"power", m.power},
                 {"log_floor", m.log_floor},
                 {"lifter", m.lifter}};
    const auto& u = s.audio.utterance;
    j["trim"] = {{"enabled", s.audio.trim},
                 {"db", s.audio.trim_db},
                 {"frame_ms", s.audio.trim_frame_ms},
                 {"margin", s.audio.trim_margin}};
    j["utterance"] = {{"frames", u.frames},
                      {"time_axis", u.time_axis == frontend::TimeAxis::average ? "average" : "interpolate"},
                      {"skip_coefficients", u.skip_coefficients},
                      {"mean_normalise", u.mean_normalise},
                      {"deltas", u.deltas},
                      {"pool_mean", u.pool_mean},
                      {"pool_std", u.pool_std}};
    j["fixed_point"] = s.audio.fixed_point;
  } else {
    const auto& c = s.motion;
    j["motion"] = {{"channels", c.channels},
                   {"sample_rate", c.sample_rate},
                   {"window", c.window},
                   {"hop", c.hop},
                   {"gravity_channels", c.gravity_channels},
                   {"gravity_cutoff_hz", c.gravity_cutoff_hz},
                   {"magnitudes", c.magnitudes},
                   {"bands", c.bands},
                   {"max_band_hz", c.max_band_hz},
                   {"peaks", c.peaks},
                   {"band_floor", c.band_floor}};
  }
  return j;
}

FrontendSpec spec_from_json(const json& j, const std::string& where) {
  try {
    FrontendSpec s;
    const std::string kind = j.at("kind").get<std::string>();
    s.preset = j.value("preset", "");
    s.columns = j.value("columns", std::vector<std::string>{});
    if (kind == "features") {
      s.kind = InputKind::features;
      s.feature_dim = j.at("dim").get<size_t>();
    } else if (kind == "audio") {
      s.kind = InputKind::audio;
      const json& m = j.at("mfcc");
      auto& c = s.audio.mfcc;
      c.sample_rate = m.at("sample_rate").get<uint32_t>();
      c.window_ms = m.at("window_ms").get<float>();
      c.hop_ms = m.at("hop_ms").get<float>();
      c.fft_size = m.at("fft_size").get<uint16_t>();
      c.mel_bands = m.at("mel_bands").get<uint16_t>();
      c.coefficients = m.at("coefficients").get<uint16_t>();
      c.fmin = m.at("fmin").get<float>();
      c.fmax = m.at("fmax").get<float>();
      c.pre_emphasis = m.at("pre_emphasis").get<float>();
      c.window = m.at("window").get<std::string>() == "hann" ? frontend::WindowKind::hann
                                                             : frontend::WindowKind::hamming;
      c.mel_scale = m.at("mel_scale").get<std::string>() == "htk" ? frontend::MelScale::htk
                                                                  : frontend::MelScale::slaney;
      c.slaney_norm = m.at("slaney_norm").get<bool>();
      c.power = m.at("power").get<bool>();
      c.log_floor = m.at("log_floor").get<float>();
      c.lifter = m.value("lifter", 0.0f);
      const json& t = j.at("trim");
      s.audio.trim = t.at("enabled").get<bool>();
      s.audio.trim_db = t.at("db").get<float>();
      s.audio.trim_frame_ms = t.at("frame_ms").get<float>();
      s.audio.trim_margin = t.at("margin").get<uint16_t>();
      const json& u = j.at("utterance");
      auto& uc = s.audio.utterance;
      uc.frames = u.at("frames").get<uint16_t>();
      uc.time_axis = u.at("time_axis").get<std::string>() == "average" ? frontend::TimeAxis::average
                                                                       : frontend::TimeAxis::interpolate;
      uc.skip_coefficients = u.at("skip_coefficients").get<uint16_t>();
      uc.mean_normalise = u.at("mean_normalise").get<bool>();
      uc.deltas = u.at("deltas").get<bool>();
      uc.pool_mean = u.at("pool_mean").get<bool>();
      uc.pool_std = u.at("pool_std").get<bool>();
      s.audio.fixed_point = j.at("fixed_point").get<bool>();
      frontend::AudioPipeline check(s.audio);  // throws on invalid settings
    } else if (kind == "motion") {
      s.kind = InputKind::motion;
      const json& m = j.at("motion");
      auto& c = s.motion;
      c.channels = m.at("channels").get<uint16_t>();
      c.sample_rate = m.at("sample_rate").get<float>();
      c.window = m.at("window").get<uint16_t>();
      c.hop = m.at("hop").get<uint16_t>();
      c.gravity_channels = m.at("gravity_channels").get<uint16_t>();
      c.gravity_cutoff_hz = m.at("gravity_cutoff_hz").get<float>();
      c.magnitudes = m.at("magnitudes").get<bool>();
      c.bands = m.at("bands").get<uint16_t>();
      c.max_band_hz = m.at("max_band_hz").get<float>();
      c.peaks = m.at("peaks").get<uint16_t>();
      c.band_floor = m.at("band_floor").get<float>();
      const char* reason = "";
      if (frontend::check_motion_config(c, &reason) != frontend::Status::ok) throw Error(reason);
    } else {
      throw Error("unknown input kind '" + kind + "'");
    }
    return s;
  } catch (const json::exception& e) {
    throw Error(where + ": front-end settings: " + e.what());
  } catch (const Error& e) {
    throw Error(where + ": front-end settings: " + e.what());
  }
}

}  // namespace neurite::cli
