// Minimal message formatting into a fixed buffer (no printf on the device).
#pragma once
#include <cstddef>
#include <cstdint>

namespace neurite::detail {

class Text {
 public:
  Text(char* buffer, size_t size) : buffer_(buffer), size_(size) {
    if (size_ > 0) buffer_[0] = '\0';
  }
  Text& put(const char* text) {
    for (; text != nullptr && *text != '\0'; ++text) put_char(*text);
    return *this;
  }
  Text& put(uint32_t value) { return put_digits(value); }
  // 64-bit values (counters); pulls in 64-bit division, so the engine avoids it.
  Text& put_wide(uint64_t value) { return put_digits(value); }
  Text& put_signed(int32_t value) {
    if (value < 0) {
      put_char('-');
      return put(static_cast<uint32_t>(-(value + 1)) + 1u);
    }
    return put(static_cast<uint32_t>(value));
  }
  const char* c_str() const { return buffer_; }

 private:
  template <typename Unsigned>
  Text& put_digits(Unsigned value) {
    char digits[24];
    int count = 0;
    do {
      digits[count++] = static_cast<char>('0' + value % 10);
      value /= 10;
    } while (value != 0);
    while (count > 0) put_char(digits[--count]);
    return *this;
  }
  void put_char(char c) {
    if (length_ + 1 >= size_) return;
    buffer_[length_++] = c;
    buffer_[length_] = '\0';
  }
  char* buffer_;
  size_t size_;
  size_t length_ = 0;
};

}  // namespace neurite::detail
