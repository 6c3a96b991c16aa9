// WAV reading: every supported encoding decodes to the exact values, and each
// kind of file it cannot read is refused with a status and a clear reason.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "frontend_helpers.hpp"
#include "neurite/frontend/audio_io.hpp"
#include "neurite/frontend/wav.hpp"

using namespace neurite::frontend;

namespace {

void put16(std::vector<uint8_t>& b, uint32_t v) {
  b.push_back(uint8_t(v));
  b.push_back(uint8_t(v >> 8));
}
void put32(std::vector<uint8_t>& b, uint32_t v) {
  put16(b, v & 0xffff);
  put16(b, v >> 16);
}
void put_id(std::vector<uint8_t>& b, const char* id) {
  for (int i = 0; i < 4; ++i) b.push_back(uint8_t(id[i]));
}

// A RIFF/WAVE file around `data`, with a LIST chunk before the data to be skipped.
std::vector<uint8_t> wav(uint16_t tag, uint16_t channels, uint32_t rate, uint16_t bits,
                         const std::vector<uint8_t>& data, bool extensible = false) {
  std::vector<uint8_t> fmt;
  put16(fmt, extensible ? 0xFFFE : tag);
  put16(fmt, channels);
  put32(fmt, rate);
  put32(fmt, rate * channels * bits / 8);
  put16(fmt, channels * bits / 8);
  put16(fmt, bits);
  if (extensible) {
    put16(fmt, 22);
    put16(fmt, bits);
    put32(fmt, 0);
    put16(fmt, tag);  // sub-format GUID: the tag, then the standard suffix
    for (int v : {0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xAA, 0, 0x38, 0x9B, 0x71}) fmt.push_back(uint8_t(v));
  }
  std::vector<uint8_t> out;
  put_id(out, "RIFF");
  put32(out, 0);  // patched below
  put_id(out, "WAVE");
  put_id(out, "fmt ");
  put32(out, uint32_t(fmt.size()));
  for (uint8_t v : fmt) out.push_back(v);
  put_id(out, "LIST");
  put32(out, 3);       // odd size: padded to 4
  put_id(out, "abc");  // with its terminating zero as the pad byte
  put_id(out, "data");
  put32(out, uint32_t(data.size()));
  for (uint8_t v : data) out.push_back(v);
  const uint32_t riff = uint32_t(out.size() - 8);
  std::memcpy(out.data() + 4, &riff, 4);
  return out;
}

std::vector<float> decode(const std::vector<uint8_t>& bytes) {
  WavFormat f;
  EXPECT_EQ(parse_wav(bytes.data(), bytes.size(), &f), Status::ok);
  std::vector<float> out(f.frames);
  EXPECT_EQ(decode_wav_mono(bytes.data(), bytes.size(), f, 0, f.frames, out.data()), Status::ok);
  return out;
}

std::vector<int16_t> decode_q15(const std::vector<uint8_t>& bytes) {
  WavFormat f;
  EXPECT_EQ(parse_wav(bytes.data(), bytes.size(), &f), Status::ok);
  std::vector<int16_t> out(f.frames);
  EXPECT_EQ(decode_wav_mono_q15(bytes.data(), bytes.size(), f, 0, f.frames, out.data()), Status::ok);
  return out;
}

Status refuse(const std::vector<uint8_t>& bytes, std::string* reason_out) {
  WavFormat f;
  const char* reason = "";
  const Status s = parse_wav(bytes.data(), bytes.size(), &f, &reason);
  *reason_out = reason;
  return s;
}

}  // namespace

TEST(Wav, DecodesEveryPcmWidthExactly) {
  // 8-bit is unsigned around 128.
  EXPECT_EQ(decode(wav(1, 1, 8000, 8, {0, 128, 255})), (std::vector<float>{-1.0f, 0.0f, 127.0f / 128}));
  std::vector<uint8_t> d16;
  for (int v : {-32768, -1, 0, 16384, 32767}) put16(d16, uint16_t(int16_t(v)));
  EXPECT_EQ(decode(wav(1, 1, 16000, 16, d16)),
            (std::vector<float>{-1.0f, -1.0f / 32768, 0.0f, 0.5f, 32767.0f / 32768}));
  EXPECT_EQ(decode_q15(wav(1, 1, 16000, 16, d16)), (std::vector<int16_t>{-32768, -1, 0, 16384, 32767}));
  // 24-bit: -2^23, 2^22, 1.
  const std::vector<uint8_t> d24 = {0, 0, 0x80, 0, 0, 0x40, 1, 0, 0};
  EXPECT_EQ(decode(wav(1, 1, 44100, 24, d24)), (std::vector<float>{-1.0f, 0.5f, 1.0f / 8388608}));
  std::vector<uint8_t> d32;
  put32(d32, 0x80000000u);
  put32(d32, 0x40000000u);
  EXPECT_EQ(decode(wav(1, 1, 48000, 32, d32)), (std::vector<float>{-1.0f, 0.5f}));
}

