// Small helpers shared by the benchmark programs: timing, statistics, AUROC.
#pragma once
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace neurite::bench {

inline double now_ms() {
  using clock = std::chrono::steady_clock;
  return std::chrono::duration<double, std::milli>(clock::now().time_since_epoch()).count();
}

struct Summary {
  double median = 0, min = 0, max = 0, mean = 0;
  size_t runs = 0;
};

inline Summary summarise(std::vector<double> values) {
  Summary s;
  if (values.empty()) return s;
  std::sort(values.begin(), values.end());
  s.runs = values.size();
  s.min = values.front();
  s.max = values.back();
  const size_t mid = values.size() / 2;
  s.median = values.size() % 2 ? values[mid] : 0.5 * (values[mid - 1] + values[mid]);
  double total = 0;
  for (double v : values) total += v;
  s.mean = total / static_cast<double>(values.size());
  return s;
}

inline double mean(const std::vector<double>& v) {
  double total = 0;
  for (double x : v) total += x;
  return v.empty() ? 0.0 : total / static_cast<double>(v.size());
}

inline double stddev(const std::vector<double>& v) {
  if (v.size() < 2) return 0.0;
  const double m = mean(v);
  double total = 0;
  for (double x : v) total += (x - m) * (x - m);
  return std::sqrt(total / static_cast<double>(v.size() - 1));
}

// Area under the ROC curve of `score` separating positives (higher scores) from negatives;
// ties count one half (Mann-Whitney).
inline double auroc(const std::vector<double>& positives, const std::vector<double>& negatives) {
  if (positives.empty() || negatives.empty()) return 0.0;
  std::vector<double> neg = negatives;
  std::sort(neg.begin(), neg.end());
  double total = 0;
  for (double p : positives) {
    const auto lo = std::lower_bound(neg.begin(), neg.end(), p);
    const auto hi = std::upper_bound(neg.begin(), neg.end(), p);
    total += static_cast<double>(lo - neg.begin()) + 0.5 * static_cast<double>(hi - lo);
  }
  return total / (static_cast<double>(positives.size()) * static_cast<double>(neg.size()));
}

// `key value` lines written by a peers script (bench/*_peers.py).
inline std::map<std::string, double> read_peers(const std::string& path) {
  std::map<std::string, double> peers;
  std::ifstream file(path);
  std::string key;
  double value;
  while (file >> key >> value) peers[key] = value;
  return peers;
}

inline std::string fmt(double v, int digits = 2) {
  std::ostringstream s;
  s.setf(std::ios::fixed);
  s.precision(digits);
  s << v;
  return s.str();
}

}  // namespace neurite::bench
