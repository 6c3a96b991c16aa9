// Host convenience layer over the embedded Learner: owns its arena, throws
// neurite::Error with the learner's message, reads and writes files.
// Not for the device path (it uses the heap and exceptions).
#pragma once
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "neurite/learner.hpp"

namespace neurite {

class Error : public std::runtime_error {
 public:
  Error(Status status, const std::string& message) : std::runtime_error(message), status_(status) {}
  Status status() const { return status_; }

 private:
  Status status_;
};

class Model {
 public:
  explicit Model(const Config& config);
  Model(Model&&) noexcept;
  Model& operator=(Model&&) noexcept;
  ~Model();

  static Model from_bytes(const uint8_t* bytes, size_t size);
  static Model from_bytes(const std::vector<uint8_t>& bytes) {
    return from_bytes(bytes.data(), bytes.size());
  }
  static Model load(const std::string& path);

  EventId learn(const std::vector<float>& features, Label label);
  EventId learn_target(const std::vector<float>& features, const std::vector<float>& targets);
  EventId learn_normal(const std::vector<float>& features);
  // Rows are row-major, `count` rows of config().dim values.
  void learn_batch(const float* rows, size_t count, const Label* labels, const float* targets = nullptr);
  void correct(EventId id, Label label);
  void correct_target(EventId id, const std::vector<float>& targets);
  void remove(EventId id);
  void forget(Label label);
  void rebuild();

  Prediction predict(const float* features, size_t count);
  Prediction predict(const std::vector<float>& features) { return predict(features.data(), features.size()); }
  // Regression: predicted targets are written into `outputs`.
  Prediction predict(const std::vector<float>& features, std::vector<float>* outputs);
  std::vector<Prediction> predict_batch(const float* rows, size_t count);

  std::vector<uint8_t> to_bytes() const;
  void save(const std::string& path) const;

  const Config& config() const { return learner_.config(); }
  Stats stats() const { return learner_.stats(); }
  std::vector<Label> classes() const;
  Learner& learner() { return learner_; }
  const Learner& learner() const { return learner_; }

 private:
  void check(Status status, const char* what) const;
  struct Free {
    void operator()(uint8_t* p) const;
  };
  std::unique_ptr<uint8_t, Free> arena_;
  Learner learner_;
};

// Reads a whole file; throws Error naming the file on failure.
std::vector<uint8_t> read_file(const std::string& path);

}  // namespace neurite
