#include "neurite/frontend/audio_io.hpp"

#include <cmath>
#include <fstream>
#include <iterator>

#include "../dsp/fixed.hpp"
#include "neurite/frontend/resample.hpp"

namespace neurite::frontend {

std::vector<uint8_t> read_bytes(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw Error(path + ": cannot open");
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  if (file.bad()) throw Error(path + ": read error");
  return bytes;
}

Audio decode_wav(const std::vector<uint8_t>& bytes, const std::string& name) {
  return decode_wav(bytes.data(), bytes.size(), name);
}

Audio decode_wav(const uint8_t* bytes, size_t size, const std::string& name) {
  WavFormat format;
  const char* reason = "";
  if (parse_wav(bytes, size, &format, &reason) != Status::ok) throw Error(name + ": " + reason);
  if (format.frames == 0) throw Error(name + ": WAV file holds no samples");
  Audio audio;
  audio.sample_rate = format.sample_rate;
  audio.samples.resize(format.frames);
  const Status s = decode_wav_mono(bytes, size, format, 0, format.frames, audio.samples.data());
  if (s != Status::ok) throw Error(name + ": cannot decode samples (" + status_name(s) + ")");
  for (size_t i = 0; i < audio.samples.size(); ++i) {
    if (!std::isfinite(audio.samples[i])) {
      throw Error(name + ": sample " + std::to_string(i) + " is not a finite number");
    }
  }
  return audio;
}

Audio read_wav(const std::string& path) {
  return decode_wav(read_bytes(path), path);
}

void write_wav(const std::string& path, const Audio& audio) {
  std::ofstream file(path, std::ios::binary);
  if (!file) throw Error(path + ": cannot create");
  auto u32 = [&](uint32_t v) {
    const char b[4] = {char(v & 0xff), char((v >> 8) & 0xff), char((v >> 16) & 0xff), char((v >> 24) & 0xff)};
    file.write(b, 4);
  };
  auto u16 = [&](uint32_t v) {
    const char b[2] = {char(v & 0xff), char((v >> 8) & 0xff)};
    file.write(b, 2);
  };
  const uint32_t data = static_cast<uint32_t>(audio.samples.size() * 2);
  file.write("RIFF", 4);
  u32(36 + data);
  file.write("WAVEfmt ", 8);
  u32(16);
  u16(1);
  u16(1);
  u32(audio.sample_rate);
  u32(audio.sample_rate * 2);
  u16(2);
  u16(16);
  file.write("data", 4);
  u32(data);
  for (float v : audio.samples) u16(static_cast<uint16_t>(fixed::saturate_int16(double(v) * 32768.0)));
  if (!file) throw Error(path + ": write error");
}

Audio resample(const Audio& audio, uint32_t rate) {
  Audio out;
  out.sample_rate = rate;
  out.samples = resample(audio.samples.data(), audio.samples.size(), audio.sample_rate, rate);
  return out;
}

std::vector<float> resample(const float* samples, size_t count, uint32_t from_rate, uint32_t to_rate) {
  if (from_rate == to_rate) return std::vector<float>(samples, samples + count);
  const size_t floats = resampler_table_floats(from_rate, to_rate);
  if (floats == 0) {
    throw Error("cannot resample from " + std::to_string(from_rate) + " Hz to " + std::to_string(to_rate) +
                " Hz (ratio not supported)");
  }
  std::vector<float> table(floats);
  Resampler resampler;
  resampler_init(from_rate, to_rate, table.data(), table.size(), &resampler);
  std::vector<float> out(resampled_length(resampler, count));
  const Status s = resample(resampler, samples, count, out.data(), out.size());
  if (s != Status::ok) throw Error(std::string("resampling failed: ") + status_name(s));
  return out;
}

}  // namespace neurite::frontend
