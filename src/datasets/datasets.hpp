// Loaders for the data sets the tests, the demo and the benchmarks use.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace neurite::data {

struct Dataset {
  size_t dim = 0;
  std::vector<float> features;  // row-major
  std::vector<int32_t> labels;
  size_t size() const { return labels.size(); }
  const float* row(size_t i) const { return features.data() + i * dim; }
  std::vector<float> row_vector(size_t i) const { return {row(i), row(i) + dim}; }
  // Rows picked by index, in that order.
  Dataset subset(const std::vector<size_t>& indices) const;
};

// The repository's data folder: $NEURITE_DATA_DIR, else the source tree's data/.
std::string data_dir();

// scikit-learn's bundled copy of the UCI optical digits (1,797 8x8 images).
Dataset load_digits(const std::string& path = data_dir() + "/digits/digits.csv.gz");

// Regression data: rows of features with real targets.
struct RegressionSet {
  size_t dim = 0;
  std::vector<float> features;
  std::vector<float> targets;
  size_t size() const { return targets.size(); }
  const float* row(size_t i) const { return features.data() + i * dim; }
};

// scikit-learn's bundled diabetes data (442 patients, 10 features, disease progression).
RegressionSet load_diabetes(const std::string& dir = data_dir() + "/diabetes");

// Integer table from a CSV file (one row per line), used for fold files.
std::vector<std::vector<int64_t>> load_int_table(const std::string& path);

}  // namespace neurite::data
