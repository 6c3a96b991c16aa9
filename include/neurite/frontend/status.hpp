// Status codes of the sensor front-ends. Device-path functions return a Status
// and, where useful, a static reason string; the host layer turns both into
// neurite::frontend::Error with the file and sample at fault.
#pragma once
#include <cstdint>

namespace neurite::frontend {

enum class Status : uint8_t {
  ok = 0,
  invalid_config,        // a setting is out of range (the reason says which)
  buffer_too_small,      // caller-provided memory or output is too small
  empty_input,           // null pointer or no samples
  not_wav,               // not a RIFF/WAVE file
  unsupported_encoding,  // compressed or unknown WAV encoding
  truncated,             // the bytes end inside a chunk
  malformed,             // inconsistent header fields
};

// Short, stable text for a status ("unsupported_encoding").
const char* status_name(Status status);

}  // namespace neurite::frontend