TEST(Wav, DecodesFloatAndExtensibleFiles) {
  std::vector<uint8_t> f32;
  for (float v : {0.25f, -0.75f}) {
    uint32_t bits;
    std::memcpy(&bits, &v, 4);
    put32(f32, bits);
  }
  EXPECT_EQ(decode(wav(3, 1, 22050, 32, f32)), (std::vector<float>{0.25f, -0.75f}));
  std::vector<uint8_t> f64;
  for (double v : {0.5, -0.125}) {
    uint64_t bits;
    std::memcpy(&bits, &v, 8);
    put32(f64, uint32_t(bits));
    put32(f64, uint32_t(bits >> 32));
  }
  EXPECT_EQ(decode(wav(3, 1, 8000, 64, f64)), (std::vector<float>{0.5f, -0.125f}));
  EXPECT_EQ(decode(wav(3, 1, 22050, 32, f32, /*extensible=*/true)), (std::vector<float>{0.25f, -0.75f}));
  std::vector<uint8_t> d16;
  put16(d16, 16384);
  EXPECT_EQ(decode(wav(1, 1, 16000, 16, d16, /*extensible=*/true)), (std::vector<float>{0.5f}));
}

TEST(Wav, MixesChannelsToMono) {
  std::vector<uint8_t> stereo;
  for (int v : {16384, 0, -16384, -16384}) put16(stereo, uint16_t(int16_t(v)));
  EXPECT_EQ(decode(wav(1, 2, 44100, 16, stereo)), (std::vector<float>{0.25f, -0.5f}));
  EXPECT_EQ(decode_q15(wav(1, 2, 44100, 16, stereo)), (std::vector<int16_t>{8192, -16384}));
  std::vector<uint8_t> three;
  for (int v : {3000, 3000, 3000}) put16(three, uint16_t(int16_t(v)));
  EXPECT_NEAR(decode(wav(1, 3, 8000, 16, three))[0], 3000.0f / 32768, 1e-7);
}

TEST(Wav, RefusesWhatItCannotReadWithAReason) {
  std::string why;
  std::vector<uint8_t> d16(8, 0);
  EXPECT_EQ(refuse({'O', 'g', 'g', 'S', 0, 0, 0, 0, 0, 0, 0, 0}, &why), Status::not_wav);
  EXPECT_NE(why.find("RIFF"), std::string::npos);
  EXPECT_EQ(refuse(wav(6, 1, 8000, 8, d16), &why), Status::unsupported_encoding);  // A-law
  EXPECT_NE(why.find("A-law"), std::string::npos);
  EXPECT_EQ(refuse(wav(0x55, 1, 8000, 16, d16), &why), Status::unsupported_encoding);  // MP3
  EXPECT_NE(why.find("compressed"), std::string::npos);
  EXPECT_EQ(refuse(wav(1, 1, 8000, 12, d16), &why), Status::unsupported_encoding);
  EXPECT_EQ(refuse(wav(3, 1, 8000, 16, d16), &why), Status::unsupported_encoding);
  EXPECT_EQ(refuse(wav(1, 0, 8000, 16, d16), &why), Status::malformed);
  EXPECT_EQ(refuse(wav(1, 1, 0, 16, d16), &why), Status::malformed);
  auto bad_align = wav(1, 2, 8000, 16, d16);
  bad_align[32] = 3;  // block align of the fmt chunk
  EXPECT_EQ(refuse(bad_align, &why), Status::malformed);
  EXPECT_NE(why.find("block align"), std::string::npos);
  auto truncated = wav(1, 1, 8000, 16, std::vector<uint8_t>(400, 0));
  truncated.resize(truncated.size() - 100);
  EXPECT_EQ(refuse(truncated, &why), Status::truncated);
  EXPECT_NE(why.find("truncated"), std::string::npos);
  auto no_data = wav(1, 1, 8000, 16, d16);
  no_data.resize(no_data.size() - 16);  // cuts the data chunk header
  EXPECT_EQ(refuse(no_data, &why), Status::truncated);
  std::vector<uint8_t> rf64 = wav(1, 1, 8000, 16, d16);
  std::memcpy(rf64.data(), "RF64", 4);
  EXPECT_EQ(refuse(rf64, &why), Status::unsupported_encoding);
  EXPECT_EQ(refuse({}, &why), Status::empty_input);
}

TEST(Wav, HostReaderNamesTheFileAndTheSample) {
  try {
    read_wav("/nonexistent/x.wav");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/x.wav"), std::string::npos);
  }
  std::vector<uint8_t> nan_data;
  for (float v : {0.0f, 0.0f, NAN}) {
    uint32_t bits;
    std::memcpy(&bits, &v, 4);
    put32(nan_data, bits);
  }
  try {
    decode_wav(wav(3, 1, 8000, 32, nan_data), "bad.wav");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "bad.wav: sample 2 is not a finite number");
  }
  try {
    decode_wav(wav(7, 1, 8000, 8, {1, 2}), "mulaw.wav");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("mulaw.wav: WAV encoding is compressed (mu-law)"),
              std::string::npos);
  }
}

TEST(Wav, ReadsTheBundledSpokenDigits) {
  const Audio a = read_wav(neurite::testing::source_path("data/fsdd/0_jackson_0.wav"));
  EXPECT_EQ(a.sample_rate, 8000u);
  EXPECT_EQ(a.samples.size(), 5148u);  // as Python's wave module reports
  const Audio round_trip = [&] {
    const std::string path = ::testing::TempDir() + "/round_trip.wav";
    write_wav(path, a);
    return read_wav(path);
  }();
  EXPECT_EQ(round_trip.samples, a.samples);
}
