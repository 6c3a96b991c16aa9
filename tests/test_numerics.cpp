// Numerical building blocks against double-precision references.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "cholesky.hpp"
#include "fmath.hpp"
#include "kernels.hpp"
#include "sort.hpp"

namespace nd = neurite::detail;

TEST(Fmath, ExpMatchesLibmWithinTwoUlp) {
  for (float x = -80.0f; x < 80.0f; x += 0.0137f) {
    const double ref = std::exp(static_cast<double>(x));
    EXPECT_NEAR(nd::det_exp(x) / ref, 1.0, 3e-7) << x;
  }
  EXPECT_EQ(nd::det_exp(-100.0f), 0.0f);
  EXPECT_TRUE(std::isinf(nd::det_exp(100.0f)));
}

TEST(Fmath, LogMatchesLibm) {
  for (float x = 1e-30f; x < 1e30f; x *= 1.37f) {
    EXPECT_NEAR(nd::det_log(x), std::log(static_cast<double>(x)), 3e-7 * std::fabs(std::log(x)) + 1e-7) << x;
  }
  EXPECT_TRUE(std::isinf(nd::det_log(0.0f)));
}

TEST(Kernels, ReductionsMatchDoubleReference) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> u(-3.0f, 3.0f);
  for (uint32_t n : {1u, 7u, 8u, 9u, 63u, 64u, 100u, 416u}) {
    std::vector<float> a(n), b(n), w(n);
    double dot = 0, wsq = 0, sq = 0;
    for (uint32_t i = 0; i < n; ++i) {
      a[i] = u(rng);
      b[i] = u(rng);
      w[i] = std::fabs(u(rng));
      dot += double(a[i]) * b[i];
      sq += double(a[i] - b[i]) * (a[i] - b[i]);
      wsq += double(w[i]) * (a[i] - b[i]) * (a[i] - b[i]);
    }
    EXPECT_NEAR(nd::dot(a.data(), b.data(), n), dot, 1e-5 * (1 + std::fabs(dot)));
    EXPECT_NEAR(nd::sqdist(a.data(), b.data(), n), sq, 1e-5 * (1 + sq));
    EXPECT_NEAR(nd::weighted_sqdist(a.data(), b.data(), w.data(), n), wsq, 1e-5 * (1 + wsq));
  }
}

namespace {

// The documented order of every reduction: eight partial sums (element i into
// sum i % 8, in order), combined as ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)).
template <typename Term>
float eight_lane_sum(uint32_t n, Term term) {
  float s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  for (uint32_t i = 0; i < n; ++i) s[i % 8] += term(i);
  return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
}

}  // namespace

TEST(Kernels, DistancesFollowTheEightLaneOrderAndStopOnlyAboveTheBound) {
  std::mt19937 rng(11);
  std::uniform_real_distribution<float> u(-3.0f, 3.0f);
  std::uniform_int_distribution<int> code(-127, 127);
  for (uint32_t n : {1u, 7u, 8u, 9u, 31u, 32u, 33u, 40u, 64u, 65u, 100u, 192u, 490u}) {
    std::vector<float> a(n), b(n), w(n);
    std::vector<int8_t> q(n);
    const float offset = u(rng), step = 0.02f;
    for (uint32_t i = 0; i < n; ++i) {
      a[i] = u(rng);
      b[i] = u(rng);
      w[i] = std::fabs(u(rng)) + 0.01f;
      q[i] = static_cast<int8_t>(code(rng));
    }
    const float full = eight_lane_sum(n, [&](uint32_t i) { return w[i] * ((a[i] - b[i]) * (a[i] - b[i])); });
    const float full_codes = eight_lane_sum(n, [&](uint32_t i) {
      const float x = offset + step * static_cast<float>(q[i]);
      return w[i] * ((a[i] - x) * (a[i] - x));
    });
    EXPECT_EQ(nd::weighted_sqdist(a.data(), b.data(), w.data(), n), full) << n;
    EXPECT_EQ(nd::weighted_sqdist_codes(a.data(), q.data(), offset, step, w.data(), n), full_codes) << n;
    uint32_t stopped = 0;
    for (float share : {0.0f, 0.05f, 0.2f, 0.5f, 0.8f, 0.99f, 1.0f, 1.5f}) {
      for (const bool codes : {false, true}) {
        const float sum = codes ? full_codes : full;
        const float bound = share == 1.0f ? std::nextafter(sum, 0.0f) : sum * share;
        const float r = codes
                            ? nd::weighted_sqdist_codes(a.data(), q.data(), offset, step, w.data(), n, bound)
                            : nd::weighted_sqdist(a.data(), b.data(), w.data(), n, bound);
        if (r <= bound) {
          EXPECT_EQ(r, sum) << n << " " << share;  // not stopped: the full sum, same bits
        } else {
          EXPECT_LE(r, sum) << n << " " << share;  // stopped or not: never above the full sum
          stopped += r != sum;
        }
        if (bound >= sum) {
          EXPECT_EQ(r, sum) << n << " " << share;
        }
      }
    }
    // Sums of more than one check interval of full blocks do stop early.
    if (n >= nd::kAbandonCheck + 8) {
      EXPECT_GT(stopped, 0u) << n;
    }
  }
}

TEST(Kernels, SubCombinationSubtractsRowsInOrder) {
  const uint32_t n = 19, rows = 6;
  std::vector<float> y(n, 1.0f), r(rows * n), alpha(rows);
  std::vector<float> expect(n, 1.0f);
  for (uint32_t k = 0; k < rows; ++k) {
    alpha[k] = 0.1f * float(k + 1);
    for (uint32_t i = 0; i < n; ++i) r[k * n + i] = float(i) - float(k);
  }
  for (uint32_t i = 0; i < n; ++i) {
    for (uint32_t k = 0; k < rows; ++k) expect[i] -= alpha[k] * r[k * n + i];
  }
  nd::sub_combination(y.data(), alpha.data(), r.data(), n, rows, n);
  for (uint32_t i = 0; i < n; ++i) EXPECT_EQ(y[i], expect[i]);  // same order, same bits
}

