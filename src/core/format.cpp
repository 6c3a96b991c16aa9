#include "format.hpp"

#include <cfloat>
#include <cmath>
#include <cstring>

#include "sort.hpp"
#include "text.hpp"

namespace neurite::detail {
namespace {

constexpr uint8_t kMagic[4] = {'N', 'R', 'T', 'E'};

class Writer {
 public:
  Writer(uint8_t* buffer, size_t capacity) : buffer_(buffer), capacity_(capacity) {}
  void u8(uint8_t v) { byte(v); }
  void u16(uint16_t v) {
    byte(static_cast<uint8_t>(v));
    byte(static_cast<uint8_t>(v >> 8));
  }
  void u32(uint32_t v) {
    for (int s = 0; s < 32; s += 8) byte(static_cast<uint8_t>(v >> s));
  }
  void f32(float v) {
    uint32_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    u32(bits);
  }
  void floats(const float* v, uint64_t count) {
    for (uint64_t i = 0; i < count; ++i) f32(v[i]);
  }
  size_t size() const { return size_; }
  bool overflow() const { return size_ > capacity_; }
  uint8_t* data() { return buffer_; }

 private:
  void byte(uint8_t v) {
    if (buffer_ != nullptr && size_ < capacity_) buffer_[size_] = v;
    ++size_;
  }
  uint8_t* buffer_;
  size_t capacity_;
  size_t size_ = 0;
};

class Reader {
 public:
  Reader(const uint8_t* bytes, size_t size) : bytes_(bytes), size_(size) {}
  bool u8(uint8_t* v) {
    if (!need(1)) return false;
    *v = bytes_[pos_++];
    return true;
  }
  bool u16(uint16_t* v) {
    if (!need(2)) return false;
    *v = static_cast<uint16_t>(bytes_[pos_] | (bytes_[pos_ + 1] << 8));
    pos_ += 2;
    return true;
  }
  bool u32(uint32_t* v) {
    if (!need(4)) return false;
    *v = static_cast<uint32_t>(bytes_[pos_]) | (static_cast<uint32_t>(bytes_[pos_ + 1]) << 8) |
         (static_cast<uint32_t>(bytes_[pos_ + 2]) << 16) | (static_cast<uint32_t>(bytes_[pos_ + 3]) << 24);
    pos_ += 4;
    return true;
  }
  bool f32(float* v) {
    uint32_t bits;
    if (!u32(&bits)) return false;
    std::memcpy(v, &bits, sizeof bits);
    return true;
  }
  // Reads `count` floats into `out` (or skips them when out is null); all must be finite.
  bool floats(float* out, uint64_t count, bool* finite) {
    for (uint64_t i = 0; i < count; ++i) {
      float v;
      if (!f32(&v)) return false;
      if (!std::isfinite(v)) *finite = false;
      if (out != nullptr) out[i] = v;
    }
    return true;
  }
  bool at_end() const { return pos_ == size_; }

 private:
  bool need(size_t n) { return size_ - pos_ >= n; }
  const uint8_t* bytes_;
  size_t size_;
  size_t pos_ = 0;
};

uint32_t read_u32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) |
         (static_cast<uint32_t>(p[2]) << 16) | (static_cast<uint32_t>(p[3]) << 24);
}

void write_config(Writer& w, const Config& c) {
  w.u8(static_cast<uint8_t>(c.problem));
  w.u8(static_cast<uint8_t>(c.strictness));
  w.u16(c.dim);
  w.u16(c.outputs);
  w.u16(0);
  w.u32(c.memory_bytes);
  w.f32(c.rejection_rate);
}

bool read_config(Reader& r, Config* c) {
  uint8_t problem, strictness;
  uint16_t reserved;
  if (!r.u8(&problem) || !r.u8(&strictness) || !r.u16(&c->dim) || !r.u16(&c->outputs) || !r.u16(&reserved) ||
      !r.u32(&c->memory_bytes) || !r.f32(&c->rejection_rate)) {
    return false;
  }
  c->problem = static_cast<Problem>(problem);
  c->strictness = static_cast<Strictness>(strictness);
  return problem <= 2 && strictness <= 4;
}

