/* Not part of the public C API: the storage precision, for the float-oracle
 * comparisons of the device path (tools/run_sequence, tests). The memory plan
 * chooses how events are stored (float32, 16-bit or 8-bit codes); these make a
 * learner with the same capacities but another precision. */
#ifndef NEURITE_EXPERIMENTAL_H
#define NEURITE_EXPERIMENTAL_H

#include "neurite.h"

#ifdef __cplusplus
extern "C" {
#endif

/* feature_bytes: 4 (float32), 2 or 1 (codes); 0 if the config is invalid. */
size_t neurite_arena_size_with_storage(const neurite_config* config, uint8_t feature_bytes);
neurite_status neurite_init_with_storage(const neurite_config* config, uint8_t feature_bytes, void* arena,
                                         size_t arena_bytes, neurite_learner** learner);
/* Bytes per stored feature the learner uses: 4, 2 or 1. */
uint8_t neurite_feature_bytes(const neurite_learner* learner);

#ifdef __cplusplus
}
#endif

#endif /* NEURITE_EXPERIMENTAL_H */
