#include "sensor_datasets.hpp"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "neurite/frontend/audio_io.hpp"
#include "neurite/frontend/csv.hpp"

#ifndef NEURITE_SHARED_DATA_DIR
#define NEURITE_SHARED_DATA_DIR "../shared/data"
#endif

namespace neurite::data {

using frontend::CsvTable;
using frontend::Error;
using frontend::read_csv;

std::string shared_data_dir() {
  const char* env = std::getenv("NEURITE_SHARED_DATA");
  return env != nullptr && env[0] != '\0' ? std::string(env) : std::string(NEURITE_SHARED_DATA_DIR);
}

bool shared_data_available(const std::string& name) {
  struct stat info;
  return stat((shared_data_dir() + "/" + name).c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

namespace {

// A file-name pattern: literal text and fields, matched with backtracking;
// fields take as few characters as they can (like the regex "(.+?)").
struct Pattern {
  enum class Kind { literal, label, group, index, any };
  struct Segment {
    Kind kind;
    std::string text;
  };
  std::vector<Segment> segments;
};

Pattern compile(const std::string& pattern) {
  Pattern out;
  bool has_label = false;
  size_t pos = 0;
  while (pos < pattern.size()) {
    const size_t open = pattern.find('{', pos);
    if (open != pos) {
      const size_t end = open == std::string::npos ? pattern.size() : open;
      out.segments.push_back({Pattern::Kind::literal, pattern.substr(pos, end - pos)});
      if (open == std::string::npos) break;
    }
    const size_t close = pattern.find('}', open);
    if (close == std::string::npos) throw Error("pattern '" + pattern + "': unclosed '{'");
    const std::string field = pattern.substr(open + 1, close - open - 1);
    if (field == "label") {
      out.segments.push_back({Pattern::Kind::label, ""});
      has_label = true;
    } else if (field == "group" || field == "speaker" || field == "subject") {
      out.segments.push_back({Pattern::Kind::group, ""});
    } else if (field == "index") {
      out.segments.push_back({Pattern::Kind::index, ""});
    } else if (field == "*") {
      out.segments.push_back({Pattern::Kind::any, ""});
    } else {
      throw Error("pattern '" + pattern + "': unknown field {" + field +
                  "} (use {label}, {group}, {speaker}, {subject}, {index}, {*})");
    }
    pos = close + 1;
  }
  if (!has_label) throw Error("pattern '" + pattern + "' has no {label}");
  return out;
}

bool match(const Pattern& p, size_t k, const std::string& name, size_t pos, AudioItem* item) {
  if (k == p.segments.size()) return pos == name.size();
  const auto& seg = p.segments[k];
  if (seg.kind == Pattern::Kind::literal) {
    return name.compare(pos, seg.text.size(), seg.text) == 0 &&
           match(p, k + 1, name, pos + seg.text.size(), item);
  }
  for (size_t end = pos + (seg.kind == Pattern::Kind::any ? 0 : 1); end <= name.size(); ++end) {
    const std::string value = name.substr(pos, end - pos);
    if (seg.kind == Pattern::Kind::index && value.find_first_not_of("0123456789") != std::string::npos)
      return false;
    if (!match(p, k + 1, name, end, item)) continue;
    if (seg.kind == Pattern::Kind::label) item->label = value;
    if (seg.kind == Pattern::Kind::group) item->group = value;
    if (seg.kind == Pattern::Kind::index) item->index = std::atoi(value.c_str());
    return true;
  }
  return false;
}

}  // namespace

std::vector<AudioItem> list_labelled_files(const std::string& dir, const std::string& pattern) {
  const Pattern compiled = compile(pattern);
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) throw Error(dir + ": cannot open folder");
  std::vector<std::string> names;
  while (dirent* e = readdir(d)) names.emplace_back(e->d_name);
  closedir(d);
  std::sort(names.begin(), names.end());
  std::vector<AudioItem> items;
  for (const auto& name : names) {
    AudioItem item;
    if (!match(compiled, 0, name, 0, &item)) continue;
    item.path = dir + "/" + name;
    items.push_back(item);
  }
  return items;
}

std::vector<AudioItem> read_manifest(const std::string& path) {
  const CsvTable table = read_csv(path);
  const size_t path_column = table.column("path"), label_column = table.column("label");
  int group_column = -1;
  for (const char* name : {"group", "speaker_id", "speaker", "subject"}) {
    if (group_column < 0 && table.has_column(name)) group_column = static_cast<int>(table.column(name));
  }
  const size_t slash = path.find_last_of('/');
  const std::string base = slash == std::string::npos ? "." : path.substr(0, slash);
  std::vector<AudioItem> items;
  for (size_t i = 0; i < table.size(); ++i) {
    AudioItem item;
    const std::string& p = table.cell(i, path_column);
    if (p.empty()) throw Error(table.where(i) + ": empty path");
    item.path = p[0] == '/' ? p : base + "/" + p;
    item.label = table.cell(i, label_column);
    if (item.label.empty()) throw Error(table.where(i) + ": empty label");
    if (group_column >= 0) item.group = table.cell(i, static_cast<size_t>(group_column));
    items.push_back(item);
  }
  return items;
}

std::vector<AudioItem> list_fsdd(const std::string& dir) {
  return list_labelled_files(dir, "{label}_{speaker}_{index}.wav");
}

NpyArray read_npy_f32(const std::string& path) {
  const std::vector<uint8_t> bytes = frontend::read_bytes(path);
  if (bytes.size() < 10 || std::memcmp(bytes.data(), "\x93NUMPY", 6) != 0)
    throw Error(path + ": not a .npy file");
  const int major = bytes[6];
  const size_t prefix = major == 1 ? 10 : 12;
  if (bytes.size() < prefix) throw Error(path + ": truncated .npy header");
  const size_t header_length = major == 1 ? size_t{bytes[8]} | (size_t{bytes[9]} << 8)
                                          : size_t{bytes[8]} | (size_t{bytes[9]} << 8) |
                                                (size_t{bytes[10]} << 16) | (size_t{bytes[11]} << 24);
  if (bytes.size() < prefix + header_length) throw Error(path + ": truncated .npy header");
  const std::string header(bytes.begin() + static_cast<long>(prefix),
                           bytes.begin() + static_cast<long>(prefix + header_length));
  if (header.find("'descr': '<f4'") == std::string::npos)
    throw Error(path + ": .npy data is not float32 (<f4)");
  if (header.find("'fortran_order': False") == std::string::npos)
    throw Error(path + ": .npy is Fortran-ordered");
  const size_t open = header.find("'shape': ("), close = header.find(')', open);
  if (open == std::string::npos || close == std::string::npos)
    throw Error(path + ": .npy header has no shape");
  NpyArray array;
  size_t count = 1;
  std::string dims = header.substr(open + 10, close - open - 10);
  for (size_t pos = 0; pos < dims.size();) {
    const size_t comma = dims.find(',', pos);
    const std::string cell = dims.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    if (cell.find_first_of("0123456789") != std::string::npos) {
      array.shape.push_back(std::strtoull(cell.c_str(), nullptr, 10));
      count *= array.shape.back();
    }
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  const size_t data = prefix + header_length;
  if (bytes.size() - data < count * 4) throw Error(path + ": .npy data is truncated");
  array.values.resize(count);
  std::memcpy(array.values.data(), bytes.data() + data, count * 4);  // little-endian hosts
  return array;
}

void write_npy_f32(const std::string& path, size_t rows, size_t cols, const float* values) {
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + std::to_string(rows) + ", " +
                       std::to_string(cols) + "), }";
  header.append(63 - (10 + header.size()) % 64, ' ');  // data starts on a 64-byte boundary
  header += '\n';
  std::ofstream file(path, std::ios::binary);
  if (!file) throw Error(path + ": cannot create");
  file.write("\x93NUMPY\x01\x00", 8);
  const char length[2] = {static_cast<char>(header.size() & 0xff), static_cast<char>(header.size() >> 8)};
  file.write(length, 2);
  file.write(header.data(), static_cast<std::streamsize>(header.size()));
  file.write(reinterpret_cast<const char*>(values),
             static_cast<std::streamsize>(rows * cols * sizeof(float)));
  if (!file) throw Error(path + ": write error");
}

const std::vector<std::string>& hapt_activity_names() {
  static const std::vector<std::string> names = {
      "",           "WALKING",      "WALKING_UPSTAIRS", "WALKING_DOWNSTAIRS", "SITTING",
      "STANDING",   "LAYING",       "STAND_TO_SIT",     "SIT_TO_STAND",       "SIT_TO_LIE",
      "LIE_TO_SIT", "STAND_TO_LIE", "LIE_TO_STAND"};
  return names;
}

std::vector<ImuRecording> load_hapt(const std::string& dir) {
  const NpyArray signals = read_npy_f32(dir + "/signals_f32.npy");
  if (signals.shape.size() != 2 || signals.shape[1] != 6)
    throw Error(dir + "/signals_f32.npy: expected shape (n, 6)");
  const CsvTable recordings = read_csv(dir + "/recordings.csv");
  const CsvTable labels = read_csv(dir + "/labels.csv");
  std::vector<ImuRecording> out;
  const size_t offset_col = recordings.column("row_offset"), rows_col = recordings.column("num_rows");
  for (size_t i = 0; i < recordings.size(); ++i) {
    ImuRecording r;
    r.experiment = static_cast<int>(recordings.number(i, recordings.column("exp_id")));
    r.subject = static_cast<int>(recordings.number(i, recordings.column("user_id")));
    r.test_subject = recordings.cell(i, recordings.column("split")) == "test";
    const size_t offset = static_cast<size_t>(recordings.number(i, offset_col));
    const size_t rows = static_cast<size_t>(recordings.number(i, rows_col));
    if (offset + rows > signals.shape[0]) throw Error(recordings.where(i) + ": rows beyond the signal array");
    r.samples.assign(signals.values.begin() + static_cast<long>(offset * 6),
                     signals.values.begin() + static_cast<long>((offset + rows) * 6));
    r.activity.assign(rows, -1);
    for (size_t j = 0; j < labels.size(); ++j) {
      if (static_cast<int>(labels.number(j, labels.column("exp_id"))) != r.experiment) continue;
      const size_t start = static_cast<size_t>(labels.number(j, labels.column("global_row_start0")));
      const size_t end = static_cast<size_t>(labels.number(j, labels.column("global_row_end0_inclusive")));
      const int32_t id = static_cast<int32_t>(labels.number(j, labels.column("activity_id")));
      if (start < offset || end >= offset + rows)
        throw Error(labels.where(j) + ": segment outside its recording");
      std::fill(r.activity.begin() + static_cast<long>(start - offset),
                r.activity.begin() + static_cast<long>(end - offset + 1), id);
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<VibrationRecording> load_cwru(const std::string& dir) {
  const NpyArray signal = read_npy_f32(dir + "/de_signals_f32.npy");
  const CsvTable index = read_csv(dir + "/index.csv");
  std::vector<VibrationRecording> out;
  for (size_t i = 0; i < index.size(); ++i) {
    const size_t offset = static_cast<size_t>(index.number(i, index.column("row_offset")));
    const size_t rows = static_cast<size_t>(index.number(i, index.column("num_rows")));
    if (offset + rows > signal.values.size()) throw Error(index.where(i) + ": rows beyond the signal array");
    frontend::Audio audio;
    audio.sample_rate = static_cast<uint32_t>(index.number(i, index.column("fs_hz")));
    audio.samples.assign(signal.values.begin() + static_cast<long>(offset),
                         signal.values.begin() + static_cast<long>(offset + rows));
    VibrationRecording r;
    r.label = index.cell(i, index.column("label"));
    r.load_hp = static_cast<int>(index.number(i, index.column("load_hp")));
    r.samples = frontend::resample(audio, 12000).samples;  // the normal baseline is at 48 kHz
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace neurite::data
