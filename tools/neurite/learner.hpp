// The learner as the command line uses it: the C API (include/neurite.h) with
// its arena owned here, and failures turned into exceptions with the
// learner's own message.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "neurite.h"

namespace neurite::cli {

class Learner {
 public:
  explicit Learner(const neurite_config& config);
  // A learner holding the model in `bytes` (core format); `name` is for messages.
  static Learner from_bytes(const std::vector<uint8_t>& bytes, const std::string& name);

  uint32_t learn(const std::vector<float>& features, int32_t label);
  uint32_t learn_normal(const std::vector<float>& features);
  uint32_t learn_target(const std::vector<float>& features, float target);
  void learn_batch(const std::vector<float>& rows, const std::vector<int32_t>& labels);
  void correct(uint32_t event, int32_t label);
  void remove(uint32_t event);
  void forget(int32_t label);
  void rebuild();
  neurite_prediction predict(const std::vector<float>& features, float* target = nullptr);

  neurite_config config() const;
  neurite_stats stats() const;
  std::vector<int32_t> classes() const;
  std::vector<uint8_t> save() const;

 private:
  void check(neurite_status status, const char* what) const;
  struct Free {
    void operator()(void* p) const;
  };
  std::unique_ptr<void, Free> arena_;
  neurite_learner* handle_ = nullptr;
};

const char* problem_name(neurite_problem problem);
const char* strictness_name(neurite_strictness strictness);

}  // namespace neurite::cli
