// Plays an event sequence on the host through the C API and prints the
// transcript: the reference the firmware's transcript is compared with.
// --feature-bytes 4 stores events in float whatever the memory plan chose:
// the float oracle of the device's coded storage (same capacities).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <vector>

#include "neurite_experimental.h"
#include "sequence.hpp"

int main(int argc, char** argv) {
  uint8_t feature_bytes = 0;
  if (argc == 4 && std::strcmp(argv[1], "--feature-bytes") == 0) {
    feature_bytes = static_cast<uint8_t>(std::atoi(argv[2]));
    argv += 2;
    argc -= 2;
  }
  if (argc != 2 || (feature_bytes != 0 && feature_bytes != 1 && feature_bytes != 2 && feature_bytes != 4)) {
    std::fprintf(stderr, "usage: %s [--feature-bytes 4|2|1] SEQUENCE\n", argv[0]);
    return 2;
  }
  std::ifstream file(argv[1], std::ios::binary);
  if (!file) {
    std::fprintf(stderr, "%s: cannot open\n", argv[1]);
    return 2;
  }
  const std::vector<uint8_t> bytes{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
  neurite::device::SequenceHeader header;
  char message[160];
  if (!neurite::device::read_sequence_header(bytes.data(), bytes.size(), &header, message, sizeof message)) {
    std::fprintf(stderr, "%s: %s\n", argv[1], message);
    return 2;
  }
  const size_t arena_bytes = feature_bytes == 0
                                 ? neurite_arena_size(&header.config)
                                 : neurite_arena_size_with_storage(&header.config, feature_bytes);
  struct alignas(16) Block {
    uint8_t bytes[16];
  };
  std::vector<Block> arena(arena_bytes / 16 + 1);
  std::vector<uint8_t> models(arena_bytes + (1u << 16));  // a saved model is smaller than its arena
  std::vector<float> features(header.config.dim);
  const neurite::device::PlayerMemory memory{arena.data(),    arena.size() * 16, models.data(), models.size(),
                                             features.data(), features.size(),   feature_bytes};
  const neurite::device::Sink sink{stdout, [](void* out, const char* text, size_t length) {
                                     std::fwrite(text, 1, length, static_cast<std::FILE*>(out));
                                   }};
  return neurite::device::play_sequence(bytes.data(), bytes.size(), memory, sink) ? 0 : 1;
}
