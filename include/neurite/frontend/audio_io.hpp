// Host conveniences around the device-path front-ends: files, vectors and
// exceptions that name the file and the sample at fault. Not for the device.
#pragma once
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "neurite/frontend/wav.hpp"

namespace neurite::frontend {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Audio {
  uint32_t sample_rate = 0;
  std::vector<float> samples;  // mono, full scale 1
};

// Reads a WAV file; throws Error("path: reason") for anything it cannot read.
Audio read_wav(const std::string& path);
// The same from bytes in memory; `name` is used in messages.
Audio decode_wav(const std::vector<uint8_t>& bytes, const std::string& name);
Audio decode_wav(const uint8_t* bytes, size_t size, const std::string& name);
// Writes 16-bit PCM mono (tests and examples).
void write_wav(const std::string& path, const Audio& audio);

// Converts `audio` to `rate` (returns it unchanged when the rates agree).
Audio resample(const Audio& audio, uint32_t rate);
// `count` samples from `from_rate` to `to_rate` (a copy when the rates agree); throws
// Error for an unsupported ratio.
std::vector<float> resample(const float* samples, size_t count, uint32_t from_rate, uint32_t to_rate);

// Whole file into memory; throws Error naming the file.
std::vector<uint8_t> read_bytes(const std::string& path);

}  // namespace neurite::frontend