TEST(Kernels, WendlandProfile) {
  EXPECT_EQ(nd::wendland(0.0f), 1.0f);
  EXPECT_EQ(nd::wendland(1.0f), 0.0f);
  EXPECT_EQ(nd::wendland(2.0f), 0.0f);
  EXPECT_NEAR(nd::wendland(0.5f), 0.0625 * 3.0, 1e-7);
}

namespace {

// Lower Cholesky factor of a symmetric matrix in double, packed as float.
std::vector<float> factor(const std::vector<double>& g, uint32_t m) {
  std::vector<double> l(m * m, 0.0);
  for (uint32_t i = 0; i < m; ++i) {
    for (uint32_t j = 0; j <= i; ++j) {
      double s = g[i * m + j];
      for (uint32_t k = 0; k < j; ++k) s -= l[i * m + k] * l[j * m + k];
      l[i * m + j] = i == j ? std::sqrt(s) : s / l[j * m + j];
    }
  }
  std::vector<float> packed(m * (m + 1) / 2);
  for (uint32_t i = 0; i < m; ++i) {
    for (uint32_t j = 0; j <= i; ++j) packed[nd::tri(i) + j] = static_cast<float>(l[i * m + j]);
  }
  return packed;
}

std::vector<double> random_spd(uint32_t m, std::mt19937& rng) {
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  std::vector<double> a(m * m), g(m * m);
  for (double& v : a) v = u(rng);
  for (uint32_t i = 0; i < m; ++i) {
    for (uint32_t j = 0; j < m; ++j) {
      double s = i == j ? 1.0 : 0.0;
      for (uint32_t k = 0; k < m; ++k) s += a[i * m + k] * a[j * m + k];
      g[i * m + j] = s;
    }
  }
  return g;
}

double max_diff(const std::vector<float>& a, const std::vector<float>& b, size_t count) {
  double worst = 0;
  for (size_t i = 0; i < count; ++i) worst = std::max(worst, double(std::fabs(a[i] - b[i])));
  return worst;
}

}  // namespace

TEST(Cholesky, RankOneUpdateDowndateAndDeleteMatchRefactorisation) {
  std::mt19937 rng(3);
  const uint32_t m = 12;
  const auto g = random_spd(m, rng);
  auto l = factor(g, m);
  std::vector<float> x(m);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  for (float& v : x) v = u(rng);
  auto g2 = g;
  for (uint32_t i = 0; i < m; ++i) {
    for (uint32_t j = 0; j < m; ++j) g2[i * m + j] += double(x[i]) * x[j];
  }
  auto work = x;
  nd::rank1_update(l.data(), m, work.data());
  EXPECT_LT(max_diff(l, factor(g2, m), l.size()), 1e-5);
  work = x;
  ASSERT_TRUE(nd::rank1_downdate(l.data(), m, work.data()));
  EXPECT_LT(max_diff(l, factor(g, m), l.size()), 1e-5);

  std::vector<double> g3;
  for (uint32_t i = 0; i < m; ++i) {
    for (uint32_t j = 0; j < m && i != 4; ++j) {
      if (j != 4) g3.push_back(g[i * m + j]);
    }
  }
  std::vector<float> scratch(m);
  nd::delete_index(l.data(), m, 4, scratch.data());
  const auto l3 = factor(g3, m - 1);
  EXPECT_LT(max_diff(l, l3, l3.size()), 1e-5);
}

TEST(Cholesky, DowndateRefusesToLeaveThePositiveCone) {
  const std::vector<double> g = {1.0, 0.0, 0.0, 1.0};
  auto l = factor(g, 2);
  std::vector<float> x = {2.0f, 0.0f};
  EXPECT_FALSE(nd::rank1_downdate(l.data(), 2, x.data()));
}

TEST(Cholesky, SolveRowsInvertsTheFactoredMatrix) {
  std::mt19937 rng(5);
  const uint32_t m = 9, width = 3, stride = 4;
  const auto g = random_spd(m, rng);
  const auto l = factor(g, m);
  std::vector<float> b(m * stride, 0.0f), w(m * stride), tmp(m * stride);
  for (uint32_t i = 0; i < m; ++i) {
    for (uint32_t k = 0; k < width; ++k) b[i * stride + k] = float(i + k);
  }
  nd::solve_rows(l.data(), m, b.data(), w.data(), tmp.data(), stride, width);
  for (uint32_t i = 0; i < m; ++i) {
    for (uint32_t k = 0; k < width; ++k) {
      double s = 0;
      for (uint32_t j = 0; j < m; ++j) s += g[i * m + j] * w[j * stride + k];
      EXPECT_NEAR(s, b[i * stride + k], 1e-3);
    }
  }
}

TEST(Sort, KeyDescendingWithIndexTieBreak) {
  const float key[] = {0.5f, 2.0f, 0.5f, -1.0f, 2.0f};
  uint32_t idx[] = {0, 1, 2, 3, 4};
  nd::sort_by_key_descending(idx, 5, key);
  const uint32_t expect[] = {1, 4, 0, 2, 3};
  for (int i = 0; i < 5; ++i) EXPECT_EQ(idx[i], expect[i]);
  float values[] = {3, -1, 2, 2, 0};
  nd::sort_ascending(values, 5);
  EXPECT_TRUE(std::is_sorted(values, values + 5));
}
