// libFuzzer target for the model loader: any bytes must give a status, never a
// crash, leak or undefined behaviour. Half of the inputs get a valid CRC so
// that the structural checks behind the checksum are exercised too.
#include <cstdint>
#include <cstring>
#include <vector>

#include "format.hpp"
#include "neurite/learner.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  std::vector<uint8_t> bytes(data + 1, data + size);
  if ((data[0] & 1) && bytes.size() >= 16) {
    const uint32_t crc = neurite::detail::crc32(bytes.data(), bytes.size() - 4);
    for (int k = 0; k < 4; ++k) bytes[bytes.size() - 4 + k] = static_cast<uint8_t>(crc >> (8 * k));
  }
  neurite::Config config;
  if (neurite::Learner::read_config(bytes.data(), bytes.size(), &config) != neurite::Status::ok) return 0;
  const size_t arena_bytes = neurite::Learner::arena_size(config);
  if (arena_bytes == 0 || arena_bytes > (4u << 20)) return 0;  // keep runs fast
  std::vector<uint8_t> storage(arena_bytes + 16);
  void* arena = storage.data() + (16 - reinterpret_cast<uintptr_t>(storage.data()) % 16) % 16;
  neurite::Learner learner;
  if (learner.init(config, arena, arena_bytes) != neurite::Status::ok) return 0;
  if (learner.load(bytes.data(), bytes.size()) != neurite::Status::ok) return 0;
  // A model that loads must also predict, learn and save.
  std::vector<float> x(config.dim, 0.5f);
  neurite::Prediction prediction;
  std::vector<float> outputs(neurite::output_count(config));
  learner.predict(x.data(), x.size(), &prediction,
                  config.problem == neurite::Problem::regression ? outputs.data() : nullptr,
                  config.problem == neurite::Problem::regression ? outputs.size() : 0);
  if (config.problem == neurite::Problem::classification) learner.learn(x.data(), x.size(), 1);
  std::vector<uint8_t> saved(learner.saved_size());
  learner.save(saved.data(), saved.size());
  return 0;
}