// A stored event's features as they are held: floats, or offset, scale and codes.
void write_features(const Engine& e, Writer& w, uint32_t i) {
  const uint32_t d = e.config.dim;
  const uint8_t* base = e.store.features + static_cast<uint64_t>(i) * d * e.feature_bytes;
  if (e.feature_bytes == 4) {
    w.floats(reinterpret_cast<const float*>(base), d);
    return;
  }
  w.f32(e.store.offset[i]);
  w.f32(e.store.scale[i]);
  for (uint32_t j = 0; j < d; ++j) {
    if (e.feature_bytes == 2) {
      w.u16(static_cast<uint16_t>(reinterpret_cast<const int16_t*>(base)[j]));
    } else {
      w.u8(base[j]);
    }
  }
}

// Reads one event's features in the file's encoding into the engine's (or only checks them).
Status read_features(Engine& e, Reader& r, uint32_t i, uint8_t file_bytes, bool apply, bool* finite) {
  const uint32_t d = e.config.dim;
  uint8_t* base = e.store.features + static_cast<uint64_t>(i) * d * e.feature_bytes;
  if (file_bytes == 4) {
    // Float features; a quantized store encodes them (version 1 files).
    float* target = !apply ? nullptr : e.feature_bytes == 4 ? reinterpret_cast<float*>(base) : e.feature_tmp;
    if (!r.floats(target, d, finite)) return Status::truncated;
    if (apply && e.feature_bytes != 4) e.encode_row(i, e.feature_tmp);
    return Status::ok;
  }
  float offset, step;
  if (!r.f32(&offset) || !r.f32(&step)) return Status::truncated;
  if (!std::isfinite(offset) || !(step > 0.0f) || !std::isfinite(step)) return Status::corrupted;
  if (apply) {
    e.store.offset[i] = offset;
    e.store.scale[i] = step;
  }
  for (uint32_t j = 0; j < d; ++j) {
    if (file_bytes == 2) {
      uint16_t code;
      if (!r.u16(&code)) return Status::truncated;
      if (apply) reinterpret_cast<int16_t*>(base)[j] = static_cast<int16_t>(code);
    } else {
      uint8_t code;
      if (!r.u8(&code)) return Status::truncated;
      if (apply) base[j] = code;
    }
  }
  return Status::ok;
}

// Serialises the payload; the same routine measures (null buffer) and writes.
void write_payload(const Engine& e, Writer& w) {
  const Config& c = e.config;
  const uint32_t width = e.outputs();
  write_config(w, c);
  w.u32(e.next_id);
  w.u32(e.events_at_build);
  w.u32(e.events_since_build);
  w.u32(e.surprises_since_build);
  w.u32(e.loo_errors);
  w.f32(e.temperature);
  w.f32(e.radius0);
  w.f32(e.contour_scale);
  w.u8(e.shared_metric ? 1 : 0);
  w.u16(e.class_count);
  for (uint16_t k = 0; k < e.class_count; ++k) w.u32(static_cast<uint32_t>(e.labels[k]));
  w.floats(e.metric, c.dim);
  w.floats(e.contour, c.dim);
  if (c.problem == Problem::regression) {
    w.floats(e.target_mean, c.outputs);
    w.floats(e.target_scale, c.outputs);
  }
  w.u32(e.store.count);
  w.u8(e.feature_bytes);
  for (uint32_t i = 0; i < e.store.count; ++i) {
    w.u32(e.store.ids[i]);
    if (c.problem == Problem::classification) w.u16(e.store.klass[i]);
    if (c.problem == Problem::regression) {
      w.floats(e.store.targets + static_cast<uint64_t>(i) * e.stride, c.outputs);
    }
    w.u32(e.store.nearest[i]);
    w.f32(e.store.nearest_sqdist[i]);
    w.f32(e.store.confidence[i]);
    w.f32(e.store.weight[i]);
    write_features(e, w, i);
    for (uint32_t l = 0; l + 1u < e.plan.layers; ++l) w.floats(e.held_out_row(i, l), width);
  }
  w.u8(e.layer_count);
  for (uint8_t l = 0; l < e.layer_count; ++l) {
    const Layer& net = e.layers[l];
    w.f32(net.radius);
    w.f32(net.beta2);
    w.u32(net.count);
    for (uint32_t a = 0; a < net.count; ++a) w.u32(net.centre[a]);
    for (uint32_t a = 0; a < net.count; ++a) {
      w.floats(net.weights + static_cast<uint64_t>(a) * e.stride, width);
    }
  }
}

