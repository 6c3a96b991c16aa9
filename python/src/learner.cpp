#include "learner.hpp"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <string_view>

#include "arrays.hpp"
#include "errors.hpp"
#include "neurite.h"
#include "threads.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace neurite_python {
namespace {

constexpr std::align_val_t kArenaAlignment{16};

struct ArenaFree {
  void operator()(unsigned char* arena) const { ::operator delete(arena, kArenaAlignment); }
};

py::ssize_t signed_size(uint32_t value) {
  return static_cast<py::ssize_t>(value);
}

class Learner {
 public:
  explicit Learner(const neurite_config& config) : config_(config) {
    char why[192] = "";
    check(neurite_config_check(&config_, why, sizeof why), "invalid settings", why);
    arena_bytes_ = neurite_arena_size(&config_);
    arena_.reset(static_cast<unsigned char*>(::operator new(arena_bytes_, kArenaAlignment)));
    check(neurite_init(&config_, arena_.get(), arena_bytes_, &handle_), "init", nullptr);
  }

  // A learner holding the model saved in `model` (its settings come from the bytes).
  static std::unique_ptr<Learner> from_bytes(const py::bytes& model) {
    const std::string_view bytes = model;
    const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
    neurite_config config;
    char why[192] = "";
    check(neurite_read_config(data, bytes.size(), &config, why, sizeof why), "model bytes", why);
    auto learner = std::make_unique<Learner>(config);
    learner->locked([&] { learner->check_call(neurite_load(learner->handle_, data, bytes.size()), "load"); });
    return learner;
  }

  py::bytes to_bytes() {
    std::string bytes;
    locked([&] {
      bytes.resize(neurite_saved_size(handle_));
      size_t written = 0;
      check_call(neurite_save(handle_, reinterpret_cast<uint8_t*>(bytes.data()), bytes.size(), &written),
                 "save");
      bytes.resize(written);
    });
    return py::bytes(bytes);
  }

  // Stores all rows, then rebuilds once. Returns the first event id.
  uint32_t learn_batch(const py::array& rows, const std::optional<py::array>& labels,
                       const std::optional<py::array>& targets) {
    const float* x = view<float>(rows, "rows", {-1, config_.dim});
    const py::ssize_t n = rows.shape(0);
    const int32_t* y = labels ? view<int32_t>(*labels, "labels", {n}) : nullptr;
    const float* t = targets ? view<float>(*targets, "targets", {n, config_.outputs}) : nullptr;
    uint32_t first = 0;
    locked([&] {
      check_call(neurite_learn_batch(handle_, x, static_cast<size_t>(n), config_.dim, y, t, &first),
                 "learn_batch");
    });
    return first;
  }

  // Learns the rows one event at a time, in order, as a device would. Returns their ids.
  py::array_t<uint32_t> learn(const py::array& rows, const std::optional<py::array>& labels,
                              const std::optional<py::array>& targets) {
    const float* x = view<float>(rows, "rows", {-1, config_.dim});
    const py::ssize_t n = rows.shape(0);
    const int32_t* y = labels ? view<int32_t>(*labels, "labels", {n}) : nullptr;
    const float* t = targets ? view<float>(*targets, "targets", {n, config_.outputs}) : nullptr;
    if (y != nullptr && t != nullptr) throw py::value_error("learn: give labels or targets, not both");
    py::array_t<uint32_t> ids(n);
    uint32_t* id = ids.mutable_data();
    locked([&] {
      for (py::ssize_t r = 0; r < n; ++r) {
        const float* row = x + r * config_.dim;
        const neurite_status status =
            y != nullptr   ? neurite_learn(handle_, row, config_.dim, y[r], &id[r])
            : t != nullptr ? neurite_learn_target(handle_, row, config_.dim, t + r * config_.outputs,
                                                  config_.outputs, &id[r])
                           : neurite_learn_normal(handle_, row, config_.dim, &id[r]);
        if (status != NEURITE_OK) {
          const std::string detail =
              "row " + std::to_string(r) + " (rows before it are learned): " + neurite_last_error(handle_);
          check(status, "learn", detail.c_str());
        }
      }
    });
    return ids;
  }

  void correct(uint32_t event, int32_t label) {
    locked([&] { check_call(neurite_correct(handle_, event, label), "correct"); });
  }

  void correct_target(uint32_t event, const py::array& targets) {
    const float* t = view<float>(targets, "targets", {config_.outputs});
    locked([&] { check_call(neurite_correct_target(handle_, event, t, config_.outputs), "correct_target"); });
  }

  void remove(uint32_t event) {
    locked([&] { check_call(neurite_remove(handle_, event), "remove"); });
  }

  void forget(int32_t label) {
    locked([&] { check_call(neurite_forget(handle_, label), "forget"); });
  }

