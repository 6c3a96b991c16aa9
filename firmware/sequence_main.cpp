// Plays an event sequence (a host file read through semihosting) on the
// device and prints the transcript: the same player, through the same C API,
// as the host's tools/run_sequence. Usage under QEMU:
//   qemu-system-arm -M mps2-an386 -nographic -semihosting-config enable=on,target=native,arg=app,arg=SEQ
//                   -kernel sequence_o2.elf
#include <cstring>

#include "semihost.h"
#include "sequence.hpp"

namespace {

// All memory is static: the firmware has no heap.
constexpr size_t kSequenceBytes = 1u << 20;
constexpr size_t kArenaBytes = 3u << 19;  // 1.5 MiB
constexpr size_t kModelBytes = 1u << 20;
constexpr size_t kMaxFeatures = 8192;

uint8_t sequence[kSequenceBytes];
alignas(16) uint8_t arena[kArenaBytes];
uint8_t models[kModelBytes];
float features[kMaxFeatures];

// The sequence path: the second word of the semihosting command line.
const char* sequence_path(char* line, size_t size) {
  if (!semihost_command_line(line, size)) return nullptr;
  char* space = std::strchr(line, ' ');
  return space != nullptr && space[1] != '\0' ? space + 1 : nullptr;
}

}  // namespace

int main() {
  char line[256];
  const char* path = sequence_path(line, sizeof line);
  if (path == nullptr) {
    semihost_write("usage: sequence.elf SEQUENCE_FILE (semihosting arguments)\n");
    return 2;
  }
  const long size = semihost_read_file(path, sequence, sizeof sequence);
  if (size < 0) {
    semihost_write("error: cannot read the sequence file (missing, or larger than 1 MiB)\n");
    return 2;
  }
  const neurite::device::PlayerMemory memory{arena,         sizeof arena, models,
                                             sizeof models, features,     kMaxFeatures};
  const neurite::device::Sink sink{
      nullptr, [](void*, const char* text, size_t length) { semihost_write_bytes(text, length); }};
  return neurite::device::play_sequence(sequence, static_cast<size_t>(size), memory, sink) ? 0 : 1;
}