bool same_config(const Config& a, const Config& b) {
  return a.problem == b.problem && a.strictness == b.strictness && a.dim == b.dim && a.outputs == b.outputs &&
         a.memory_bytes == b.memory_bytes &&
         std::memcmp(&a.rejection_rate, &b.rejection_rate, sizeof(float)) == 0;
}

// Walks the payload; with `apply` false it only validates, with true it writes
// into the engine (called only after a successful validation pass).
Status parse_payload(Engine& e, Reader& r, uint16_t version, bool apply, Text& why) {
  const Config& c = e.config;
  Config stored;
  if (!read_config(r, &stored)) return why.put("bad configuration block"), Status::corrupted;
  if (!same_config(stored, c)) {
    why.put("the model was saved with another configuration; size the learner with read_config()");
    return Status::invalid_config;
  }
  uint32_t next_id, at_build, since_build, surprises, loo_errors;
  float temperature, radius0;
  uint16_t classes;
  if (!r.u32(&next_id) || !r.u32(&at_build) || !r.u32(&since_build) || !r.u32(&surprises) ||
      !r.u32(&loo_errors) || !r.f32(&temperature) || !r.f32(&radius0)) {
    return why.put("model ends inside the counters"), Status::truncated;
  }
  if (!(temperature > 0.0f) || !std::isfinite(temperature) || !(radius0 > 0.0f) || !std::isfinite(radius0)) {
    return why.put("temperature or radius out of range"), Status::corrupted;
  }
  float contour_scale = 1.0f;
  uint8_t shared = 1;
  if (version >= 2) {
    if (!r.f32(&contour_scale) || !r.u8(&shared))
      return why.put("model ends inside the counters"), Status::truncated;
    if (!(contour_scale > 0.0f) || !std::isfinite(contour_scale) || shared > 1) {
      return why.put("contour scale out of range"), Status::corrupted;
    }
  }
  if (!r.u16(&classes)) return why.put("model ends inside the counters"), Status::truncated;
  if (c.problem == Problem::classification ? classes > c.outputs : classes != 0) {
    return why.put("class count out of range"), Status::corrupted;
  }
  if (apply) {
    e.next_id = next_id;
    e.events_at_build = at_build;
    e.events_since_build = since_build;
    e.surprises_since_build = surprises;
    e.loo_errors = loo_errors;
    e.temperature = temperature;
    e.radius0 = radius0;
    e.contour_scale = contour_scale;
    e.shared_metric = shared == 1;
    e.class_count = classes;
  }
  Label previous_label = 0;
  for (uint16_t k = 0; k < classes; ++k) {
    uint32_t raw;
    if (!r.u32(&raw)) return why.put("model ends inside the class table"), Status::truncated;
    const Label label = static_cast<Label>(raw);
    if (k > 0 && label <= previous_label) return why.put("class labels out of order"), Status::corrupted;
    previous_label = label;
    if (apply) e.labels[k] = label;
  }
  bool finite = true;
  // Metric weights and target scales must be positive: read them one by one.
  auto positive = [&](float* out, uint32_t count) {
    for (uint32_t j = 0; j < count; ++j) {
      float v;
      if (!r.f32(&v)) return Status::truncated;
      if (!(v > 0.0f) || !std::isfinite(v)) return Status::corrupted;
      if (out != nullptr) out[j] = v;
    }
    return Status::ok;
  };
  Status status = positive(apply ? e.metric : nullptr, c.dim);
  if (status != Status::ok) return why.put("bad metric weights"), status;
  if (version >= 2) {
    status = positive(apply ? e.contour : nullptr, c.dim);
    if (status != Status::ok) return why.put("bad contour weights"), status;
  }
  if (c.problem == Problem::regression) {
    if (!r.floats(apply ? e.target_mean : nullptr, c.outputs, &finite)) {
      return why.put("model ends inside the target scales"), Status::truncated;
    }
    status = positive(apply ? e.target_scale : nullptr, c.outputs);
    if (status != Status::ok) return why.put("bad target scales"), status;
  }
  const uint32_t width = c.problem == Problem::classification ? classes : output_count(c);
  uint32_t events;
  if (!r.u32(&events)) return why.put("model ends before the store"), Status::truncated;
  if (events > e.plan.events) return why.put("more events than the store holds"), Status::corrupted;
  uint8_t file_bytes = 4;
  if (version >= 2) {
    if (!r.u8(&file_bytes)) return why.put("model ends before the store"), Status::truncated;
    if (file_bytes != e.plan.feature_bytes) {
      return why.put("stored feature precision differs from the settings'"), Status::corrupted;
    }
  }
  EventId previous = 0;
  for (uint32_t i = 0; i < events; ++i) {
    uint32_t id;
    if (!r.u32(&id))
      return why.put("model ends inside event ").put(static_cast<uint32_t>(i)), Status::truncated;
    if (id <= previous || id >= next_id) {
      return why.put("event ids out of order at event ").put(static_cast<uint32_t>(i)), Status::corrupted;
    }
    previous = id;
    if (apply) e.store.ids[i] = id;
    if (c.problem == Problem::classification) {
      uint16_t klass;
      if (!r.u16(&klass))
        return why.put("model ends inside event ").put(static_cast<uint32_t>(i)), Status::truncated;
      if (klass >= classes)
        return why.put("class index out of range at event ").put(static_cast<uint32_t>(i)), Status::corrupted;
      if (apply) e.store.klass[i] = klass;
    }
    if (c.problem == Problem::regression &&
        !r.floats(apply ? e.store.targets + static_cast<uint64_t>(i) * e.stride : nullptr, c.outputs,
                  &finite)) {
      return why.put("model ends inside event ").put(static_cast<uint32_t>(i)), Status::truncated;
    }
    if (version == 1) {  // a rejection score, recomputed by the rebuild that follows a v1 load
      float score;
      if (!r.f32(&score))
        return why.put("model ends inside event ").put(static_cast<uint32_t>(i)), Status::truncated;
    } else {
      uint32_t nearest;
      float nearest_sqdist, confidence;
      if (!r.u32(&nearest) || !r.f32(&nearest_sqdist) || !r.f32(&confidence)) {
        return why.put("model ends inside event ").put(static_cast<uint32_t>(i)), Status::truncated;
      }
      const bool lonely = nearest == kNone;
      if ((!lonely && (nearest >= events || nearest == i || !(nearest_sqdist >= 0.0f) ||
                       !std::isfinite(nearest_sqdist))) ||
          (lonely && nearest_sqdist != FLT_MAX) || !(confidence > 0.0f) || !(confidence <= 1.0f)) {
        return why.put("bad nearest-event record at event ").put(static_cast<uint32_t>(i)), Status::corrupted;
      }
      if (apply) {
        e.store.nearest[i] = nearest;
        e.store.nearest_sqdist[i] = nearest_sqdist;
        e.store.confidence[i] = confidence;
      }
    }
    float weight;
    if (!r.f32(&weight))
      return why.put("model ends inside event ").put(static_cast<uint32_t>(i)), Status::truncated;
    if (!(weight > 0.0f) || !std::isfinite(weight)) {
      return why.put("bad event weight at event ").put(static_cast<uint32_t>(i)), Status::corrupted;
    }
    if (apply) e.store.weight[i] = weight;
    const Status features = read_features(e, r, i, file_bytes, apply, &finite);
    if (features != Status::ok) {
      why.put(features == Status::truncated ? "model ends inside event "
                                            : "bad feature code scale at event ");
      return why.put(static_cast<uint32_t>(i)), features;
    }
    for (uint32_t l = 0; l + 1u < e.plan.layers; ++l) {
      float* held = apply ? e.held_out_row(i, l) : nullptr;
      if (apply) {
        for (uint32_t k = 0; k < e.stride; ++k) held[k] = 0.0f;
      }
      if (!r.floats(held, width, &finite)) {
        return why.put("model ends inside event ").put(static_cast<uint32_t>(i)), Status::truncated;
      }
    }
  }
  if (apply) e.store.count = events;
  uint8_t layer_count;
  if (!r.u8(&layer_count)) return why.put("model ends before the network"), Status::truncated;
  if (layer_count > e.plan.layers || (layer_count == 0) != (events == 0)) {
    return why.put("layer count out of range"), Status::corrupted;
  }
  for (uint8_t l = 0; l < layer_count; ++l) {
    Layer& net = e.layers[l];
    float radius, beta2;
    uint32_t count;
    if (!r.f32(&radius) || !r.f32(&beta2) || !r.u32(&count)) {
      return why.put("model ends inside layer ").put(static_cast<uint32_t>(l)), Status::truncated;
    }
    if (!(radius > 0.0f) || !std::isfinite(radius) || !(beta2 >= 0.0f) || !std::isfinite(beta2) ||
        count > e.plan.units || count == 0) {
      return why.put("bad parameters in layer ").put(static_cast<uint32_t>(l)), Status::corrupted;
    }
    for (uint32_t a = 0; a < count; ++a) {
      uint32_t centre;
      if (!r.u32(&centre))
        return why.put("model ends inside layer ").put(static_cast<uint32_t>(l)), Status::truncated;
      if (centre >= events)
        return why.put("unit centre out of range in layer ").put(static_cast<uint32_t>(l)), Status::corrupted;
      if (apply) net.centre[a] = centre;
    }
    for (uint32_t a = 0; a < count; ++a) {
      float* w = apply ? net.weights + static_cast<uint64_t>(a) * e.stride : nullptr;
      if (!r.floats(w, width, &finite)) {
        return why.put("model ends inside layer ").put(static_cast<uint32_t>(l)), Status::truncated;
      }
    }
    if (apply) {
      net.radius = radius;
      net.beta2 = beta2;
      net.count = count;
    }
  }
  if (apply) e.layer_count = layer_count;
  if (!finite) return why.put("the model holds NaN or infinite values"), Status::corrupted;
  if (!r.at_end()) return why.put("unexpected bytes after the network"), Status::corrupted;
  return Status::ok;
}

}  // namespace

