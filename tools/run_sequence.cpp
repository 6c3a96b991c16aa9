// Plays an event sequence on the host through the C API and prints the
// transcript: the reference the firmware's transcript is compared with.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <vector>

#include "sequence.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s SEQUENCE\n", argv[0]);
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
  const size_t arena_bytes = neurite_arena_size(&header.config);
  struct alignas(16) Block {
    uint8_t bytes[16];
  };
  std::vector<Block> arena(arena_bytes / 16 + 1);
  std::vector<uint8_t> models(arena_bytes + (1u << 16));  // a saved model is smaller than its arena
  std::vector<float> features(header.config.dim);
  const neurite::device::PlayerMemory memory{arena.data(),  arena.size() * 16, models.data(),
                                             models.size(), features.data(),   features.size()};
  const neurite::device::Sink sink{stdout, [](void* out, const char* text, size_t length) {
                                     std::fwrite(text, 1, length, static_cast<std::FILE*>(out));
                                   }};
  return neurite::device::play_sequence(bytes.data(), bytes.size(), memory, sink) ? 0 : 1;
}
