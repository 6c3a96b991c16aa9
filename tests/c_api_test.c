/* The C API from C: learn digits, predict, an error path, save and load. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "neurite.h"

#define DIGITS 1797
#define DIM 64

static float features[DIGITS * DIM];
static int32_t labels[DIGITS];

#define CHECK(cond)                                                  \
  do {                                                               \
    if (!(cond)) {                                                   \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      return 1;                                                      \
    }                                                                \
  } while (0)

static int load_digits(const char* path) {
  gzFile file = gzopen(path, "rb");
  char line[1024];
  int row = 0;
  if (file == NULL) return 0;
  while (row < DIGITS && gzgets(file, line, sizeof line) != NULL) {
    char* cursor = line;
    for (int j = 0; j <= DIM; ++j) {
      const float value = strtof(cursor, &cursor);
      if (*cursor == ',') ++cursor;
      if (j < DIM) {
        features[row * DIM + j] = value;
      } else {
        labels[row] = (int32_t)value;
      }
    }
    ++row;
  }
  gzclose(file);
  return row;
}

static void* aligned_arena(size_t bytes, void** raw) {
  *raw = malloc(bytes + 16);
  return (void*)(((uintptr_t)*raw + 15) & ~(uintptr_t)15);
}

int main(int argc, char** argv) {
  const char* path = argc > 1 ? argv[1] : "data/digits/digits.csv.gz";
  CHECK(load_digits(path) == DIGITS);

  neurite_config config;
  neurite_config_default(&config);
  config.dim = DIM;
  config.outputs = 10;
  config.memory_bytes = 2u << 20;
  CHECK(neurite_config_check(&config, NULL, 0) == NEURITE_OK);
  CHECK(neurite_rejection_rate(&config) == 0.03f); /* medium by default */
  const size_t bytes = neurite_arena_size(&config);
  CHECK(bytes > 0 && bytes <= config.memory_bytes + 64);
  void* raw = NULL;
  void* arena = aligned_arena(bytes, &raw);
  neurite_learner* learner = NULL;
  CHECK(neurite_init(&config, arena, bytes, &learner) == NEURITE_OK);

  uint32_t first = 0;
  CHECK(neurite_learn_batch(learner, features, 1000, DIM, labels, NULL, &first) == NEURITE_OK);
  CHECK(first == 1);
  int correct = 0;
  for (int i = 1000; i < 1400; ++i) {
    neurite_prediction p;
    CHECK(neurite_predict(learner, features + i * DIM, DIM, &p, NULL, 0) == NEURITE_OK);
    correct += p.label == labels[i];
  }
  printf("C API: %d of 400 digits of unseen writers correct\n", correct);
  CHECK(correct >= 380);

  uint32_t id = 0;
  CHECK(neurite_learn(learner, features + 1500 * DIM, DIM, labels[1500], &id) == NEURITE_OK);
  CHECK(neurite_learn(learner, features, DIM - 1, 3, NULL) == NEURITE_DIMENSION_MISMATCH);
  CHECK(strstr(neurite_last_error(learner), "expected 64") != NULL);
  CHECK(strcmp(neurite_status_name(NEURITE_UNKNOWN_EVENT), "unknown_event") == 0);
  CHECK(neurite_remove(learner, 999999u) == NEURITE_UNKNOWN_EVENT);

  neurite_stats stats;
  CHECK(neurite_get_stats(learner, &stats) == NEURITE_OK);
  CHECK(stats.events == 1001 && stats.classes == 10 && stats.layers >= 1);

  const size_t size = neurite_saved_size(learner);
  uint8_t* model = malloc(size);
  size_t written = 0;
  CHECK(neurite_save(learner, model, size, &written) == NEURITE_OK && written == size);
  neurite_config stored;
  CHECK(neurite_read_config(model, size, &stored, NULL, 0) == NEURITE_OK && stored.dim == DIM);
  void* raw2 = NULL;
  void* arena2 = aligned_arena(neurite_arena_size(&stored), &raw2);
  neurite_learner* copy = NULL;
  CHECK(neurite_init(&stored, arena2, neurite_arena_size(&stored), &copy) == NEURITE_OK);
  CHECK(neurite_load(copy, model, size) == NEURITE_OK);
  CHECK(neurite_load(copy, model, size - 1) == NEURITE_TRUNCATED);
  for (int i = 1400; i < 1420; ++i) {
    neurite_prediction a, b;
    CHECK(neurite_predict(learner, features + i * DIM, DIM, &a, NULL, 0) == NEURITE_OK);
    CHECK(neurite_predict(copy, features + i * DIM, DIM, &b, NULL, 0) == NEURITE_OK);
    CHECK(a.label == b.label && a.credibility == b.credibility);
  }
  free(model);
  free(raw);
  free(raw2);
  printf("C API: ok\n");
  return 0;
}
