// RIFF/WAVE chunk walk and sample decoding. Integers are assembled from
// little-endian bytes, so the reader is independent of the host's byte order.
#include "neurite/frontend/wav.hpp"

#include <cmath>
#include <cstring>

#include "../dsp/fixed.hpp"

namespace neurite::frontend {

namespace {

constexpr uint16_t kTagPcm = 1, kTagFloat = 3, kTagExtensible = 0xFFFE;

uint16_t u16(const uint8_t* p) {
  return static_cast<uint16_t>(p[0] | (p[1] << 8));
}
uint32_t u32(const uint8_t* p) {
  return uint32_t{p[0]} | (uint32_t{p[1]} << 8) | (uint32_t{p[2]} << 16) | (uint32_t{p[3]} << 24);
}
bool id_is(const uint8_t* p, const char* id) {
  return std::memcmp(p, id, 4) == 0;
}

Status fail(Status status, const char* why, const char** reason) {
  if (reason != nullptr) *reason = why;
  return status;
}

const char* encoding_name(uint16_t tag) {
  switch (tag) {
    case 2:
      return "WAV encoding is compressed (MS ADPCM); only PCM and IEEE float are read";
    case 6:
      return "WAV encoding is compressed (A-law); only PCM and IEEE float are read";
    case 7:
      return "WAV encoding is compressed (mu-law); only PCM and IEEE float are read";
    case 0x11:
      return "WAV encoding is compressed (IMA ADPCM); only PCM and IEEE float are read";
    case 0x55:
      return "WAV encoding is compressed (MP3); only PCM and IEEE float are read";
    default:
      return "WAV encoding is not PCM or IEEE float (compressed or unknown format tag)";
  }
}

// Reads the fmt chunk body into `format` (encoding, channels, rate, bits).
Status read_fmt(const uint8_t* p, uint32_t size, WavFormat* format, const char** reason) {
  if (size < 16) return fail(Status::malformed, "WAV fmt chunk is shorter than 16 bytes", reason);
  uint16_t tag = u16(p);
  format->channels = u16(p + 2);
  format->sample_rate = u32(p + 4);
  format->block_align = u16(p + 12);
  format->bits_per_sample = u16(p + 14);
  if (tag == kTagExtensible) {
    if (size < 40)
      return fail(Status::malformed, "WAV extensible fmt chunk is shorter than 40 bytes", reason);
    tag = u16(p + 24);  // the sub-format GUID starts with the format tag
  }
  if (tag != kTagPcm && tag != kTagFloat)
    return fail(Status::unsupported_encoding, encoding_name(tag), reason);
  format->encoding = tag == kTagPcm ? WavEncoding::pcm : WavEncoding::ieee_float;
  const uint16_t bits = format->bits_per_sample;
  const bool bits_ok =
      tag == kTagPcm ? (bits == 8 || bits == 16 || bits == 24 || bits == 32) : (bits == 32 || bits == 64);
  if (!bits_ok) {
    return fail(Status::unsupported_encoding,
                tag == kTagPcm ? "WAV PCM sample size is not 8, 16, 24 or 32 bits"
                               : "WAV float sample size is not 32 or 64 bits",
                reason);
  }
  if (format->channels == 0) return fail(Status::malformed, "WAV header declares zero channels", reason);
  if (format->sample_rate == 0)
    return fail(Status::malformed, "WAV header declares a sample rate of 0", reason);
  if (format->block_align != format->channels * (bits / 8)) {
    return fail(Status::malformed, "WAV block align does not match channels x sample size", reason);
  }
  return Status::ok;
}

// One channel sample at `p` as a float, full scale 1.
float sample_at(const uint8_t* p, const WavFormat& f) {
  if (f.encoding == WavEncoding::ieee_float) {
    if (f.bits_per_sample == 32) {
      const uint32_t bits = u32(p);
      float v;
      std::memcpy(&v, &bits, sizeof v);
      return v;
    }
    const uint64_t bits = uint64_t{u32(p)} | (uint64_t{u32(p + 4)} << 32);
    double v;
    std::memcpy(&v, &bits, sizeof v);
    return static_cast<float>(v);
  }
  switch (f.bits_per_sample) {
    case 8:
      return static_cast<float>(int{p[0]} - 128) * (1.0f / 128.0f);
    case 16:
      return static_cast<float>(static_cast<int16_t>(u16(p))) * (1.0f / 32768.0f);
    case 24: {
      const int32_t v =
          static_cast<int32_t>((uint32_t{p[0]} << 8) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 24));
      return static_cast<float>(v / 256) * (1.0f / 8388608.0f);
    }
    default:
      return static_cast<float>(static_cast<double>(static_cast<int32_t>(u32(p))) * (1.0 / 2147483648.0));
  }
}

Status check_range(size_t size, const WavFormat& f, size_t first, size_t count, const void* out) {
  if (out == nullptr && count > 0) return Status::empty_input;
  if (f.block_align == 0 || first > f.frames || count > f.frames - first) return Status::buffer_too_small;
  if (f.data_offset + f.frames * f.block_align > size) return Status::truncated;
  return Status::ok;
}

}  // namespace

