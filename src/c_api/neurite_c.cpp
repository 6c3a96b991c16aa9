// C API over neurite::Learner. The learner handle sits at the start of the
// caller's arena, followed by the engine's own arena.
#include "neurite.h"

#include <new>

#include "neurite/learner.hpp"

using neurite::Learner;

static_assert(static_cast<int>(neurite::Status::numerical_failure) == NEURITE_NUMERICAL_FAILURE,
              "C and C++ status codes must match");
static_assert(static_cast<int>(neurite::Problem::regression) == NEURITE_REGRESSION, "problem codes");
static_assert(static_cast<int>(neurite::Strictness::custom) == NEURITE_STRICTNESS_CUSTOM, "strictness codes");

namespace {

constexpr size_t kHandleBytes = (sizeof(Learner) + 15) / 16 * 16;

neurite::Config to_cpp(const neurite_config& c) {
  neurite::Config out;
  out.problem = static_cast<neurite::Problem>(c.problem);
  out.dim = c.dim;
  out.outputs = c.outputs;
  out.memory_bytes = c.memory_bytes;
  out.strictness = static_cast<neurite::Strictness>(c.strictness);
  out.rejection_rate = c.rejection_rate;
  return out;
}

neurite_config to_c(const neurite::Config& c) {
  neurite_config out;
  out.problem = static_cast<neurite_problem>(c.problem);
  out.dim = c.dim;
  out.outputs = c.outputs;
  out.memory_bytes = c.memory_bytes;
  out.strictness = static_cast<neurite_strictness>(c.strictness);
  out.rejection_rate = c.rejection_rate;
  return out;
}

neurite_status to_c(neurite::Status s) {
  return static_cast<neurite_status>(s);
}

Learner* as_learner(neurite_learner* handle) {
  return reinterpret_cast<Learner*>(handle);
}
const Learner* as_learner(const neurite_learner* handle) {
  return reinterpret_cast<const Learner*>(handle);
}

}  // namespace

