// Deterministic single-precision exp/log: the same bits on every target,
// unlike libm, whose implementations differ between glibc and newlib.
#pragma once

namespace neurite::detail {

float det_exp(float x);  // relative error < 2e-7 on [-87, 88]
float det_log(float x);  // x > 0; relative error < 3e-7

}  // namespace neurite::detail
