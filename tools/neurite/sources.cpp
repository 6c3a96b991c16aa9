#include "sources.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "neurite/frontend/csv.hpp"
#include "progress.hpp"
#include "sensor_datasets.hpp"

namespace neurite::cli {

using frontend::CsvTable;
using frontend::Error;

void add_source_options(CLI::App* c, SourceOptions* o) {
  c->add_option("--csv", o->csv, "CSV of feature vectors, one per row, with a header")
      ->check(CLI::ExistingFile);
  c->add_option("--wav-dir", o->wav_dir, "Folder of WAV files labelled by --pattern")
      ->check(CLI::ExistingDirectory);
  c->add_option("--pattern", o->pattern,
                "File names of --wav-dir: {label}, {speaker}/{group}/{subject}, {index}, {*}")
      ->capture_default_str();
  c->add_option("--manifest", o->manifest, "CSV with columns path, label and optionally speaker/group")
      ->check(CLI::ExistingFile);
  c->add_option("--sensor", o->sensor, "Sensor CSV(s) (IMU, vibration): one sample per row, cut into windows")
      ->check(CLI::ExistingFile);
  c->add_option("--label-column", o->label_column, "Label column of CSV inputs")->capture_default_str();
  c->add_option("--group-column", o->group_column, "Speaker or subject column of CSV inputs (when present)")
      ->capture_default_str();
  c->add_option("--columns", o->columns, "Feature or sensor columns to use (default: all others)")
      ->delimiter(',');
  c->add_option("--labels", o->only_labels, "Keep only these labels (comma-separated)")->delimiter(',');
  c->add_option("--groups", o->groups, "Keep only these speakers/subjects (comma-separated)")->delimiter(',');
  c->add_option("--indices", o->indices, "Keep file-name indices in a range, e.g. 0-4");
  c->add_option("--per-label", o->per_label, "Keep the first N samples of each label (few-shot)");
  c->add_option("--rate", o->rate, "Sample rate of sensor CSVs in Hz (new models; default: the preset's)");
}

FrontendSpec spec_for(const SourceOptions& o, const std::string& preset) {
  if (!preset.empty()) {
    if (!o.csv.empty())
      throw Error("--preset applies to audio and sensor inputs, not to --csv feature vectors");
    return spec_from_preset(preset);
  }
  if (!o.wav_dir.empty() || !o.manifest.empty()) return spec_from_preset("digits-8k");
  if (!o.sensor.empty()) return spec_from_preset("imu");
  return FrontendSpec{};
}

namespace {

bool in_range(int index, const std::string& range) {
  if (range.empty()) return true;
  const size_t dash = range.find('-');
  try {
    const int lo = std::stoi(range.substr(0, dash));
    const int hi = dash == std::string::npos ? lo : std::stoi(range.substr(dash + 1));
    return index >= lo && index <= hi;
  } catch (const std::exception&) {
    throw Error("--indices: expected a range like 0-4, got '" + range + "'");
  }
}

// The columns holding vector (or sensor) values: --columns, else the columns
// the model was learned from, else every column but the label and group.
std::vector<size_t> feature_columns(const CsvTable& table, const SourceOptions& o, const FrontendSpec& spec) {
  std::vector<size_t> out;
  const std::vector<std::string>& names = !o.columns.empty() ? o.columns : spec.columns;
  if (!names.empty()) {
    for (const auto& name : names) out.push_back(table.column(name));
    return out;
  }
  for (size_t j = 0; j < table.header.size(); ++j) {
    const auto& h = table.header[j];
    if (h != o.label_column && h != o.group_column) out.push_back(j);
  }
  return out;
}

std::vector<Sample> read_feature_csv(const std::string& path, const SourceOptions& o, FrontendSpec* spec) {
  const CsvTable table = frontend::read_csv(path);
  const std::vector<size_t> columns = feature_columns(table, o, *spec);
  if (columns.empty()) throw Error(path + ": no feature columns");
  if (spec->columns.empty()) {
    for (size_t j : columns) spec->columns.push_back(table.header[j]);
    spec->feature_dim = columns.size();
  } else if (columns.size() != spec->feature_dim) {
    throw Error(path + ": " + std::to_string(columns.size()) + " feature columns, the model expects " +
                std::to_string(spec->feature_dim));
  }
  const bool has_label = table.has_column(o.label_column);
  const bool has_group = !o.group_column.empty() && table.has_column(o.group_column);
  const size_t label = has_label ? table.column(o.label_column) : 0;
  const size_t group = has_group ? table.column(o.group_column) : 0;
  std::vector<Sample> out;
  for (size_t i = 0; i < table.size(); ++i) {
    Sample s;
    for (size_t j : columns) s.features.push_back(table.number(i, j));
    if (has_label) s.label = table.cell(i, label);
    if (has_group) s.group = table.cell(i, group);
    s.where = table.where(i);
    out.push_back(std::move(s));
  }
  return out;
}

// Windows of a sensor CSV. With `every_window` all windows come out (labels,
// if any, are not used); otherwise only windows of one labelled activity.
std::vector<Sample> read_sensor_csv(const std::string& path, const SourceOptions& o, FrontendSpec* spec,
                                    bool every_window) {
  const CsvTable table = frontend::read_csv(path);
  const std::vector<size_t> columns = feature_columns(table, o, *spec);
  if (spec->columns.empty()) {  // a new model: its channels are these columns
    for (size_t j : columns) spec->columns.push_back(table.header[j]);
    spec->motion.channels = static_cast<uint16_t>(columns.size());
    if (spec->motion.gravity_channels > columns.size()) spec->motion.gravity_channels = spec->motion.channels;
  } else {
    for (size_t k = 0; k < spec->columns.size(); ++k) {
      if (k >= columns.size() || table.header[columns[k]] != spec->columns[k]) {
        std::string want;
        for (const auto& c : spec->columns) want += (want.empty() ? "" : ",") + c;
        throw Error(path + ": sensor columns differ from the model's (" + want + "); use --columns");
      }
    }
  }
  if (columns.size() != spec->motion.channels) {
    throw Error(path + ": " + std::to_string(columns.size()) + " sensor columns, the front-end expects " +
                std::to_string(spec->motion.channels));
  }
  const bool has_label = !every_window && table.has_column(o.label_column);
  const size_t label_col = has_label ? table.column(o.label_column) : 0;
  std::vector<float> samples;
  std::vector<int32_t> labels;
  std::map<std::string, int32_t> ids;
  std::vector<std::string> names;
  for (size_t i = 0; i < table.size(); ++i) {
    for (size_t j : columns) samples.push_back(table.number(i, j));
    const std::string label = has_label ? table.cell(i, label_col) : std::string("?");
    if (label.empty()) {
      labels.push_back(-1);  // between labelled segments
      continue;
    }
    auto it = ids.find(label);
    if (it == ids.end()) {
      it = ids.emplace(label, static_cast<int32_t>(names.size())).first;
      names.push_back(label);
    }
    labels.push_back(it->second);
  }
  frontend::MotionPipeline pipeline(spec->motion);
  const auto windows = pipeline.labelled_windows(samples.data(), labels.data(), labels.size());
  std::vector<Sample> out;
  for (size_t w = 0; w < windows.size(); ++w) {
    Sample s;
    s.features.assign(windows.features.begin() + static_cast<long>(w * pipeline.dim()),
                      windows.features.begin() + static_cast<long>((w + 1) * pipeline.dim()));
    s.label = has_label ? names[static_cast<size_t>(windows.labels[w])] : "";
    const size_t last = windows.last_sample[w];
    s.where = table.where(last + 1 - spec->motion.window) + "-" + std::to_string(table.lines[last]);
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<Sample> read_audio(std::vector<data::AudioItem> items, const SourceOptions& o,
                               FrontendSpec* spec) {
  // Filters first: features are the costly part.
  std::set<std::string> labels(o.only_labels.begin(), o.only_labels.end());
  std::set<std::string> groups(o.groups.begin(), o.groups.end());
  std::vector<data::AudioItem> kept;
  for (const auto& item : items) {
    if (!labels.empty() && !labels.count(item.label)) continue;
    if (!groups.empty() && !groups.count(item.group)) continue;
    if (!o.indices.empty() && (item.index < 0 || !in_range(item.index, o.indices))) continue;
    kept.push_back(item);
  }
  frontend::AudioPipeline pipeline(spec->audio);
  std::vector<Sample> out;
  Progress progress("features", kept.size());
  for (const auto& item : kept) {
    Sample s;
    s.features = pipeline.features(frontend::read_wav(item.path));
    s.label = item.label;
    s.group = item.group;
    s.where = item.path;
    s.index = item.index;
    out.push_back(std::move(s));
    progress.step();
  }
  return out;
}

std::vector<Sample> filter(std::vector<Sample> samples, const SourceOptions& o) {
  std::set<std::string> labels(o.only_labels.begin(), o.only_labels.end());
  std::set<std::string> groups(o.groups.begin(), o.groups.end());
  std::map<std::string, int> taken;
  std::vector<Sample> out;
  for (auto& s : samples) {
    if (!labels.empty() && !labels.count(s.label)) continue;
    if (!groups.empty() && !groups.count(s.group)) continue;
    if (!o.indices.empty() && (s.index < 0 || !in_range(s.index, o.indices))) continue;
    if (o.per_label > 0 && taken[s.label]++ >= o.per_label) continue;
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

std::vector<Sample> read_samples(const SourceOptions& o, FrontendSpec* spec) {
  const int given =
      int(!o.csv.empty()) + int(!o.wav_dir.empty()) + int(!o.manifest.empty()) + int(!o.sensor.empty());
  if (given != 1) throw Error("give exactly one input: --csv, --wav-dir, --manifest or --sensor");
  std::vector<Sample> samples;
  if (!o.csv.empty()) {
    if (spec->kind != InputKind::features)
      throw Error("the model reads " + std::string(kind_name(spec->kind)) + ", not a feature CSV");
    samples = read_feature_csv(o.csv, o, spec);
  } else if (!o.sensor.empty()) {
    if (spec->kind != InputKind::motion)
      throw Error("the model reads " + std::string(kind_name(spec->kind)) + ", not sensor CSVs");
    for (const auto& path : o.sensor) {
      auto more = read_sensor_csv(path, o, spec, /*every_window=*/false);
      samples.insert(samples.end(), more.begin(), more.end());
    }
  } else {
    if (spec->kind != InputKind::audio)
      throw Error("the model reads " + std::string(kind_name(spec->kind)) + ", not audio");
    samples = read_audio(o.manifest.empty() ? data::list_labelled_files(o.wav_dir, o.pattern)
                                            : data::read_manifest(o.manifest),
                         o, spec);
  }
  samples = filter(std::move(samples), o);
  if (samples.empty()) throw Error("no samples in the input (check the pattern, columns and filters)");
  return samples;
}

std::vector<Sample> read_file(const std::string& path, FrontendSpec* spec) {
  SourceOptions o;
  switch (spec->kind) {
    case InputKind::audio: {
      frontend::AudioPipeline pipeline(spec->audio);
      Sample s;
      s.features = pipeline.features(frontend::read_wav(path));
      s.where = path;
      return {s};
    }
    case InputKind::motion:
      return read_sensor_csv(path, o, spec, /*every_window=*/true);
    case InputKind::features:
      break;
  }
  return read_feature_csv(path, o, spec);
}

std::vector<float> parse_vector(const std::string& text, size_t dim, const std::string& where) {
  const auto cells = frontend::split_csv_line(text, where);
  std::vector<float> out;
  for (size_t j = 0; j < cells.size(); ++j) {
    char* end = nullptr;
    const float v = std::strtof(cells[j].c_str(), &end);
    if (cells[j].empty() || *end != '\0' || !std::isfinite(v)) {
      throw Error(where + ": value " + std::to_string(j + 1) + " is not a finite number: '" + cells[j] + "'");
    }
    out.push_back(v);
  }
  if (out.size() != dim) {
    throw Error(where + ": " + std::to_string(out.size()) + " values, the model expects " +
                std::to_string(dim));
  }
  return out;
}

}  // namespace neurite::cli