extern "C" {

void neurite_config_default(neurite_config* config) {
  if (config != nullptr) *config = to_c(neurite::Config{});
}

neurite_status neurite_config_check(const neurite_config* config, char* message, size_t message_size) {
  if (config == nullptr) return NEURITE_EMPTY_INPUT;
  return to_c(Learner::validate(to_cpp(*config), message, message_size));
}

uint32_t neurite_memory_for_tradeoff(float tradeoff) {
  return neurite::memory_for_tradeoff(tradeoff);
}

size_t neurite_arena_size(const neurite_config* config) {
  if (config == nullptr) return 0;
  const size_t engine = Learner::arena_size(to_cpp(*config));
  return engine == 0 ? 0 : kHandleBytes + engine;
}

neurite_status neurite_init(const neurite_config* config, void* arena, size_t arena_bytes,
                            neurite_learner** learner) {
  if (config == nullptr || learner == nullptr || arena == nullptr) return NEURITE_EMPTY_INPUT;
  if (arena_bytes < kHandleBytes) return NEURITE_CAPACITY_EXCEEDED;
  Learner* handle = new (arena) Learner();
  const neurite::Status status =
      handle->init(to_cpp(*config), static_cast<uint8_t*>(arena) + kHandleBytes, arena_bytes - kHandleBytes);
  if (status != neurite::Status::ok) return to_c(status);
  *learner = reinterpret_cast<neurite_learner*>(handle);
  return NEURITE_OK;
}

#define NEURITE_HANDLE(learner) \
  if ((learner) == nullptr) return NEURITE_NO_MODEL

neurite_status neurite_learn(neurite_learner* learner, const float* features, size_t count, int32_t label,
                             uint32_t* event_id) {
  NEURITE_HANDLE(learner);
  return to_c(as_learner(learner)->learn(features, count, label, event_id));
}

neurite_status neurite_learn_target(neurite_learner* learner, const float* features, size_t count,
                                    const float* targets, size_t target_count, uint32_t* event_id) {
  NEURITE_HANDLE(learner);
  return to_c(as_learner(learner)->learn(features, count, targets, target_count, event_id));
}

neurite_status neurite_learn_normal(neurite_learner* learner, const float* features, size_t count,
                                    uint32_t* event_id) {
  NEURITE_HANDLE(learner);
  return to_c(as_learner(learner)->learn(features, count, event_id));
}

neurite_status neurite_learn_batch(neurite_learner* learner, const float* rows, size_t row_count, size_t dim,
                                   const int32_t* labels, const float* targets, uint32_t* first_event_id) {
  NEURITE_HANDLE(learner);
  return to_c(as_learner(learner)->learn_batch(rows, row_count, dim, labels, targets, first_event_id));
}

neurite_status neurite_correct(neurite_learner* learner, uint32_t event_id, int32_t label) {
  NEURITE_HANDLE(learner);
  return to_c(as_learner(learner)->correct(event_id, label));
}

neurite_status neurite_correct_target(neurite_learner* learner, uint32_t event_id, const float* targets,
                                      size_t target_count) {
  NEURITE_HANDLE(learner);
  return to_c(as_learner(learner)->correct(event_id, targets, target_count));
}

neurite_status neurite_remove(neurite_learner* learner, uint32_t event_id) {
  NEURITE_HANDLE(learner);
  return to_c(as_learner(learner)->remove(event_id));
}

neurite_status neurite_forget(neurite_learner* learner, int32_t label) {
  NEURITE_HANDLE(learner);
  return to_c(as_learner(learner)->forget(label));
}

neurite_status neurite_rebuild(neurite_learner* learner) {
  NEURITE_HANDLE(learner);
  return to_c(as_learner(learner)->rebuild());
}

neurite_status neurite_predict(neurite_learner* learner, const float* features, size_t count,
                               neurite_prediction* prediction, float* outputs, size_t output_count) {
  NEURITE_HANDLE(learner);
  if (prediction == nullptr) return NEURITE_EMPTY_INPUT;
  neurite::Prediction p;
  const neurite::Status status = as_learner(learner)->predict(features, count, &p, outputs, output_count);
  if (status != neurite::Status::ok) return to_c(status);
  prediction->label = p.label;
  prediction->unknown = p.unknown ? 1 : 0;
  prediction->score = p.score;
  prediction->credibility = p.credibility;
  prediction->runner_up = p.runner_up;
  prediction->margin = p.margin;
  prediction->nearest_event = p.nearest_event;
  prediction->nearest_distance = p.nearest_distance;
  prediction->evidence_count = p.evidence_count;
  for (int k = 0; k < NEURITE_EVIDENCE; ++k) {
    prediction->evidence_event[k] = p.evidence[k].event;
    prediction->evidence_weight[k] = p.evidence[k].weight;
  }
  return NEURITE_OK;
}

neurite_status neurite_get_stats(const neurite_learner* learner, neurite_stats* stats) {
  NEURITE_HANDLE(learner);
  if (stats == nullptr) return NEURITE_EMPTY_INPUT;
  const neurite::Stats s = as_learner(learner)->stats();
  stats->events = s.events;
  stats->event_capacity = s.event_capacity;
  stats->unit_capacity = s.unit_capacity;
  stats->classes = s.classes;
  stats->layers = s.layers;
  for (int l = 0; l < 3; ++l) stats->units[l] = s.units[l];
  stats->arena_bytes = s.arena_bytes + static_cast<uint32_t>(kHandleBytes);
  stats->live_bytes = s.live_bytes;
  stats->model_bytes = s.model_bytes;
  stats->builds = s.builds;
  stats->events_since_build = s.events_since_build;
  stats->loo_errors = s.loo_errors;
  stats->last_build_flops = s.last_build_flops;
  return NEURITE_OK;
}

uint32_t neurite_class_count(const neurite_learner* learner) {
  return learner ? as_learner(learner)->class_count() : 0u;
}

int32_t neurite_class_label(const neurite_learner* learner, uint32_t index) {
  return learner && index <= 0xffffu ? as_learner(learner)->class_label(static_cast<uint16_t>(index)) : 0;
}

neurite_status neurite_get_config(const neurite_learner* learner, neurite_config* config) {
  NEURITE_HANDLE(learner);
  if (config == nullptr) return NEURITE_EMPTY_INPUT;
  *config = to_c(as_learner(learner)->config());
  return NEURITE_OK;
}

size_t neurite_saved_size(const neurite_learner* learner) {
  return learner ? as_learner(learner)->saved_size() : 0u;
}

neurite_status neurite_save(const neurite_learner* learner, uint8_t* buffer, size_t capacity,
                            size_t* written) {
  NEURITE_HANDLE(learner);
  return to_c(as_learner(learner)->save(buffer, capacity, written));
}

neurite_status neurite_read_config(const uint8_t* bytes, size_t size, neurite_config* config, char* message,
                                   size_t message_size) {
  neurite::Config c;
  const neurite::Status status = Learner::read_config(bytes, size, &c, message, message_size);
  if (status == neurite::Status::ok && config != nullptr) *config = to_c(c);
  return to_c(status);
}

neurite_status neurite_load(neurite_learner* learner, const uint8_t* bytes, size_t size) {
  NEURITE_HANDLE(learner);
  return to_c(as_learner(learner)->load(bytes, size));
}

const char* neurite_status_name(neurite_status status) {
  return neurite::status_name(static_cast<neurite::Status>(status));
}

const char* neurite_status_message(neurite_status status) {
  return neurite::status_message(static_cast<neurite::Status>(status));
}

const char* neurite_last_error(const neurite_learner* learner) {
  return learner ? as_learner(learner)->last_error() : "no learner";
}

}  // extern "C"
