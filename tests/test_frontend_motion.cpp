// Motion features: statistics and spectra of known signals, gravity removal,
// and the streaming API against direct computation.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "neurite/frontend/motion.hpp"
#include "neurite/frontend/pipeline.hpp"

using namespace neurite::frontend;

namespace {

MotionConfig one_axis() {
  MotionConfig c;
  c.channels = 1;
  c.sample_rate = 50.0f;
  c.window = 128;
  c.hop = 64;
  c.bands = 5;
  c.peaks = 2;
  c.band_floor = 1e-10f;  // far below the tones, to see the spectrum's shape
  return c;
}

}  // namespace

TEST(Motion, StatisticsAndSpectrumOfATwoToneSignal) {
  MotionPipeline pipeline(one_axis());
  ASSERT_EQ(pipeline.dim(), kStatsPerSignal + 5 + 2);
  // 0.3 + sin at 6.25 Hz (bin 16 of 128 at 50 Hz) + 0.25 sin at 17.1875 Hz (bin 44).
  std::vector<float> x(128);
  for (size_t t = 0; t < x.size(); ++t) {
    x[t] = 0.3f + float(std::sin(2 * M_PI * 16 * double(t) / 128) +
                        0.25 * std::sin(2 * M_PI * 44 * double(t) / 128));
  }
  size_t windows = 0;
  const auto f = pipeline.windows(x.data(), x.size(), &windows);
  ASSERT_EQ(windows, 1u);
  double mean = 0, squares = 0;
  for (float v : x) {
    mean += v;
    squares += double(v) * v;
  }
  mean /= 128;
  const double var = squares / 128 - mean * mean;
  EXPECT_NEAR(f[0], mean, 1e-6);                                 // mean
  EXPECT_NEAR(f[1], std::sqrt(var), 1e-5);                       // std
  EXPECT_FLOAT_EQ(f[2], *std::min_element(x.begin(), x.end()));  // min
  EXPECT_FLOAT_EQ(f[3], *std::max_element(x.begin(), x.end()));  // max
  EXPECT_NEAR(f[4], std::sqrt(squares / 128), 1e-5);             // RMS
  EXPECT_NEAR(f[5], 32.0 / 127.0, 3.0 / 127.0);                  // ~2 crossings per period of 8 samples
  EXPECT_NEAR(f[6], squares / 128, 1e-5);                        // energy
  // Bands of 5 Hz: the 6.25 Hz tone falls in band 1, the 17.19 Hz tone in band 3.
  const float* bands = f.data() + kStatsPerSignal;
  EXPECT_GT(bands[1], bands[3]);
  EXPECT_GT(bands[3], bands[0] + 5.0f);
  EXPECT_GT(bands[3], bands[2] + 5.0f);
  EXPECT_GT(bands[3], bands[4] + 5.0f);
  // Dominant frequencies, strongest first.
  EXPECT_FLOAT_EQ(f[kStatsPerSignal + 5], 6.25f);
  EXPECT_FLOAT_EQ(f[kStatsPerSignal + 6], 17.1875f);
}

TEST(Motion, GravityIsRemovedAndReportedAsPosture) {
  MotionConfig c;
  c.channels = 3;
  c.window = 128;
  c.hop = 128;
  c.gravity_channels = 3;
  c.magnitudes = true;
  MotionPipeline pipeline(c);
  EXPECT_EQ(pipeline.dim(), 4 * (kStatsPerSignal + c.bands + c.peaks) + 3);
  // Lying still on the back: gravity on z, small 3 Hz vibration on x.
  std::vector<float> samples;
  for (size_t t = 0; t < 128 * 4; ++t) {
    samples.push_back(0.05f * float(std::sin(2 * M_PI * 3.0 * double(t) / 50.0)));
    samples.push_back(0.0f);
    samples.push_back(1.0f);
  }
  size_t windows = 0;
  const auto f = pipeline.windows(samples.data(), samples.size() / 3, &windows);
  ASSERT_EQ(windows, 4u);
  const float* last = f.data() + 3 * pipeline.dim();
  const size_t per_signal = kStatsPerSignal + c.bands + c.peaks;
  EXPECT_NEAR(last[2 * per_signal + 0], 0.0f, 1e-3);                      // body z mean: gravity gone
  EXPECT_NEAR(last[pipeline.dim() - 1], 1.0f, 1e-3);                      // posture: gravity z
  EXPECT_NEAR(last[pipeline.dim() - 3], 0.0f, 0.01);                      // posture: gravity x
  EXPECT_NEAR(last[0 * per_signal + 1], 0.05f / std::sqrt(2.0f), 0.005);  // body x std
}

