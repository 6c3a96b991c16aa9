// Log-mel and MFCC features: pre-emphasis, framing, a periodic window, real
// FFT, a triangular mel filter bank, log(mel + floor) and an orthonormal
// DCT-II. Two paths over the same plan design:
//  - float (the reference), float samples in full scale 1;
//  - fixed point, int16 (Q15) samples in, Q15 window, mel weights and DCT,
//    a 32-bit FFT with Q31 twiddles, an integer log, a Q31 DCT; log-mel and MFCC out in
//    Q16.16 (value = out / 65536). Its error against the float path is
//    measured in tests/test_frontend_fixed.cpp and stated in docs/frontend.md.
// Plans live in caller memory (mfcc_plan_bytes); no heap, no exceptions.
#pragma once
#include <cstddef>
#include <cstdint>

#include "neurite/frontend/status.hpp"

namespace neurite::frontend {

enum class WindowKind : uint8_t { hann = 0, hamming = 1 };
enum class MelScale : uint8_t { htk = 0, slaney = 1 };  // 2595 log10(1 + f/700), or Slaney's linear-log

struct MfccConfig {
  uint32_t sample_rate = 16000;
  float window_ms = 30.0f;
  float hop_ms = 20.0f;
  uint16_t fft_size = 512;  // power of two, at least the window length
  uint16_t mel_bands = 40;
  uint16_t coefficients = 10;  // MFCCs kept per frame (<= mel_bands)
  float fmin = 20.0f;
  float fmax = 4000.0f;       // 0: sample_rate / 2
  float pre_emphasis = 0.0f;  // y[t] = x[t] - a x[t-1]; 0 disables
  WindowKind window = WindowKind::hann;
  MelScale mel_scale = MelScale::htk;
  bool slaney_norm = false;  // area-normalised triangles (2 / band width in Hz)
  bool power = true;         // |X|^2 (true) or |X| in the filter bank
  float log_floor = 1e-6f;   // log(mel + floor)
  // Cepstral lifter L (HTK, Kaldi): c_k *= 1 + (L / 2) sin(pi k / L), k = 0..;
  // 0 disables. It raises the higher coefficients towards the scale of the low ones.
  float lifter = 0.0f;
};

// MLPerf Tiny keyword spotting: 16 kHz, 30 ms Hann window, 20 ms hop, 512-point
// FFT, 40 mel bands 20-4000 Hz on magnitudes, 10 coefficients: 49 x 10 per second.
MfccConfig keyword_spotting_preset();
// Spoken digits at 8 kHz: 25 ms Hamming window, 10 ms hop, 256-point FFT,
// pre-emphasis 0.97, 40 mel bands 20-4000 Hz on power, 13 coefficients.
MfccConfig speech_8k_preset();

// Checks a config; `reason` receives a static sentence on failure.
Status check_mfcc_config(const MfccConfig& config, const char** reason = nullptr);
uint32_t window_samples(const MfccConfig& config);  // round(rate * window_ms / 1000)
uint32_t hop_samples(const MfccConfig& config);
// Frames of a signal of `samples` samples: 1 + (samples - window) / hop, and
// one zero-padded frame when the signal is shorter than a window.
size_t frame_count(const MfccConfig& config, size_t samples);

// Sparse triangular filters over FFT bins 0..fft_size/2.
struct MelBands {
  const uint16_t* first = nullptr;   // first bin of each band
  const uint16_t* count = nullptr;   // bins in each band
  const uint32_t* offset = nullptr;  // start of each band's weights
};

struct MfccPlan {
  MfccConfig config;
  uint32_t window_length = 0, hop_length = 0;
  const float* window = nullptr;
  const float* fft_table = nullptr;
  MelBands bands;
  const float* weights = nullptr;
  const float* dct = nullptr;  // coefficients x mel_bands, row-major
  float* spectrum = nullptr;   // scratch, fft_size + 2
  float* mel = nullptr;        // scratch, mel_bands
};

struct MfccPlanQ15 {
  MfccConfig config;
  uint32_t window_length = 0, hop_length = 0;
  int16_t pre_emphasis_q15 = 0;
  const int16_t* window = nullptr;
  const int32_t* fft_table = nullptr;
  MelBands bands;
  const int16_t* weights = nullptr;  // Q15, triangles with peak 1
  // Per band: Q16 log of the gain the Q15 weights leave out (Slaney norm,
  // 32768/32767), and the floor divided by that gain as mantissa * 2^exponent.
  const int32_t* band_log_gain = nullptr;
  const uint32_t* floor_mantissa = nullptr;  // in [2^30, 2^31)
  const int16_t* floor_exponent = nullptr;
  const int32_t* dct = nullptr;     // Q31 (the lifter multiplies its error: 31 bits keep it negligible)
  const int32_t* lifter = nullptr;  // Q16 weight of each coefficient
  int32_t* spectrum = nullptr;      // scratch, fft_size + 2
  int32_t* mel = nullptr;           // scratch, mel_bands (Q16 log-mel)
};

// Bytes of caller memory for a plan (0 if the config is invalid). Memory must
// be aligned to 8 bytes.
size_t mfcc_plan_bytes(const MfccConfig& config);
size_t mfcc_plan_q15_bytes(const MfccConfig& config);
Status mfcc_plan_init(const MfccConfig& config, void* memory, size_t bytes, MfccPlan* plan,
                      const char** reason = nullptr);
Status mfcc_plan_q15_init(const MfccConfig& config, void* memory, size_t bytes, MfccPlanQ15* plan,
                          const char** reason = nullptr);

// One frame. `samples` points at the frame's first sample; `available` of the
// window_length samples exist (the rest count as zero); `previous` is the
// sample before the frame (0 at the start of a signal), for pre-emphasis.
void log_mel_frame(const MfccPlan& plan, const float* samples, size_t available, float previous,
                   float* log_mel);
void mfcc_frame(const MfccPlan& plan, const float* samples, size_t available, float previous, float* mfcc);
void log_mel_frame_q15(const MfccPlanQ15& plan, const int16_t* samples, size_t available, int16_t previous,
                       int32_t* log_mel_q16);
void mfcc_frame_q15(const MfccPlanQ15& plan, const int16_t* samples, size_t available, int16_t previous,
                    int32_t* mfcc_q16);

// Float samples (full scale 1) to the Q15 path's int16: rounded to nearest,
// saturated at full scale, NaN to 0 (what the fixed-point pipeline feeds it).
void samples_to_q15(const float* samples, size_t count, int16_t* out);

// Whole signals: frame_count() rows of mel_bands (log-mel) or coefficients
// (MFCC) values into `out`, which holds `capacity` values.
Status log_mel_signal(const MfccPlan& plan, const float* samples, size_t count, float* out, size_t capacity);
Status mfcc_signal(const MfccPlan& plan, const float* samples, size_t count, float* out, size_t capacity);
Status log_mel_signal_q15(const MfccPlanQ15& plan, const int16_t* samples, size_t count, int32_t* out,
                          size_t capacity);
Status mfcc_signal_q15(const MfccPlanQ15& plan, const int16_t* samples, size_t count, int32_t* out,
                       size_t capacity);

}  // namespace neurite::frontend
