// Internal state of a learner. Every pointer points into the caller's arena.
#pragma once
#include <cstddef>
#include <cstdint>

#include "neurite/config.hpp"
#include "neurite/prediction.hpp"
#include "neurite/status.hpp"

namespace neurite::detail {

constexpr uint32_t kNone = 0xffffffffu;  // "no event"

// Capacities derived from the memory setting; see plan.cpp.
struct Plan {
  uint32_t events = 0;        // support store capacity (N_max)
  uint32_t units = 0;         // units per layer (M_max)
  uint8_t layers = 0;         // depth capacity
  uint8_t feature_bytes = 4;  // stored feature precision: 4 (float), 2 or 1 (per-event affine)
  size_t bytes = 0;           // arena bytes
};

Plan make_plan(const Config& config);
// The same capacities with another storage precision (float oracle of a device model).
Plan plan_with_storage(const Config& config, uint8_t feature_bytes);

// The support store: events in arrival order (ids increase with position).
struct Store {
  uint32_t count = 0;
  uint8_t* features = nullptr;  // capacity x dim x feature_bytes
  float* offset = nullptr;      // per event, quantized storage: x = offset + scale * q
  float* scale = nullptr;
  uint16_t* klass = nullptr;  // class index per event (classification)
  float* targets = nullptr;   // capacity x outputs (regression)
  EventId* ids = nullptr;
  float* nonconformity = nullptr;  // held-out rejection score per event (derived, see score_of)
  uint32_t* nearest = nullptr;     // nearest other stored event in the contour metric (kNone: none)
  float* nearest_sqdist = nullptr;
  float* confidence = nullptr;  // 1 / (1 + clipped top output), held out
  float* weight = nullptr;      // least-squares weight (class balance), fixed on arrival
  float* held_out = nullptr;    // capacity x (layers-1) x outputs: inputs of deeper layers
};

// One functional layer: units centred on stored events, with a shared support
// radius, and the ridge solve that gives their output weights.
struct Layer {
  uint32_t count = 0;
  float radius = 1.0f;
  float beta2 = 0.0f;          // weight of the previous layer's outputs in the distance
  uint32_t* centre = nullptr;  // store index of each unit's event
  float* chol = nullptr;       // packed Cholesky factor of G = Phi^T Phi + lambda (K + eps I)
  float* rhs = nullptr;        // B = Phi^T Y, units x outputs
  float* weights = nullptr;    // W = G^-1 B, units x outputs
};

struct Engine {
  Config config;
  Plan plan;
  uint32_t stride = 0;  // floats per output row (outputs capacity)

  uint16_t class_count = 0;
  Label* labels = nullptr;       // sorted ascending
  float* metric = nullptr;       // per-feature weights of the units' distance
  float* contour = nullptr;      // per-feature weights of the contour (rejection) distance
  float contour_scale = 1.0f;    // RMS distance between events in the contour metric
  bool shared_metric = true;     // contour and units use the same weights
  float* target_mean = nullptr;  // regression standardisation
  float* target_scale = nullptr;
  float temperature = 1.0f;  // probability calibration
  float radius0 = 1.0f;      // layer-0 radius, scales the rejection score

  Store store;
  Layer layers[kMaxLayers];
  uint8_t layer_count = 0;
  uint8_t depth_policy = 0;      // ablation hook (experimental.hpp); 0 is the documented rule
  bool abandon = true;           // distance sums may stop early (test hook: off gives the same bits)
  float* calibration = nullptr;  // nonconformity of stored events, sorted ascending
  uint32_t calibration_size = 0;

