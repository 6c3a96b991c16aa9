#include "settings.hpp"

#include <cstdio>

#include "neurite/frontend/audio_io.hpp"

namespace neurite::cli {

using frontend::Error;

void add_settings_options(CLI::App* c, Settings* s) {
  c->add_option("--problem", s->problem, "classification, novelty or regression")
      ->check(CLI::IsMember({"classification", "novelty", "regression"}))
      ->capture_default_str();
  c->add_option("--memory", s->memory, "Memory budget, e.g. 512K or 8M (accuracy versus memory)");
  c->add_option("--tradeoff", s->tradeoff, "Memory as a 0..1 trade-off: 0 = 16 KiB, 1 = 64 MiB")
      ->check(CLI::Range(0.0f, 1.0f));
  c->add_option("--strictness", s->strictness, "Rejection of unknown inputs: off, low, medium, high")
      ->check(CLI::IsMember({"off", "low", "medium", "high"}))
      ->capture_default_str();
  c->add_option("--classes", s->classes, "Class capacity")->check(CLI::Range(1, 1024))->capture_default_str();
}

neurite_config make_config(const Settings& s, size_t dim) {
  neurite_config c;
  neurite_config_default(&c);
  if (dim == 0 || dim > 8192) throw Error("vectors of " + std::to_string(dim) + " values are not supported");
  c.dim = static_cast<uint16_t>(dim);
  c.problem = s.problem == "novelty"
                  ? NEURITE_NOVELTY
                  : (s.problem == "regression" ? NEURITE_REGRESSION : NEURITE_CLASSIFICATION);
  c.outputs = c.problem == NEURITE_CLASSIFICATION ? static_cast<uint16_t>(s.classes) : uint16_t{1};
  c.strictness = s.strictness == "off"    ? NEURITE_STRICTNESS_OFF
                 : s.strictness == "low"  ? NEURITE_STRICTNESS_LOW
                 : s.strictness == "high" ? NEURITE_STRICTNESS_HIGH
                                          : NEURITE_STRICTNESS_MEDIUM;
  if (!s.memory.empty()) {
    size_t used = 0;
    double value = 0;
    try {
      value = std::stod(s.memory, &used);
    } catch (const std::exception&) {
      throw Error("--memory: not a size: '" + s.memory + "'");
    }
    const std::string unit = s.memory.substr(used);
    const double scale = unit.empty()                 ? 1.0
                         : unit == "K" || unit == "k" ? 1024.0
                         : unit == "M" || unit == "m" ? 1048576.0
                                                      : 0.0;
    if (scale == 0.0 || !(value > 0) || value * scale > 4294967295.0) {
      throw Error("--memory: expected bytes with an optional K or M suffix, got '" + s.memory + "'");
    }
    c.memory_bytes = static_cast<uint32_t>(value * scale);
  } else if (s.tradeoff >= 0.0f) {
    c.memory_bytes = neurite_memory_for_tradeoff(s.tradeoff);
  }
  return c;
}

std::string format_bytes(double bytes) {
  char text[32];
  if (bytes < 1024) {
    std::snprintf(text, sizeof text, "%.0f B", bytes);
  } else if (bytes < 1048576) {
    std::snprintf(text, sizeof text, "%.1f KiB", bytes / 1024);
  } else {
    std::snprintf(text, sizeof text, "%.2f MiB", bytes / 1048576);
  }
  return text;
}

}  // namespace neurite::cli
