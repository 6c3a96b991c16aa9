// The model file format, version 2 (docs/format.md): magic "NRTE", version,
// payload size, little-endian payload, CRC-32 of everything before it.
#pragma once
#include <cstddef>
#include <cstdint>

#include "engine.hpp"

namespace neurite::detail {

constexpr uint16_t kFormatVersion = 2;
constexpr uint16_t kOldestReadableVersion = 1;  // v1: float features only
constexpr size_t kHeaderBytes = 12;             // magic, version, reserved, payload size
constexpr size_t kTrailerBytes = 4;             // CRC-32

uint32_t crc32(const uint8_t* bytes, size_t size);

size_t saved_size(const Engine& engine);
// Writes the model; returns bytes written (0 if capacity is too small).
size_t save(const Engine& engine, uint8_t* buffer, size_t capacity);
// Checks the header and CRC and extracts the stored config.
Status read_header(const uint8_t* bytes, size_t size, Config* config, char* message, size_t message_size);
// Validates the whole model against `engine`'s capacities, then replaces its state.
Status load(Engine& engine, const uint8_t* bytes, size_t size);

}  // namespace neurite::detail
