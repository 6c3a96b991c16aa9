// Packed lower-triangular Cholesky factors (row a starts at a(a+1)/2) and the
// updates the event-driven learner needs: append a row, rank-one update and
// downdate, delete a row/column, solve with several right-hand sides.
#pragma once
#include <cstdint>

namespace neurite::detail {

inline uint32_t tri(uint32_t row) {
  return row * (row + 1) / 2;
}

// x = L^-1 b for one vector (m entries).
void forward_solve(const float* L, uint32_t m, const float* b, float* x);
// X = L^-1 B, rows of `stride` floats of which `width` are used.
void forward_solve_rows(const float* L, uint32_t m, const float* B, float* X, uint32_t stride,
                        uint32_t width);
// W = L^-T Y, same layout.
void back_solve_rows(const float* L, uint32_t m, const float* Y, float* W, uint32_t stride, uint32_t width);
// W = (L L^T)^-1 B using `tmp` (m * stride floats).
void solve_rows(const float* L, uint32_t m, const float* B, float* W, float* tmp, uint32_t stride,
                uint32_t width);

// L L^T += x x^T on rows/columns [start, m). Destroys x.
void rank1_update(float* L, uint32_t m, float* x, uint32_t start = 0);
// L L^T -= x x^T; false when the result would not be positive definite
// (L is then partly modified and must be rebuilt). Destroys x.
bool rank1_downdate(float* L, uint32_t m, float* x);
// Removes row and column `index` from the factored matrix; `scratch` holds m floats.
void delete_index(float* L, uint32_t m, uint32_t index, float* scratch);

}  // namespace neurite::detail
