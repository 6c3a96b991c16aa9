#include "learner.hpp"

#include <cstdlib>

#include "neurite/frontend/audio_io.hpp"

namespace neurite::cli {

using frontend::Error;

void Learner::Free::operator()(void* p) const {
  std::free(p);
}

Learner::Learner(const neurite_config& config) {
  char message[256] = "";
  if (neurite_config_check(&config, message, sizeof message) != NEURITE_OK) {
    throw Error(std::string("invalid model settings: ") + message);
  }
  const size_t bytes = (neurite_arena_size(&config) + 15) / 16 * 16;
  arena_.reset(std::aligned_alloc(16, bytes));
  if (arena_ == nullptr) throw Error("cannot allocate " + std::to_string(bytes) + " bytes for the model");
  check(neurite_init(&config, arena_.get(), bytes, &handle_), "init");
}

Learner Learner::from_bytes(const std::vector<uint8_t>& bytes, const std::string& name) {
  neurite_config config;
  char message[256] = "";
  const neurite_status s = neurite_read_config(bytes.data(), bytes.size(), &config, message, sizeof message);
  if (s != NEURITE_OK) throw Error(name + ": " + (message[0] ? message : neurite_status_message(s)));
  Learner learner(config);
  const neurite_status loaded = neurite_load(learner.handle_, bytes.data(), bytes.size());
  if (loaded != NEURITE_OK) throw Error(name + ": " + neurite_last_error(learner.handle_));
  return learner;
}

void Learner::check(neurite_status status, const char* what) const {
  if (status == NEURITE_OK) return;
  const char* detail = handle_ != nullptr ? neurite_last_error(handle_) : "";
  throw Error(std::string(what) + ": " + (detail[0] ? detail : neurite_status_message(status)));
}

uint32_t Learner::learn(const std::vector<float>& features, int32_t label) {
  uint32_t id = 0;
  check(neurite_learn(handle_, features.data(), features.size(), label, &id), "learn");
  return id;
}

uint32_t Learner::learn_normal(const std::vector<float>& features) {
  uint32_t id = 0;
  check(neurite_learn_normal(handle_, features.data(), features.size(), &id), "learn");
  return id;
}

uint32_t Learner::learn_target(const std::vector<float>& features, float target) {
  uint32_t id = 0;
  check(neurite_learn_target(handle_, features.data(), features.size(), &target, 1, &id), "learn");
  return id;
}

void Learner::learn_batch(const std::vector<float>& rows, const std::vector<int32_t>& labels) {
  const size_t dim = config().dim;
  check(neurite_learn_batch(handle_, rows.data(), labels.size(), dim, labels.data(), nullptr, nullptr),
        "learn");
}

void Learner::correct(uint32_t event, int32_t label) {
  check(neurite_correct(handle_, event, label), "correct");
}
void Learner::remove(uint32_t event) {
  check(neurite_remove(handle_, event), "remove");
}
void Learner::forget(int32_t label) {
  check(neurite_forget(handle_, label), "forget");
}
void Learner::rebuild() {
  check(neurite_rebuild(handle_), "rebuild");
}

neurite_prediction Learner::predict(const std::vector<float>& features, float* target) {
  neurite_prediction p;
  check(neurite_predict(handle_, features.data(), features.size(), &p, target, target ? 1 : 0), "predict");
  return p;
}

neurite_config Learner::config() const {
  neurite_config c;
  check(neurite_get_config(handle_, &c), "config");
  return c;
}

neurite_stats Learner::stats() const {
  neurite_stats s;
  check(neurite_get_stats(handle_, &s), "stats");
  return s;
}

std::vector<int32_t> Learner::classes() const {
  std::vector<int32_t> out;
  for (uint32_t i = 0; i < neurite_class_count(handle_); ++i) out.push_back(neurite_class_label(handle_, i));
  return out;
}

std::vector<uint8_t> Learner::save() const {
  std::vector<uint8_t> bytes(neurite_saved_size(handle_));
  size_t written = 0;
  check(neurite_save(handle_, bytes.data(), bytes.size(), &written), "save");
  bytes.resize(written);
  return bytes;
}

const char* problem_name(neurite_problem problem) {
  switch (problem) {
    case NEURITE_CLASSIFICATION:
      return "classification";
    case NEURITE_NOVELTY:
      return "novelty";
    case NEURITE_REGRESSION:
      return "regression";
  }
  return "?";
}

const char* strictness_name(neurite_strictness strictness) {
  switch (strictness) {
    case NEURITE_STRICTNESS_OFF:
      return "off";
    case NEURITE_STRICTNESS_LOW:
      return "low";
    case NEURITE_STRICTNESS_MEDIUM:
      return "medium";
    case NEURITE_STRICTNESS_HIGH:
      return "high";
    case NEURITE_STRICTNESS_CUSTOM:
      return "custom";
  }
  return "?";
}

}  // namespace neurite::cli
