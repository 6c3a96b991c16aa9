#include "sequence.hpp"

#include <cstring>

#include "little_endian.hpp"
#include "neurite_experimental.h"
#include "text.hpp"

namespace neurite::device {
namespace {

using detail::Text;

constexpr uint32_t kVersion = 1;
constexpr size_t kHeaderBytes = 24;

// Bounds-checked reading of one record's fields.
class Reader {
 public:
  Reader(const uint8_t* bytes, size_t size, size_t at) : bytes_(bytes), size_(size), at_(at) {}
  bool u32(uint32_t* value) {
    if (size_ - at_ < 4) return false;
    *value = read_u32(bytes_ + at_);
    at_ += 4;
    return true;
  }
  bool i32(int32_t* value) {
    uint32_t bits = 0;
    if (!u32(&bits)) return false;
    std::memcpy(value, &bits, sizeof bits);
    return true;
  }
  bool floats(float* out, size_t count) {
    if ((size_ - at_) / 4 < count) return false;
    for (size_t k = 0; k < count; ++k, at_ += 4) {
      const uint32_t bits = read_u32(bytes_ + at_);
      std::memcpy(out + k, &bits, sizeof bits);
    }
    return true;
  }
  size_t position() const { return at_; }

 private:
  const uint8_t* bytes_;
  size_t size_;
  size_t at_;
};

// The CRC-32 a saved model ends with: equal on host and device when the models are.
uint32_t model_crc(const uint8_t* model, size_t size) {
  return size >= 4 ? read_u32(model + size - 4) : 0;
}

uint32_t float_bits(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}

// One transcript line, flushed to the sink when complete.
class Line {
 public:
  explicit Line(const Sink& sink) : sink_(sink), text_(buffer_, sizeof buffer_) {}
  Line& put(const char* text) {
    text_.put(text);
    return *this;
  }
  Line& num(uint64_t value) {
    text_.put_wide(value);
    return *this;
  }
  Line& signed_num(int32_t value) {
    text_.put_signed(value);
    return *this;
  }
  Line& hex(uint32_t value) {
    char digits[9];
    for (int k = 7; k >= 0; --k, value >>= 4) digits[k] = "0123456789abcdef"[value & 15u];
    digits[8] = '\0';
    text_.put(digits);
    return *this;
  }
  Line& bits(float value) { return hex(float_bits(value)); }
  Line& status(neurite_status status) { return put(" ").put(neurite_status_name(status)); }
  void end() {
    text_.put("\n");
    sink_.write(sink_.context, buffer_, std::strlen(buffer_));
  }