  // Scratch (contents never outlive a call).
  float* work = nullptr;          // units x events: Z = L^-1 Phi^T during builds
  float* dist = nullptr;          // events
  float* column = nullptr;        // events
  float* fitted = nullptr;        // events x stride: in-sample outputs
  float* leverage = nullptr;      // events
  float* error = nullptr;         // events
  uint32_t* order = nullptr;      // events
  uint8_t* flags = nullptr;       // events
  float* unit_tmp = nullptr;      // units x max(stride, 2)
  float* unit_vec = nullptr;      // units
  float* unit_vec2 = nullptr;     // units
  float* layer_out = nullptr;     // layers x stride
  uint32_t* tally = nullptr;      // stride: events per class
  float* feature_tmp = nullptr;   // dim
  float* feature_tmp2 = nullptr;  // dim
  float* row_a = nullptr;         // dim: a decoded stored row (quantized storage only)
  float* row_b = nullptr;         // dim: a second one (16-bit storage)

  EventId next_id = 1;
  uint32_t events_at_build = 0;
  uint32_t events_since_build = 0;
  uint32_t surprises_since_build = 0;  // events the network got wrong on arrival
  bool solver_ready = true;            // chol/rhs match the store (false after load)
  uint32_t builds = 0;
  uint32_t loo_errors = 0;
  float last_press = 0.0f;  // leave-one-out squared error of the last loo_pass
  uint64_t flops = 0;
  uint64_t last_build_flops = 0;
  char error_text[160];

  // --- helpers shared by the verbs (defined across the engine_*.cpp files) ---
  Status fail(Status status, const char* detail);
  void clear_error() { error_text[0] = '\0'; }
  uint16_t outputs() const;  // outputs in use now
  uint8_t feature_bytes = 4;
  // A stored event's features as floats: a pointer into the store, or decoded into `scratch`.
  const float* event_row(uint32_t index, float* scratch) const;
  // Weighted squared distance from x to a stored event, decoding codes on the fly;
  // a result above `bound` may be a partial sum (see weighted_sqdist).
  float event_sqdist(const float* x, uint32_t index, const float* weights, float bound) const;
  // Encodes features into the store slot `index` (quantizing when the plan says so).
  void encode_row(uint32_t index, const float* features);
  float* held_out_row(uint32_t index, uint32_t layer) const {
    return store.held_out + (static_cast<uint64_t>(index) * (plan.layers - 1) + layer) * stride;
  }
  // Square root of an event's least-squares weight.
  float event_scale(uint32_t index) const;
  // Class-balancing weight an event of class `klass` gets among `count` events.
  float balanced_weight(uint16_t klass, uint32_t count) const;

  // Standardised target value of a stored event.
  float target(uint32_t index, uint32_t output) const {
    switch (config.problem) {
      case Problem::classification:
        return store.klass[index] == output ? 1.0f : 0.0f;
      case Problem::regression:
        return (store.targets[static_cast<uint64_t>(index) * stride + output] - target_mean[output]) /
               target_scale[output];
      case Problem::novelty:
        return 1.0f;
    }
    return 0.0f;
  }
  // acc[k] += scale * target(index, k) for every output; classification adds
  // only the true class (adding scale * 0 would not change a bit).
  void accumulate_target(float* acc, float scale, uint32_t index) const {
    if (config.problem == Problem::classification) {
      acc[store.klass[index]] += scale;
      return;
    }
    const uint32_t width = outputs();
    for (uint32_t k = 0; k < width; ++k) acc[k] += scale * target(index, k);
  }

  // Validation and the event verbs.
  Status check_values(const float* values, size_t count, size_t expected, const char* what);
  Status check_problem(Problem expected);
  Status learn_event(const float* features, const Label* label, const float* targets, EventId* id);
  Status learn_rows(const float* rows, size_t row_count, const Label* labels, const float* targets,
                    EventId* first_id);
  Status retarget(uint32_t index, Label label, const float* targets);
  Status forget_class(uint16_t klass);
  void append_event(const float* features, uint16_t klass, const float* targets);
  bool needs_unit(uint32_t layer, const float* before, uint32_t event) const;
  // Classification: output of class `truth` minus the best other one (FLT_MAX with one class).
  float margin(const float* out, uint32_t truth) const;
  void add_event_rhs(uint32_t layer, const float* phi, uint32_t event, float sign);

