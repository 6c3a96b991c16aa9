#include "neurite/model.hpp"

#include <fstream>
#include <iterator>
#include <new>

namespace neurite {
namespace {

constexpr std::align_val_t kArenaAlign{64};

std::string describe(Status status, const char* what, const char* detail) {
  std::string message = std::string(what) + ": " + status_message(status);
  if (detail != nullptr && detail[0] != '\0') message += " (" + std::string(detail) + ")";
  return message;
}

}  // namespace

void Model::Free::operator()(uint8_t* p) const {
  ::operator delete[](p, kArenaAlign);
}

Model::Model(const Config& config) {
  char message[160] = {0};
  Status status = Learner::validate(config, message, sizeof message);
  if (status != Status::ok) throw Error(status, describe(status, "invalid configuration", message));
  const size_t bytes = Learner::arena_size(config);
  arena_.reset(static_cast<uint8_t*>(::operator new[](bytes, kArenaAlign)));
  status = learner_.init(config, arena_.get(), bytes);
  if (status != Status::ok) throw Error(status, describe(status, "cannot initialise learner", nullptr));
}

Model::Model(Model&&) noexcept = default;
Model& Model::operator=(Model&&) noexcept = default;
Model::~Model() = default;

void Model::check(Status status, const char* what) const {
  if (status != Status::ok) throw Error(status, describe(status, what, learner_.last_error()));
}

Model Model::from_bytes(const uint8_t* bytes, size_t size) {
  Config config;
  char message[160] = {0};
  Status status = Learner::read_config(bytes, size, &config, message, sizeof message);
  if (status != Status::ok) throw Error(status, describe(status, "cannot read model", message));
  Model model(config);
  model.check(model.learner_.load(bytes, size), "cannot load model");
  return model;
}

Model Model::load(const std::string& path) {
  const std::vector<uint8_t> bytes = read_file(path);
  try {
    return from_bytes(bytes);
  } catch (const Error& error) {
    throw Error(error.status(), path + ": " + error.what());
  }
}

EventId Model::learn(const std::vector<float>& features, Label label) {
  EventId id = 0;
  check(learner_.learn(features.data(), features.size(), label, &id), "learn");
  return id;
}

EventId Model::learn_target(const std::vector<float>& features, const std::vector<float>& targets) {
  EventId id = 0;
  check(learner_.learn(features.data(), features.size(), targets.data(), targets.size(), &id), "learn");
  return id;
}

EventId Model::learn_normal(const std::vector<float>& features) {
  EventId id = 0;
  check(learner_.learn(features.data(), features.size(), &id), "learn");
  return id;
}

void Model::learn_batch(const float* rows, size_t count, const Label* labels, const float* targets) {
  check(learner_.learn_batch(rows, count, config().dim, labels, targets), "learn batch");
}

void Model::correct(EventId id, Label label) {
  check(learner_.correct(id, label), "correct");
}

void Model::correct_target(EventId id, const std::vector<float>& targets) {
  check(learner_.correct(id, targets.data(), targets.size()), "correct");
}

void Model::remove(EventId id) {
  check(learner_.remove(id), "remove");
}
void Model::forget(Label label) {
  check(learner_.forget(label), "forget");
}
void Model::rebuild() {
  check(learner_.rebuild(), "rebuild");
}

Prediction Model::predict(const float* features, size_t count) {
  Prediction prediction;
  check(learner_.predict(features, count, &prediction), "predict");
  return prediction;
}

Prediction Model::predict(const std::vector<float>& features, std::vector<float>* outputs) {
  Prediction prediction;
  outputs->resize(output_count(config()));
  check(learner_.predict(features.data(), features.size(), &prediction, outputs->data(), outputs->size()),
        "predict");
  return prediction;
}

std::vector<Prediction> Model::predict_batch(const float* rows, size_t count) {
  std::vector<Prediction> out(count);
  const size_t dim = config().dim;
  for (size_t r = 0; r < count; ++r) {
    check(learner_.predict(rows + r * dim, dim, &out[r]), "predict");
  }
  return out;
}

std::vector<uint8_t> Model::to_bytes() const {
  std::vector<uint8_t> bytes(learner_.saved_size());
  check(learner_.save(bytes.data(), bytes.size()), "save");
  return bytes;
}

void Model::save(const std::string& path) const {
  const std::vector<uint8_t> bytes = to_bytes();
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (!file) throw Error(Status::empty_input, path + ": cannot write model file");
}

std::vector<Label> Model::classes() const {
  std::vector<Label> out(learner_.class_count());
  for (uint16_t k = 0; k < out.size(); ++k) out[k] = learner_.class_label(k);
  return out;
}

std::vector<uint8_t> read_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw Error(Status::empty_input, path + ": cannot open file");
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

}  // namespace neurite
