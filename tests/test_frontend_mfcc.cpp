// Log-mel and MFCC of the float path against librosa 0.11 (reference frames
// made by scripts/make_frontend_reference.py, float64), on a spoken digit and
// on a synthetic chirp, with three settings that cover both mel scales, the
// Slaney norm, power and magnitude spectra, pre-emphasis and both windows.
// Stated tolerance: 1e-4 absolute (natural log units) on every value.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "frontend_helpers.hpp"
#include "neurite/frontend/pipeline.hpp"

using namespace neurite::frontend;
using neurite::testing::read_matrix;
using neurite::testing::source_path;

namespace {

MfccConfig slaney_16k() {
  MfccConfig c;
  c.sample_rate = 16000;
  c.window_ms = 25.0f;
  c.hop_ms = 10.0f;
  c.fft_size = 1024;
  c.mel_bands = 30;
  c.coefficients = 20;
  c.fmin = 0.0f;
  c.fmax = 8000.0f;
  c.mel_scale = MelScale::slaney;
  c.slaney_norm = true;
  c.window = WindowKind::hann;
  c.power = true;
  c.log_floor = 1e-10f;
  return c;
}

struct Case {
  const char* name;
  const char* wav;
  MfccConfig config;
};

const Case kCases[] = {
    {"speech8k", "data/fsdd/3_jackson_0.wav", speech_8k_preset()},
    {"kws16k", "tests/data/chirp_16k.wav", keyword_spotting_preset()},
    {"slaney16k", "tests/data/chirp_16k.wav", slaney_16k()},
};

// Largest absolute difference between our frames and librosa's.
double max_error(const Case& c, bool mfcc, bool fixed_point, double* mean = nullptr) {
  AudioPipelineConfig config;
  config.mfcc = c.config;
  if (!mfcc) config.mfcc.coefficients = 0;
  config.trim = false;
  config.fixed_point = fixed_point;
  AudioPipeline pipeline(config);
  size_t frames = 0;
  const auto ours = pipeline.frames(read_wav(source_path(c.wav)), &frames);
  const auto ref = read_matrix(
      source_path(std::string("tests/data/librosa/") + c.name + (mfcc ? "_mfcc.csv" : "_logmel.csv")));
  EXPECT_EQ(frames, ref.size()) << c.name;
  const size_t width = pipeline.frame_width();
  double worst = 0, total = 0;
  for (size_t i = 0; i < std::min(frames, ref.size()); ++i) {
    EXPECT_EQ(ref[i].size(), width);
    for (size_t j = 0; j < width; ++j) {
      const double e = std::fabs(double(ours[i * width + j]) - ref[i][j]);
      worst = std::max(worst, e);
      total += e;
    }
  }
  if (mean != nullptr) *mean = total / double(frames * width);
  return worst;
}

}  // namespace

TEST(Mfcc, FloatLogMelMatchesLibrosa) {
  for (const auto& c : kCases) EXPECT_LT(max_error(c, /*mfcc=*/false, false), 1e-4) << c.name;
}

TEST(Mfcc, FloatMfccMatchesLibrosa) {
  for (const auto& c : kCases) EXPECT_LT(max_error(c, /*mfcc=*/true, false), 1e-4) << c.name;
}

TEST(Mfcc, KeywordSpottingPresetGives49By10PerSecond) {
  const MfccConfig c = keyword_spotting_preset();
  EXPECT_EQ(window_samples(c), 480u);
  EXPECT_EQ(hop_samples(c), 320u);
  EXPECT_EQ(frame_count(c, 16000), 49u);
  AudioPipeline pipeline(audio_preset("kws-16k"));
  EXPECT_EQ(pipeline.dim(), 490u);
  EXPECT_EQ(pipeline.features(read_wav(source_path("tests/data/chirp_16k.wav"))).size(), 490u);
}

TEST(Mfcc, ShortSignalsGiveOneZeroPaddedFrame) {
  const MfccConfig c = speech_8k_preset();
  EXPECT_EQ(frame_count(c, 1), 1u);
  EXPECT_EQ(frame_count(c, 200), 1u);
  EXPECT_EQ(frame_count(c, 280), 2u);
  EXPECT_EQ(frame_count(c, 0), 0u);
}

TEST(Mfcc, RefusesInvalidSettingsWithAReason) {
  auto reason_of = [](const MfccConfig& c) {
    const char* reason = "";
    EXPECT_EQ(check_mfcc_config(c, &reason), Status::invalid_config);
    return std::string(reason);
  };
  MfccConfig c = speech_8k_preset();
  c.fft_size = 400;
  EXPECT_NE(reason_of(c).find("power of two"), std::string::npos);
  c = speech_8k_preset();
  c.window_ms = 40.0f;  // 320 samples > 256
  EXPECT_NE(reason_of(c).find("window"), std::string::npos);
  c = speech_8k_preset();
  c.coefficients = 41;
  EXPECT_NE(reason_of(c).find("coefficients"), std::string::npos);
  c = speech_8k_preset();
  c.mel_bands = 120;  // narrower than an FFT bin at the bottom
  EXPECT_NE(reason_of(c).find("covers no FFT bin"), std::string::npos);
  c = speech_8k_preset();
  c.fmax = 5000.0f;
  EXPECT_NE(reason_of(c).find("fmax"), std::string::npos);
  c = speech_8k_preset();
  c.log_floor = 0.0f;
  EXPECT_NE(reason_of(c).find("floor"), std::string::npos);
  EXPECT_EQ(mfcc_plan_bytes(c), 0u);
  AudioPipelineConfig p;
  p.mfcc = c;
  EXPECT_THROW(AudioPipeline{p}, Error);
}

TEST(Mfcc, PlanNeedsEnoughAlignedMemory) {
  const MfccConfig c = speech_8k_preset();
  const size_t bytes = mfcc_plan_bytes(c);
  ASSERT_GT(bytes, 0u);
  std::vector<uint64_t> memory(bytes / 8 + 2);
  MfccPlan plan;
  const char* reason = "";
  EXPECT_EQ(mfcc_plan_init(c, memory.data(), bytes - 8, &plan, &reason), Status::buffer_too_small);
  EXPECT_EQ(mfcc_plan_init(c, reinterpret_cast<uint8_t*>(memory.data()) + 4, bytes, &plan, &reason),
            Status::buffer_too_small);
  EXPECT_EQ(mfcc_plan_init(c, memory.data(), bytes, &plan, &reason), Status::ok);
  std::vector<float> out(13);
  EXPECT_EQ(mfcc_signal(plan, nullptr, 10, out.data(), out.size()), Status::empty_input);
  std::vector<float> samples(1000, 0.1f);
  EXPECT_EQ(mfcc_signal(plan, samples.data(), samples.size(), out.data(), out.size()),
            Status::buffer_too_small);
}
