// What a prediction and the model statistics report.
#pragma once
#include <cstdint>

#include "neurite/config.hpp"

namespace neurite {

constexpr int kEvidenceCount = 3;

struct Evidence {
  EventId event = 0;    // stored event at the centre of a unit that fired
  float weight = 0.0f;  // its contribution to the winning output
};

struct Prediction {
  Label label = 0;      // best class (classification only)
  bool unknown = true;  // outside the known set at the configured strictness
  // Classification: calibrated probability of `label` (temperature-scaled on
  // leave-one-out outputs). Novelty: anomaly score 0..100. Regression: the
  // credibility as a percentage.
  float score = 0.0f;
  // Conformal p-value that the input belongs to the learned set, in (0, 1].
  float credibility = 0.0f;
  Label runner_up = 0;  // second class (classification, when there are two)
  float margin = 0.0f;  // best minus runner-up network output
  EventId nearest_event = 0;
  float nearest_distance = 0.0f;  // in the learned metric
  uint8_t evidence_count = 0;
  Evidence evidence[kEvidenceCount];
};

struct Stats {
  uint32_t events = 0;          // stored events
  uint32_t event_capacity = 0;  // store capacity from the memory setting
  uint32_t unit_capacity = 0;   // units per layer from the memory setting
  uint16_t classes = 0;
  uint8_t layers = 0;
  uint32_t units[kMaxLayers] = {0, 0, 0};
  uint32_t arena_bytes = 0;  // memory reserved (the budget actually used)
  uint32_t live_bytes = 0;   // bytes holding learned state now
  uint32_t model_bytes = 0;  // size of the saved model
  uint32_t builds = 0;       // full rebuilds since creation or load
  uint32_t events_since_build = 0;
  uint64_t last_build_flops = 0;  // counted multiply-adds of the last rebuild
  uint32_t loo_errors = 0;        // leave-one-out errors at the last rebuild
};

}  // namespace neurite
