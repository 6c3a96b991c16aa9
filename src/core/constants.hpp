// The fixed constants of the algorithm (docs/design.md explains each). They are
// not user settings: the three settings are problem, memory and strictness.
#pragma once

namespace neurite::detail {

// Units' metric: per-feature (within-class) variance, floored at this share of its mean.
constexpr float kVarianceFloor = 0.25f;
// Contour metric: per-feature total variance shrunk this far towards its mean.
constexpr float kContourShrink = 0.5f;
// Unit support radius, in root-mean-square distances between stored events.
// Regression targets are usually smooth trends and get wider supports.
constexpr float kRadiusFactor = 2.0f;
constexpr float kRegressionRadiusFactor = 4.0f;
// Ridge: G = Phi^T Phi + lambda (K + jitter I), the penalty of kernel ridge regression.
constexpr float kRidge = 1e-2f;
constexpr float kJitter = 1e-3f;
// A candidate unit whose new pivot is below this fraction of its diagonal is
// (numerically) a combination of existing units and is not added.
constexpr float kPivotFloor = 1e-4f;
// Refinement tolerances on leave-one-out errors: an event is resolved when its
// true-class output beats every other by this margin (classification), or its
// residual is below the tolerance (standardised regression, novelty).
constexpr float kMarginTolerance = 0.5f;
constexpr float kRegressionTolerance = 0.25f;
constexpr float kNoveltyTolerance = 0.5f;
// Deeper layers see the previous layer's outputs, weighted to carry this share
// of the mean squared distance.
constexpr float kDepthMix = 0.1f;
// Depth this build can plan. Device builds may define NEURITE_MAX_LAYERS=1 to
// leave the deeper-layer code out; plans below 256 KiB have one layer anyway,
// so such a build plans and learns exactly as the host there.
#ifndef NEURITE_MAX_LAYERS
#define NEURITE_MAX_LAYERS 2
#endif
constexpr unsigned kBuildLayers = NEURITE_MAX_LAYERS;
static_assert(kBuildLayers >= 1 && kBuildLayers <= 2, "NEURITE_MAX_LAYERS must be 1 or 2");
// A further layer is kept only if it removes at least this share of the
// leave-one-out errors (and at least one).
constexpr float kDepthGain = 0.05f;
// Leverage is clamped so that 1 - h stays above this floor.
constexpr float kLeverageFloor = 1e-4f;

}  // namespace neurite::detail
