// Listing and loading of the sensor data sets: the bundled excerpts in data/
// and the full sets in ../shared/data (each described by its SOURCE.md).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace neurite::data {

// The full data sets: $NEURITE_SHARED_DATA, else <source>/../shared/data.
std::string shared_data_dir();
// True when <shared>/<name> exists (benchmarks skip cleanly otherwise).
bool shared_data_available(const std::string& name);

// One labelled recording of a folder or manifest.
struct AudioItem {
  std::string path;
  std::string label;
  std::string group;  // speaker or subject ("" when unknown)
  int index = -1;     // repetition index from the name (-1 when absent)
};

// WAV files of a folder whose names match `pattern`, sorted by name. Pattern:
// literal text with fields {label} (required), {group} (also {speaker},
// {subject}), {index} (digits) and {*} (anything), e.g. the spoken digits'
// "{label}_{speaker}_{index}.wav". Files that do not match are skipped.
std::vector<AudioItem> list_labelled_files(const std::string& dir, const std::string& pattern);
// A manifest CSV with columns path and label, optionally group, speaker_id or
// speaker; paths are relative to the manifest's folder.
std::vector<AudioItem> read_manifest(const std::string& path);

// Free Spoken Digit Dataset files in `dir` (the full set's recordings/ or data/fsdd).
std::vector<AudioItem> list_fsdd(const std::string& dir);

// A float32 NumPy array (.npy version 1 or 2, little-endian, C order).
struct NpyArray {
  std::vector<size_t> shape;
  std::vector<float> values;
};
NpyArray read_npy_f32(const std::string& path);
// Writes rows x cols float32 values as .npy version 1.
void write_npy_f32(const std::string& path, size_t rows, size_t cols, const float* values);

// UCI HAPT raw recordings (acc xyz in g, gyro xyz in rad/s, 50 Hz).
struct ImuRecording {
  int experiment = 0;
  int subject = 0;
  bool test_subject = false;      // the data set's own 70/30 subject split
  std::vector<float> samples;     // rows of 6 values
  std::vector<int32_t> activity;  // per sample: 1..12, or -1 between segments
  size_t size() const { return activity.size(); }
};
std::vector<ImuRecording> load_hapt(const std::string& dir = shared_data_dir() + "/uci_hapt_raw");
// Activity names of HAPT, index = id (0 unused).
const std::vector<std::string>& hapt_activity_names();

// CWRU bearing recordings (drive-end accelerometer), resampled to 12 kHz.
struct VibrationRecording {
  std::string label;  // e.g. "IR007", "Normal"
  int load_hp = 0;
  std::vector<float> samples;
};
std::vector<VibrationRecording> load_cwru(const std::string& dir = shared_data_dir() + "/cwru_bearing");

}  // namespace neurite::data
