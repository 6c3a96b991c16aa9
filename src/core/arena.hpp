// Bump allocation inside the caller's arena. With a null base it only counts,
// so sizing and initialisation walk exactly the same sequence.
#pragma once
#include <cstddef>
#include <cstdint>

namespace neurite::detail {

class Bump {
 public:
  explicit Bump(uint8_t* base) : base_(base) {}

  template <typename T>
  T* take(uint64_t count) {
    if (count == 0) return nullptr;
    used_ = (used_ + kAlign - 1) / kAlign * kAlign;
    T* ptr = base_ ? reinterpret_cast<T*>(base_ + used_) : nullptr;
    used_ += count * sizeof(T);
    return ptr;
  }
  uint64_t used() const { return used_; }

 private:
  static constexpr uint64_t kAlign = 16;
  uint8_t* base_;
  uint64_t used_ = 0;
};

}  // namespace neurite::detail
