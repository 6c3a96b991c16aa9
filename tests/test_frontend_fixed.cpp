// The fixed-point (int16 / Q15) MFCC path against the float reference on real
// recordings (the bundled spoken digits) and on the chirp. Stated tolerances,
// in natural-log units (MFCC divided by their lifter weight): at most 0.01
// off, on average 2e-4 (log-mel) and 5e-4 (MFCC) (docs/frontend.md gives the
// measured figures).
#include <gtest/gtest.h>

#include <dirent.h>
#include <cmath>
#include <string>
#include <vector>

#include "frontend_helpers.hpp"
#include "neurite/frontend/pipeline.hpp"

using namespace neurite::frontend;
using neurite::testing::source_path;

namespace {

struct Deviation {
  double worst = 0, total = 0;
  size_t count = 0;
  double mean() const { return count ? total / double(count) : 0.0; }
};

void compare(AudioPipelineConfig config, const Audio& audio, Deviation* deviation) {
  config.trim = false;
  config.fixed_point = false;
  AudioPipeline reference(config);
  config.fixed_point = true;
  AudioPipeline fixed(config);
  size_t n_ref = 0, n_fixed = 0;
  const auto want = reference.frames(audio, &n_ref);
  const auto got = fixed.frames(audio, &n_fixed);
  ASSERT_EQ(n_ref, n_fixed);
  const size_t width = reference.frame_width();
  for (size_t i = 0; i < want.size(); ++i) {
    const double k = double(i % width), lifter = config.mfcc.lifter;
    const double weight =
        config.mfcc.coefficients > 0 && lifter > 0 ? 1 + lifter / 2 * std::sin(M_PI * k / lifter) : 1;
    const double e = std::fabs(double(want[i]) - got[i]) / weight;
    deviation->worst = std::max(deviation->worst, e);
    deviation->total += e;
    ++deviation->count;
  }
}

std::vector<std::string> bundled_digits(size_t every) {
  std::vector<std::string> files;
  const std::string dir = source_path("data/fsdd");
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return files;
  while (dirent* e = readdir(d)) {
    const std::string name = e->d_name;
    if (name.size() > 4 && name.substr(name.size() - 4) == ".wav") files.push_back(dir + "/" + name);
  }
  closedir(d);
  std::sort(files.begin(), files.end());
  std::vector<std::string> picked;
  for (size_t i = 0; i < files.size(); i += every) picked.push_back(files[i]);
  return picked;
}

}  // namespace

TEST(FixedPoint, SpokenDigitsLogMelAndMfccStayCloseToFloat) {
  const auto files = bundled_digits(5);  // 40 recordings, both speakers
  ASSERT_EQ(files.size(), 40u);
  AudioPipelineConfig config = audio_preset("digits-8k");
  Deviation mfcc, log_mel;
  for (const auto& f : files) {
    const Audio audio = read_wav(f);
    compare(config, audio, &mfcc);
    AudioPipelineConfig mel = config;
    mel.mfcc.coefficients = 0;
    compare(mel, audio, &log_mel);
  }
  std::printf("digits-8k over %zu recordings: log-mel max %.4f mean %.5f; MFCC max %.4f mean %.5f\n",
              files.size(), log_mel.worst, log_mel.mean(), mfcc.worst, mfcc.mean());
  EXPECT_LT(log_mel.worst, 0.01);
  EXPECT_LT(log_mel.mean(), 2e-4);
  EXPECT_LT(mfcc.worst, 0.01);
  EXPECT_LT(mfcc.mean(), 5e-4);
}

TEST(FixedPoint, KeywordSpottingPresetStaysCloseToFloat) {
  const Audio chirp = read_wav(source_path("tests/data/chirp_16k.wav"));
  Deviation mfcc, log_mel;
  AudioPipelineConfig config = audio_preset("kws-16k");
  compare(config, chirp, &mfcc);
  config.mfcc.coefficients = 0;
  compare(config, chirp, &log_mel);
  std::printf("kws-16k chirp: log-mel max %.4f mean %.5f; MFCC max %.4f mean %.5f\n", log_mel.worst,
              log_mel.mean(), mfcc.worst, mfcc.mean());
  EXPECT_LT(log_mel.worst, 0.01);
  EXPECT_LT(mfcc.worst, 0.01);
}

TEST(FixedPoint, SilenceAndFullScaleStayFinite) {
  // Digital silence gives log(floor) exactly as the float path; a full-scale
  // square wave must not overflow the 32-bit FFT.
  AudioPipelineConfig config = audio_preset("digits-8k");
  config.trim = false;
  config.mfcc.coefficients = 0;
  Audio silence;
  silence.sample_rate = 8000;
  silence.samples.assign(800, 0.0f);
  Audio square = silence;
  for (size_t t = 0; t < square.samples.size(); ++t)
    square.samples[t] = (t / 4) % 2 ? 32767.0f / 32768 : -1.0f;
  for (const Audio* audio : {&silence, &square}) {
    Deviation d;
    compare(config, *audio, &d);
    EXPECT_LT(d.worst, 0.01);
  }
  config.fixed_point = true;
  AudioPipeline fixed(config);
  size_t n = 0;
  const auto frames = fixed.frames(silence, &n);
  for (float v : frames) EXPECT_NEAR(v, std::log(1e-6), 1e-4);
}

TEST(FixedPoint, FrameByFrameEqualsWholeSignal) {
  const MfccConfig c = speech_8k_preset();
  std::vector<uint64_t> memory(mfcc_plan_q15_bytes(c) / 8 + 1);
  MfccPlanQ15 plan;
  ASSERT_EQ(mfcc_plan_q15_init(c, memory.data(), memory.size() * 8, &plan), Status::ok);
  const Audio audio = read_wav(source_path("data/fsdd/5_nicolas_3.wav"));
  std::vector<int16_t> pcm(audio.samples.size());
  for (size_t t = 0; t < pcm.size(); ++t) pcm[t] = int16_t(std::lround(audio.samples[t] * 32768.0f));
  const size_t frames = frame_count(c, pcm.size());
  std::vector<int32_t> whole(frames * c.coefficients), one(c.coefficients);
  ASSERT_EQ(mfcc_signal_q15(plan, pcm.data(), pcm.size(), whole.data(), whole.size()), Status::ok);
  for (size_t f = 0; f < frames; ++f) {
    const size_t start = f * plan.hop_length;
    mfcc_frame_q15(plan, pcm.data() + start, plan.window_length, start ? pcm[start - 1] : 0, one.data());
    for (size_t k = 0; k < c.coefficients; ++k) ASSERT_EQ(one[k], whole[f * c.coefficients + k]);
  }
}
