// The three user settings (problem, memory, strictness) plus the shape of the data.
#pragma once
#include <cstddef>
#include <cstdint>

namespace neurite {

enum class Problem : uint8_t { classification = 0, novelty = 1, regression = 2 };

// Rejection strictness: each level is a target rate of known inputs wrongly
// rejected, calibrated on the learned events themselves (leave-one-out).
enum class Strictness : uint8_t { off = 0, low = 1, medium = 2, high = 3, custom = 4 };

using Label = int32_t;
using EventId = uint32_t;

constexpr uint32_t kDefaultMemoryBytes = 8u << 20;  // 8 MiB
constexpr uint32_t kMinMemoryBytes = 4u << 10;      // 4 KiB
constexpr uint16_t kMaxDim = 8192;
constexpr uint16_t kMaxOutputs = 1024;
constexpr uint8_t kMaxLayers = 3;

struct Config {
  Problem problem = Problem::classification;
  uint16_t dim = 0;       // features per event (shape, not a tuning knob)
  uint16_t outputs = 32;  // classes the model can hold, or regression targets; novelty uses 1
  // Accuracy versus memory: the arena budget in bytes. It bounds the support
  // store (events kept) and the network (units). See memory_for_tradeoff().
  uint32_t memory_bytes = kDefaultMemoryBytes;
  Strictness strictness = Strictness::medium;
  float rejection_rate = 0.0f;  // used only with Strictness::custom, in (0, 0.5]
};

// Target rate of known inputs rejected for a config (0 when off).
float rejection_rate(const Config& config);

// Maps a 0..1 accuracy-versus-memory trade-off to a budget in bytes:
// 0 -> 16 KiB (microcontroller), 1 -> 64 MiB, geometric in between.
uint32_t memory_for_tradeoff(float tradeoff);

// Outputs actually used by a problem: novelty always has one.
inline uint16_t output_count(const Config& config) {
  return config.problem == Problem::novelty ? uint16_t{1} : config.outputs;
}

}  // namespace neurite
