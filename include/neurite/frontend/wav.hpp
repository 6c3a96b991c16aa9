// WAV reading over bytes in memory (device path: no heap, no files).
// Accepts RIFF/WAVE with PCM 8 (unsigned), 16, 24, 32-bit integers or IEEE
// float 32/64, any channel count (mixed to mono by the mean) and any rate,
// also in WAVE_FORMAT_EXTENSIBLE. Everything else (compressed encodings,
// RF64, truncated chunks, inconsistent headers) is refused with a reason.
#pragma once
#include <cstddef>
#include <cstdint>

#include "neurite/frontend/status.hpp"

namespace neurite::frontend {

enum class WavEncoding : uint8_t { pcm = 1, ieee_float = 3 };

struct WavFormat {
  WavEncoding encoding = WavEncoding::pcm;
  uint16_t channels = 0;
  uint32_t sample_rate = 0;
  uint16_t bits_per_sample = 0;  // per channel sample: 8, 16, 24, 32 (PCM) or 32, 64 (float)
  uint16_t block_align = 0;      // bytes per frame (all channels)
  size_t frames = 0;             // samples per channel
  size_t data_offset = 0;        // byte offset of the first frame
};

// Reads the header and chunk list. On failure `reason` (if given) points to a
// static sentence saying what is wrong.
Status parse_wav(const uint8_t* bytes, size_t size, WavFormat* format, const char** reason = nullptr);

// Frames [first, first + count) mixed to mono as floats (full scale = 1).
Status decode_wav_mono(const uint8_t* bytes, size_t size, const WavFormat& format, size_t first, size_t count,
                       float* out);

// The same as int16 (Q15): rounded to nearest, saturated at full scale; a
// NaN float sample becomes 0 (the host reader refuses non-finite samples).
Status decode_wav_mono_q15(const uint8_t* bytes, size_t size, const WavFormat& format, size_t first,
                           size_t count, int16_t* out);

}  // namespace neurite::frontend
