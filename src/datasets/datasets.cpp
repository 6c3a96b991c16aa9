#include "datasets.hpp"

#include <zlib.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#ifndef NEURITE_SOURCE_DATA_DIR
#define NEURITE_SOURCE_DATA_DIR "data"
#endif

namespace neurite::data {

Dataset Dataset::subset(const std::vector<size_t>& indices) const {
  Dataset out;
  out.dim = dim;
  out.features.reserve(indices.size() * dim);
  for (size_t i : indices) {
    out.features.insert(out.features.end(), row(i), row(i) + dim);
    out.labels.push_back(labels[i]);
  }
  return out;
}

std::string data_dir() {
  const char* env = std::getenv("NEURITE_DATA_DIR");
  return env != nullptr && env[0] != '\0' ? std::string(env) : std::string(NEURITE_SOURCE_DATA_DIR);
}

namespace {

// Rows of numbers from a gzip text file, split on `separator`; each row must have `width` values.
std::vector<std::vector<float>> read_gz_rows(const std::string& path, char separator, size_t width) {
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) throw std::runtime_error(path + ": cannot open");
  std::vector<std::vector<float>> rows;
  char line[4096];
  size_t line_number = 0;
  while (gzgets(file, line, sizeof line) != nullptr) {
    ++line_number;
    std::stringstream fields(line);
    std::string cell;
    std::vector<float> values;
    while (std::getline(fields, cell, separator)) {
      if (cell.find_first_not_of(" \t\r\n") == std::string::npos) continue;
      values.push_back(std::stof(cell));
    }
    if (values.empty()) continue;
    if (values.size() != width) {
      gzclose(file);
      throw std::runtime_error(path + ":" + std::to_string(line_number) + ": expected " +
                               std::to_string(width) + " values, got " + std::to_string(values.size()));
    }
    rows.push_back(std::move(values));
  }
  gzclose(file);
  if (rows.empty()) throw std::runtime_error(path + ": no rows");
  return rows;
}

}  // namespace

Dataset load_digits(const std::string& path) {
  Dataset data;
  data.dim = 64;
  for (const auto& values : read_gz_rows(path, ',', 65)) {
    data.features.insert(data.features.end(), values.begin(), values.end() - 1);
    data.labels.push_back(static_cast<int32_t>(values.back()));
  }
  return data;
}

RegressionSet load_diabetes(const std::string& dir) {
  RegressionSet data;
  data.dim = 10;
  for (const auto& values : read_gz_rows(dir + "/diabetes_data_raw.csv.gz", ' ', 10)) {
    data.features.insert(data.features.end(), values.begin(), values.end());
  }
  for (const auto& values : read_gz_rows(dir + "/diabetes_target.csv.gz", ' ', 1)) {
    data.targets.push_back(values[0]);
  }
  if (data.targets.size() * data.dim != data.features.size()) {
    throw std::runtime_error(dir + ": features and targets differ in length");
  }
  return data;
}

std::vector<std::vector<int64_t>> load_int_table(const std::string& path) {
  std::ifstream file(path);
  if (!file) throw std::runtime_error(path + ": cannot open");
  std::vector<std::vector<int64_t>> table;
  std::string line;
  size_t line_number = 0;
  while (std::getline(file, line)) {
    ++line_number;
    if (line.empty() || line[0] == '#') continue;
    std::stringstream fields(line);
    std::string cell;
    std::vector<int64_t> row;
    while (std::getline(fields, cell, ',')) {
      try {
        row.push_back(std::stoll(cell));
      } catch (const std::exception&) {
        throw std::runtime_error(path + ":" + std::to_string(line_number) + ": not an integer: " + cell);
      }
    }
    table.push_back(std::move(row));
  }
  return table;
}

}  // namespace neurite::data
