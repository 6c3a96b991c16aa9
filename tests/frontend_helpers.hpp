// Shared fixtures of the front-end tests: repository paths, reference tables.
#pragma once
#include <string>
#include <vector>

#include "neurite/frontend/csv.hpp"

namespace neurite::testing {

inline std::string source_path(const std::string& relative) {
  return std::string(NEURITE_SOURCE_DIR) + "/" + relative;
}

// A numeric CSV without header as rows of floats.
inline std::vector<std::vector<float>> read_matrix(const std::string& path) {
  const auto table = frontend::read_csv(path, /*header=*/false);
  std::vector<std::vector<float>> rows(table.size());
  for (size_t i = 0; i < table.size(); ++i) {
    for (size_t j = 0; j < table.rows[i].size(); ++j) rows[i].push_back(table.number(i, j));
  }
  return rows;
}

}  // namespace neurite::testing
