// Two-slot persistence (include/neurite_slots.h) on a simulated NOR flash
// whose power can be cut after any byte: whatever byte the cut hits, the last
// model whose save completed must load.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "neurite_slots.h"
#include "test_helpers.hpp"

namespace {

using neurite::testing::digits;

// NOR flash: erase sets bytes to 0xFF, programming only clears bits. With a
// budget, the power fails after that many byte changes; the byte being
// changed then is torn (half its bits done) and every later operation fails.
class CuttableFlash {
 public:
  explicit CuttableFlash(uint32_t slot_bytes) : slot_bytes_(slot_bytes), bytes_(2 * slot_bytes, 0xFF) {}

  neurite_flash device() {
    return {this, slot_bytes_, &CuttableFlash::erase_slot, &CuttableFlash::program_slot,
            &CuttableFlash::map_slot};
  }
  void cut_after(long bytes) { budget_ = bytes; }
  void power_on() { budget_ = -1; }
  long bytes_changed() const { return changed_; }
  uint8_t& at(uint32_t slot, uint32_t offset) { return bytes_[slot * slot_bytes_ + offset]; }
  const std::vector<uint8_t>& contents() const { return bytes_; }
  void restore(const std::vector<uint8_t>& contents) { bytes_ = contents; }

 private:
  // False when the power fails at this byte; `torn` is what is left of it.
  bool spend(uint8_t* byte, uint8_t value, uint8_t torn) {
    if (budget_ == 0) {
      *byte = torn;
      budget_ = -2;  // dead until power_on()
      return false;
    }
    if (budget_ == -2) return false;
    if (budget_ > 0) --budget_;
    *byte = value;
    ++changed_;
    return true;
  }
  static int erase_slot(void* context, uint32_t slot) {
    auto* flash = static_cast<CuttableFlash*>(context);
    for (uint32_t k = 0; k < flash->slot_bytes_; ++k) {
      uint8_t& byte = flash->at(slot, k);
      if (!flash->spend(&byte, 0xFF, static_cast<uint8_t>(byte | 0x0F))) return -1;
    }
    return 0;
  }
  static int program_slot(void* context, uint32_t slot, uint32_t offset, const uint8_t* data, uint32_t size) {
    auto* flash = static_cast<CuttableFlash*>(context);
    if (offset + size > flash->slot_bytes_) return -1;
    for (uint32_t k = 0; k < size; ++k) {
      uint8_t& byte = flash->at(slot, offset + k);
      if (!flash->spend(&byte, byte & data[k], static_cast<uint8_t>(byte & (data[k] | 0xF0)))) return -1;
    }
    return 0;
  }
  static const uint8_t* map_slot(void* context, uint32_t slot) {
    auto* flash = static_cast<CuttableFlash*>(context);
    return flash->bytes_.data() + slot * flash->slot_bytes_;
  }

  uint32_t slot_bytes_;
  std::vector<uint8_t> bytes_;
  long budget_ = -1;
  long changed_ = 0;
};

// A learner of the C API in its own arena, taught the first `events` digits.
class Device {
 public:
  Device() {
    neurite_config_default(&config_);
    config_.dim = 64;
    config_.outputs = 10;
    config_.memory_bytes = 64u << 10;
    arena_.resize(neurite_arena_size(&config_) / 16 + 1);
    EXPECT_EQ(neurite_init(&config_, arena_.data(), arena_.size() * 16, &learner_), NEURITE_OK);
  }
  void learn(size_t first, size_t count) {
    for (size_t i = first; i < first + count; ++i) {
      ASSERT_EQ(neurite_learn(learner_, digits().row(i), 64, digits().labels[i], nullptr), NEURITE_OK);
    }
  }
  std::vector<uint8_t> bytes() const {
    std::vector<uint8_t> out(neurite_saved_size(learner_));
    size_t written = 0;
    EXPECT_EQ(neurite_save(learner_, out.data(), out.size(), &written), NEURITE_OK);
    return out;
  }
  neurite_status save(CuttableFlash& flash, neurite_slot_info* info = nullptr) {
    std::vector<uint8_t> scratch(neurite_saved_size(learner_));
    neurite_flash device = flash.device();
    return neurite_slots_save(learner_, &device, scratch.data(), scratch.size(), info);
  }
  neurite_learner* learner() { return learner_; }

