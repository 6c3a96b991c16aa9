// Distances in the learned metric, unit activations and the forward pass.
#include <cmath>

#include "constants.hpp"
#include "engine.hpp"
#include "kernels.hpp"

namespace neurite::detail {

float Engine::layer_sqdist(uint32_t layer, float feature_sqdist, const float* previous,
                           uint32_t event) const {
  if (kBuildLayers == 1 || layer == 0) return feature_sqdist;
  const float extra = sqdist(previous, held_out_row(event, layer - 1), outputs());
  return feature_sqdist + layers[layer].beta2 * extra;
}

float Engine::pair_sqdist(uint32_t layer, const float* features_a, uint32_t a, uint32_t b) const {
  const float feature = event_sqdist(features_a, b, metric, kNoBound);
  if (kBuildLayers == 1 || layer == 0) return feature;
  return layer_sqdist(layer, feature, held_out_row(a, layer - 1), b);
}

void Engine::event_column(uint32_t layer, uint32_t event, float* out) const {
  // The row is decoded once; the squared differences are symmetric, so these
  // are the same bits as measuring from each event to this one.
  const float* features = event_row(event, row_a);
  for (uint32_t i = 0; i < store.count; ++i)
    out[i] = activation(layer, pair_sqdist(layer, features, event, i));
}

float Engine::activation(uint32_t layer, float squared_distance) const {
  return wendland(std::sqrt(squared_distance) / layers[layer].radius);
}

void Engine::event_activations(uint32_t layer, uint32_t event, float* phi) {
  const Layer& net = layers[layer];
  const float* features = event_row(event, row_a);
  for (uint32_t a = 0; a < net.count; ++a) {
    phi[a] = activation(layer, pair_sqdist(layer, features, event, net.centre[a]));
  }
  flops += static_cast<uint64_t>(net.count) * (config.dim + (layer ? outputs() : 0u));
}

void Engine::input_forward(const float* features, float* outputs_per_layer, float* phi_last,
                           uint32_t* nearest, float* nearest_sqdist, bool link) {
  const uint32_t n = store.count;
  const uint32_t width = outputs();
  // Contour distances to every stored event (the nearest one decides what is
  // known). A distance may stop early once it exceeds the nearest so far and,
  // when the input is linked into the store, event i's own nearest record: a
  // dist[i] at most the nearest distance is therefore exact.
  uint32_t best = 0;
  float best_sqdist = kNoBound;
  for (uint32_t i = 0; i < n; ++i) {
    const float record = link ? store.nearest_sqdist[i] : 0.0f;
    dist[i] = event_sqdist(features, i, contour, record > best_sqdist ? record : best_sqdist);
    if (dist[i] < best_sqdist) {
      best = i;
      best_sqdist = dist[i];
    }
  }
  flops += static_cast<uint64_t>(n) * config.dim;
  *nearest = best;
  *nearest_sqdist = best_sqdist;
  for (uint32_t l = 0; l < layer_count; ++l) {
    const Layer& net = layers[l];
    float* out = outputs_per_layer + static_cast<uint64_t>(l) * stride;
    const float* previous = l ? outputs_per_layer + static_cast<uint64_t>(l - 1) * stride : nullptr;
    for (uint32_t k = 0; k < width; ++k) out[k] = 0.0f;
    for (uint32_t a = 0; a < net.count; ++a) {
      const uint32_t centre = net.centre[a];
      // The units' own metric; when it is the contour's, an exact dist[] is reused.
      const float feature_sqdist = shared_metric && dist[centre] <= best_sqdist
                                       ? dist[centre]
                                       : event_sqdist(features, centre, metric, kNoBound);
      const float phi = activation(l, layer_sqdist(l, feature_sqdist, previous, centre));
      if (l + 1u == layer_count && phi_last != nullptr) phi_last[a] = phi;
      if (phi != 0.0f) add_scaled(out, phi, net.weights + static_cast<uint64_t>(a) * stride, width);
    }
    flops += static_cast<uint64_t>(net.count) * (width + (l ? width : 0u));
  }
}

}  // namespace neurite::detail
