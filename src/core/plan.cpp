#include "plan.hpp"

#include <new>

#include "arena.hpp"
#include "constants.hpp"

namespace neurite::detail {
namespace {

constexpr uint32_t kMaxUnits = 512;  // per layer: bounds build cost (N M^2)
constexpr uint32_t kMinUnits = 8;
constexpr uint32_t kPreciseEvents = 256;   // events below which storage gets coarser
constexpr uint32_t kEngineReserve = 1024;  // bytes counted for the Engine record when planning

// Bytes of an arena with these capacities, counted the same way on every
// platform (the engine's own record as kEngineReserve bytes), so that a host and
// a 32-bit device plan the same capacities for the same settings.
uint64_t total_bytes(const Config& config, uint32_t events, uint32_t units, uint8_t layers,
                     uint8_t feature_bytes) {
  Plan plan;
  plan.events = events;
  plan.units = units;
  plan.layers = layers;
  plan.feature_bytes = feature_bytes;
  return layout(config, plan, nullptr, nullptr, true);
}

// Largest event capacity that fits the budget for given units and depth (0 if none).
uint32_t fit_events(const Config& config, uint32_t units, uint8_t layers, uint8_t feature_bytes) {
  const uint64_t budget = config.memory_bytes;
  const uint64_t base = total_bytes(config, 0, units, layers, feature_bytes);
  if (base >= budget) return 0;
  // Bytes per event (alignment rounds each array up by at most 15 bytes); 32-bit
  // division only, so that the device needs no 64-bit division routine.
  const uint64_t per_1024 = total_bytes(config, 1024, units, layers, feature_bytes) - base;
  const uint32_t per_event = static_cast<uint32_t>((per_1024 >> 10) + 1);
  uint32_t events = static_cast<uint32_t>(budget - base) / per_event;
  while (total_bytes(config, events + 1, units, layers, feature_bytes) <= budget) ++events;
  while (events > 0 && total_bytes(config, events, units, layers, feature_bytes) > budget) --events;
  return events;
}

// Capacities for one storage precision; units == 0 when nothing fits.
Plan plan_with(const Config& config, uint8_t layers, uint8_t feature_bytes) {
  Plan plan;
  plan.layers = layers;
  plan.feature_bytes = feature_bytes;
  // Prefer the most units per layer such that the store holds at least four
  // times as many events (measured on the digits: more events beat more units).
  for (uint32_t units = kMaxUnits; units >= kMinUnits; units -= units / 8) {
    const uint32_t events = fit_events(config, units, layers, feature_bytes);
    if (events >= 4 * units) {
      plan.units = units;
      plan.events = events;
      break;
    }
    if (units - units / 8 < kMinUnits) break;
  }
  if (plan.units == 0) {
    // Tiny budgets: every stored event may become a unit.
    for (uint32_t n = 2; n < kMinUnits * 4; ++n) {
      if (total_bytes(config, n, n, layers, feature_bytes) <= config.memory_bytes) {
        plan.units = n;
        plan.events = n;
      }
    }
  }
  plan.bytes = plan.units ? total_bytes(config, plan.events, plan.units, layers, feature_bytes) : 0;
  return plan;
}

}  // namespace

Plan make_plan(const Config& config) {
  // Depth costs a second network and per-event inputs; give it room only
  // when the budget is comfortable (256 KiB and more).
  const uint8_t layers = config.memory_bytes >= (256u << 10) && kBuildLayers > 1 ? 2 : 1;
  // Features are stored in float while the store holds 256 events that way;
  // tighter budgets store them in 16 bits, and below 256 such events in 8 bits
  // (each event with its own offset and scale).
  const uint8_t precise[] = {4, 2};
  for (uint8_t feature_bytes : precise) {
    const Plan plan = plan_with(config, layers, feature_bytes);
    if (plan.events >= kPreciseEvents) return plan;
  }
  return plan_with(config, layers, 1);
}

Plan plan_with_storage(const Config& config, uint8_t feature_bytes) {
  Plan plan = make_plan(config);
  plan.feature_bytes = feature_bytes;
  plan.bytes = total_bytes(config, plan.events, plan.units, plan.layers, feature_bytes);
  return plan;
}

uint64_t layout(const Config& config, const Plan& plan, uint8_t* base, Engine** out, bool canonical) {
  static_assert(sizeof(Engine) <= kEngineReserve, "raise kEngineReserve");
  Bump bump(base);
  Engine* slot =
      canonical ? reinterpret_cast<Engine*>(bump.take<uint8_t>(kEngineReserve)) : bump.take<Engine>(1);
  Engine dummy;
  Engine* e = base != nullptr ? new (slot) Engine() : &dummy;
  if (out != nullptr) *out = base != nullptr ? e : nullptr;

  const uint64_t n = plan.events;
  const uint64_t m = plan.units;
  const uint64_t d = config.dim;
  const uint64_t c = config.outputs == 0 ? 1 : config.outputs;
  e->stride = static_cast<uint32_t>(c);
  e->labels = bump.take<Label>(c);
  e->metric = bump.take<float>(d);
  e->contour = bump.take<float>(d);
  e->target_mean = bump.take<float>(c);
  e->target_scale = bump.take<float>(c);

  e->feature_bytes = plan.feature_bytes;
  e->store.features = bump.take<uint8_t>(n * d * plan.feature_bytes);
  e->store.offset = bump.take<float>(plan.feature_bytes < 4 ? n : 0);
  e->store.scale = bump.take<float>(plan.feature_bytes < 4 ? n : 0);
  e->store.klass = bump.take<uint16_t>(config.problem == Problem::classification ? n : 0);
  e->store.targets = bump.take<float>(config.problem == Problem::regression ? n * c : 0);
  e->store.ids = bump.take<EventId>(n);
  e->store.nonconformity = bump.take<float>(n);
  e->store.nearest = bump.take<uint32_t>(n);
  e->store.nearest_sqdist = bump.take<float>(n);
  e->store.confidence = bump.take<float>(n);
  e->store.weight = bump.take<float>(n);
  e->store.held_out = bump.take<float>(n * (plan.layers - 1) * c);
  e->calibration = bump.take<float>(n);

  for (uint8_t l = 0; l < plan.layers; ++l) {
    Layer& layer = e->layers[l];
    layer.centre = bump.take<uint32_t>(m);
    layer.chol = bump.take<float>(m * (m + 1) / 2);
    layer.rhs = bump.take<float>(m * c);
    layer.weights = bump.take<float>(m * c);
  }

  e->work = bump.take<float>(n * m);
  e->dist = bump.take<float>(n);
  e->column = bump.take<float>(n);
  e->fitted = bump.take<float>(n * c);
  e->leverage = bump.take<float>(n);
  e->error = bump.take<float>(n);
  e->order = bump.take<uint32_t>(n);
  e->flags = bump.take<uint8_t>(n);
  e->unit_tmp = bump.take<float>(m * (c > 2 ? c : 2));
  e->unit_vec = bump.take<float>(m);
  e->unit_vec2 = bump.take<float>(m);
  e->layer_out = bump.take<float>(static_cast<uint64_t>(kMaxLayers) * c);
  e->tally = bump.take<uint32_t>(c);
  e->feature_tmp = bump.take<float>(d);
  e->feature_tmp2 = bump.take<float>(d);
  e->row_a = bump.take<float>(plan.feature_bytes < 4 ? d : 0);
  e->row_b = bump.take<float>(plan.feature_bytes == 2 ? d : 0);
  return bump.used();
}

}  // namespace neurite::detail