  // Store and classes.
  int32_t find_event(EventId id) const;
  int32_t find_class(Label label) const;
  Status insert_class(Label label, uint16_t* index);
  void erase_class(uint16_t index);
  void count_classes() const;  // events per class into tally
  void erase_empty_classes();  // classification: classes without events go
  uint32_t eviction_victim() const;
  void erase_event(uint32_t index, bool keep_calibration = true);  // store only
  void calibration_insert(float value);
  void calibration_erase(float value);

  // Geometry.
  float layer_sqdist(uint32_t layer, float feature_sqdist, const float* previous, uint32_t event) const;
  float activation(uint32_t layer, float sqdist) const;
  // Between stored events; `features_a` is event a's decoded row.
  float pair_sqdist(uint32_t layer, const float* features_a, uint32_t a, uint32_t b) const;
  // Activations of a unit centred on `event` at every stored event.
  void event_column(uint32_t layer, uint32_t event, float* out) const;
  void event_activations(uint32_t layer, uint32_t event, float* phi);
  // `link`: dist[] must serve link_new_event (the input is being learned).
  void input_forward(const float* features, float* outputs_per_layer, float* phi_last, uint32_t* nearest,
                     float* nearest_sqdist, bool link);

  // Incremental solve.
  Status ensure_solver();
  void solve_weights(uint32_t layer);
  bool add_unit_incremental(uint32_t layer, uint32_t event);
  void remove_unit(uint32_t layer, uint32_t unit);
  bool update_event(uint32_t layer, const float* phi, uint32_t event, float sign);
  // A zero output column opened at `index` (insert) or removed, in the solver's
  // right-hand sides and weights and the held-out outputs (class tables).
  void shift_output_column(uint16_t index, bool insert);
  Status remove_index(uint32_t index);

  // Full build.
  Status build();
  void compute_metric();
  // Mean of a class's events (klass -1: all) into `mean`; adds their squared
  // deviations to `spread` when given. Returns the number of events.
  uint32_t accumulate_spread(int32_t klass, float* mean, float* spread);
  float radius_factor() const;         // support radius in RMS inter-event distances
  uint32_t seed_event(int32_t klass);  // -1: all events
  uint32_t grow_layer(uint32_t layer);
  uint32_t finish_layer(uint32_t layer);  // grow, solve, exact LOO; returns LOO errors
  void exclude_own_units(uint32_t layer);
  void truncate_layer(uint32_t layer, uint32_t count);
  bool append_unit(uint32_t layer, uint32_t event, bool track);
  uint32_t loo_pass(uint32_t layer, float* out, uint64_t out_stride);
  uint32_t try_deeper_layer(uint32_t errors);
  void calibrate();
  void measure_pair(uint32_t i, uint32_t j, const float* xi, const float* xj);  // calibrate's nearest records
  float fit_temperature();

  float nonconformity(float nearest_sqdist, const float* outputs) const;
  float top_output(const float* out) const;  // the largest output in use
  float confidence_factor(const float* outputs) const;
  float score_of(uint32_t index) const;   // from nearest_sqdist and confidence
  void refresh_score(uint32_t index);     // recompute and re-file in the calibration table
  void link_new_event(uint32_t index);    // stored events now nearer to it (uses dist)
  void repair_nearest(uint32_t removed);  // events whose nearest event goes away
  // Candidate `other` at squared distance s for event k's nearest-event record:
  // the nearest wins, ties go to the event stored first.
  void offer_nearest(uint32_t k, uint32_t other, float s);
  float class_probability(const float* out_row, uint32_t klass) const;
  float rejection_alpha() const;
  float credibility(float score) const;
  Status predict(const float* features, Prediction* out, float* targets_out);
  void fill_prediction(const float* outputs, uint32_t nearest, float nearest_sqdist, const float* phi_last,
                       Prediction* out) const;
};

}  // namespace neurite::detail
