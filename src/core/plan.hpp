// Memory planning: from the memory setting to capacities and the arena layout.
#pragma once
#include "engine.hpp"

namespace neurite::detail {

// Lays out (or, with base == nullptr, only measures) an engine in an arena.
// `canonical` counts the Engine record as a fixed reserve (planning); otherwise its real size.
uint64_t layout(const Config& config, const Plan& plan, uint8_t* base, Engine** out, bool canonical = false);

}  // namespace neurite::detail
