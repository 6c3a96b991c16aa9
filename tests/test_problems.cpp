// The other two problem types on real data: regression (diabetes) and
// novelty (digits: learn some digits as normal, flag the others).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "test_helpers.hpp"

using namespace neurite;
using namespace neurite::testing;

namespace {

Config diabetes_config() {
  Config c;
  c.problem = Problem::regression;
  c.dim = 10;
  c.outputs = 1;
  return c;
}

}  // namespace

TEST(Regression, DiabetesProgressionFiveFold) {
  const auto data = data::load_diabetes();
  const Config c = diabetes_config();
  double r2_total = 0;
  for (int k = 0; k < 5; ++k) {
    Model model(c);
    std::vector<float> rows, targets;
    std::vector<size_t> test;
    for (size_t i = 0; i < data.size(); ++i) {
      if (i % 5 == static_cast<size_t>(k)) {
        test.push_back(i);
      } else {
        rows.insert(rows.end(), data.row(i), data.row(i) + 10);
        targets.push_back(data.targets[i]);
      }
    }
    model.learn_batch(rows.data(), targets.size(), nullptr, targets.data());
    double mean = 0;
    for (size_t i : test) mean += data.targets[i];
    mean /= double(test.size());
    double ss_res = 0, ss_tot = 0;
    for (size_t i : test) {
      std::vector<float> out;
      model.predict(std::vector<float>(data.row(i), data.row(i) + 10), &out);
      ss_res += std::pow(out[0] - data.targets[i], 2);
      ss_tot += std::pow(data.targets[i] - mean, 2);
    }
    r2_total += 1.0 - ss_res / ss_tot;
  }
  // Linear regression reaches about 0.48 here; the noise in this data is large.
  EXPECT_GE(r2_total / 5, 0.40);
}

TEST(Regression, CorrectionsMoveThePrediction) {
  Config c;
  c.problem = Problem::regression;
  c.dim = 2;
  c.outputs = 2;
  Model model(c);
  std::vector<EventId> ids;
  for (int i = 0; i < 30; ++i) {
    const float x = float(i) / 10.0f;
    ids.push_back(model.learn_target({x, 1.0f - x}, {2.0f * x, -x}));
  }
  std::vector<float> out;
  model.predict({1.0f, 0.0f}, &out);
  EXPECT_NEAR(out[0], 2.0f, 0.3f);
  EXPECT_NEAR(out[1], -1.0f, 0.3f);
  model.correct_target(ids[10], {50.0f, 50.0f});
  std::vector<float> moved;
  model.predict({1.0f, 0.0f}, &moved);
  EXPECT_GT(moved[0], out[0] + 1.0f);
}

TEST(Novelty, UnseenDigitsScoreAsAnomalies) {
  const Split s = digits_fold(0);
  Config c;
  c.problem = Problem::novelty;
  c.dim = 64;
  Model model(c);
  std::vector<float> rows;
  size_t normal = 0;
  for (size_t i = 0; i < s.train.size(); ++i) {
    if (s.train.labels[i] < 5) {
      rows.insert(rows.end(), s.train.row(i), s.train.row(i) + 64);
      ++normal;
    }
  }
  model.learn_batch(rows.data(), normal, nullptr, nullptr);
  std::vector<double> anomaly, ordinary;
  size_t false_alarms = 0;
  for (size_t i = 0; i < s.test.size(); ++i) {
    const Prediction p = model.predict(s.test.row(i), 64);
    EXPECT_GE(p.score, 0.0f);
    EXPECT_LE(p.score, 100.0f);
    if (s.test.labels[i] < 5) {
      ordinary.push_back(p.score);
      false_alarms += p.unknown;
    } else {
      anomaly.push_back(p.score);
    }
  }
  std::sort(ordinary.begin(), ordinary.end());
  double auc = 0;
  for (double a : anomaly) {
    auc += double(std::lower_bound(ordinary.begin(), ordinary.end(), a) - ordinary.begin()) +
           0.5 * double(std::upper_bound(ordinary.begin(), ordinary.end(), a) -
                        std::lower_bound(ordinary.begin(), ordinary.end(), a));
  }
  auc /= double(anomaly.size()) * double(ordinary.size());
  EXPECT_GE(auc, 0.90);
  EXPECT_LE(double(false_alarms) / double(ordinary.size()), 0.08);
}

TEST(Regression, IncrementalLearningTracksARebuild) {
  const auto data = data::load_diabetes();
  const Config c = diabetes_config();
  Model model(c);
  for (size_t i = 0; i < 400; ++i) {
    model.learn_target(std::vector<float>(data.row(i), data.row(i) + 10), {data.targets[i]});
  }
  std::vector<float> before;
  for (size_t i = 400; i < data.size(); ++i) {
    std::vector<float> out;
    model.predict(std::vector<float>(data.row(i), data.row(i) + 10), &out);
    before.push_back(out[0]);
  }
  model.rebuild();
  double worst = 0;
  for (size_t i = 400; i < data.size(); ++i) {
    std::vector<float> out;
    model.predict(std::vector<float>(data.row(i), data.row(i) + 10), &out);
    worst = std::max(worst, std::fabs(double(out[0]) - before[i - 400]));
  }
  // Targets span 25..346: the incremental network stays within a few points of the rebuilt one.
  EXPECT_LT(worst, 40.0);
}
