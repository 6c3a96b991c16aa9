// Variable-length utterances to fixed-length vectors: trimming finds the
// sound, the time axis is resampled exactly, normalisation and pooling do
// what they say.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "frontend_helpers.hpp"
#include "neurite/frontend/pipeline.hpp"
#include "neurite/frontend/utterance.hpp"

using namespace neurite::frontend;

namespace {

std::vector<float> vector_of(const UtteranceConfig& c, const std::vector<float>& rows, size_t width) {
  const size_t count = rows.size() / width;
  std::vector<float> scratch(utterance_scratch(c, count, width)), out(utterance_dim(c, width));
  EXPECT_EQ(
      utterance_vector(c, rows.data(), count, width, scratch.data(), scratch.size(), out.data(), out.size()),
      Status::ok);
  return out;
}

}  // namespace

TEST(Utterance, TrimKeepsTheSoundAndAMargin) {
  std::vector<float> x(8000, 0.0f);
  for (size_t t = 0; t < x.size(); ++t) x[t] = 1e-4f * float((t * 7919) % 13) / 13.0f;  // faint noise
  for (size_t t = 3000; t < 5000; ++t) x[t] = 0.5f * float(std::sin(0.3 * double(t)));
  size_t begin = 0, end = 0;
  ASSERT_EQ(trim_silence(x.data(), x.size(), 80, 40.0f, 2, &begin, &end), Status::ok);
  // The sound starts inside frame 37 and ends inside frame 62; two frames of margin.
  EXPECT_EQ(begin, (37u - 2) * 80);
  EXPECT_EQ(end, (62u + 2 + 1) * 80);
  std::vector<int16_t> q(x.size());
  for (size_t t = 0; t < x.size(); ++t) q[t] = int16_t(std::lround(x[t] * 32767.0f));
  size_t qb = 0, qe = 0;
  ASSERT_EQ(trim_silence_q15(q.data(), q.size(), 80, 40.0f, 2, &qb, &qe), Status::ok);
  EXPECT_EQ(qb, begin);
  EXPECT_EQ(qe, end);
  std::vector<float> silent(100, 0.0f);
  ASSERT_EQ(trim_silence(silent.data(), silent.size(), 10, 40.0f, 0, &begin, &end), Status::ok);
  EXPECT_EQ(begin, 0u);
  EXPECT_EQ(end, 100u);  // nothing louder: keep everything
  EXPECT_EQ(trim_silence(x.data(), x.size(), 0, 40.0f, 2, &begin, &end), Status::invalid_config);
}

TEST(Utterance, InterpolationResamplesALinearRampExactly) {
  // 11 frames of two columns: column 0 = frame index, column 1 = 10 * index.
  std::vector<float> rows;
  for (int i = 0; i <= 10; ++i) {
    rows.push_back(float(i));
    rows.push_back(float(10 * i));
  }
  UtteranceConfig c;
  c.frames = 6;
  const auto v = vector_of(c, rows, 2);
  ASSERT_EQ(v.size(), 12u);
  for (size_t t = 0; t < 6; ++t) {
    EXPECT_FLOAT_EQ(v[2 * t], 2.0f * float(t));
    EXPECT_FLOAT_EQ(v[2 * t + 1], 20.0f * float(t));
  }
}

TEST(Utterance, AveragingUsesEqualSegments) {
  std::vector<float> rows = {0, 1, 2, 3, 4, 5, 6, 7};  // 8 frames, width 1
  UtteranceConfig c;
  c.frames = 4;
  c.time_axis = TimeAxis::average;
  EXPECT_EQ(vector_of(c, rows, 1), (std::vector<float>{0.5f, 2.5f, 4.5f, 6.5f}));
  c.frames = 16;  // more frames than rows: each output repeats a row
  const auto up = vector_of(c, rows, 1);
  EXPECT_EQ(up.front(), 0.0f);
  EXPECT_EQ(up.back(), 7.0f);
}

TEST(Utterance, NormalisationPoolingDeltasAndSkipping) {
  std::vector<float> rows;
  for (int i = 0; i < 10; ++i) {
    rows.push_back(5.0f + float(i));  // c0: loudness ramp
    rows.push_back(float(i % 2));     // c1: alternating
  }
  UtteranceConfig c;
  c.frames = 10;
  c.mean_normalise = true;
  c.skip_coefficients = 1;
  c.deltas = true;
  c.pool_mean = true;
  c.pool_std = true;
  EXPECT_EQ(utterance_dim(c, 2), 10u + 10u + 2u + 2u);
  const auto v = vector_of(c, rows, 2);
  double sum = 0;
  for (size_t t = 0; t < 10; ++t) sum += v[t];
  EXPECT_NEAR(sum, 0.0, 1e-6);  // c1 without its mean
  EXPECT_FLOAT_EQ(v[0], -0.5f);
  // Deltas of c1 in the interior: ((x+1 - x-1) + 2 (x+2 - x-2)) / 10 = 0 for a period-2 signal.
  EXPECT_NEAR(v[10 + 5], 0.0f, 1e-6);
  EXPECT_FLOAT_EQ(v[20], 9.5f);  // pooled mean of c0 (not normalised)
  EXPECT_FLOAT_EQ(v[21], 0.5f);
  EXPECT_NEAR(v[22], std::sqrt(8.25), 1e-5);  // std of 0..9
  EXPECT_FLOAT_EQ(v[23], 0.5f);
  c.skip_coefficients = 2;
  EXPECT_EQ(utterance_dim(c, 2), 0u);
}

TEST(Utterance, DigitsPresetGivesOneVectorPerRecordingOfAnyLength) {
  AudioPipelineConfig config = audio_preset("digits-8k");
  // Below the resampler's transition band (0.9 x 4 kHz), so that a round trip
  // through 44.1 kHz keeps every band.
  config.mfcc.fmax = 3400.0f;
  AudioPipeline pipeline(config);
  const Audio shortest = read_wav(neurite::testing::source_path("data/fsdd/1_nicolas_0.wav"));
  const Audio longest = read_wav(neurite::testing::source_path("data/fsdd/7_jackson_1.wav"));
  EXPECT_NE(shortest.samples.size(), longest.samples.size());
  EXPECT_EQ(pipeline.features(shortest).size(), pipeline.dim());
  EXPECT_EQ(pipeline.features(longest).size(), pipeline.dim());
  // 44.1 kHz input is resampled to the pipeline's 8 kHz first: nearly the same vector.
  const auto at_8k = pipeline.features(shortest);
  const auto at_44k = pipeline.features(resample(shortest, 44100));
  double diff = 0, norm = 0;
  for (size_t i = 0; i < at_8k.size(); ++i) {
    diff += (at_8k[i] - at_44k[i]) * (at_8k[i] - at_44k[i]);
    norm += at_8k[i] * at_8k[i];
  }
  EXPECT_LT(std::sqrt(diff / norm), 0.05);
}
