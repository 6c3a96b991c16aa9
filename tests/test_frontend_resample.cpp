// Resampling between the rates users have: tones keep their amplitude and
// phase, tones above the new Nyquist frequency are removed (anti-aliasing).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "neurite/frontend/audio_io.hpp"
#include "neurite/frontend/resample.hpp"

using namespace neurite::frontend;

namespace {

Audio tone(uint32_t rate, double hz, double seconds, double amplitude = 0.5) {
  Audio a;
  a.sample_rate = rate;
  a.samples.resize(size_t(rate * seconds));
  for (size_t t = 0; t < a.samples.size(); ++t) {
    a.samples[t] = float(amplitude * std::sin(2.0 * M_PI * hz * double(t) / rate));
  }
  return a;
}

// Largest deviation from the ideal tone away from the edges (50 ms each side).
double tone_error(const Audio& a, double hz, double amplitude = 0.5) {
  const size_t edge = a.sample_rate / 20;
  double worst = 0;
  for (size_t t = edge; t + edge < a.samples.size(); ++t) {
    const double want = amplitude * std::sin(2.0 * M_PI * hz * double(t) / a.sample_rate);
    worst = std::max(worst, std::fabs(a.samples[t] - want));
  }
  return worst;
}

double rms(const Audio& a) {
  const size_t edge = a.sample_rate / 20;
  double sum = 0;
  for (size_t t = edge; t + edge < a.samples.size(); ++t) sum += double(a.samples[t]) * a.samples[t];
  return std::sqrt(sum / double(a.samples.size() - 2 * edge));
}

}  // namespace

TEST(Resample, TonesSurviveEveryCommonConversion) {
  const uint32_t rates[] = {8000, 16000, 22050, 44100, 48000};
  for (uint32_t from : rates) {
    for (uint32_t to : rates) {
      if (from == to) continue;
      const double hz = 440.0;
      const Audio out = resample(tone(from, hz, 0.5), to);
      EXPECT_EQ(out.sample_rate, to);
      EXPECT_NEAR(double(out.samples.size()), 0.5 * to, 1.0) << from << " -> " << to;
      EXPECT_LT(tone_error(out, hz), 1e-3) << from << " -> " << to;  // -54 dB of full scale
    }
  }
}

TEST(Resample, KeepsThePassbandAndRemovesAliases) {
  // 16 kHz -> 8 kHz: 3 kHz lies below the cut-off (0.9 x 4 kHz) and passes...
  EXPECT_LT(tone_error(resample(tone(16000, 3000.0, 0.5), 8000), 3000.0), 5e-3);
  // ...5 kHz and 7 kHz would alias to 3 kHz and 1 kHz: attenuated by more than 60 dB.
  for (double hz : {5000.0, 7000.0}) {
    EXPECT_LT(rms(resample(tone(16000, hz, 0.5), 8000)), 0.5 / std::sqrt(2.0) * 1e-3) << hz << " Hz";
  }
  EXPECT_LT(rms(resample(tone(48000, 7000.0, 0.5), 8000)), 0.5 / std::sqrt(2.0) * 1e-3);
}

TEST(Resample, ConstantSignalKeepsItsLevel) {
  Audio dc;
  dc.sample_rate = 44100;
  dc.samples.assign(4410, 0.25f);
  const Audio out = resample(dc, 16000);
  for (size_t t = 100; t + 100 < out.samples.size(); ++t) EXPECT_NEAR(out.samples[t], 0.25f, 1e-6);
}

TEST(Resample, RefusesUnsupportedRatesAndSmallBuffers) {
  EXPECT_EQ(resampler_table_floats(0, 16000), 0u);
  EXPECT_EQ(resampler_table_floats(44100, 44099), 0u);  // 44099 phases
  Resampler r;
  float table[4];
  EXPECT_EQ(resampler_init(16000, 8000, table, 4, &r), Status::buffer_too_small);
  EXPECT_EQ(resampler_init(16000, 0, table, 4, &r), Status::invalid_config);
  Audio a = tone(44100, 100, 0.01);
  EXPECT_THROW(resample(a, 44099), Error);
}
