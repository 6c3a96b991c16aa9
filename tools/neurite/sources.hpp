// Inputs of learn, eval and features: a CSV of feature vectors, a folder of
// WAV files labelled by a file-name pattern or a manifest CSV, or sensor CSVs
// (IMU, vibration) cut into windows. Every sample remembers where it came
// from, so errors and predictions can name the file and line or window.
#pragma once
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "frontend_spec.hpp"

namespace neurite::cli {

struct Sample {
  std::vector<float> features;
  std::string label;  // "" when the input has none
  std::string group;  // speaker or subject, when known
  std::string where;  // "file", "file:line" or "file[window 3]"
  int index = -1;     // repetition index from a file-name pattern
};

struct SourceOptions {
  std::string csv;                          // feature vectors, one per row
  std::string wav_dir;                      // folder of WAV files...
  std::string pattern = "{label}_{*}.wav";  // ...labelled by their names
  std::string manifest;                     // or a manifest CSV (path, label[, group])
  std::vector<std::string> sensor;          // sensor CSVs: one sample per row
  std::string label_column = "label";
  std::string group_column = "group";            // used when the input has it
  std::vector<std::string> columns;              // feature or sensor columns (default: all others)
  std::vector<std::string> only_labels, groups;  // filters
  std::string indices;                           // e.g. "0-4" or "5-49" (file-name index)
  int per_label = 0;                             // keep the first N of each label
  float rate = 0.0f;                             // sensor sample rate for a new model (0: the preset's)

  bool given() const { return !csv.empty() || !wav_dir.empty() || !manifest.empty() || !sensor.empty(); }
};

// Adds the input options to a subcommand.
void add_source_options(CLI::App* command, SourceOptions* options);

// The front-end a new model gets for these inputs: `preset` if given, else
// digits-8k for audio, imu for sensors, raw vectors for a feature CSV.
FrontendSpec spec_for(const SourceOptions& options, const std::string& preset);

// Reads and filters the samples and computes their vectors with `spec`. For a
// feature CSV a spec without columns takes the file's columns.
std::vector<Sample> read_samples(const SourceOptions& options, FrontendSpec* spec);

// Vectors of one input file for predict/stream: a WAV file (audio), the rows
// of a feature CSV (features) or the windows of a sensor CSV (motion).
std::vector<Sample> read_file(const std::string& path, FrontendSpec* spec);

// Parses "0,1.5,2" into a vector of `dim` values; throws naming `where`.
std::vector<float> parse_vector(const std::string& text, size_t dim, const std::string& where);

}  // namespace neurite::cli
