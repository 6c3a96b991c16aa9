#include "model_file.hpp"

#include <zlib.h>

#include <cstring>
#include <fstream>

#include "neurite/frontend/audio_io.hpp"

namespace neurite::cli {

using frontend::Error;

namespace {

constexpr char kMagic[4] = {'N', 'R', 'T', 'C'};
constexpr uint16_t kVersion = 1;

void put32(std::vector<uint8_t>& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}
uint32_t get32(const uint8_t* p) {
  return uint32_t{p[0]} | (uint32_t{p[1]} << 8) | (uint32_t{p[2]} << 16) | (uint32_t{p[3]} << 24);
}
uint32_t crc(const uint8_t* bytes, size_t size) {
  return static_cast<uint32_t>(crc32(0L, bytes, static_cast<uInt>(size)));
}

}  // namespace

int32_t Labels::id(const std::string& name, bool add) {
  const auto it = ids_.find(name);
  if (it != ids_.end()) return it->second;
  if (!add) return -1;
  const int32_t next = static_cast<int32_t>(names_.size());
  names_.push_back(name);
  ids_[name] = next;
  return next;
}

std::string Labels::name(int32_t id) const {
  return id >= 0 && static_cast<size_t>(id) < names_.size() ? names_[static_cast<size_t>(id)]
                                                            : std::to_string(id);
}

void Labels::set(std::vector<std::string> names) {
  names_ = std::move(names);
  ids_.clear();
  for (size_t i = 0; i < names_.size(); ++i) ids_[names_[i]] = static_cast<int32_t>(i);
}

void save_model(const std::string& path, const FrontendSpec& frontend, const Labels& labels,
                const Learner& learner) {
  nlohmann::json meta;
  meta["frontend"] = to_json(frontend);
  meta["labels"] = labels.names();
  meta["written_by"] = "neurite command line 0.1";
  const std::string text = meta.dump();
  std::vector<uint8_t> out(kMagic, kMagic + 4);
  out.push_back(kVersion & 0xff);
  out.push_back(kVersion >> 8);
  out.push_back(0);
  out.push_back(0);
  put32(out, static_cast<uint32_t>(text.size()));
  out.insert(out.end(), text.begin(), text.end());
  put32(out, crc(out.data(), out.size()));
  const std::vector<uint8_t> core = learner.save();
  out.insert(out.end(), core.begin(), core.end());
  std::ofstream file(path, std::ios::binary);
  if (!file) throw Error(path + ": cannot create");
  file.write(reinterpret_cast<const char*>(out.data()), static_cast<std::streamsize>(out.size()));
  if (!file) throw Error(path + ": write error");
}

ModelFile load_model(const std::string& path) {
  const std::vector<uint8_t> bytes = frontend::read_bytes(path);
  if (bytes.size() >= 4 && std::memcmp(bytes.data(), "NRTE", 4) == 0) {
    // A plain core model: raw feature vectors, numeric labels.
    Learner learner = Learner::from_bytes(bytes, path);
    FrontendSpec spec;
    spec.feature_dim = learner.config().dim;
    Labels labels;
    int32_t top = -1;
    for (int32_t c : learner.classes()) top = c > top ? c : top;
    std::vector<std::string> names;
    for (int32_t i = 0; i <= top; ++i) names.push_back(std::to_string(i));
    labels.set(names);
    return {spec, labels, std::move(learner)};
  }
  if (bytes.size() < 16 || std::memcmp(bytes.data(), kMagic, 4) != 0) {
    throw Error(path + ": not a neurite model (no NRTC or NRTE magic)");
  }
  const uint16_t version = static_cast<uint16_t>(bytes[4] | (bytes[5] << 8));
  if (version != kVersion) {
    throw Error(path + ": model file version " + std::to_string(version) +
                " is not supported (this build reads 1)");
  }
  const size_t length = get32(bytes.data() + 8);
  if (bytes.size() < 16 + length) throw Error(path + ": model file is truncated in its metadata");
  if (crc(bytes.data(), 12 + length) != get32(bytes.data() + 12 + length)) {
    throw Error(path + ": model metadata is corrupted (CRC mismatch)");
  }
  nlohmann::json meta;
  try {
    meta = nlohmann::json::parse(bytes.begin() + 12, bytes.begin() + 12 + static_cast<long>(length));
  } catch (const nlohmann::json::exception& e) {
    throw Error(path + ": model metadata is not valid JSON: " + e.what());
  }
  const std::vector<uint8_t> core(bytes.begin() + 16 + static_cast<long>(length), bytes.end());
  Learner learner = Learner::from_bytes(core, path);
  FrontendSpec spec = spec_from_json(meta.value("frontend", nlohmann::json::object()), path);
  if (spec.dim() != learner.config().dim) {
    throw Error(path + ": front-end gives " + std::to_string(spec.dim()) + " values but the model expects " +
                std::to_string(learner.config().dim));
  }
  Labels labels;
  try {
    labels.set(meta.value("labels", std::vector<std::string>{}));
  } catch (const nlohmann::json::exception& e) {
    throw Error(path + ": model metadata: labels: " + e.what());
  }
  return {spec, labels, std::move(learner)};
}

}  // namespace neurite::cli
