// Cost figures on the Cortex-M4 (QEMU with -icount): instruction counts of one
// full rebuild, one prediction and one learn event at 50, 200 and 500 stored
// events, and the arena RAM of keyword-model settings. Reads an event stream
// (an event sequence of learn then predict records) through semihosting and
// prints one line per figure; scripts/device_report.py turns them into
// docs/device-figures.md.
#include <cstring>

#include "instruction_counter.h"
#include "neurite_experimental.h"
#include "semihost.h"
#include "sequence.hpp"
#include "text.hpp"

namespace {

using neurite::detail::Text;
using neurite::device::Op;
using neurite::device::Record;

constexpr size_t kMaxEvents = 500;
constexpr size_t kMaxTests = 64;
constexpr size_t kMaxDim = 256;
constexpr uint32_t kStoredCounts[] = {50, 200, 500};

uint8_t stream[1u << 20];
alignas(16) uint8_t arena[3u << 19];
float rows[kMaxEvents * kMaxDim];
int32_t labels[kMaxEvents];
float tests[kMaxTests * kMaxDim];

void print(Text& text) {
  text.put("\n");
  semihost_write(text.c_str());
}

// Instructions per SysTick tick, from a loop of 2 x 1,000,000 instructions.
void calibrate() {
  constexpr uint32_t kIterations = 1000000;
  counter_start();
  counter_known_loop(kIterations);
  const uint64_t ticks = counter_ticks();
  char line[96];
  Text text(line, sizeof line);
  text.put("calibration instructions=").put_wide(uint64_t{2} * kIterations).put(" ticks=").put_wide(ticks);
  print(text);
}

// Ticks of one call, the counter started just before it.
template <typename Call>
uint64_t ticks_of(Call call) {
  counter_start();
  call();
  return counter_ticks();
}

// feature_bytes 0: the storage the plan chooses; 4: float32 with the same capacities.
bool cost_at(const neurite_config& config, uint8_t feature_bytes, uint32_t stored, size_t test_count) {
  neurite_learner* learner = nullptr;
  const neurite_status init =
      feature_bytes == 0 ? neurite_init(&config, arena, sizeof arena, &learner)
                         : neurite_init_with_storage(&config, feature_bytes, arena, sizeof arena, &learner);
  if (init != NEURITE_OK) return false;
  const size_t dim = config.dim;
  if (neurite_learn_batch(learner, rows, stored - 1, dim, labels, nullptr, nullptr) != NEURITE_OK)
    return false;
  neurite_status status = NEURITE_OK;
  // One learn event brings the store to `stored` events.
  const uint64_t learn = ticks_of(
      [&] { status = neurite_learn(learner, rows + (stored - 1) * dim, dim, labels[stored - 1], nullptr); });
  const uint64_t rebuild =
      ticks_of([&] { status = status == NEURITE_OK ? neurite_rebuild(learner) : status; });
  uint64_t predict_total = 0, predict_max = 0;
  for (size_t t = 0; t < test_count; ++t) {
    neurite_prediction p;
    const uint64_t ticks = ticks_of([&] { neurite_predict(learner, tests + t * dim, dim, &p, nullptr, 0); });
    predict_total += ticks;
    predict_max = ticks > predict_max ? ticks : predict_max;
  }
  neurite_stats stats;
  neurite_get_stats(learner, &stats);
  if (stats.events != stored) status = NEURITE_CAPACITY_EXCEEDED;
  char line[256];
  Text text(line, sizeof line);
  text.put("cost events=").put(stats.events).put(" units=").put(stats.units[0]);
  text.put(" feature_bytes=").put(uint32_t{neurite_feature_bytes(learner)});
  text.put(" layers=").put(stats.layers).put(" budget=").put(config.memory_bytes);
  text.put(" flops=").put_wide(stats.last_build_flops);
  text.put(" rebuild_ticks=").put_wide(rebuild).put(" learn_ticks=").put_wide(learn);
  text.put(" predict_ticks_mean=")
      .put_wide(predict_total / test_count)
      .put(" predict_ticks_max=")
      .put_wide(predict_max);
  text.put(" predictions=")
      .put(static_cast<uint32_t>(test_count))
      .put(" status=")
      .put(neurite_status_name(status));
  print(text);
  return status == NEURITE_OK;
}

// Smallest memory budget whose plan stores `events` events.
uint32_t budget_for(neurite_config config, uint32_t events) {
  uint32_t low = 4096, high = sizeof arena;  // the answer lies in [low, high]
  while (low < high) {
    config.memory_bytes = low + (high - low) / 2;
    neurite_learner* learner = nullptr;
    neurite_stats stats{};
    const bool fits = neurite_arena_size(&config) <= sizeof arena &&
                      neurite_init(&config, arena, sizeof arena, &learner) == NEURITE_OK &&
                      neurite_get_stats(learner, &stats) == NEURITE_OK && stats.event_capacity >= events;
    if (fits) {
      high = config.memory_bytes;
    } else {
      low = config.memory_bytes + 1;
    }
  }
  return low;
}

// The arena (RAM) of the smallest budget that stores `events` events.
void ram_for(uint16_t dim, uint16_t classes, uint32_t events) {
  neurite_config config;
  neurite_config_default(&config);
  config.dim = dim;
  config.outputs = classes;
  config.memory_bytes = budget_for(config, events);
  neurite_learner* learner = nullptr;
  neurite_stats stats{};
  neurite_init(&config, arena, sizeof arena, &learner);
  neurite_get_stats(learner, &stats);
  char line[192];
  Text text(line, sizeof line);
  text.put("ram dim=").put(static_cast<uint32_t>(dim)).put(" classes=").put(static_cast<uint32_t>(classes));
  text.put(" events=")
      .put(static_cast<uint32_t>(events))
      .put(" budget=")
      .put(static_cast<uint32_t>(config.memory_bytes));
  text.put(" arena=").put(static_cast<uint32_t>(neurite_arena_size(&config))).put(" event_capacity=");
  text.put(static_cast<uint32_t>(stats.event_capacity))
      .put(" unit_capacity=")
      .put(static_cast<uint32_t>(stats.unit_capacity));
  print(text);
}

}  // namespace