  void rebuild() {
    locked([&] { check_call(neurite_rebuild(handle_), "rebuild"); });
  }

  // One prediction per row, as arrays. Regression adds "outputs" (n, outputs);
  // classification adds "probabilities" (n, learned classes, in label order).
  py::dict predict(const py::array& rows) {
    const float* x = view<float>(rows, "rows", {-1, config_.dim});
    const py::ssize_t n = rows.shape(0);
    const bool regression = config_.problem == NEURITE_REGRESSION;
    const bool classification = config_.problem == NEURITE_CLASSIFICATION;
    const uint32_t classes = classification ? neurite_class_count(handle_) : 0;
    py::array_t<float> probabilities(std::vector<py::ssize_t>{classification ? n : 0, py::ssize_t(classes)});
    float* probabilities_out = probabilities.mutable_data();
    py::array_t<int32_t> label(n), runner_up(n);
    py::array_t<bool> unknown(n);
    py::array_t<float> score(n), credibility(n), margin(n), nearest_distance(n);
    py::array_t<uint32_t> nearest_event(n);
    py::array_t<float> outputs(std::vector<py::ssize_t>{regression ? n : 0, config_.outputs});
    int32_t *label_out = label.mutable_data(), *runner_up_out = runner_up.mutable_data();
    bool* unknown_out = unknown.mutable_data();
    float *score_out = score.mutable_data(), *credibility_out = credibility.mutable_data();
    float *margin_out = margin.mutable_data(), *distance_out = nearest_distance.mutable_data();
    uint32_t* nearest_out = nearest_event.mutable_data();
    float* targets_out = outputs.mutable_data();
    locked([&] {
      for (py::ssize_t r = 0; r < n; ++r) {
        neurite_prediction p;
        float* targets = regression                      ? targets_out + r * config_.outputs
                         : classification && classes > 0 ? probabilities_out + r * classes
                                                         : nullptr;
        const size_t width = regression ? config_.outputs : classification ? classes : 0;
        const neurite_status status =
            neurite_predict(handle_, x + r * config_.dim, config_.dim, &p, targets, targets ? width : 0);
        if (status != NEURITE_OK) {
          const std::string detail = "row " + std::to_string(r) + ": " + neurite_last_error(handle_);
          check(status, "predict", detail.c_str());
        }
        label_out[r] = p.label;
        unknown_out[r] = p.unknown != 0;
        score_out[r] = p.score;
        credibility_out[r] = p.credibility;
        runner_up_out[r] = p.runner_up;
        margin_out[r] = p.margin;
        nearest_out[r] = p.nearest_event;
        distance_out[r] = p.nearest_distance;
      }
    });
    py::dict result("label"_a = label, "unknown"_a = unknown, "score"_a = score,
                    "credibility"_a = credibility, "runner_up"_a = runner_up, "margin"_a = margin,
                    "nearest_event"_a = nearest_event, "nearest_distance"_a = nearest_distance);
    if (regression) result["outputs"] = outputs;
    if (classification) result["probabilities"] = probabilities;
    return result;
  }

  py::dict stats() {
    neurite_stats s;
    locked([&] { check_call(neurite_get_stats(handle_, &s), "stats"); });
    py::tuple units(s.layers);
    for (uint32_t l = 0; l < s.layers; ++l) units[l] = s.units[l];
    return py::dict("events"_a = s.events, "event_capacity"_a = s.event_capacity,
                    "unit_capacity"_a = s.unit_capacity, "classes"_a = s.classes, "layers"_a = s.layers,
                    "units"_a = units, "arena_bytes"_a = s.arena_bytes, "live_bytes"_a = s.live_bytes,
                    "model_bytes"_a = s.model_bytes, "builds"_a = s.builds,
                    "events_since_build"_a = s.events_since_build, "loo_errors"_a = s.loo_errors,
                    "last_build_flops"_a = s.last_build_flops);
  }

  // Labels the learner knows now, ascending.
  py::array_t<int32_t> classes() {
    std::vector<int32_t> labels;
    locked([&] {
      labels.resize(neurite_class_count(handle_));
      for (uint32_t k = 0; k < labels.size(); ++k) labels[k] = neurite_class_label(handle_, k);
    });
    return py::array_t<int32_t>(signed_size(static_cast<uint32_t>(labels.size())), labels.data());
  }

  const neurite_config& config() const { return config_; }
  float rejection_rate() const { return neurite_rejection_rate(&config_); }
  size_t arena_bytes() const { return arena_bytes_; }

 private:
  // Runs `work` on the learner without the GIL, one thread at a time.
  template <typename Work>
  void locked(Work&& work) {
    without_gil(mutex_, work);
  }

  void check_call(neurite_status status, const char* verb) const {
    check(status, verb, neurite_last_error(handle_));
  }

