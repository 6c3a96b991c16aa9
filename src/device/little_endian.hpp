// Little-endian fields of the device's byte formats (event sequences, flash slots).
#pragma once
#include <cstdint>

namespace neurite::device {

inline uint32_t read_u32(const uint8_t* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}

inline uint16_t read_u16(const uint8_t* p) {
  return static_cast<uint16_t>(p[0] | p[1] << 8);
}

inline void write_u32(uint8_t* p, uint32_t value) {
  for (int k = 0; k < 4; ++k) p[k] = static_cast<uint8_t>(value >> (8 * k));
}

}  // namespace neurite::device