int main() {
  char line[256];
  if (!semihost_command_line(line, sizeof line) || std::strchr(line, ' ') == nullptr) {
    semihost_write("usage: cost.elf STREAM_FILE (semihosting arguments)\n");
    return 2;
  }
  const long size = semihost_read_file(std::strchr(line, ' ') + 1, stream, sizeof stream);
  neurite::device::SequenceHeader header;
  char message[160];
  if (size < 0 || !neurite::device::read_sequence_header(stream, static_cast<size_t>(size), &header, message,
                                                         sizeof message)) {
    semihost_write("error: cannot read the event stream\n");
    return 2;
  }
  if (header.config.dim > kMaxDim) {
    semihost_write("error: the stream's events have more than 256 features\n");
    return 2;
  }
  size_t events = 0, test_count = 0, at = header.first_record;
  float features[kMaxDim];
  for (uint32_t index = 0; index < header.records; ++index) {
    Record record;
    if (!neurite::device::read_record(stream, static_cast<size_t>(size), &at, header.config.dim, features,
                                      &record)) {
      semihost_write("error: malformed stream\n");
      return 2;
    }
    if (record.op == Op::learn && events < kMaxEvents) {
      std::memcpy(rows + events * header.config.dim, features, sizeof(float) * header.config.dim);
      labels[events++] = record.label;
    } else if (record.op == Op::predict && test_count < kMaxTests) {
      std::memcpy(tests + test_count * header.config.dim, features, sizeof(float) * header.config.dim);
      ++test_count;
    }
  }
  if (events < kMaxEvents || test_count == 0) {
    semihost_write("error: the stream needs 500 learn and some predict records\n");
    return 2;
  }
  calibrate();
  // Each count with the setting a device would pick: the smallest budget that
  // stores that many events (its plan chooses the storage and the depth), and
  // the same capacities with float32 storage for comparison.
  neurite_config config = header.config;
  constexpr uint8_t kStorages[] = {0, 4};
  for (uint32_t stored : kStoredCounts) {
    config.memory_bytes = budget_for(config, stored);
    for (uint8_t storage : kStorages) {
      if (!cost_at(config, storage, stored, test_count)) return 1;
    }
  }
  // A 10-class keyword model: the spoken-digit vectors of the front-end (digits-8k,
  // 192 values) and the keyword-spotting MFCC (kws-16k, 49 x 10 values), with 5,
  // 10 and 20 examples per class.
  constexpr uint16_t kKeywordDims[] = {192, 490};
  constexpr uint32_t kSupportSets[] = {50, 100, 200};
  for (uint16_t dim : kKeywordDims) {
    for (uint32_t support : kSupportSets) ram_for(dim, 10, support);
  }
  ram_for(header.config.dim, header.config.outputs, 500);
  return 0;
}