uint32_t crc32(const uint8_t* bytes, size_t size) {
  static const uint32_t kNibble[16] = {
      0x00000000u, 0x1db71064u, 0x3b6e20c8u, 0x26d930acu, 0x76dc4190u, 0x6b6b51f4u, 0x4db26158u, 0x5005713cu,
      0xedb88320u, 0xf00f9344u, 0xd6d6a3e8u, 0xcb61b38cu, 0x9b64c2b0u, 0x86d3d2d4u, 0xa00ae278u, 0xbdbdf21cu};
  uint32_t crc = 0xffffffffu;
  for (size_t i = 0; i < size; ++i) {
    crc ^= bytes[i];
    crc = (crc >> 4) ^ kNibble[crc & 15u];
    crc = (crc >> 4) ^ kNibble[crc & 15u];
  }
  return crc ^ 0xffffffffu;
}

size_t saved_size(const Engine& engine) {
  Writer measure(nullptr, 0);
  write_payload(engine, measure);
  return kHeaderBytes + measure.size() + kTrailerBytes;
}

size_t save(const Engine& engine, uint8_t* buffer, size_t capacity) {
  const size_t total = saved_size(engine);
  if (buffer == nullptr || capacity < total) return 0;
  Writer w(buffer, capacity);
  for (uint8_t b : kMagic) w.u8(b);
  w.u16(kFormatVersion);
  w.u16(0);
  w.u32(static_cast<uint32_t>(total - kHeaderBytes - kTrailerBytes));
  write_payload(engine, w);
  w.u32(crc32(buffer, total - kTrailerBytes));
  return w.size();
}

