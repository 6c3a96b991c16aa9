// Event sequences: a recorded stream of learner verbs (learn, predict,
// correct, remove, forget, rebuild, save and reload) with the settings of the
// learner, played through the C API identically on the host and on the
// device. Each step writes one transcript line; floats are printed as their
// bits, so two transcripts are equal exactly when the runs agreed bit for bit.
// File format (little-endian), written by scripts/make_event_sequence.py:
//   "NSEQ", version u32 (1), problem u8, strictness u8, dim u16, outputs u16,
//   reserved u16, memory budget u32, record count u32, then the records:
//   op u8, 3 reserved bytes, then per op:
//     learn:   label i32, dim features f32
//     predict: truth label i32, novel u32 (1 when the class was never taught), dim features f32
//     correct: event id u32, label i32
//     remove:  event id u32
//     forget:  label i32
//     rebuild, reload: nothing (reload saves the model and loads it back)
#pragma once
#include <cstddef>
#include <cstdint>

#include "neurite.h"

namespace neurite::device {

enum class Op : uint8_t {
  learn = 1,
  predict = 2,
  correct = 3,
  remove = 4,
  forget = 5,
  rebuild = 6,
  reload = 7
};

struct SequenceHeader {
  neurite_config config;
  uint32_t records = 0;
  size_t first_record = 0;  // byte offset
};

// Checks the header; on failure writes the reason into `message`.
bool read_sequence_header(const uint8_t* bytes, size_t size, SequenceHeader* header, char* message,
                          size_t message_size);

// One decoded record; features go to the caller's buffer (dim floats).
struct Record {
  Op op = Op::rebuild;
  int32_t label = 0;   // learn, predict (truth), correct, forget
  uint32_t value = 0;  // predict: novel flag; correct, remove: event id
};

// Decodes the record at byte offset *at and moves *at past it; false when it
// is malformed (unknown operation, or the bytes end early).
bool read_record(const uint8_t* bytes, size_t size, size_t* at, size_t dim, float* features, Record* record);

// Receives the transcript, one line (ending in '\n') per call.
struct Sink {
  void* context;
  void (*write)(void* context, const char* text, size_t length);
};

// Memory the caller provides: the learner's arena (aligned to 16 bytes, at
// least neurite_arena_size of the sequence's config), a buffer for saved
// models, and room for one feature vector.
struct PlayerMemory {
  void* arena;
  size_t arena_bytes;
  uint8_t* model_buffer;
  size_t model_capacity;
  float* features;
  size_t feature_capacity;
  // Bytes per stored feature: 0 keeps the memory plan's choice; 4 makes the
  // float oracle of a coded (1 or 2) model, with the same capacities.
  uint8_t feature_bytes = 0;
};

// Plays every record and ends the transcript with a summary line. Returns
// false when the sequence is malformed or the memory too small (the reason is
// the last transcript line); a verb that fails only writes its status.
bool play_sequence(const uint8_t* bytes, size_t size, const PlayerMemory& memory, const Sink& sink);

}  // namespace neurite::device
