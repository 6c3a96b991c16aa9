/* Code size probe. Built four times: without the engine (the baseline:
 * startup, semihosting, this main), with the set-up only (PROBE_SETUP: config
 * check, memory plan, arena layout), with the engine's verbs learn, predict
 * (with rejection) and rebuild (PROBE_ENGINE), and with every verb of the C
 * API (PROBE_ALL_VERBS). Differences in flash bytes are the sizes.
 * Inputs come from volatile memory so that nothing is folded away. */
#include <stddef.h>
#include <stdint.h>

#include "neurite.h"
#include "semihost.h"

static volatile float input[16];
static volatile int32_t label;
static float features[16];
static uint8_t arena[32768] __attribute__((aligned(16)));

int main(void) {
  for (int k = 0; k < 16; ++k) features[k] = input[k];
#if defined(PROBE_ENGINE) || defined(PROBE_SETUP)
  neurite_config config;
  neurite_config_default(&config);
  config.dim = 16;
  config.outputs = 4;
  config.memory_bytes = sizeof arena;
  neurite_learner* learner = NULL;
  neurite_prediction prediction;
  if (neurite_init(&config, arena, sizeof arena, &learner) != NEURITE_OK) return 1;
#ifdef PROBE_ENGINE
  neurite_learn(learner, features, 16, label, NULL);
  neurite_rebuild(learner);
  neurite_predict(learner, features, 16, &prediction, NULL, 0);
  label = prediction.label;
#else
  (void)prediction;
  label = (int32_t)(uintptr_t)learner;
#endif
#ifdef PROBE_ALL_VERBS
  static uint8_t saved[16384];
  size_t written = 0;
  neurite_correct(learner, 1, label);
  neurite_remove(learner, 1);
  neurite_forget(learner, label);
  neurite_save(learner, saved, sizeof saved, &written);
  neurite_load(learner, saved, written);
  semihost_write(neurite_last_error(learner));
#endif
#else
  label = (int32_t)features[0] + (int32_t)arena[(size_t)label & 1023u];
#endif
  semihost_write("probe\n");
  return 0;
}