Status read_header(const uint8_t* bytes, size_t size, Config* config, char* message, size_t message_size) {
  Text why(message, message_size);
  if (bytes == nullptr || size == 0) return why.put("no model bytes"), Status::empty_input;
  if (size < 4 || std::memcmp(bytes, kMagic, 4) != 0) {
    return why.put("not a neurite model (magic bytes differ)"), Status::bad_magic;
  }
  if (size < kHeaderBytes) return why.put("model is truncated inside its header"), Status::truncated;
  const uint16_t version = static_cast<uint16_t>(bytes[4] | (bytes[5] << 8));
  if (version < kOldestReadableVersion || version > kFormatVersion) {
    why.put("model format version ")
        .put(static_cast<uint32_t>(version))
        .put(" is not supported (this build reads ");
    why.put(static_cast<uint32_t>(kOldestReadableVersion))
        .put(" to ")
        .put(static_cast<uint32_t>(kFormatVersion))
        .put(")");
    return Status::unsupported_version;
  }
  const uint64_t payload = read_u32(bytes + 8);
  const uint64_t total = kHeaderBytes + payload + kTrailerBytes;
  if (size < total) {
    const uint32_t expected = total > 0xffffffffu ? 0xffffffffu : static_cast<uint32_t>(total);
    why.put("model is truncated: ").put(static_cast<uint32_t>(size)).put(" of ").put(expected).put(" bytes");
    return Status::truncated;
  }
  if (size > total) return why.put("unexpected bytes after the model"), Status::corrupted;
  if (crc32(bytes, size - kTrailerBytes) != read_u32(bytes + size - kTrailerBytes)) {
    return why.put("checksum mismatch: the model is corrupted"), Status::checksum_mismatch;
  }
  Reader r(bytes + kHeaderBytes, payload);
  Config stored;
  if (!read_config(r, &stored)) return why.put("bad configuration block"), Status::corrupted;
  if (config != nullptr) *config = stored;
  return Status::ok;
}