  neurite_config config_;
  size_t arena_bytes_ = 0;
  std::unique_ptr<unsigned char, ArenaFree> arena_;
  neurite_learner* handle_ = nullptr;
  std::mutex mutex_;
};

neurite_config make_config(neurite_problem problem, uint32_t dim, uint32_t outputs, uint64_t memory_bytes,
                           neurite_strictness strictness, float rejection_rate) {
  if (dim > UINT16_MAX || outputs > UINT16_MAX || memory_bytes > UINT32_MAX) {
    throw py::value_error("invalid settings: dim and outputs must be below 65536, memory_bytes below 4 GiB");
  }
  neurite_config config;
  neurite_config_default(&config);
  config.problem = problem;
  config.dim = static_cast<uint16_t>(dim);
  config.outputs = static_cast<uint16_t>(outputs);
  config.memory_bytes = static_cast<uint32_t>(memory_bytes);
  config.strictness = strictness;
  config.rejection_rate = rejection_rate;
  return config;
}

}  // namespace

void bind_learner(py::module_& module) {
  py::enum_<neurite_problem>(module, "Problem")
      .value("classification", NEURITE_CLASSIFICATION)
      .value("novelty", NEURITE_NOVELTY)
      .value("regression", NEURITE_REGRESSION);
  py::enum_<neurite_strictness>(module, "Strictness")
      .value("off", NEURITE_STRICTNESS_OFF)
      .value("low", NEURITE_STRICTNESS_LOW)
      .value("medium", NEURITE_STRICTNESS_MEDIUM)
      .value("high", NEURITE_STRICTNESS_HIGH)
      .value("custom", NEURITE_STRICTNESS_CUSTOM);

  module.def("memory_for_tradeoff", &neurite_memory_for_tradeoff, "tradeoff"_a,
             "Byte budget for a 0..1 accuracy-versus-memory trade-off (16 KiB .. 64 MiB).");

  py::class_<Learner>(module, "Learner",
                      "One neurite learner (the C API) with its arena. Arrays must already be C-contiguous "
                      "float32 (labels int32): they are read in place, never copied.")
      .def(py::init([](neurite_problem problem, uint32_t dim, uint32_t outputs, uint64_t memory_bytes,
                       neurite_strictness strictness, float rejection_rate) {
             return std::make_unique<Learner>(
                 make_config(problem, dim, outputs, memory_bytes, strictness, rejection_rate));
           }),
           "problem"_a, "dim"_a, "outputs"_a, "memory_bytes"_a, "strictness"_a = NEURITE_STRICTNESS_MEDIUM,
           "rejection_rate"_a = 0.0f)
      .def_static("from_bytes", &Learner::from_bytes, "model"_a, "A learner holding a saved model.")
      .def("to_bytes", &Learner::to_bytes, "The model in neurite's versioned format (docs/format.md).")
      .def("learn_batch", &Learner::learn_batch, "rows"_a, "labels"_a = py::none(), "targets"_a = py::none(),
           "Stores the rows as events, then rebuilds once; returns the first event id.")
      .def("learn", &Learner::learn, "rows"_a, "labels"_a = py::none(), "targets"_a = py::none(),
           "Learns the rows one event at a time, in order; returns their event ids.")
      .def("correct", &Learner::correct, "event"_a, "label"_a)
      .def("correct_target", &Learner::correct_target, "event"_a, "targets"_a)
      .def("remove", &Learner::remove, "event"_a)
      .def("forget", &Learner::forget, "label"_a)
      .def("rebuild", &Learner::rebuild)
      .def("predict", &Learner::predict, "rows"_a,
           "Predictions for the rows: a dict of arrays (label, unknown, score, credibility, runner_up, "
           "margin, nearest_event, nearest_distance; regression: outputs).")
      .def("stats", &Learner::stats)
      .def("classes", &Learner::classes)
      .def_property_readonly("problem", [](const Learner& l) { return l.config().problem; })
      .def_property_readonly("dim", [](const Learner& l) { return l.config().dim; })
      .def_property_readonly("outputs", [](const Learner& l) { return l.config().outputs; })
      .def_property_readonly("memory_bytes", [](const Learner& l) { return l.config().memory_bytes; })
      .def_property_readonly("strictness", [](const Learner& l) { return l.config().strictness; })
      .def_property_readonly("rejection_rate", &Learner::rejection_rate,
                             "Target rate of known inputs rejected (0 when strictness is off).")
      .def_property_readonly("arena_bytes", &Learner::arena_bytes)
      .def(
          py::pickle([](Learner& l) { return py::make_tuple(l.to_bytes()); },
                     [](const py::tuple& state) { return Learner::from_bytes(state[0].cast<py::bytes>()); }));
}

}  // namespace neurite_python
