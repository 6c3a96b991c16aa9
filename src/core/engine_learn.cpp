// The event verbs: learn, learn a batch, correct, remove, forget. Each one
// validates everything before it changes anything.
#include <cfloat>
#include <cmath>
#include <cstring>

#include "constants.hpp"
#include "engine.hpp"
#include "text.hpp"

namespace neurite::detail {
namespace {

constexpr float kLargestFeature = 1e15f;  // keeps squared distances finite

}  // namespace

Status Engine::check_values(const float* values, size_t count, size_t expected, const char* what) {
  Text text(error_text, sizeof error_text);
  if (values == nullptr || count == 0) {
    text.put(what).put(" are empty");
    return Status::empty_input;
  }
  if (count != expected) {
    text.put("expected ").put(static_cast<uint32_t>(expected)).put(" ").put(what).put(", got ");
    text.put(static_cast<uint32_t>(count));
    return Status::dimension_mismatch;
  }
  for (size_t j = 0; j < count; ++j) {
    const float v = values[j];
    if (std::isnan(v) || std::isinf(v) || std::fabs(v) > kLargestFeature) {
      text.put(what).put(" ").put(static_cast<uint32_t>(j));
      text.put(std::isnan(v) ? " is NaN" : std::isinf(v) ? " is infinite" : " exceeds 1e15 in magnitude");
      return Status::not_finite;
    }
  }
  return Status::ok;
}

Status Engine::check_problem(Problem expected) {
  if (config.problem == expected) return Status::ok;
  static const char* const kNames[] = {"classification", "novelty", "regression"};
  Text text(error_text, sizeof error_text);
  text.put("this verb is for ").put(kNames[static_cast<int>(expected)]).put(", the model does ");
  text.put(kNames[static_cast<int>(config.problem)]);
  return Status::wrong_problem;
}

float Engine::margin(const float* out, uint32_t truth) const {
  const uint32_t width = outputs();
  float other = -FLT_MAX;
  for (uint32_t k = 0; k < width; ++k) {
    if (k != truth && out[k] > other) other = out[k];
  }
  return width > 1 ? out[truth] - other : FLT_MAX;
}

bool Engine::needs_unit(uint32_t layer, const float* before, uint32_t event) const {
  const uint32_t width = outputs();
  if (layers[layer].count == 0) return true;
  if (config.problem == Problem::classification) return margin(before, store.klass[event]) < kMarginTolerance;
  const float tolerance = config.problem == Problem::regression ? kRegressionTolerance : kNoveltyTolerance;
  for (uint32_t k = 0; k < width; ++k) {
    if (std::fabs(target(event, k) - before[k]) > tolerance) return true;
  }
  return false;
}

void Engine::append_event(const float* features, uint16_t klass, const float* targets) {
  const uint32_t index = store.count;
  encode_row(index, features);
  if (store.klass != nullptr) store.klass[index] = klass;
  if (store.targets != nullptr) {
    std::memcpy(store.targets + static_cast<uint64_t>(index) * stride, targets,
                sizeof(float) * config.outputs);
  }
  store.ids[index] = next_id++;
  store.nonconformity[index] = FLT_MAX;
  store.nearest[index] = kNone;
  store.nearest_sqdist[index] = FLT_MAX;
  store.confidence[index] = 1.0f;
  store.weight[index] = 1.0f;
  for (uint32_t l = 0; l + 1u < plan.layers; ++l) {
    float* held = held_out_row(index, l);
    for (uint32_t k = 0; k < stride; ++k) held[k] = 0.0f;
  }
  store.count = index + 1;
}

Status Engine::learn_event(const float* features, const Label* label, const float* targets, EventId* id) {
  int32_t klass = -1;
  if (label != nullptr) {
    klass = find_class(*label);
    if (klass < 0 && class_count >= config.outputs) {
      Text(error_text, sizeof error_text)
          .put("class table full (")
          .put(static_cast<uint32_t>(config.outputs))
          .put(" classes): cannot add label ")
          .put_signed(*label);
      return Status::capacity_exceeded;
    }
  }
  Status status = ensure_solver();
  if (status != Status::ok) return status;
  if (store.count >= plan.events) {
    status = remove_index(eviction_victim());
    if (status != Status::ok) return status;
  }
  if (label != nullptr) {
    klass = find_class(*label);
    if (klass < 0) {
      uint16_t inserted = 0;
      insert_class(*label, &inserted);
      klass = inserted;
    }
  }
  // Held-out pass: what the network says before it learns this event. It
  // feeds deeper layers, the refinement test and the rejection calibration.
  const bool has_neighbours = store.count > 0;
  uint32_t nearest = kNone;
  float nearest_sqdist = FLT_MAX;
  if (has_neighbours) input_forward(features, layer_out, nullptr, &nearest, &nearest_sqdist, true);
  append_event(features, static_cast<uint16_t>(klass < 0 ? 0 : klass), targets);
  const uint32_t index = store.count - 1;
  store.nearest[index] = nearest;
  store.nearest_sqdist[index] = nearest_sqdist;
  if (layer_count > 0) {
    store.confidence[index] = confidence_factor(layer_out + static_cast<uint64_t>(layer_count - 1) * stride);
  }
  store.nonconformity[index] = score_of(index);
  store.weight[index] = balanced_weight(store.klass ? store.klass[index] : 0, store.count);
  calibration_insert(store.nonconformity[index]);
  if (has_neighbours) link_new_event(index);
  for (uint32_t l = 0; l + 1u < layer_count; ++l) {
    std::memcpy(held_out_row(index, l), layer_out + static_cast<uint64_t>(l) * stride,
                sizeof(float) * stride);
  }
  for (uint32_t l = 0; l < layer_count; ++l) {
    event_activations(l, index, unit_vec2);
    update_event(l, unit_vec2, index, 1.0f);
    const bool surprised = needs_unit(l, layer_out + static_cast<uint64_t>(l) * stride, index);
    if (surprised) add_unit_incremental(l, index);
    if (surprised && l + 1u == layer_count) ++surprises_since_build;
    solve_weights(l);
  }
  if (id != nullptr) *id = store.ids[index];
  ++events_since_build;
  // Rebuild on schedule (the store doubled since the last build), or early
  // when the world seems to have changed: many events arrived unresolved.
  const uint32_t scheduled = events_at_build > 0 ? events_at_build : 1u;
  const uint32_t surprising = events_at_build / 8 > 4 ? events_at_build / 8 : 4u;
  if (events_since_build >= scheduled || surprises_since_build >= surprising) return build();
  return Status::ok;
}

Status Engine::learn_rows(const float* rows, size_t row_count, const Label* labels_in, const float* targets,
                          EventId* first_id) {
  const uint32_t d = config.dim;
  const uint32_t width = config.outputs;
  // Validate every row and count new labels before changing anything.
  for (size_t r = 0; r < row_count; ++r) {
    Status status = check_values(rows + r * d, d, d, "features");
    if (status == Status::ok && targets != nullptr) {
      status = check_values(targets + r * width, width, width, "targets");
    }
    if (status != Status::ok) {
      char detail[sizeof error_text];
      std::memcpy(detail, error_text, sizeof detail);
      Text(error_text, sizeof error_text).put("row ").put(static_cast<uint32_t>(r)).put(": ").put(detail);
      return status;
    }
  }
  if (labels_in != nullptr) {
    uint32_t fresh = 0;
    for (size_t r = 0; r < row_count; ++r) {
      bool seen = find_class(labels_in[r]) >= 0;
      for (size_t q = 0; q < r && !seen; ++q) seen = labels_in[q] == labels_in[r];
      fresh += seen ? 0u : 1u;
      if (class_count + fresh > config.outputs) {
        Text(error_text, sizeof error_text)
            .put("class table full (")
            .put(static_cast<uint32_t>(config.outputs))
            .put(" classes): cannot add label ")
            .put_signed(labels_in[r]);
        return Status::capacity_exceeded;
      }
    }
  }
  layer_count = 0;  // the network is rebuilt from the store below
  for (size_t r = 0; r < row_count; ++r) {
    if (store.count >= plan.events) erase_event(eviction_victim(), false);
    uint16_t klass = 0;
    if (labels_in != nullptr) {
      int32_t found = find_class(labels_in[r]);
      if (found < 0) {
        insert_class(labels_in[r], &klass);
      } else {
        klass = static_cast<uint16_t>(found);
      }
    }
    append_event(rows + r * d, klass, targets ? targets + r * width : nullptr);
    calibration_insert(FLT_MAX);
    if (r == 0 && first_id != nullptr) *first_id = store.ids[store.count - 1];
  }
  return build();
}

void Engine::add_event_rhs(uint32_t layer, const float* phi, uint32_t event, float sign) {
  Layer& net = layers[layer];
  for (uint32_t a = 0; a < net.count; ++a) {
    if (phi[a] == 0.0f) continue;
    accumulate_target(net.rhs + static_cast<uint64_t>(a) * stride, sign * store.weight[event] * phi[a],
                      event);
  }
}

Status Engine::retarget(uint32_t index, Label label, const float* targets) {
  Status status = ensure_solver();
  if (status != Status::ok) return status;
  uint16_t klass = 0;
  if (config.problem == Problem::classification) {
    const int32_t found = find_class(label);
    if (found < 0) {
      insert_class(label, &klass);
    } else {
      klass = static_cast<uint16_t>(found);
    }
    if (klass == store.klass[index]) return Status::ok;
  }
  for (uint32_t l = 0; l < layer_count; ++l) {
    event_activations(l, index, unit_vec2);
    add_event_rhs(l, unit_vec2, index, -1.0f);
  }
  if (config.problem == Problem::classification) {
    store.klass[index] = klass;
  } else {
    std::memcpy(store.targets + static_cast<uint64_t>(index) * stride, targets,
                sizeof(float) * config.outputs);
  }
  for (uint32_t l = 0; l < layer_count; ++l) {
    event_activations(l, index, unit_vec2);
    add_event_rhs(l, unit_vec2, index, 1.0f);
  }
  erase_empty_classes();
  for (uint32_t l = 0; l < layer_count; ++l) solve_weights(l);
  return Status::ok;
}

Status Engine::forget_class(uint16_t klass) {
  layer_count = 0;  // rebuilt below
  for (uint32_t i = store.count; i-- > 0;) {
    if (store.klass[i] == klass) erase_event(i, false);
  }
  erase_class(klass);
  return build();
}

}  // namespace neurite::detail