Status load(Engine& engine, const uint8_t* bytes, size_t size) {
  Status status = read_header(bytes, size, nullptr, engine.error_text, sizeof engine.error_text);
  if (status != Status::ok) return status;
  const size_t payload = size - kHeaderBytes - kTrailerBytes;
  const uint16_t version = static_cast<uint16_t>(bytes[4] | (bytes[5] << 8));
  Text why(engine.error_text, sizeof engine.error_text);
  {
    Reader check(bytes + kHeaderBytes, payload);
    status = parse_payload(engine, check, version, false, why);
    if (status != Status::ok) return status;
  }
  Reader apply(bytes + kHeaderBytes, payload);
  status = parse_payload(engine, apply, version, true, why);
  if (status != Status::ok) return status;  // cannot happen after validation
  engine.clear_error();
  if (version == 1) {
    // Version 1 lacks the contour metric and nearest-event records: the model
    // is rebuilt from its stored events (the network may differ slightly).
    engine.layer_count = 0;
    return engine.build();
  }
  // Derived state: the sorted calibration table; the factors are rebuilt lazily.
  for (uint32_t i = 0; i < engine.store.count; ++i) {
    engine.store.nonconformity[i] = engine.score_of(i);
    engine.calibration[i] = engine.store.nonconformity[i];
  }
  engine.calibration_size = engine.store.count;
  sort_ascending(engine.calibration, engine.store.count);
  engine.solver_ready = false;
  return Status::ok;
}

}  // namespace neurite::detail