Status parse_wav(const uint8_t* bytes, size_t size, WavFormat* format, const char** reason) {
  if (bytes == nullptr || format == nullptr) return fail(Status::empty_input, "no WAV bytes", reason);
  if (size >= 4 && (id_is(bytes, "RF64") || id_is(bytes, "BW64"))) {
    return fail(Status::unsupported_encoding, "RF64/BW64 WAV files are not supported", reason);
  }
  if (size < 12 || !id_is(bytes, "RIFF") || !id_is(bytes + 8, "WAVE")) {
    return fail(Status::not_wav, "not a WAV file (no RIFF/WAVE header)", reason);
  }
  *format = WavFormat{};
  bool have_fmt = false;
  size_t pos = 12;
  while (pos + 8 <= size) {
    const uint8_t* chunk = bytes + pos;
    const uint32_t chunk_size = u32(chunk + 4);
    const size_t body = pos + 8;
    if (id_is(chunk, "fmt ")) {
      if (chunk_size > size - body) return fail(Status::truncated, "WAV fmt chunk is truncated", reason);
      const Status s = read_fmt(bytes + body, chunk_size, format, reason);
      if (s != Status::ok) return s;
      have_fmt = true;
    } else if (id_is(chunk, "data")) {
      if (!have_fmt) return fail(Status::malformed, "WAV data chunk comes before the fmt chunk", reason);
      if (chunk_size > size - body) {
        return fail(Status::truncated, "WAV data chunk is truncated (the file ends early)", reason);
      }
      format->data_offset = body;
      format->frames = chunk_size / format->block_align;
      return Status::ok;
    }
    pos = body + chunk_size + (chunk_size & 1u);  // chunks are padded to even sizes
    if (pos < body) break;                        // size field overflowed
  }
  return fail(have_fmt ? Status::truncated : Status::malformed,
              have_fmt ? "WAV file has no data chunk (truncated?)" : "WAV file has no fmt chunk", reason);
}

Status decode_wav_mono(const uint8_t* bytes, size_t size, const WavFormat& format, size_t first, size_t count,
                       float* out) {
  const Status s = check_range(size, format, first, count, out);
  if (s != Status::ok) return s;
  const size_t width = format.bits_per_sample / 8u;
  const float inverse = 1.0f / static_cast<float>(format.channels);
  for (size_t i = 0; i < count; ++i) {
    const uint8_t* frame = bytes + format.data_offset + (first + i) * format.block_align;
    float sum = 0.0f;
    for (uint16_t c = 0; c < format.channels; ++c) sum += sample_at(frame + c * width, format);
    out[i] = format.channels == 1 ? sum : sum * inverse;
  }
  return Status::ok;
}

Status decode_wav_mono_q15(const uint8_t* bytes, size_t size, const WavFormat& format, size_t first,
                           size_t count, int16_t* out) {
  const Status s = check_range(size, format, first, count, out);
  if (s != Status::ok) return s;
  const bool exact16 = format.encoding == WavEncoding::pcm && format.bits_per_sample == 16;
  const size_t width = format.bits_per_sample / 8u;
  for (size_t i = 0; i < count; ++i) {
    const uint8_t* frame = bytes + format.data_offset + (first + i) * format.block_align;
    if (exact16 && format.channels == 1) {
      out[i] = static_cast<int16_t>(u16(frame));
      continue;
    }
    double sum = 0.0;
    for (uint16_t c = 0; c < format.channels; ++c) sum += sample_at(frame + c * width, format);
    out[i] = fixed::saturate_int16(sum / format.channels * 32768.0);  // NaN: silence
  }
  return Status::ok;
}

}  // namespace neurite::frontend