 private:
  struct alignas(16) Block {
    uint8_t bytes[16];
  };
  neurite_config config_;
  std::vector<Block> arena_;
  neurite_learner* learner_ = nullptr;
};

// After a reboot: what an empty learner loads from the flash (empty if nothing).
std::vector<uint8_t> reboot_and_load(CuttableFlash& flash, uint32_t* sequence) {
  static Device fresh;  // reused across reboots: init costs more than a load
  flash.power_on();
  neurite_flash device = flash.device();
  neurite_slot_info info;
  if (neurite_slots_load(fresh.learner(), &device, &info) != NEURITE_OK) return {};
  *sequence = info.sequence;
  return fresh.bytes();
}

constexpr uint32_t kSlotBytes = 8u << 10;  // small models keep the every-byte loops short

// Cuts the power at every byte of one save and checks what loads afterwards:
// the previous model (or none) until the save completes, the new one after.
// One exception is physical, not a bug: the very last byte programmed may be
// torn into its right value, and then the new model is complete on the flash.
void cut_at_every_byte(CuttableFlash& flash, Device& next, const std::vector<uint8_t>& previous,
                       uint32_t previous_sequence) {
  const std::vector<uint8_t> before = flash.contents();
  const long start = flash.bytes_changed();
  ASSERT_EQ(next.save(flash), NEURITE_OK);
  const long save_bytes = flash.bytes_changed() - start;
  const std::vector<uint8_t> complete = flash.contents();
  const std::vector<uint8_t> expected_new = next.bytes();
  ASSERT_GT(save_bytes, long{kSlotBytes});  // erase and program
  ASSERT_LT(expected_new.size() + NEURITE_SLOT_HEADER_BYTES, size_t{kSlotBytes});
  long previous_loads = 0;
  for (long cut = 0; cut <= save_bytes; ++cut) {
    flash.restore(before);
    flash.cut_after(cut);
    const neurite_status status = next.save(flash);
    uint32_t sequence = 0;
    const std::vector<uint8_t> loaded = reboot_and_load(flash, &sequence);
    const bool torn_into_place = cut == save_bytes - 1 && flash.contents() == complete;
    if (cut < save_bytes && !torn_into_place) {
      ASSERT_NE(status, NEURITE_OK) << "cut after " << cut << " bytes";
      ASSERT_EQ(loaded, previous) << "cut after " << cut << " of " << save_bytes << " bytes";
      ASSERT_EQ(sequence, previous_sequence);
      ++previous_loads;
    } else {
      ASSERT_EQ(loaded, expected_new) << "cut after " << cut << " of " << save_bytes << " bytes";
      ASSERT_EQ(sequence, previous_sequence + 1);
    }
  }
  EXPECT_GE(previous_loads, save_bytes - 1);
  flash.power_on();
}

TEST(Slots, FirstSaveCutAtEveryByteLoadsNothingOrTheModel) {
  CuttableFlash flash(kSlotBytes);
  Device device;
  device.learn(0, 12);
  cut_at_every_byte(flash, device, {}, 0);
}

TEST(Slots, SaveOverTheOlderSlotCutAtEveryByteKeepsTheLastGoodModel) {
  CuttableFlash flash(kSlotBytes);
  Device device;
  device.learn(0, 10);
  ASSERT_EQ(device.save(flash), NEURITE_OK);  // slot 0, sequence 1
  device.learn(10, 5);
  neurite_slot_info info;
  ASSERT_EQ(device.save(flash, &info), NEURITE_OK);  // slot 1, sequence 2
  EXPECT_EQ(info.slot, 1u);
  const std::vector<uint8_t> last_good = device.bytes();
  device.learn(15, 5);  // the next save overwrites slot 0, the older one
  ASSERT_GT(device.bytes().size(), 2048u);
  cut_at_every_byte(flash, device, last_good, 2);
}

TEST(Slots, SavesAlternateSlotsWithIncreasingSequence) {
  CuttableFlash flash(kSlotBytes);
  Device device;
  for (uint32_t save = 1; save <= 5; ++save) {
    device.learn(save * 3, 3);
    neurite_slot_info info;
    ASSERT_EQ(device.save(flash, &info), NEURITE_OK);
    EXPECT_EQ(info.sequence, save);
    EXPECT_EQ(info.slot, (save - 1) % 2);
    uint32_t sequence = 0;
    EXPECT_EQ(reboot_and_load(flash, &sequence), device.bytes());
    EXPECT_EQ(sequence, save);
  }
}

TEST(Slots, CorruptedNewestSlotFallsBackToTheOlder) {
  for (const uint32_t offset : {100u, kSlotBytes - 3u, kSlotBytes - 15u}) {  // model, header CRC, sequence
    CuttableFlash flash(kSlotBytes);
    Device device;
    device.learn(0, 10);
    ASSERT_EQ(device.save(flash), NEURITE_OK);
    const std::vector<uint8_t> older = device.bytes();
    device.learn(10, 10);
    ASSERT_EQ(device.save(flash), NEURITE_OK);
    flash.at(1, offset) ^= 0x10;  // one bit flipped in the newest slot
    uint32_t sequence = 0;
    EXPECT_EQ(reboot_and_load(flash, &sequence), older) << "bit flipped at offset " << offset;
    EXPECT_EQ(sequence, 1u);
  }
}

TEST(Slots, EmptyFlashHasNoModelAndTooSmallSlotsAreRefused) {
  CuttableFlash flash(kSlotBytes);
  neurite_flash device = flash.device();
  neurite_slot_info info;
  EXPECT_EQ(neurite_slots_newest(&device, &info), NEURITE_NO_MODEL);
  Device learner;
  EXPECT_EQ(neurite_slots_load(learner.learner(), &device, &info), NEURITE_NO_MODEL);

  CuttableFlash small(1024);
  learner.learn(0, 10);
  EXPECT_EQ(learner.save(small), NEURITE_CAPACITY_EXCEEDED);
  EXPECT_EQ(small.bytes_changed(), 0);  // refused before touching the flash
}

TEST(Slots, NewestSlotGivesTheConfigToSizeTheArena) {
  CuttableFlash flash(kSlotBytes);
  Device device;
  device.learn(0, 15);
  ASSERT_EQ(device.save(flash), NEURITE_OK);
  neurite_flash view = flash.device();
  neurite_slot_info info;
  ASSERT_EQ(neurite_slots_newest(&view, &info), NEURITE_OK);
  neurite_config config;
  ASSERT_EQ(neurite_read_config(info.model, info.model_size, &config, nullptr, 0), NEURITE_OK);
  EXPECT_EQ(config.dim, 64);
  EXPECT_EQ(config.memory_bytes, 64u << 10);
  EXPECT_EQ(std::vector<uint8_t>(info.model, info.model + info.model_size), device.bytes());
}

}  // namespace
