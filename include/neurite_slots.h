/* Power-cut-safe persistence of a learner in flash: two slots, each a header
 * (sequence number, length, CRCs) after the model bytes. A save writes the
 * slot not holding the newest model: erase, model bytes, then the header last,
 * which commits it. A cut anywhere leaves the previous model intact and
 * loadable; a load takes the newest slot whose checks pass. Plain C, no heap. */
#ifndef NEURITE_SLOTS_H
#define NEURITE_SLOTS_H

#include "neurite.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A flash-like byte device holding two slots of slot_bytes each. Erase sets a
 * slot to 0xFF; program can only clear bits (NOR flash); slots are readable
 * in place (memory-mapped flash; map external flash into RAM). Callbacks
 * return 0 on success. */
typedef struct neurite_flash {
  void* context;
  uint32_t slot_bytes;
  int (*erase)(void* context, uint32_t slot);
  int (*program)(void* context, uint32_t slot, uint32_t offset, const uint8_t* data, uint32_t size);
  const uint8_t* (*map)(void* context, uint32_t slot);
} neurite_flash;

#define NEURITE_SLOT_HEADER_BYTES 20u

typedef struct neurite_slot_info {
  uint32_t slot;        /* 0 or 1 */
  uint32_t sequence;    /* increases with every save (wraps around) */
  const uint8_t* model; /* the model bytes, in place in the slot */
  uint32_t model_size;
} neurite_slot_info;

/* The newest slot whose header and model checksums pass; NEURITE_NO_MODEL if none.
 * Use its model with neurite_read_config() to size the arena before loading. */
neurite_status neurite_slots_newest(const neurite_flash* flash, neurite_slot_info* info);
/* Loads the newest valid model; if the learner refuses it, the older slot. */
neurite_status neurite_slots_load(neurite_learner* learner, const neurite_flash* flash,
                                  neurite_slot_info* info);
/* Saves the learner into the other slot, through `scratch` (neurite_saved_size()
 * bytes). NEURITE_CAPACITY_EXCEEDED if scratch or slot is too small;
 * NEURITE_CORRUPTED if the flash fails or does not read back what was written. */
neurite_status neurite_slots_save(const neurite_learner* learner, const neurite_flash* flash,
                                  uint8_t* scratch, size_t scratch_bytes, neurite_slot_info* info);

#ifdef __cplusplus
}
#endif

#endif /* NEURITE_SLOTS_H */
