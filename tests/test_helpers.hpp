// Shared fixtures: the bundled digits, their folds, small models.
#pragma once
#include <vector>

#include "datasets.hpp"
#include "neurite/model.hpp"

namespace neurite::testing {

inline const data::Dataset& digits() {
  static const data::Dataset d = data::load_digits();
  return d;
}

struct Split {
  data::Dataset train, test;
};

// Fold k of the benchmark's stratified 5-fold split as test set.
inline Split digits_fold(int k) {
  static const auto fold_of = data::load_int_table(data::data_dir() + "/digits/folds.csv");
  std::vector<size_t> train, test;
  for (size_t i = 0; i < digits().size(); ++i) (fold_of[i][0] == k ? test : train).push_back(i);
  return {digits().subset(train), digits().subset(test)};
}

inline Config digits_config() {
  Config c;
  c.dim = 64;
  c.outputs = 10;
  return c;
}

inline double accuracy(Model& model, const data::Dataset& test) {
  size_t ok = 0;
  for (size_t i = 0; i < test.size(); ++i) ok += model.predict(test.row(i), test.dim).label == test.labels[i];
  return double(ok) / double(test.size());
}

// A small classification model (first `count` digits) for fast byte-level tests.
inline Model small_digits_model(size_t count = 40) {
  Model model(digits_config());
  model.learn_batch(digits().features.data(), count, digits().labels.data());
  return model;
}

}  // namespace neurite::testing
