// The incremental solve: rank-one updates of the Cholesky factor per event,
// bordered rows for new units, deletions for removed ones.
#include <cmath>
#include <cstring>

#include "cholesky.hpp"
#include "constants.hpp"
#include "engine.hpp"
#include "kernels.hpp"

namespace neurite::detail {

void Engine::solve_weights(uint32_t layer) {
  Layer& net = layers[layer];
  solve_rows(net.chol, net.count, net.rhs, net.weights, unit_tmp, stride, outputs());
  flops += static_cast<uint64_t>(net.count) * net.count * outputs();
}

Status Engine::ensure_solver() {
  if (solver_ready) return Status::ok;
  // After load the factors are recomputed exactly as the build made them.
  for (uint8_t l = 0; l < layer_count; ++l) {
    Layer& net = layers[l];
    const uint32_t count = net.count;
    for (uint32_t a = 0; a < count; ++a) order[a] = net.centre[a];
    net.count = 0;
    for (uint32_t a = 0; a < count; ++a) append_unit(l, order[a], false);
    solve_weights(l);
  }
  solver_ready = true;
  return Status::ok;
}

bool Engine::add_unit_incremental(uint32_t layer, uint32_t event) {
  Layer& net = layers[layer];
  const uint32_t a = net.count;
  if (a >= plan.units) return false;
  const uint32_t n = store.count;
  // New column of Phi over all stored events, and its Gram row against the
  // existing units (only events inside the new unit's support contribute).
  float* gram = unit_vec;
  float* phi = unit_vec2;
  for (uint32_t b = 0; b < a; ++b) gram[b] = 0.0f;
  float diag = 0.0f;
  event_column(layer, event, column);
  for (uint32_t i = 0; i < n; ++i) {
    if (column[i] == 0.0f) continue;
    event_activations(layer, i, phi);
    const float weighted = store.weight[i] * column[i];
    add_scaled(gram, weighted, phi, a);
    diag += weighted * column[i];
  }
  flops += static_cast<uint64_t>(n) * config.dim;
  for (uint32_t b = 0; b < a; ++b) gram[b] += kRidge * column[net.centre[b]];
  diag += kRidge * (1.0f + kJitter);
  float* l = unit_tmp;  // first a floats
  forward_solve(net.chol, a, gram, l);
  const float pivot2 = diag - dot(l, l, a);
  if (!(pivot2 > kPivotFloor * diag)) return false;
  float* new_row = net.chol + tri(a);
  std::memcpy(new_row, l, sizeof(float) * a);
  new_row[a] = std::sqrt(pivot2);
  float* rhs = net.rhs + static_cast<uint64_t>(a) * stride;
  for (uint32_t k = 0; k < stride; ++k) rhs[k] = 0.0f;
  for (uint32_t i = 0; i < n; ++i) {
    if (column[i] != 0.0f) accumulate_target(rhs, store.weight[i] * column[i], i);
  }
  net.centre[a] = event;
  net.count = a + 1;
  return true;
}

void Engine::remove_unit(uint32_t layer, uint32_t unit) {
  Layer& net = layers[layer];
  delete_index(net.chol, net.count, unit, unit_vec);
  const uint32_t tail = net.count - unit - 1;
  std::memmove(net.rhs + static_cast<uint64_t>(unit) * stride,
               net.rhs + static_cast<uint64_t>(unit + 1) * stride, sizeof(float) * stride * tail);
  std::memmove(net.weights + static_cast<uint64_t>(unit) * stride,
               net.weights + static_cast<uint64_t>(unit + 1) * stride, sizeof(float) * stride * tail);
  std::memmove(net.centre + unit, net.centre + unit + 1, sizeof(uint32_t) * tail);
  --net.count;
}

bool Engine::update_event(uint32_t layer, const float* phi, uint32_t event, float sign) {
  Layer& net = layers[layer];
  add_event_rhs(layer, phi, event, sign);
  float* x = unit_vec;
  const float s = event_scale(event);
  for (uint32_t a = 0; a < net.count; ++a) x[a] = s * phi[a];
  flops += static_cast<uint64_t>(net.count) * net.count;
  if (sign > 0.0f) {
    rank1_update(net.chol, net.count, x);
    return true;
  }
  return rank1_downdate(net.chol, net.count, x);
}

Status Engine::remove_index(uint32_t index) {
  Status status = ensure_solver();
  if (status != Status::ok) return status;
  bool exact = true;
  for (uint8_t l = 0; l < layer_count; ++l) {
    Layer& net = layers[l];
    for (uint32_t a = 0; a < net.count; ++a) {
      if (net.centre[a] == index) {
        remove_unit(l, a);
        break;
      }
    }
    event_activations(l, index, unit_vec2);
    if (!update_event(l, unit_vec2, index, -1.0f)) exact = false;
  }
  erase_event(index);
  erase_empty_classes();       // a class left without events disappears with its output
  if (!exact) return build();  // the downdate lost definiteness: rebuild exactly
  for (uint8_t l = 0; l < layer_count; ++l) solve_weights(l);
  return Status::ok;
}

}  // namespace neurite::detail
