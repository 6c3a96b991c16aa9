/* Compiles an exported model (digits_model.h, from make_fixture) into a C
 * program, loads it with the generated digits_model_load() and checks that
 * every prediction equals the host's, bit for bit. Built for the host and for
 * the firmware (output through semihosting there). */
#include <stdint.h>
#include <string.h>

#include "digits_expected.h"
#include "digits_model.h"

#ifdef __arm__
#include "semihost.h"
#define REPORT(text) semihost_write(text)
#else
#include <stdio.h>
#define REPORT(text) fputs(text, stdout)
#endif

static uint8_t arena[DIGITS_MODEL_ARENA_BYTES] __attribute__((aligned(16)));

static uint32_t bits(float value) {
  uint32_t out;
  memcpy(&out, &value, sizeof out);
  return out;
}

int main(void) {
  neurite_learner* learner = NULL;
  if (digits_model_load(arena, sizeof arena, &learner) != NEURITE_OK) {
    REPORT("export_check: the exported model does not load\n");
    return 1;
  }
  int same = 0;
  for (int t = 0; t < TESTS; ++t) {
    float features[DIGITS_MODEL_DIM];
    neurite_prediction p;
    memcpy(features, test_features[t], sizeof features);
    if (neurite_predict(learner, features, DIGITS_MODEL_DIM, &p, NULL, 0) != NEURITE_OK) return 1;
    const uint32_t got[5] = {(uint32_t)p.label, (uint32_t)p.unknown, bits(p.score), bits(p.credibility),
                             bits(p.margin)};
    same += memcmp(got, host_predictions[t], sizeof got) == 0;
  }
  REPORT(same == TESTS ? "export_check: all predictions equal the host's\n"
                       : "export_check: predictions differ from the host's\n");
  return same == TESTS ? 0 : 1;
}
