// Turning network outputs into a decision: label, calibrated probability,
// conformal credibility against the contour of the known set, evidence.
#include <cfloat>
#include <cmath>

#include "engine.hpp"
#include "fmath.hpp"

namespace neurite::detail {

float Engine::rejection_alpha() const {
  return rejection_rate(config);
}

float Engine::top_output(const float* out) const {
  const uint32_t width = outputs();
  float top = out[0];
  for (uint32_t k = 1; k < width; ++k) top = out[k] > top ? out[k] : top;
  return top;
}

float Engine::confidence_factor(const float* outputs_row) const {
  if (config.problem == Problem::regression) return 1.0f;
  float top = top_output(outputs_row);
  top = top < 0.0f ? 0.0f : (top > 1.0f ? 1.0f : top);
  return 1.0f / (1.0f + top);
}

float Engine::nonconformity(float nearest_sqdist, const float* outputs_row) const {
  // Distance to the nearest stored event, in contour-metric RMS distances,
  // discounted by the network's confidence: far from every event, or near but
  // unconvincing (classification and novelty; regression uses the distance).
  return std::sqrt(nearest_sqdist) / contour_scale * confidence_factor(outputs_row);
}

float Engine::score_of(uint32_t index) const {
  if (store.nearest[index] == kNone) return FLT_MAX;
  return std::sqrt(store.nearest_sqdist[index]) / contour_scale * store.confidence[index];
}

float Engine::credibility(float score) const {
  // Conformal p-value: share of stored events at least as nonconforming.
  // Beyond the largest stored score the tail is extrapolated exponentially
  // through the median and the maximum, so that few events (fewer than
  // 1/alpha) can still reject what lies far outside them.
  const uint32_t n = calibration_size;
  if (n >= 2 && score > calibration[n - 1] && calibration[n - 1] < FLT_MAX) {
    const float median = calibration[(n - 1) / 2];
    const float top = calibration[n - 1];
    const float spread = top > median ? top - median : (top > 0.0f ? top : 1.0f);
    const float decay = spread / det_log(0.5f * static_cast<float>(n + 1));
    const float p = 0.5f * det_exp(-(score - median) / decay);
    const float at_top = 1.0f / static_cast<float>(n + 1);
    return p < at_top ? p : at_top;
  }
  uint32_t lo = 0, hi = n;
  while (lo < hi) {
    const uint32_t mid = (lo + hi) / 2;
    if (calibration[mid] < score) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return static_cast<float>(n - lo + 1) / static_cast<float>(n + 1);
}

void Engine::fill_prediction(const float* out_row, uint32_t nearest, float nearest_sqdist,
                             const float* phi_last, Prediction* out) const {
  *out = Prediction{};
  const uint32_t width = outputs();
  out->nearest_event = store.ids[nearest];
  out->nearest_distance = std::sqrt(nearest_sqdist);
  const float p = credibility(nonconformity(nearest_sqdist, out_row));
  out->credibility = p;
  const float alpha = rejection_alpha();
  out->unknown = alpha > 0.0f && p < alpha;

  uint32_t top = 0;
  if (config.problem == Problem::classification) {
    uint32_t second = width > 1 ? 1u : 0u;
    if (width > 1 && out_row[1] > out_row[0]) {
      top = 1;
      second = 0;
    }
    for (uint32_t k = 2; k < width; ++k) {
      if (out_row[k] > out_row[top]) {
        second = top;
        top = k;
      } else if (out_row[k] > out_row[second]) {
        second = k;
      }
    }
    out->label = labels[top];
    out->runner_up = labels[second];
    out->margin = width > 1 ? out_row[top] - out_row[second] : out_row[top];
    out->score = class_probability(out_row, top);
  } else {
    out->score = 100.0f * (1.0f - p);
  }

  // Evidence: the units of the last layer that pushed the winning output most.
  const Layer& net = layers[layer_count - 1];
  for (uint32_t a = 0; a < net.count; ++a) {
    const float weight = phi_last[a] * net.weights[static_cast<uint64_t>(a) * stride + top];
    if (!(weight > 0.0f)) continue;
    uint32_t slot;
    if (out->evidence_count < kEvidenceCount) {
      slot = out->evidence_count++;
    } else if (weight > out->evidence[kEvidenceCount - 1].weight) {
      slot = kEvidenceCount - 1;
    } else {
      continue;
    }
    out->evidence[slot] = Evidence{store.ids[net.centre[a]], weight};
    for (; slot > 0 && out->evidence[slot - 1].weight < out->evidence[slot].weight; --slot) {
      const Evidence tmp = out->evidence[slot - 1];
      out->evidence[slot - 1] = out->evidence[slot];
      out->evidence[slot] = tmp;
    }
  }
}

float Engine::class_probability(const float* out_row, uint32_t klass) const {
  // Softmax of the outputs at the temperature fitted on leave-one-out outputs.
  const uint32_t width = outputs();
  const float top = top_output(out_row);
  float sum = 0.0f;
  for (uint32_t k = 0; k < width; ++k) sum += det_exp((out_row[k] - top) / temperature);
  return det_exp((out_row[klass] - top) / temperature) / sum;
}

Status Engine::predict(const float* features, Prediction* out, float* targets_out) {
  if (store.count == 0 || layer_count == 0) {
    *out = Prediction{};
    out->unknown = true;
    if (targets_out != nullptr) {
      for (uint32_t k = 0; k < outputs(); ++k) targets_out[k] = 0.0f;
    }
    return Status::ok;
  }
  uint32_t nearest = 0;
  float nearest_sqdist = 0.0f;
  input_forward(features, layer_out, unit_vec, &nearest, &nearest_sqdist, false);
  const float* final_out = layer_out + static_cast<uint64_t>(layer_count - 1) * stride;
  fill_prediction(final_out, nearest, nearest_sqdist, unit_vec, out);
  if (targets_out != nullptr && config.problem == Problem::regression) {
    for (uint32_t k = 0; k < config.outputs; ++k) {
      targets_out[k] = final_out[k] * target_scale[k] + target_mean[k];
    }
  } else if (targets_out != nullptr && config.problem == Problem::classification) {
    for (uint32_t k = 0; k < outputs(); ++k) targets_out[k] = class_probability(final_out, k);
  } else if (targets_out != nullptr) {
    targets_out[0] = final_out[0];  // novelty: the membership output
  }
  return Status::ok;
}

}  // namespace neurite::detail
