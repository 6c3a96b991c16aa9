// Deterministic in-place heap sorts (no allocation, no recursion).
#pragma once
#include <cstdint>

namespace neurite::detail {

// Sorts indices by key descending; equal keys keep ascending index order.
void sort_by_key_descending(uint32_t* indices, uint32_t count, const float* key);
// Sorts values ascending.
void sort_ascending(float* values, uint32_t count);

}  // namespace neurite::detail
