// The three user settings of a new model (problem, memory, strictness) and
// the class capacity, as command-line options.
#pragma once
#include <CLI/CLI.hpp>
#include <string>

#include "neurite.h"

namespace neurite::cli {

struct Settings {
  std::string problem = "classification";
  std::string memory;  // bytes, with K/M suffix, or empty
  float tradeoff = -1.0f;
  std::string strictness = "medium";
  int classes = 32;
};

void add_settings_options(CLI::App* command, Settings* settings);
// The learner config for vectors of `dim` values; throws Error on bad values.
neurite_config make_config(const Settings& settings, size_t dim);
std::string format_bytes(double bytes);

}  // namespace neurite::cli
