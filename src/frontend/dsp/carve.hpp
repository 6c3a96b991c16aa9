// Lays out arrays in caller memory. With a null base it only measures, so one
// layout function both sizes a plan and builds it.
#pragma once
#include <cstddef>
#include <cstdint>

namespace neurite::frontend::detail {

class Carver {
 public:
  Carver(void* base, size_t bytes) : base_(static_cast<uint8_t*>(base)), bytes_(bytes) {}
  template <class T>
  T* take(size_t count) {
    used_ = (used_ + 7) / 8 * 8;  // every array starts on 8 bytes
    T* out = base_ != nullptr && used_ + count * sizeof(T) <= bytes_ ? reinterpret_cast<T*>(base_ + used_)
                                                                     : nullptr;
    used_ += count * sizeof(T);
    return out;
  }
  size_t used() const { return used_; }
  bool fits() const { return base_ != nullptr && used_ <= bytes_; }

 private:
  uint8_t* base_;
  size_t bytes_;
  size_t used_ = 0;
};

}  // namespace neurite::frontend::detail
