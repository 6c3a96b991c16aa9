#include "cholesky.hpp"

#include <cmath>

#include "kernels.hpp"

namespace neurite::detail {

void forward_solve(const float* L, uint32_t m, const float* b, float* x) {
  for (uint32_t a = 0; a < m; ++a) {
    const float* row = L + tri(a);
    x[a] = (b[a] - dot(row, x, a)) / row[a];
  }
}

void forward_solve_rows(const float* L, uint32_t m, const float* B, float* X, uint32_t stride,
                        uint32_t width) {
  for (uint32_t a = 0; a < m; ++a) {
    const float* row = L + tri(a);
    float* xa = X + static_cast<uint64_t>(a) * stride;
    const float* ba = B + static_cast<uint64_t>(a) * stride;
    for (uint32_t k = 0; k < width; ++k) xa[k] = ba[k];
    for (uint32_t c = 0; c < a; ++c) add_scaled(xa, -row[c], X + static_cast<uint64_t>(c) * stride, width);
    const float inv = 1.0f / row[a];
    scale(xa, inv, width);
  }
}

void back_solve_rows(const float* L, uint32_t m, const float* Y, float* W, uint32_t stride, uint32_t width) {
  for (uint32_t step = 0; step < m; ++step) {
    const uint32_t a = m - 1 - step;
    float* wa = W + static_cast<uint64_t>(a) * stride;
    const float* ya = Y + static_cast<uint64_t>(a) * stride;
    for (uint32_t k = 0; k < width; ++k) wa[k] = ya[k];
    for (uint32_t c = a + 1; c < m; ++c) {
      add_scaled(wa, -L[tri(c) + a], W + static_cast<uint64_t>(c) * stride, width);
    }
    const float inv = 1.0f / L[tri(a) + a];
    scale(wa, inv, width);
  }
}

void solve_rows(const float* L, uint32_t m, const float* B, float* W, float* tmp, uint32_t stride,
                uint32_t width) {
  forward_solve_rows(L, m, B, tmp, stride, width);
  back_solve_rows(L, m, tmp, W, stride, width);
}

void rank1_update(float* L, uint32_t m, float* x, uint32_t start) {
  for (uint32_t k = start; k < m; ++k) {
    float& diag = L[tri(k) + k];
    const float r = std::sqrt(diag * diag + x[k] * x[k]);
    const float c = r / diag;
    const float s = x[k] / diag;
    diag = r;
    for (uint32_t i = k + 1; i < m; ++i) {
      float& lik = L[tri(i) + k];
      lik = (lik + s * x[i]) / c;
      x[i] = c * x[i] - s * lik;
    }
  }
}

bool rank1_downdate(float* L, uint32_t m, float* x) {
  for (uint32_t k = 0; k < m; ++k) {
    float& diag = L[tri(k) + k];
    const float r2 = diag * diag - x[k] * x[k];
    if (!(r2 > 1e-6f * diag * diag)) return false;
    const float r = std::sqrt(r2);
    const float c = r / diag;
    const float s = x[k] / diag;
    diag = r;
    for (uint32_t i = k + 1; i < m; ++i) {
      float& lik = L[tri(i) + k];
      lik = (lik - s * x[i]) / c;
      x[i] = c * x[i] - s * lik;
    }
  }
  return true;
}

void delete_index(float* L, uint32_t m, uint32_t index, float* scratch) {
  // Rows below `index` move up one row and lose column `index`; that column's
  // entries then enter the trailing block as a rank-one update.
  for (uint32_t i = index + 1; i < m; ++i) {
    const float* src = L + tri(i);
    float* dst = L + tri(i - 1);
    scratch[i - 1] = src[index];
    for (uint32_t j = 0; j < index; ++j) dst[j] = src[j];
    for (uint32_t j = index + 1; j <= i; ++j) dst[j - 1] = src[j];
  }
  rank1_update(L, m - 1, scratch, index);
}

}  // namespace neurite::detail
