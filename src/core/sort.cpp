#include "sort.hpp"

namespace neurite::detail {
namespace {

// Generic heap sort: `before(a, b)` is the strict order of the result.
template <typename T, typename Before>
void heap_sort(T* items, uint32_t count, Before before) {
  auto sift = [&](uint32_t root, uint32_t end) {
    while (true) {
      uint32_t child = 2 * root + 1;
      if (child >= end) return;
      if (child + 1 < end && before(items[child], items[child + 1])) ++child;
      if (!before(items[root], items[child])) return;
      T tmp = items[root];
      items[root] = items[child];
      items[child] = tmp;
      root = child;
    }
  };
  for (uint32_t start = count / 2; start-- > 0;) sift(start, count);
  for (uint32_t end = count; end > 1; --end) {
    T tmp = items[0];
    items[0] = items[end - 1];
    items[end - 1] = tmp;
    sift(0, end - 1);
  }
}

}  // namespace

void sort_by_key_descending(uint32_t* indices, uint32_t count, const float* key) {
  heap_sort(indices, count, [key](uint32_t a, uint32_t b) {
    if (key[a] != key[b]) return key[a] > key[b];
    return a < b;
  });
}

void sort_ascending(float* values, uint32_t count) {
  heap_sort(values, count, [](float a, float b) { return a < b; });
}

}  // namespace neurite::detail
