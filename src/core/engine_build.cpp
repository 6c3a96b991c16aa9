// The full build: metric, refinement of each layer by leave-one-out error,
// the depth decision, and the calibration of rejection and probabilities.
#include <cfloat>
#include <cmath>
#include <cstring>

#include "cholesky.hpp"
#include "constants.hpp"
#include "engine.hpp"
#include "fmath.hpp"
#include "kernels.hpp"
#include "sort.hpp"

namespace neurite::detail {
namespace {

constexpr uint8_t kCandidate = 0;
constexpr uint8_t kUnit = 1;
constexpr uint8_t kRejected = 2;

// The typical value of a feature's variance: the median, so that a few features
// in large units (raw energies beside ratios, say) do not set the scale of all;
// 1 when the features do not vary.
float typical_variance(const float* variance, uint32_t d, float* scratch) {
  std::memcpy(scratch, variance, sizeof(float) * d);
  sort_ascending(scratch, d);
  const float median = d % 2 ? scratch[d / 2] : 0.5f * (scratch[d / 2 - 1] + scratch[d / 2]);
  return median > 1e-30f ? median : 1.0f;
}

// Mean squared distance between two events, halved, under weights w: the sum
// of w[j] * variance[j]; when that is not positive (one event, or all alike),
// of w[j] * fallback.
float weighted_spread(const float* w, const float* variance, float fallback, uint32_t d) {
  float sum = 0.0f;
  for (uint32_t j = 0; j < d; ++j) sum += w[j] * variance[j];
  if (sum > 0.0f) return sum;
  sum = 0.0f;
  for (uint32_t j = 0; j < d; ++j) sum += w[j] * fallback;
  return sum;
}

}  // namespace

float Engine::radius_factor() const {
  return config.problem == Problem::regression ? kRegressionRadiusFactor : kRadiusFactor;
}

uint32_t Engine::accumulate_spread(int32_t klass, float* mean, float* spread) {
  const uint32_t n = store.count;
  const uint32_t d = config.dim;
  for (uint32_t j = 0; j < d; ++j) mean[j] = 0.0f;
  uint32_t members = 0;
  for (uint32_t i = 0; i < n; ++i) {
    if (klass >= 0 && store.klass[i] != klass) continue;
    add_scaled(mean, 1.0f, event_row(i, row_a), d);
    ++members;
  }
  if (members == 0) return 0;
  scale(mean, 1.0f / static_cast<float>(members), d);
  if (spread == nullptr) return members;
  for (uint32_t i = 0; i < n; ++i) {
    if (klass >= 0 && store.klass[i] != klass) continue;
    const float* x = event_row(i, row_a);
    for (uint32_t j = 0; j < d; ++j) {
      const float diff = x[j] - mean[j];
      spread[j] += diff * diff;
    }
  }
  flops += 2ull * members * d;
  return members;
}

void Engine::compute_metric() {
  const uint32_t n = store.count;
  const uint32_t d = config.dim;
  float* total = feature_tmp2;
  for (uint32_t j = 0; j < d; ++j) total[j] = 0.0f;
  accumulate_spread(-1, feature_tmp, total);
  scale(total, 1.0f / static_cast<float>(n), d);
  const float typical_total = typical_variance(total, d, feature_tmp);

  // The contour of the known set is measured in the data's own scale: total
  // variance shrunk halfway to its median (near-constant features stay quiet).
  for (uint32_t j = 0; j < d; ++j) {
    contour[j] = 1.0f / ((1.0f - kContourShrink) * total[j] + kContourShrink * typical_total);
  }
  contour_scale = std::sqrt(2.0f * weighted_spread(contour, total, typical_total, d));

  // Units measure in the discriminative scale: 1 / the pooled within-class
  // variance (the diagonal of linear discriminant analysis), floored at a
  // quarter of its median. Without classes, or too few events per class, they
  // share the contour metric.
  shared_metric = !(config.problem == Problem::classification && n >= class_count + 2u);
  if (shared_metric) {
    for (uint32_t j = 0; j < d; ++j) metric[j] = contour[j];
    radius0 = radius_factor() * contour_scale;
  } else {
    float* within = metric;  // becomes the weights in place
    for (uint32_t j = 0; j < d; ++j) within[j] = 0.0f;
    for (uint16_t k = 0; k < class_count; ++k) accumulate_spread(k, feature_tmp, within);
    scale(within, 1.0f / static_cast<float>(n - class_count), d);
    const float floor = kVarianceFloor * typical_variance(within, d, feature_tmp);
    for (uint32_t j = 0; j < d; ++j) metric[j] = 1.0f / (within[j] > floor ? within[j] : floor);
    radius0 = radius_factor() * std::sqrt(2.0f * weighted_spread(metric, total, floor, d));
  }

  if (config.problem == Problem::regression) {
    const uint32_t c = config.outputs;
    for (uint32_t k = 0; k < c; ++k) target_mean[k] = target_scale[k] = 0.0f;
    for (uint32_t i = 0; i < n; ++i) {
      add_scaled(target_mean, 1.0f, store.targets + static_cast<uint64_t>(i) * stride, c);
    }
    scale(target_mean, 1.0f / static_cast<float>(n), c);
    for (uint32_t i = 0; i < n; ++i) {
      const float* y = store.targets + static_cast<uint64_t>(i) * stride;
      for (uint32_t k = 0; k < c; ++k) {
        const float diff = y[k] - target_mean[k];
        target_scale[k] += diff * diff;
      }
    }
    for (uint32_t k = 0; k < c; ++k) {
      const float v = target_scale[k] / static_cast<float>(n);
      target_scale[k] = v > 1e-12f * (target_mean[k] * target_mean[k] + 1.0f) ? std::sqrt(v) : 1.0f;
    }
  }
}

bool Engine::append_unit(uint32_t layer, uint32_t event, bool track) {
  Layer& net = layers[layer];
  const uint32_t a = net.count;
  if (a >= plan.units) return false;
  const uint32_t n = store.count;
  const uint32_t width = outputs();
  event_column(layer, event, column);
  // Bordered Cholesky row via Z = L^-1 Phi^T W^1/2 (W: event weights):
  // l = Z (W^1/2 phi) + lambda L^-1 k, with k the unit-unit kernel.
  float* l = unit_vec;
  float* t = unit_vec2;
  for (uint32_t b = 0; b < a; ++b) l[b] = column[net.centre[b]];
  for (uint32_t i = 0; i < n; ++i) column[i] *= event_scale(i);
  forward_solve(net.chol, a, l, t);
  for (uint32_t b = 0; b < a; ++b) {
    l[b] = dot(work + static_cast<uint64_t>(b) * n, column, n) + kRidge * t[b];
  }
  const float diag = dot(column, column, n) + kRidge * (1.0f + kJitter);
  const float pivot2 = diag - dot(l, l, a);
  flops += static_cast<uint64_t>(n) * (config.dim + (layer ? width : 0u) + a + 1) +
           static_cast<uint64_t>(a) * a / 2;
  if (!(pivot2 > kPivotFloor * diag)) return false;
  const float pivot = std::sqrt(pivot2);
  float* new_row = net.chol + tri(a);
  std::memcpy(new_row, l, sizeof(float) * a);
  new_row[a] = pivot;
  float* z = work + static_cast<uint64_t>(a) * n;
  std::memcpy(z, column, sizeof(float) * n);
  sub_combination(z, l, work, n, a, n);
  scale(z, 1.0f / pivot, n);
  float* rhs = net.rhs + static_cast<uint64_t>(a) * stride;
  for (uint32_t k = 0; k < stride; ++k) rhs[k] = 0.0f;
  for (uint32_t i = 0; i < n; ++i) {
    if (column[i] != 0.0f) accumulate_target(rhs, event_scale(i) * column[i], i);
  }
  net.centre[a] = event;
  net.count = a + 1;
  flops += static_cast<uint64_t>(n) * (a + width);
  if (!track) return true;
  // In-sample outputs and leverages grow by this unit's orthogonalised row:
  // fitted = Z^T (Z W^1/2 Y) (outputs scaled by W^1/2), leverage = diag(Z^T Z).
  float* c = unit_tmp + static_cast<uint64_t>(a) * stride;
  for (uint32_t k = 0; k < width; ++k) c[k] = 0.0f;
  for (uint32_t i = 0; i < n; ++i) accumulate_target(c, event_scale(i) * z[i], i);
  for (uint32_t i = 0; i < n; ++i) {
    leverage[i] += z[i] * z[i];
    add_scaled(fitted + static_cast<uint64_t>(i) * stride, z[i], c, width);
  }
  flops += 2ull * n * width;
  return true;
}

uint32_t Engine::loo_pass(uint32_t layer, float* out, uint64_t out_stride) {
  (void)layer;
  const uint32_t n = store.count;
  const uint32_t width = outputs();
  uint32_t errors = 0;
  last_press = 0.0f;
  for (uint32_t i = 0; i < n; ++i) {
    const float* fit = fitted + static_cast<uint64_t>(i) * stride;
    float* loo = out ? out + i * out_stride : layer_out;  // layer_out: one row of scratch
    float h = leverage[i];
    const float denom = 1.0f - h > kLeverageFloor ? 1.0f - h : kLeverageFloor;
    const float inv_scale = 1.0f / event_scale(i);  // fitted rows carry the weight's root
    float press = 0.0f;
    float worst = 0.0f;
    for (uint32_t k = 0; k < width; ++k) {
      const float y = target(i, k);
      const float r = (y - fit[k] * inv_scale) / denom;
      loo[k] = y - r;
      press += r * r;
      worst = std::fabs(r) > worst ? std::fabs(r) : worst;
    }
    bool resolved;
    if (config.problem == Problem::classification) {
      const float by = margin(loo, store.klass[i]);
      if (!(by > 0.0f)) ++errors;
      resolved = by >= kMarginTolerance;
    } else {
      const float tolerance =
          config.problem == Problem::regression ? kRegressionTolerance : kNoveltyTolerance;
      resolved = worst <= tolerance;
      if (!resolved) ++errors;
    }
    error[i] = resolved ? -1.0f : press;
    last_press += press;
  }
  flops += 4ull * n * width;
  return errors;
}

void Engine::exclude_own_units(uint32_t layer) {
  // The leave-one-out formula keeps the basis fixed, so an event that is a
  // unit's centre would still be explained by its own unit. For those events
  // the unit is removed too: with P = G^-1 and q = P phi_i, dropping unit u
  // gives f_S = f - q_u W_u / P_uu and h_S = h - q_u^2 / P_uu. Both need only
  // v = L^-1 e_u, since P_uu = |v|^2 and q_u = v . (L^-1 phi_i) = v . Z[:, i].
  const Layer& net = layers[layer];
  const uint32_t m = net.count;
  const uint32_t n = store.count;
  const uint32_t width = outputs();
  float* v = unit_vec;
  for (uint32_t u = 0; u < m; ++u) {
    for (uint32_t k = u; k < m; ++k) {
      const float* row_k = net.chol + tri(k);
      const float rhs = k == u ? 1.0f : 0.0f;
      v[k] = (rhs - dot(row_k + u, v + u, k - u)) / row_k[k];
    }
    const uint32_t i = net.centre[u];
    float p_uu = 0.0f;
    float q_u = 0.0f;
    for (uint32_t k = u; k < m; ++k) {
      p_uu += v[k] * v[k];
      q_u += v[k] * work[static_cast<uint64_t>(k) * n + i];
    }
    if (!(p_uu > 0.0f)) continue;
    const float ratio = q_u / p_uu;
    add_scaled(fitted + static_cast<uint64_t>(i) * stride, -ratio,
               net.weights + static_cast<uint64_t>(u) * stride, width);
    leverage[i] -= q_u * ratio;
    flops += static_cast<uint64_t>(m - u) * (m - u) / 2 + 2ull * (m - u);
  }
}

uint32_t Engine::seed_event(int32_t klass) {
  const uint32_t n = store.count;
  const uint32_t d = config.dim;
  float* mean = feature_tmp;
  const uint32_t members = accumulate_spread(klass, mean, nullptr);
  uint32_t best = 0;
  float best_sqdist = FLT_MAX;
  for (uint32_t i = 0; i < n; ++i) {
    if (klass >= 0 && store.klass[i] != klass) continue;
    const float s = event_sqdist(mean, i, metric, best_sqdist);
    if (s < best_sqdist) {
      best_sqdist = s;
      best = i;
    }
  }
  flops += 2ull * members * d;
  return best;
}

uint32_t Engine::grow_layer(uint32_t layer) {
  Layer& net = layers[layer];
  net.count = 0;
  const uint32_t n = store.count;
  std::memset(fitted, 0, sizeof(float) * stride * static_cast<uint64_t>(n));
  std::memset(leverage, 0, sizeof(float) * n);
  std::memset(flags, kCandidate, n);
  // Coarsest network: one unit per class at the event nearest its class mean.
  const int32_t seeds = config.problem == Problem::classification ? class_count : 1;
  for (int32_t k = 0; k < seeds; ++k) {
    const uint32_t e = seed_event(config.problem == Problem::classification ? k : -1);
    if (flags[e] != kCandidate) continue;
    flags[e] = append_unit(layer, e, true) ? kUnit : kRejected;
  }
  // Refinement: add units at unresolved events, worst leave-one-out error
  // first, at most doubling the layer per round, until every event is
  // resolved, the unit budget is full, or no candidate is independent.
  // Real-valued targets are noisy: there the layer keeps the size with the
  // lowest leave-one-out squared error (PRESS) seen, and stops growing once
  // two rounds in a row have not improved on it.
  const bool watch_press = config.problem != Problem::classification;
  float best_press = FLT_MAX;
  uint32_t best_count = 0, best_errors = 0, stale_rounds = 0;
  while (true) {
    const uint32_t errors = loo_pass(layer, nullptr, 0);
    if (watch_press) {
      if (last_press < best_press) {
        best_press = last_press;
        best_count = net.count;
        best_errors = errors;
        stale_rounds = 0;
      } else if (++stale_rounds >= 2) {
        break;
      }
    }
    uint32_t candidates = 0;
    for (uint32_t i = 0; i < n; ++i) {
      if (flags[i] == kCandidate && error[i] >= 0.0f) order[candidates++] = i;
    }
    const uint32_t room = plan.units - net.count;
    if (candidates == 0 || room == 0) break;
    sort_by_key_descending(order, candidates, error);
    uint32_t take = net.count > 0 ? net.count : 1;
    take = take < room ? take : room;
    take = take < candidates ? take : candidates;
    uint32_t added = 0;
    for (uint32_t c = 0; c < take; ++c) {
      const uint32_t e = order[c];
      const bool ok = append_unit(layer, e, true);
      flags[e] = ok ? kUnit : kRejected;
      added += ok ? 1u : 0u;
    }
    if (added == 0 && candidates == take) break;
  }
  if (watch_press && best_count < net.count) {
    truncate_layer(layer, best_count);
    return best_errors;
  }
  return loo_pass(layer, nullptr, 0);
}

void Engine::truncate_layer(uint32_t layer, uint32_t count) {
  // Units are appended, so the first `count` rows of L, Z and c describe the
  // smaller network exactly; fitted outputs and leverages are summed again.
  const uint32_t n = store.count;
  const uint32_t width = outputs();
  layers[layer].count = count;
  std::memset(fitted, 0, sizeof(float) * stride * static_cast<uint64_t>(n));
  std::memset(leverage, 0, sizeof(float) * n);
  for (uint32_t a = 0; a < count; ++a) {
    const float* z = work + static_cast<uint64_t>(a) * n;
    const float* c = unit_tmp + static_cast<uint64_t>(a) * stride;
    for (uint32_t i = 0; i < n; ++i) {
      leverage[i] += z[i] * z[i];
      add_scaled(fitted + static_cast<uint64_t>(i) * stride, z[i], c, width);
    }
  }
}

uint32_t Engine::finish_layer(uint32_t layer) {
  grow_layer(layer);
  solve_weights(layer);
  exclude_own_units(layer);
  return loo_pass(layer, nullptr, 0);
}

void Engine::offer_nearest(uint32_t k, uint32_t other, float s) {
  const bool first = s == store.nearest_sqdist[k] && other < store.nearest[k] && store.nearest[k] != kNone;
  if (s < store.nearest_sqdist[k] || first) {
    store.nearest_sqdist[k] = s;
    store.nearest[k] = other;
  }
}

void Engine::measure_pair(uint32_t i, uint32_t j, const float* xi, const float* xj) {
  // Beyond both ends' nearest so far neither end takes the distance, so its
  // sum may stop early there.
  const float nearest =
      store.nearest_sqdist[i] > store.nearest_sqdist[j] ? store.nearest_sqdist[i] : store.nearest_sqdist[j];
  const float s = weighted_sqdist(xi, xj, contour, config.dim, abandon ? nearest : kNoBound);
  if (s > nearest) return;
  offer_nearest(i, j, s);
  offer_nearest(j, i, s);
}

void Engine::calibrate() {
  const uint32_t n = store.count;
  const uint32_t d = config.dim;
  // Leave-one-out distance to the nearest other stored event, in the contour
  // metric; among events at that distance, the one stored first. The records
  // do not depend on the order in which pairs are measured, so each event
  // first measures a likely near event (a close first bound, so that most pair
  // distances below stop early): its nearest event of before, else the event
  // of its class stored before it; then every pair once.
  for (uint32_t k = 0; k < stride; ++k) tally[k] = kNone;  // last event of each class so far
  for (uint32_t i = 0; i < n; ++i) {
    const uint16_t klass = store.klass ? store.klass[i] : 0;
    order[i] = store.nearest[i] < n ? store.nearest[i] : tally[klass];  // only a first candidate
    tally[klass] = i;
    store.nearest[i] = kNone;
    store.nearest_sqdist[i] = FLT_MAX;
  }
  for (uint32_t i = 0; i < n; ++i) {
    if (order[i] < n && order[i] != i)
      measure_pair(i, order[i], event_row(i, row_a), event_row(order[i], feature_tmp));
  }
  // Coded stores are decoded in tiles of rows into the build's scratch (free
  // by now), so that a pair costs a float distance rather than a decode;
  // float stores are one tile, read in place.
  const bool coded = feature_bytes != 4;
  uint32_t tile = coded ? plan.units * plan.events / d : n;
  float* decoded = tile > 0 ? work : feature_tmp;
  tile = tile > 0 ? tile : 1;
  const float* rows = coded ? decoded : reinterpret_cast<const float*>(store.features);
  for (uint32_t start = 0; start < n; start += tile) {
    const uint32_t end = n - start > tile ? start + tile : n;
    const uint32_t first = coded ? start : 0;  // the event in rows[0]
    for (uint32_t j = start; coded && j < end; ++j) event_row(j, decoded + (j - start) * d);
    for (uint32_t i = 0; i + 1 < end; ++i) {
      const float* xi = i >= first ? rows + (i - first) * d : event_row(i, row_a);
      for (uint32_t j = i + 1 > start ? i + 1 : start; j < end; ++j)
        measure_pair(i, j, xi, rows + (j - first) * d);
    }
  }
  flops += static_cast<uint64_t>(n) * (n - 1) / 2 * d;
  for (uint32_t i = 0; i < n; ++i) {
    store.confidence[i] = confidence_factor(fitted + static_cast<uint64_t>(i) * stride);  // LOO outputs
    store.nonconformity[i] = score_of(i);
    calibration[i] = store.nonconformity[i];
  }
  calibration_size = n;
  sort_ascending(calibration, n);
  temperature = config.problem == Problem::classification ? fit_temperature() : 1.0f;
}

float Engine::fit_temperature() {
  // Newton's method on theta = 1 / T for the negative log-likelihood of the
  // leave-one-out outputs under softmax(theta * o): convex in theta, with
  // gradient sum(E[o] - o_true) and curvature sum(Var[o]); a fixed number of
  // safeguarded steps keeps it deterministic (a step that returns its own
  // input ends it early: the rest would repeat it).
  const uint32_t n = store.count;
  const uint32_t width = outputs();
  if (width < 2 || n < 2) return 1.0f;
  constexpr float kLowest = 0.2f, kHighest = 200.0f;  // T between 0.005 and 5
  float theta = 5.0f;
  for (int step = 0; step < 8; ++step) {
    float gradient = 0.0f, curvature = 0.0f;
    for (uint32_t i = 0; i < n; ++i) {
      const float* o = fitted + static_cast<uint64_t>(i) * stride;
      const float top = top_output(o);
      float sum = 0.0f, first = 0.0f, second = 0.0f;
      for (uint32_t k = 0; k < width; ++k) {
        const float centred = o[k] - top;
        const float weight = det_exp(theta * centred);
        sum += weight;
        first += weight * centred;
        second += weight * centred * centred;
      }
      const float mean = first / sum;
      gradient += mean - (o[store.klass[i]] - top);
      curvature += second / sum - mean * mean;
    }
    flops += 4ull * n * width;
    if (!(curvature > 0.0f)) break;
    float next = theta - gradient / curvature;
    next = next < 0.5f * theta ? 0.5f * theta : (next > 2.0f * theta ? 2.0f * theta : next);
    next = next < kLowest ? kLowest : (next > kHighest ? kHighest : next);
    if (next == theta) break;
    theta = next;
  }
  return 1.0f / theta;
}

Status Engine::build() {
  const uint64_t start = flops;
  erase_empty_classes();
  const uint32_t n = store.count;
  layer_count = 0;
  calibration_size = 0;
  for (uint32_t i = 0; i < n; ++i) store.weight[i] = balanced_weight(store.klass ? store.klass[i] : 0, n);
  if (n > 0) {
    compute_metric();
    layers[0].radius = radius0;
    layers[0].beta2 = 0.0f;
    layer_count = 1;
    uint32_t errors = finish_layer(0);
    if (plan.layers > 1) layers[1].count = 0;
    // Depth is tried when width is exhausted: the layer used its whole unit
    // budget and events remain wrong.
    const bool exhausted = layers[0].count >= plan.units;
    if (kBuildLayers > 1 && plan.layers > 1 && errors > 0 && depth_policy != 1 &&
        (exhausted || depth_policy >= 2)) {
      errors = try_deeper_layer(errors);
    }
    const uint32_t last = layer_count - 1u;
    if (last == 0 && plan.layers > 1 && layers[1].count > 0) {
      // The deeper layer was tried and dropped: layer 0's LOO outputs are kept in held_out.
      for (uint32_t i = 0; i < n; ++i) {
        std::memcpy(fitted + static_cast<uint64_t>(i) * stride, held_out_row(i, 0), sizeof(float) * stride);
      }
      layers[1].count = 0;
    } else {
      loo_pass(last, fitted, stride);
    }
    loo_errors = errors;
    calibrate();
  }
  events_at_build = n;
  events_since_build = 0;
  surprises_since_build = 0;
  ++builds;
  solver_ready = true;
  last_build_flops = flops - start;
  return Status::ok;
}

uint32_t Engine::try_deeper_layer(uint32_t errors) {
  const uint32_t n = store.count;
  const uint32_t width = outputs();
  // Held-out outputs of layer 0 become part of layer 1's input.
  loo_pass(0, held_out_row(0, 0), static_cast<uint64_t>(plan.layers - 1) * stride);
  float spread = 0.0f;  // mean squared distance between output vectors, halved
  for (uint32_t k = 0; k < width; ++k) {
    float mean = 0.0f;
    for (uint32_t i = 0; i < n; ++i) mean += held_out_row(i, 0)[k];
    mean /= static_cast<float>(n);
    float var = 0.0f;
    for (uint32_t i = 0; i < n; ++i) {
      const float diff = held_out_row(i, 0)[k] - mean;
      var += diff * diff;
    }
    spread += var / static_cast<float>(n);
  }
  const float factor = radius_factor();
  const float feature_spread = (radius0 / factor) * (radius0 / factor);  // 2*msd
  if (!(spread > 0.0f)) return errors;
  Layer& deeper = layers[1];
  deeper.beta2 = kDepthMix * feature_spread / (2.0f * spread);
  deeper.radius = factor * std::sqrt(feature_spread * (1.0f + kDepthMix));
  layer_count = 2;
  const uint32_t deeper_errors = finish_layer(1);
  uint32_t gain = static_cast<uint32_t>(std::ceil(kDepthGain * static_cast<float>(errors)));
  gain = gain < 1 ? 1 : gain;
  if (deeper_errors + gain <= errors || depth_policy == 3) return deeper_errors;
  layer_count = 1;  // depth did not pay: keep one layer
  return errors;
}

}  // namespace neurite::detail
