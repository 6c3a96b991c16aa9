// Two-slot persistence (include/neurite_slots.h). Slot layout, little-endian:
//   model bytes (length), then at offset slot_bytes - 20 the header:
//   magic "NRSL", sequence u32, length u32, model CRC-32 u32, header CRC-32 u32.
// The header sits at the end so that the model starts at the slot's start
// (aligned for in-place loading) and is written after the model: programmed
// last, it commits the save; a torn header fails its own CRC.
#include "neurite_slots.h"

#include <cstring>

#include "format.hpp"  // crc32
#include "little_endian.hpp"

namespace {

using neurite::detail::crc32;
using neurite::device::read_u32;
using neurite::device::write_u32;

constexpr uint32_t kHeaderBytes = NEURITE_SLOT_HEADER_BYTES;
constexpr uint8_t kMagic[4] = {'N', 'R', 'S', 'L'};

// The slot's model if its header and model checksums pass.
bool read_slot(const neurite_flash& flash, uint32_t slot, neurite_slot_info* info) {
  if (flash.slot_bytes <= kHeaderBytes) return false;
  const uint8_t* base = flash.map(flash.context, slot);
  if (base == nullptr) return false;
  const uint8_t* header = base + flash.slot_bytes - kHeaderBytes;
  if (std::memcmp(header, kMagic, 4) != 0 || crc32(header, 16) != read_u32(header + 16)) return false;
  const uint32_t length = read_u32(header + 8);
  if (length > flash.slot_bytes - kHeaderBytes || crc32(base, length) != read_u32(header + 12)) return false;
  info->slot = slot;
  info->sequence = read_u32(header + 4);
  info->model = base;
  info->model_size = length;
  return true;
}

bool newer(uint32_t a, uint32_t b) {
  return static_cast<int32_t>(a - b) > 0;
}  // serial-number order

// Valid slots, newest first; returns how many.
int valid_slots(const neurite_flash& flash, neurite_slot_info found[2]) {
  int count = 0;
  for (uint32_t slot = 0; slot < 2; ++slot) count += read_slot(flash, slot, &found[count]) ? 1 : 0;
  if (count == 2 && newer(found[1].sequence, found[0].sequence)) {
    const neurite_slot_info first = found[0];
    found[0] = found[1];
    found[1] = first;
  }
  return count;
}

}  // namespace

extern "C" {

neurite_status neurite_slots_newest(const neurite_flash* flash, neurite_slot_info* info) {
  if (flash == nullptr || info == nullptr) return NEURITE_EMPTY_INPUT;
  neurite_slot_info found[2];
  if (valid_slots(*flash, found) == 0) return NEURITE_NO_MODEL;
  *info = found[0];
  return NEURITE_OK;
}

neurite_status neurite_slots_load(neurite_learner* learner, const neurite_flash* flash,
                                  neurite_slot_info* info) {
  if (learner == nullptr) return NEURITE_NO_MODEL;
  if (flash == nullptr) return NEURITE_EMPTY_INPUT;
  neurite_slot_info found[2];
  const int count = valid_slots(*flash, found);
  neurite_status status = NEURITE_NO_MODEL;
  for (int k = 0; k < count; ++k) {
    status = neurite_load(learner, found[k].model, found[k].model_size);
    if (status == NEURITE_OK) {
      if (info != nullptr) *info = found[k];
      return NEURITE_OK;
    }
  }
  return status;
}

neurite_status neurite_slots_save(const neurite_learner* learner, const neurite_flash* flash,
                                  uint8_t* scratch, size_t scratch_bytes, neurite_slot_info* info) {
  if (learner == nullptr) return NEURITE_NO_MODEL;
  if (flash == nullptr || scratch == nullptr) return NEURITE_EMPTY_INPUT;
  size_t length = 0;
  const neurite_status saved = neurite_save(learner, scratch, scratch_bytes, &length);
  if (saved != NEURITE_OK) return saved;
  if (flash->slot_bytes <= kHeaderBytes || length > flash->slot_bytes - kHeaderBytes) {
    return NEURITE_CAPACITY_EXCEEDED;
  }
  neurite_slot_info found[2];
  const bool any = valid_slots(*flash, found) > 0;
  const uint32_t slot = any ? 1u - found[0].slot : 0u;
  const uint32_t sequence = any ? found[0].sequence + 1u : 1u;

  uint8_t header[kHeaderBytes];
  std::memcpy(header, kMagic, 4);
  write_u32(header + 4, sequence);
  write_u32(header + 8, static_cast<uint32_t>(length));
  write_u32(header + 12, crc32(scratch, length));
  write_u32(header + 16, crc32(header, 16));
  if (flash->erase(flash->context, slot) != 0 ||
      flash->program(flash->context, slot, 0, scratch, static_cast<uint32_t>(length)) != 0 ||
      flash->program(flash->context, slot, flash->slot_bytes - kHeaderBytes, header, kHeaderBytes) != 0) {
    return NEURITE_CORRUPTED;
  }
  neurite_slot_info written;
  if (!read_slot(*flash, slot, &written) || written.sequence != sequence ||
      std::memcmp(written.model, scratch, length) != 0) {
    return NEURITE_CORRUPTED;
  }
  if (info != nullptr) *info = written;
  return NEURITE_OK;
}

}  // extern "C"
