// The support store, the class table and the calibration table.
#include <cfloat>
#include <cmath>
#include <cstring>

#include "engine.hpp"
#include "kernels.hpp"

namespace neurite::detail {

Status Engine::fail(Status status, const char* detail) {
  size_t i = 0;
  for (; detail != nullptr && detail[i] != '\0' && i + 1 < sizeof error_text; ++i) {
    error_text[i] = detail[i];
  }
  error_text[i] = '\0';
  return status;
}

uint16_t Engine::outputs() const {
  switch (config.problem) {
    case Problem::classification:
      return class_count;
    case Problem::regression:
      return config.outputs;
    case Problem::novelty:
      return 1;
  }
  return 1;
}

float Engine::event_scale(uint32_t index) const {
  return std::sqrt(store.weight[index]);
}

const float* Engine::event_row(uint32_t index, float* scratch) const {
  const uint32_t d = config.dim;
  const uint8_t* base = store.features + static_cast<uint64_t>(index) * d * feature_bytes;
  if (feature_bytes == 4) return reinterpret_cast<const float*>(base);
  const float offset = store.offset[index];
  const float step = store.scale[index];
  if (feature_bytes == 2) {
    const int16_t* q = reinterpret_cast<const int16_t*>(base);
    for (uint32_t j = 0; j < d; ++j) scratch[j] = offset + step * static_cast<float>(q[j]);
  } else {
    const int8_t* q = reinterpret_cast<const int8_t*>(base);
    for (uint32_t j = 0; j < d; ++j) scratch[j] = offset + step * static_cast<float>(q[j]);
  }
  return scratch;
}

float Engine::event_sqdist(const float* x, uint32_t index, const float* weights, float bound) const {
  const uint32_t d = config.dim;
  const uint8_t* base = store.features + static_cast<uint64_t>(index) * d * feature_bytes;
  if (!abandon) bound = kNoBound;
  if (feature_bytes == 4) return weighted_sqdist(x, reinterpret_cast<const float*>(base), weights, d, bound);
  // 16-bit rows decode into a scratch row (the same values the 8-bit kernel forms in flight).
  if (feature_bytes == 2) return weighted_sqdist(x, event_row(index, row_b), weights, d, bound);
  return weighted_sqdist_codes(x, reinterpret_cast<const int8_t*>(base), store.offset[index],
                               store.scale[index], weights, d, bound);
}

void Engine::encode_row(uint32_t index, const float* features) {
  const uint32_t d = config.dim;
  uint8_t* base = store.features + static_cast<uint64_t>(index) * d * feature_bytes;
  if (feature_bytes == 4) {
    std::memcpy(base, features, sizeof(float) * d);
    return;
  }
  // Per-event affine code: the event's own range maps onto the symmetric
  // integer range, so no feature range has to be known in advance.
  float lo = features[0], hi = features[0];
  for (uint32_t j = 1; j < d; ++j) {
    lo = features[j] < lo ? features[j] : lo;
    hi = features[j] > hi ? features[j] : hi;
  }
  const float levels = feature_bytes == 2 ? 32767.0f : 127.0f;
  const float offset = 0.5f * lo + 0.5f * hi;
  const float half = 0.5f * hi - 0.5f * lo;
  const float step = half > 0.0f ? half / levels : 1.0f;
  store.offset[index] = offset;
  store.scale[index] = step;
  for (uint32_t j = 0; j < d; ++j) {
    float t = (features[j] - offset) / step;
    t = t > levels ? levels : (t < -levels ? -levels : t);
    const int32_t q = static_cast<int32_t>(t >= 0.0f ? t + 0.5f : t - 0.5f);  // round half away
    if (feature_bytes == 2) {
      reinterpret_cast<int16_t*>(base)[j] = static_cast<int16_t>(q);
    } else {
      reinterpret_cast<int8_t*>(base)[j] = static_cast<int8_t>(q);
    }
  }
}

float Engine::balanced_weight(uint16_t klass, uint32_t count) const {
  // Every class carries the same total weight, whatever its number of events,
  // so that a class taught from a few events is not drowned by older ones.
  if (config.problem != Problem::classification) return 1.0f;
  uint32_t members = 0;
  for (uint32_t i = 0; i < store.count; ++i) members += store.klass[i] == klass ? 1u : 0u;
  if (members == 0) members = 1;
  return static_cast<float>(count) / (static_cast<float>(class_count) * static_cast<float>(members));
}

int32_t Engine::find_event(EventId id) const {
  uint32_t lo = 0, hi = store.count;
  while (lo < hi) {
    const uint32_t mid = (lo + hi) / 2;
    if (store.ids[mid] < id) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo < store.count && store.ids[lo] == id ? static_cast<int32_t>(lo) : -1;
}

int32_t Engine::find_class(Label label) const {
  for (uint16_t k = 0; k < class_count; ++k) {
    if (labels[k] == label) return k;
  }
  return -1;
}

Status Engine::insert_class(Label label, uint16_t* index) {
  if (class_count >= config.outputs) {
    return fail(Status::capacity_exceeded, "class table full: raise Config::outputs");
  }
  uint16_t at = 0;
  while (at < class_count && labels[at] < label) ++at;
  std::memmove(labels + at + 1, labels + at, sizeof(Label) * (class_count - at));
  labels[at] = label;
  ++class_count;
  shift_output_column(at, true);
  for (uint32_t i = 0; i < store.count; ++i) {
    if (store.klass[i] >= at) ++store.klass[i];
  }
  *index = at;
  return Status::ok;
}

void Engine::count_classes() const {
  for (uint16_t k = 0; k < class_count; ++k) tally[k] = 0;
  for (uint32_t i = 0; i < store.count; ++i) ++tally[store.klass[i]];
}

void Engine::erase_empty_classes() {
  if (config.problem != Problem::classification) return;
  count_classes();
  for (uint16_t k = class_count; k-- > 0;) {
    if (tally[k] == 0) erase_class(k);
  }
}

void Engine::erase_class(uint16_t index) {
  shift_output_column(index, false);
  std::memmove(labels + index, labels + index + 1, sizeof(Label) * (class_count - index - 1));
  --class_count;
  for (uint32_t i = 0; i < store.count; ++i) {
    if (store.klass[i] > index) --store.klass[i];
  }
}

namespace {

// Removes column `index` (or opens a zero column there) in `rows` rows of `stride` floats.
void shift_columns(float* base, uint64_t rows, uint32_t stride, uint32_t used, uint16_t index, bool insert) {
  for (uint64_t r = 0; r < rows; ++r) {
    float* row = base + r * stride;
    if (insert) {
      std::memmove(row + index + 1, row + index, sizeof(float) * (used - index));
      row[index] = 0.0f;
    } else {
      std::memmove(row + index, row + index + 1, sizeof(float) * (used - index - 1));
      row[used - 1] = 0.0f;
    }
  }
}

}  // namespace

void Engine::shift_output_column(uint16_t index, bool insert) {
  const uint32_t used = insert ? class_count - 1u : class_count;  // columns before the change
  for (uint8_t l = 0; l < layer_count; ++l) {
    shift_columns(layers[l].rhs, layers[l].count, stride, used, index, insert);
    shift_columns(layers[l].weights, layers[l].count, stride, used, index, insert);
  }
  if (plan.layers > 1) {
    shift_columns(store.held_out, static_cast<uint64_t>(store.count) * (plan.layers - 1), stride, used, index,
                  insert);
  }
}

uint32_t Engine::eviction_victim() const {
  if (config.problem != Problem::classification) return 0;  // oldest event
  // Oldest event of the most populous class: no class can vanish while
  // another holds more events, and within a class the stale events go first.
  count_classes();
  uint32_t best = 0;
  for (uint16_t k = 0; k < class_count; ++k) best = tally[k] > best ? tally[k] : best;
  for (uint32_t i = 0; i < store.count; ++i) {
    if (tally[store.klass[i]] == best) return i;  // first in arrival order = oldest
  }
  return 0;
}

namespace {

// Removes item `index` of an array of `count` items of `bytes` bytes (nullptr: no array).
void close_gap(void* base, size_t bytes, uint32_t index, uint32_t count) {
  if (base == nullptr) return;
  uint8_t* item = static_cast<uint8_t*>(base) + bytes * index;
  std::memmove(item, item + bytes, bytes * (count - index - 1));
}

}  // namespace

void Engine::erase_event(uint32_t index, bool keep_calibration) {
  if (keep_calibration) repair_nearest(index);
  calibration_erase(store.nonconformity[index]);
  const uint32_t n = store.count;
  close_gap(store.features, static_cast<size_t>(config.dim) * feature_bytes, index, n);
  close_gap(store.offset, sizeof(float), index, n);  // absent arrays (nullptr) are skipped
  close_gap(store.scale, sizeof(float), index, n);
  close_gap(store.klass, sizeof(uint16_t), index, n);
  close_gap(store.targets, sizeof(float) * stride, index, n);
  close_gap(store.ids, sizeof(EventId), index, n);
  close_gap(store.nonconformity, sizeof(float), index, n);
  close_gap(store.nearest, sizeof(uint32_t), index, n);
  close_gap(store.nearest_sqdist, sizeof(float), index, n);
  close_gap(store.confidence, sizeof(float), index, n);
  close_gap(store.weight, sizeof(float), index, n);
  close_gap(store.held_out, sizeof(float) * (plan.layers - 1u) * stride, index, n);
  --store.count;
  for (uint32_t i = 0; i < store.count; ++i) {
    if (store.nearest[i] != kNone && store.nearest[i] > index) --store.nearest[i];
  }
  for (uint8_t l = 0; l < layer_count; ++l) {
    for (uint32_t a = 0; a < layers[l].count; ++a) {
      if (layers[l].centre[a] > index) --layers[l].centre[a];
    }
  }
}

void Engine::calibration_insert(float value) {
  uint32_t at = 0;
  while (at < calibration_size && calibration[at] <= value) ++at;
  std::memmove(calibration + at + 1, calibration + at, sizeof(float) * (calibration_size - at));
  calibration[at] = value;
  ++calibration_size;
}

void Engine::calibration_erase(float value) {
  for (uint32_t at = 0; at < calibration_size; ++at) {
    if (calibration[at] == value) {
      std::memmove(calibration + at, calibration + at + 1, sizeof(float) * (calibration_size - at - 1));
      --calibration_size;
      return;
    }
  }
}

void Engine::refresh_score(uint32_t index) {
  const float score = score_of(index);
  if (score == store.nonconformity[index]) return;
  calibration_erase(store.nonconformity[index]);
  store.nonconformity[index] = score;
  calibration_insert(score);
}

void Engine::link_new_event(uint32_t index) {
  // dist[] holds the contour distances from the new event to the events before it.
  for (uint32_t i = 0; i < index; ++i) {
    if (dist[i] < store.nearest_sqdist[i]) {
      store.nearest[i] = index;
      store.nearest_sqdist[i] = dist[i];
      refresh_score(i);
    }
  }
}

void Engine::repair_nearest(uint32_t removed) {
  const uint32_t n = store.count;
  for (uint32_t i = 0; i < n; ++i) {
    if (i == removed || store.nearest[i] != removed) continue;
    store.nearest[i] = kNone;
    store.nearest_sqdist[i] = FLT_MAX;
    const float* xi = event_row(i, row_a);  // decoded once for all k
    for (uint32_t k = 0; k < n; ++k) {
      if (k == i || k == removed) continue;
      // Beyond the nearest so far the distance may stop early: it would not be taken.
      const float s = event_sqdist(xi, k, contour, store.nearest_sqdist[i]);
      if (s < store.nearest_sqdist[i]) {
        store.nearest_sqdist[i] = s;
        store.nearest[i] = k;
      }
    }
    flops += static_cast<uint64_t>(n) * config.dim;
    refresh_score(i);
  }
}

}  // namespace neurite::detail