TEST(Motion, StreamEmitsEveryHopAndMatchesTheWindowsOfARecording) {
  MotionConfig c = one_axis();
  c.hop = 32;
  MotionPipeline stream(c), batch(c);
  std::vector<float> x(1000);
  for (size_t t = 0; t < x.size(); ++t) x[t] = float(std::sin(0.1 * double(t)) * std::cos(0.013 * double(t)));
  size_t windows = 0;
  const auto all = batch.windows(x.data(), x.size(), &windows);
  EXPECT_EQ(windows, 1 + (1000 - 128) / 32);
  size_t k = 0;
  for (size_t t = 0; t < x.size(); ++t) {
    if (!stream.push(&x[t])) continue;
    EXPECT_EQ((t + 1 - 128) % 32, 0u);
    // Each window equals the features of its own 128 samples computed afresh.
    MotionPipeline fresh(c);
    size_t one = 0;
    const auto direct = fresh.windows(&x[t + 1 - 128], 128, &one);
    for (size_t j = 0; j < direct.size(); ++j) {
      EXPECT_FLOAT_EQ(stream.features()[j], direct[j]);
      EXPECT_FLOAT_EQ(all[k * stream.dim() + j], direct[j]);
    }
    ++k;
  }
  EXPECT_EQ(k, windows);
}

TEST(Motion, LabelledWindowsKeepOnlyWindowsOfOneLabel) {
  MotionConfig c = one_axis();
  c.hop = 64;
  MotionPipeline pipeline(c);
  std::vector<float> x(600, 0.0f);
  std::vector<int32_t> labels(600, 1);
  for (size_t t = 300; t < 600; ++t) labels[t] = 2;
  for (size_t t = 250; t < 260; ++t) labels[t] = -1;
  const auto w = pipeline.labelled_windows(x.data(), labels.data(), x.size());
  // Windows end at 127, 191, 255, 319, 383, 447, 511, 575: pure label 1: 127, 191;
  // pure label 2 (start >= 300): 447, 511, 575.
  EXPECT_EQ(w.last_sample, (std::vector<size_t>{127, 191, 447, 511, 575}));
  EXPECT_EQ(w.labels, (std::vector<int32_t>{1, 1, 2, 2, 2}));
}

TEST(Motion, RefusesInvalidSettings) {
  MotionConfig c = one_axis();
  const char* reason = "";
  c.hop = 0;
  EXPECT_EQ(check_motion_config(c, &reason), Status::invalid_config);
  EXPECT_NE(std::string(reason).find("hop"), std::string::npos);
  c = one_axis();
  c.gravity_channels = 2;
  EXPECT_EQ(check_motion_config(c, &reason), Status::invalid_config);
  c = one_axis();
  c.window = 4;
  EXPECT_EQ(motion_feature_count(c), 0u);
  EXPECT_THROW(MotionPipeline{c}, Error);
  MotionStream s;
  float sample = 0, features[32];
  bool ready = true;
  EXPECT_EQ(motion_push(s, &sample, features, &ready), Status::invalid_config);  // not initialised
  EXPECT_FALSE(ready);
}