 private:
  const Sink& sink_;
  char buffer_[256];
  Text text_;
};

bool fail(const Sink& sink, const char* reason, uint32_t record) {
  Line(sink).put("error: record ").num(record).put(": ").put(reason).end();
  return false;
}

struct Tally {
  uint32_t known = 0, correct = 0, known_rejected = 0, novel = 0, novel_rejected = 0;
};

// Saves the model, loads it back (the device's persistence round trip) and
// reports size and CRC: equal CRCs on host and device mean equal models.
void reload(neurite_learner* learner, const PlayerMemory& memory, const Sink& sink) {
  size_t written = 0;
  neurite_status status = neurite_save(learner, memory.model_buffer, memory.model_capacity, &written);
  if (status == NEURITE_OK) status = neurite_load(learner, memory.model_buffer, written);
  Line(sink)
      .put("reload")
      .status(status)
      .put(" bytes=")
      .num(written)
      .put(" crc=")
      .hex(model_crc(memory.model_buffer, written))
      .end();
}

void rebuild(neurite_learner* learner, const Sink& sink) {
  const neurite_status status = neurite_rebuild(learner);
  neurite_stats stats;
  neurite_get_stats(learner, &stats);
  Line(sink)
      .put("rebuild")
      .status(status)
      .put(" events=")
      .num(stats.events)
      .put(" layers=")
      .num(stats.layers)
      .put(" units=")
      .num(stats.units[0])
      .put(" loo_errors=")
      .num(stats.loo_errors)
      .end();
}

void predict(neurite_learner* learner, int32_t truth, uint32_t novel, const float* features, size_t dim,
             Tally* tally, const Sink& sink) {
  neurite_prediction p;
  std::memset(&p, 0, sizeof p);
  const neurite_status status = neurite_predict(learner, features, dim, &p, nullptr, 0);
  Line line(sink);
  line.put("predict truth=").signed_num(truth).put(" novel=").num(novel).status(status);
  line.put(" label=").signed_num(p.label).put(" unknown=").num(static_cast<uint32_t>(p.unknown));
  line.put(" score=").bits(p.score).put(" cred=").bits(p.credibility).put(" margin=").bits(p.margin);
  line.put(" nearest=").num(p.nearest_event).put(" dist=").bits(p.nearest_distance).end();
  if (novel != 0) {
    ++tally->novel;
    tally->novel_rejected += p.unknown != 0;
  } else {
    ++tally->known;
    tally->correct += p.label == truth;
    tally->known_rejected += p.unknown != 0;
  }
}

// The learner at the memory plan's storage precision, or at the one asked for.
neurite_status init_learner(const neurite_config& config, const PlayerMemory& memory,
                            neurite_learner** learner, size_t* needed) {
  if (memory.feature_bytes == 0) {
    *needed = neurite_arena_size(&config);
    return neurite_init(&config, memory.arena, memory.arena_bytes, learner);
  }
  *needed = neurite_arena_size_with_storage(&config, memory.feature_bytes);
  return neurite_init_with_storage(&config, memory.feature_bytes, memory.arena, memory.arena_bytes, learner);
}

}  // namespace

bool read_sequence_header(const uint8_t* bytes, size_t size, SequenceHeader* header, char* message,
                          size_t message_size) {
  Text why(message, message_size);
  if (bytes == nullptr || size < kHeaderBytes || std::memcmp(bytes, "NSEQ", 4) != 0) {
    why.put("not an event sequence (no NSEQ header)");
    return false;
  }
  if (read_u32(bytes + 4) != kVersion) {
    why.put("event sequence version ")
        .put(static_cast<uint32_t>(read_u32(bytes + 4)))
        .put(" is not supported (reads 1)");
    return false;
  }
  neurite_config_default(&header->config);
  header->config.problem = static_cast<neurite_problem>(bytes[8]);
  header->config.strictness = static_cast<neurite_strictness>(bytes[9]);
  header->config.dim = read_u16(bytes + 10);
  header->config.outputs = read_u16(bytes + 12);
  header->config.memory_bytes = read_u32(bytes + 16);
  header->records = read_u32(bytes + 20);
  header->first_record = kHeaderBytes;
  if (header->config.problem != NEURITE_CLASSIFICATION) {
    why.put("event sequences are classification streams");
    return false;
  }
  return neurite_config_check(&header->config, message, message_size) == NEURITE_OK;
}

bool read_record(const uint8_t* bytes, size_t size, size_t* at, size_t dim, float* features, Record* record) {
  if (*at > size || size - *at < 4) return false;
  const uint8_t op = bytes[*at];
  Reader in(bytes, size, *at + 4);
  bool ok = true;
  switch (static_cast<Op>(op)) {
    case Op::learn:
      ok = in.i32(&record->label) && in.floats(features, dim);
      break;
    case Op::predict:
      ok = in.i32(&record->label) && in.u32(&record->value) && in.floats(features, dim);
      break;
    case Op::correct:
      ok = in.u32(&record->value) && in.i32(&record->label);
      break;
    case Op::remove:
      ok = in.u32(&record->value);
      break;
    case Op::forget:
      ok = in.i32(&record->label);
      break;
    case Op::rebuild:
    case Op::reload:
      break;
    default:
      return false;
  }
  if (!ok) return false;
  record->op = static_cast<Op>(op);
  *at = in.position();
  return true;
}

bool play_sequence(const uint8_t* bytes, size_t size, const PlayerMemory& memory, const Sink& sink) {
  SequenceHeader header;
  char message[160];
  if (!read_sequence_header(bytes, size, &header, message, sizeof message)) return fail(sink, message, 0);
  const size_t dim = header.config.dim;
  if (memory.feature_capacity < dim) return fail(sink, "feature buffer smaller than dim", 0);
  neurite_learner* learner = nullptr;
  size_t needed = 0;
  if (init_learner(header.config, memory, &learner, &needed) != NEURITE_OK) {
    Line(sink).put("error: arena of ").num(memory.arena_bytes).put(" bytes, need ").num(needed).end();
    return false;
  }
  // Capacities, not arena bytes: the arena holds pointers, whose size differs between host and device.
  neurite_stats stats;
  neurite_get_stats(learner, &stats);
  Line(sink)
      .put("init dim=")
      .num(dim)
      .put(" event_capacity=")
      .num(stats.event_capacity)
      .put(" unit_capacity=")
      .num(stats.unit_capacity)
      .put(" feature_bytes=")
      .num(neurite_feature_bytes(learner))
      .put(" records=")
      .num(header.records)
      .end();

  Tally tally;
  size_t at = header.first_record;
  for (uint32_t index = 0; index < header.records; ++index) {
    Record record;
    if (!read_record(bytes, size, &at, dim, memory.features, &record)) {
      return fail(sink, "malformed or truncated record", index);
    }
    const int32_t label = record.label;
    switch (record.op) {
      case Op::learn: {
        uint32_t id = 0;
        const neurite_status status = neurite_learn(learner, memory.features, dim, label, &id);
        Line(sink).put("learn ").signed_num(label).status(status).put(" id=").num(id).end();
        break;
      }
      case Op::predict:
        predict(learner, label, record.value, memory.features, dim, &tally, sink);
        break;
      case Op::correct:
        Line(sink)
            .put("correct ")
            .num(record.value)
            .put(" ")
            .signed_num(label)
            .status(neurite_correct(learner, record.value, label))
            .end();
        break;
      case Op::remove:
        Line(sink).put("remove ").num(record.value).status(neurite_remove(learner, record.value)).end();
        break;
      case Op::forget:
        Line(sink).put("forget ").signed_num(label).status(neurite_forget(learner, label)).end();
        break;
      case Op::rebuild:
        rebuild(learner, sink);
        break;
      case Op::reload:
        reload(learner, memory, sink);
        break;
    }
  }
  if (at != size) return fail(sink, "bytes after the last record", header.records);
  size_t written = 0;
  neurite_save(learner, memory.model_buffer, memory.model_capacity, &written);
  Line(sink)
      .put("final model bytes=")
      .num(written)
      .put(" crc=")
      .hex(model_crc(memory.model_buffer, written))
      .end();
  Line(sink)
      .put("summary known=")
      .num(tally.known)
      .put(" correct=")
      .num(tally.correct)
      .put(" known_rejected=")
      .num(tally.known_rejected)
      .put(" novel=")
      .num(tally.novel)
      .put(" novel_rejected=")
      .num(tally.novel_rejected)
      .end();
  return true;
}

}  // namespace neurite::device
