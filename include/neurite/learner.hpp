// The embedded learner: every byte it uses lives in an arena the caller owns.
// No heap, no exceptions, no RTTI. Size the arena with arena_size(), then init().
#pragma once
#include <cstddef>
#include <cstdint>

#include "neurite/config.hpp"
#include "neurite/prediction.hpp"
#include "neurite/status.hpp"

namespace neurite {

namespace detail {
struct Engine;
struct Access;
struct Plan;
}  // namespace detail

class Learner {
 public:
  // Bytes of arena needed for a config; 0 when the config is invalid.
  static size_t arena_size(const Config& config);
  // Checks a config; on failure writes a message into `message` if given.
  static Status validate(const Config& config, char* message = nullptr, size_t message_size = 0);

  // Builds an empty learner inside `arena` (aligned to 16 bytes, at least arena_size()).
  Status init(const Config& config, void* arena, size_t arena_bytes);
  bool ready() const { return engine_ != nullptr; }
  const Config& config() const;

  // Classification: learns one labelled event; `id` receives its event id.
  Status learn(const float* features, size_t count, Label label, EventId* id = nullptr);
  // Regression: learns one event with `target_count` real targets.
  Status learn(const float* features, size_t count, const float* targets, size_t target_count,
               EventId* id = nullptr);
  // Novelty: learns one normal event.
  Status learn(const float* features, size_t count, EventId* id = nullptr);

  // Stores many events and rebuilds once (faster than one learn() per event).
  // Rows are contiguous; labels for classification, targets for regression, none for novelty.
  Status learn_batch(const float* rows, size_t row_count, size_t dim, const Label* labels,
                     const float* targets, EventId* first_id = nullptr);

  Status correct(EventId id, Label label);  // classification: change an event's label
  Status correct(EventId id, const float* targets, size_t target_count);  // regression
  Status remove(EventId id);                                              // delete one event
  Status forget(Label label);                                             // delete a class and all its events
  Status rebuild();  // full deterministic build from the store

  // When `outputs` is given: regression targets, or the calibrated probability of every
  // learned class in label order (classification; output_count == class_count()), or the
  // membership output (novelty).
  Status predict(const float* features, size_t count, Prediction* out, float* outputs = nullptr,
                 size_t output_count = 0);

  Stats stats() const;
  // Labels currently known, in ascending order.
  uint16_t class_count() const;
  Label class_label(uint16_t index) const;

  // Saving into a caller buffer: saved_size() first, then save().
  size_t saved_size() const;
  Status save(uint8_t* buffer, size_t capacity, size_t* written = nullptr) const;
  // Reads the config stored in model bytes, to size an arena before load().
  static Status read_config(const uint8_t* bytes, size_t size, Config* config, char* message = nullptr,
                            size_t message_size = 0);
  // Replaces this learner's state with the model in `bytes` (same config).
  // On failure the learner is left exactly as it was.
  Status load(const uint8_t* bytes, size_t size);

  // Detail of the last failure ("feature 12 is NaN"); empty after success.
  const char* last_error() const;

 private:
  Status init_with_plan(const Config& config, const detail::Plan& plan, void* arena, size_t arena_bytes);
  friend struct detail::Access;  // benchmarks' ablation hooks (src/core/experimental.hpp)
  detail::Engine* engine_ = nullptr;
};

}  // namespace neurite
