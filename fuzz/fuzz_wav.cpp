// libFuzzer target for the WAV reader: any bytes must give a status, never a
// crash or undefined behaviour; what parses must decode (float and Q15) and
// pass through the MFCC plan of the spoken-digit preset.
#include <cstdint>
#include <vector>

#include "neurite/frontend/mfcc.hpp"
#include "neurite/frontend/wav.hpp"

namespace fe = neurite::frontend;

namespace {

// A broken promise of the API is a finding: stop the run.
void require(bool condition) {
  if (!condition) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fe::WavFormat format;
  const char* reason = nullptr;
  if (fe::parse_wav(data, size, &format, &reason) != fe::Status::ok) {
    require(reason != nullptr);  // every refusal says why
    return 0;
  }
  const size_t frames = format.frames < 4096 ? format.frames : 4096;  // keep runs fast
  std::vector<float> samples(frames);
  std::vector<int16_t> pcm(frames);
  require(fe::decode_wav_mono(data, size, format, 0, frames, samples.data()) == fe::Status::ok);
  require(fe::decode_wav_mono_q15(data, size, format, 0, frames, pcm.data()) == fe::Status::ok);
  if (frames == 0) return 0;
  static const fe::MfccConfig config = fe::speech_8k_preset();
  static std::vector<uint64_t> memory(fe::mfcc_plan_q15_bytes(config) / 8 + 1);
  static fe::MfccPlanQ15 plan;
  static const bool ready =
      fe::mfcc_plan_q15_init(config, memory.data(), memory.size() * 8, &plan) == fe::Status::ok;
  require(ready);
  std::vector<int32_t> mfcc(fe::frame_count(config, frames) * config.coefficients);
  require(fe::mfcc_signal_q15(plan, pcm.data(), frames, mfcc.data(), mfcc.size()) == fe::Status::ok);
  return 0;
}
