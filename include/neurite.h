/* neurite C API: the embedded learner for C and for bindings (CLI, Python,
 * firmware). The caller owns all memory: query neurite_arena_size(), then
 * neurite_init() into a buffer aligned to 16 bytes. No heap, no exceptions.
 * Every call returns a status; neurite_last_error() gives the detail. */
#ifndef NEURITE_H
#define NEURITE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct neurite_learner neurite_learner; /* opaque, lives in the arena */

typedef enum neurite_status {
  NEURITE_OK = 0,
  NEURITE_INVALID_CONFIG,
  NEURITE_DIMENSION_MISMATCH,
  NEURITE_NOT_FINITE,
  NEURITE_EMPTY_INPUT,
  NEURITE_UNKNOWN_LABEL,
  NEURITE_UNKNOWN_EVENT,
  NEURITE_CAPACITY_EXCEEDED,
  NEURITE_WRONG_PROBLEM,
  NEURITE_NO_MODEL,
  NEURITE_BAD_MAGIC,
  NEURITE_UNSUPPORTED_VERSION,
  NEURITE_TRUNCATED,
  NEURITE_CORRUPTED,
  NEURITE_CHECKSUM_MISMATCH,
  NEURITE_NUMERICAL_FAILURE
} neurite_status;

typedef enum neurite_problem {
  NEURITE_CLASSIFICATION = 0,
  NEURITE_NOVELTY = 1,
  NEURITE_REGRESSION = 2
} neurite_problem;

typedef enum neurite_strictness {
  NEURITE_STRICTNESS_OFF = 0,    /* never reject */
  NEURITE_STRICTNESS_LOW = 1,    /* 1 % of known inputs rejected */
  NEURITE_STRICTNESS_MEDIUM = 2, /* 3 % (default) */
  NEURITE_STRICTNESS_HIGH = 3,   /* 10 % */
  NEURITE_STRICTNESS_CUSTOM = 4  /* rejection_rate */
} neurite_strictness;

typedef struct neurite_config {
  neurite_problem problem;
  uint16_t dim;                  /* features per event */
  uint16_t outputs;              /* class capacity, or regression targets (novelty: 1) */
  uint32_t memory_bytes;         /* accuracy versus memory */
  neurite_strictness strictness; /* rejection */
  float rejection_rate;          /* with NEURITE_STRICTNESS_CUSTOM, in (0, 0.5] */
} neurite_config;

#define NEURITE_EVIDENCE 3

typedef struct neurite_prediction {
  int32_t label;     /* best class (classification) */
  int32_t unknown;   /* 1 when outside the known set at the configured strictness */
  float score;       /* probability of label; novelty/regression: unusualness 0..100 */
  float credibility; /* conformal p-value of belonging to the learned set */
  int32_t runner_up; /* second class */
  float margin;      /* best minus runner-up output */
  uint32_t nearest_event;
  float nearest_distance;
  uint32_t evidence_count;
  uint32_t evidence_event[NEURITE_EVIDENCE];
  float evidence_weight[NEURITE_EVIDENCE];
} neurite_prediction;

typedef struct neurite_stats {
  uint32_t events, event_capacity, unit_capacity;
  uint32_t classes, layers;
  uint32_t units[3];
  uint32_t arena_bytes, live_bytes, model_bytes;
  uint32_t builds, events_since_build, loo_errors;
  uint64_t last_build_flops;
} neurite_stats;

/* Defaults: classification, 32 outputs, 8 MiB, medium strictness; dim must be set. */
void neurite_config_default(neurite_config* config);
/* Checks a config; message (optional) receives the reason. */
neurite_status neurite_config_check(const neurite_config* config, char* message, size_t message_size);
/* 0..1 accuracy-versus-memory trade-off to a byte budget (16 KiB .. 64 MiB). */
uint32_t neurite_memory_for_tradeoff(float tradeoff);

size_t neurite_arena_size(const neurite_config* config); /* 0 if the config is invalid */
neurite_status neurite_init(const neurite_config* config, void* arena, size_t arena_bytes,
                            neurite_learner** learner);

neurite_status neurite_learn(neurite_learner* learner, const float* features, size_t count, int32_t label,
                             uint32_t* event_id);
neurite_status neurite_learn_target(neurite_learner* learner, const float* features, size_t count,
                                    const float* targets, size_t target_count, uint32_t* event_id);
neurite_status neurite_learn_normal(neurite_learner* learner, const float* features, size_t count,
                                    uint32_t* event_id);
/* Rows are contiguous; labels (classification) or targets (regression) or neither (novelty). */
neurite_status neurite_learn_batch(neurite_learner* learner, const float* rows, size_t row_count, size_t dim,
                                   const int32_t* labels, const float* targets, uint32_t* first_event_id);
neurite_status neurite_correct(neurite_learner* learner, uint32_t event_id, int32_t label);
neurite_status neurite_correct_target(neurite_learner* learner, uint32_t event_id, const float* targets,
                                      size_t target_count);
neurite_status neurite_remove(neurite_learner* learner, uint32_t event_id);
neurite_status neurite_forget(neurite_learner* learner, int32_t label);
neurite_status neurite_rebuild(neurite_learner* learner);

/* outputs (regression targets) may be NULL. */
neurite_status neurite_predict(neurite_learner* learner, const float* features, size_t count,
                               neurite_prediction* prediction, float* outputs, size_t output_count);

neurite_status neurite_get_stats(const neurite_learner* learner, neurite_stats* stats);
uint32_t neurite_class_count(const neurite_learner* learner);
int32_t neurite_class_label(const neurite_learner* learner, uint32_t index);
neurite_status neurite_get_config(const neurite_learner* learner, neurite_config* config);

size_t neurite_saved_size(const neurite_learner* learner);
neurite_status neurite_save(const neurite_learner* learner, uint8_t* buffer, size_t capacity,
                            size_t* written);
/* The config stored in model bytes, to size an arena before neurite_load(). */
neurite_status neurite_read_config(const uint8_t* bytes, size_t size, neurite_config* config, char* message,
                                   size_t message_size);
/* Replaces the learner's state; on failure it is left unchanged. */
neurite_status neurite_load(neurite_learner* learner, const uint8_t* bytes, size_t size);

const char* neurite_status_name(neurite_status status);
const char* neurite_status_message(neurite_status status);
const char* neurite_last_error(const neurite_learner* learner);

#ifdef __cplusplus
}
#endif

#endif /* NEURITE_H */
