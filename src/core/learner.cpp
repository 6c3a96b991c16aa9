// Public API of the embedded learner: argument checks, then the engine.
#include "neurite/learner.hpp"

#include <cstring>

#include "engine.hpp"
#include "experimental.hpp"
#include "format.hpp"
#include "plan.hpp"
#include "text.hpp"

namespace neurite {

using detail::Engine;
using detail::Text;

namespace {

Status check_config(const Config& config, Text& why) {
  if (static_cast<uint8_t>(config.problem) > 2)
    return why.put("unknown problem type"), Status::invalid_config;
  if (config.dim == 0 || config.dim > kMaxDim) {
    why.put("dim must be 1..")
        .put(static_cast<uint32_t>(kMaxDim))
        .put(", got ")
        .put(static_cast<uint32_t>(config.dim));
    return Status::invalid_config;
  }
  if (config.outputs == 0 || config.outputs > kMaxOutputs) {
    why.put("outputs must be 1..")
        .put(static_cast<uint32_t>(kMaxOutputs))
        .put(", got ")
        .put(static_cast<uint32_t>(config.outputs));
    return Status::invalid_config;
  }
  if (static_cast<uint8_t>(config.strictness) > 4)
    return why.put("unknown strictness"), Status::invalid_config;
  if (config.strictness == Strictness::custom &&
      !(config.rejection_rate > 0.0f && config.rejection_rate <= 0.5f)) {
    return why.put("custom rejection rate must be in (0, 0.5]"), Status::invalid_config;
  }
  if (config.memory_bytes < kMinMemoryBytes) {
    why.put("memory budget must be at least ").put(static_cast<uint32_t>(kMinMemoryBytes)).put(" bytes");
    return Status::invalid_config;
  }
  if (detail::make_plan(config).units == 0) {
    why.put("memory budget of ").put(static_cast<uint32_t>(config.memory_bytes));
    why.put(" bytes cannot hold two events of ").put(static_cast<uint32_t>(config.dim)).put(" features");
    return Status::capacity_exceeded;
  }
  return Status::ok;
}

Status unknown_event(Engine& e, EventId id) {
  Text(e.error_text, sizeof e.error_text).put("no stored event has id ").put(static_cast<uint32_t>(id));
  return Status::unknown_event;
}

}  // namespace

size_t Learner::arena_size(const Config& config) {
  char scratch[8];
  Text why(scratch, sizeof scratch);
  if (check_config(config, why) != Status::ok) return 0;
  return detail::make_plan(config).bytes;
}

Status Learner::validate(const Config& config, char* message, size_t message_size) {
  char scratch[8];
  Text why(message ? message : scratch, message ? message_size : sizeof scratch);
  return check_config(config, why);
}

Status Learner::init(const Config& config, void* arena, size_t arena_bytes) {
  char message[8];
  Text why(message, sizeof message);
  if (check_config(config, why) != Status::ok) return Status::invalid_config;
  return init_with_plan(config, detail::make_plan(config), arena, arena_bytes);
}

Status Learner::init_with_plan(const Config& config, const detail::Plan& plan, void* arena,
                               size_t arena_bytes) {
  if (arena == nullptr || arena_bytes < plan.bytes) return Status::capacity_exceeded;
  if (reinterpret_cast<uintptr_t>(arena) % 16 != 0) return Status::invalid_config;
  Engine* engine = nullptr;
  detail::layout(config, plan, static_cast<uint8_t*>(arena), &engine);
  engine->config = config;
  engine->plan = plan;
  engine->clear_error();
  engine_ = engine;
  return Status::ok;
}

const Config& Learner::config() const {
  return engine_->config;
}

#define NEURITE_REQUIRE_ENGINE()                   \
  if (engine_ == nullptr) return Status::no_model; \
  engine_->clear_error()

Status Learner::learn(const float* features, size_t count, Label label, EventId* id) {
  NEURITE_REQUIRE_ENGINE();
  Status status = engine_->check_problem(Problem::classification);
  if (status == Status::ok) status = engine_->check_values(features, count, engine_->config.dim, "features");
  if (status != Status::ok) return status;
  return engine_->learn_event(features, &label, nullptr, id);
}

Status Learner::learn(const float* features, size_t count, const float* targets, size_t target_count,
                      EventId* id) {
  NEURITE_REQUIRE_ENGINE();
  Status status = engine_->check_problem(Problem::regression);
  if (status == Status::ok) status = engine_->check_values(features, count, engine_->config.dim, "features");
  if (status == Status::ok) {
    status = engine_->check_values(targets, target_count, engine_->config.outputs, "targets");
  }
  if (status != Status::ok) return status;
  return engine_->learn_event(features, nullptr, targets, id);
}

Status Learner::learn(const float* features, size_t count, EventId* id) {
  NEURITE_REQUIRE_ENGINE();
  Status status = engine_->check_problem(Problem::novelty);
  if (status == Status::ok) status = engine_->check_values(features, count, engine_->config.dim, "features");
  if (status != Status::ok) return status;
  return engine_->learn_event(features, nullptr, nullptr, id);
}

Status Learner::learn_batch(const float* rows, size_t row_count, size_t dim, const Label* labels,
                            const float* targets, EventId* first_id) {
  NEURITE_REQUIRE_ENGINE();
  Engine& e = *engine_;
  if (rows == nullptr || row_count == 0) return e.fail(Status::empty_input, "no rows given");
  if (dim != e.config.dim) {
    Text(e.error_text, sizeof e.error_text)
        .put("expected rows of ")
        .put(static_cast<uint32_t>(e.config.dim))
        .put(" features, got ")
        .put(static_cast<uint32_t>(dim));
    return Status::dimension_mismatch;
  }
  const bool want_labels = e.config.problem == Problem::classification;
  const bool want_targets = e.config.problem == Problem::regression;
  if (want_labels != (labels != nullptr) || want_targets != (targets != nullptr)) {
    return e.fail(Status::wrong_problem,
                  "give labels for classification, targets for regression, neither for novelty");
  }
  return e.learn_rows(rows, row_count, labels, targets, first_id);
}

Status Learner::correct(EventId id, Label label) {
  NEURITE_REQUIRE_ENGINE();
  Engine& e = *engine_;
  Status status = e.check_problem(Problem::classification);
  if (status != Status::ok) return status;
  const int32_t index = e.find_event(id);
  if (index < 0) return unknown_event(e, id);
  if (e.find_class(label) < 0 && e.class_count >= e.config.outputs) {
    return e.fail(Status::capacity_exceeded, "class table full: cannot add the corrected label");
  }
  return e.retarget(static_cast<uint32_t>(index), label, nullptr);
}

Status Learner::correct(EventId id, const float* targets, size_t target_count) {
  NEURITE_REQUIRE_ENGINE();
  Engine& e = *engine_;
  Status status = e.check_problem(Problem::regression);
  if (status == Status::ok) status = e.check_values(targets, target_count, e.config.outputs, "targets");
  if (status != Status::ok) return status;
  const int32_t index = e.find_event(id);
  if (index < 0) return unknown_event(e, id);
  return e.retarget(static_cast<uint32_t>(index), 0, targets);
}

Status Learner::remove(EventId id) {
  NEURITE_REQUIRE_ENGINE();
  Engine& e = *engine_;
  const int32_t index = e.find_event(id);
  if (index < 0) return unknown_event(e, id);
  Status status = e.remove_index(static_cast<uint32_t>(index));
  if (status == Status::ok && e.store.count == 0) status = e.build();
  return status;
}

Status Learner::forget(Label label) {
  NEURITE_REQUIRE_ENGINE();
  Engine& e = *engine_;
  Status status = e.check_problem(Problem::classification);
  if (status != Status::ok) return status;
  const int32_t klass = e.find_class(label);
  if (klass < 0) {
    Text(e.error_text, sizeof e.error_text).put("label ").put_signed(label).put(" has not been learned");
    return Status::unknown_label;
  }
  return e.forget_class(static_cast<uint16_t>(klass));
}

Status Learner::rebuild() {
  NEURITE_REQUIRE_ENGINE();
  return engine_->build();
}

Status Learner::predict(const float* features, size_t count, Prediction* out, float* outputs,
                        size_t output_count) {
  NEURITE_REQUIRE_ENGINE();
  Engine& e = *engine_;
  if (out == nullptr) return e.fail(Status::empty_input, "no prediction to fill");
  Status status = e.check_values(features, count, e.config.dim, "features");
  if (status != Status::ok) return status;
  if (outputs != nullptr && output_count != e.outputs()) {
    Text(e.error_text, sizeof e.error_text)
        .put("output buffer holds ")
        .put(static_cast<uint32_t>(output_count))
        .put(" values, the model has ")
        .put(static_cast<uint32_t>(e.outputs()));
    return Status::dimension_mismatch;
  }
  return e.predict(features, out, outputs);
}

Stats Learner::stats() const {
  Stats s;
  if (engine_ == nullptr) return s;
  const Engine& e = *engine_;
  s.events = e.store.count;
  s.event_capacity = e.plan.events;
  s.unit_capacity = e.plan.units;
  s.classes = e.class_count;
  s.layers = e.layer_count;
  uint64_t live = 0;
  for (uint8_t l = 0; l < e.layer_count; ++l) {
    s.units[l] = e.layers[l].count;
    const uint64_t m = e.layers[l].count;
    live += m * (m + 1) / 2 * 4 + m * (4 + 8ull * e.outputs());
  }
  live += static_cast<uint64_t>(e.store.count) *
          (4ull * e.config.dim + 12 + 4ull * e.outputs() * (e.plan.layers - 1u));
  s.arena_bytes = static_cast<uint32_t>(e.plan.bytes);
  s.live_bytes = static_cast<uint32_t>(live);
  s.model_bytes = static_cast<uint32_t>(detail::saved_size(e));
  s.builds = e.builds;
  s.events_since_build = e.events_since_build;
  s.last_build_flops = e.last_build_flops;
  s.loo_errors = e.loo_errors;
  return s;
}

uint16_t Learner::class_count() const {
  return engine_ ? engine_->class_count : 0;
}

Label Learner::class_label(uint16_t index) const {
  return engine_ && index < engine_->class_count ? engine_->labels[index] : 0;
}

size_t Learner::saved_size() const {
  return engine_ ? detail::saved_size(*engine_) : 0;
}

Status Learner::save(uint8_t* buffer, size_t capacity, size_t* written) const {
  if (engine_ == nullptr) return Status::no_model;
  const size_t size = detail::save(*engine_, buffer, capacity);
  if (written != nullptr) *written = size;
  return size == 0 ? Status::capacity_exceeded : Status::ok;
}

Status Learner::read_config(const uint8_t* bytes, size_t size, Config* config, char* message,
                            size_t message_size) {
  char scratch[8];
  return detail::read_header(bytes, size, config, message ? message : scratch,
                             message ? message_size : sizeof scratch);
}

Status Learner::load(const uint8_t* bytes, size_t size) {
  NEURITE_REQUIRE_ENGINE();
  return detail::load(*engine_, bytes, size);
}

const char* Learner::last_error() const {
  return engine_ ? engine_->error_text : "";
}

}  // namespace neurite

namespace neurite::detail {

void Access::set_depth_policy(Learner& learner, DepthPolicy policy) {
  learner.engine_->depth_policy = static_cast<uint8_t>(policy);
}

void Access::set_abandoning(Learner& learner, bool on) {
  learner.engine_->abandon = on;
}

uint8_t Access::depth_capacity(const Learner& learner) {
  return learner.engine_->plan.layers;
}

uint8_t Access::feature_bytes(const Learner& learner) {
  return learner.engine_->plan.feature_bytes;
}

size_t Access::arena_size_with_storage(const Config& config, uint8_t feature_bytes) {
  return Learner::arena_size(config) ? plan_with_storage(config, feature_bytes).bytes : 0;
}

Status Access::init_with_storage(Learner& learner, const Config& config, void* arena, size_t arena_bytes,
                                 uint8_t feature_bytes) {
  return learner.init_with_plan(config, plan_with_storage(config, feature_bytes), arena, arena_bytes);
}

}  // namespace neurite::detail
