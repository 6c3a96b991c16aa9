#include "neurite/frontend/utterance.hpp"

#include <cmath>

namespace neurite::frontend {

namespace {

template <class Sample>
Status trim(const Sample* samples, size_t count, size_t frame, float threshold_db, size_t margin,
            size_t* begin, size_t* end) {
  if (samples == nullptr || count == 0) return Status::empty_input;
  if (frame == 0 || !(threshold_db > 0.0f) || begin == nullptr || end == nullptr)
    return Status::invalid_config;
  const size_t frames = (count + frame - 1) / frame;
  auto energy = [&](size_t f) {
    double sum = 0.0;
    const size_t stop = (f + 1) * frame < count ? (f + 1) * frame : count;
    for (size_t t = f * frame; t < stop; ++t) sum += double(samples[t]) * double(samples[t]);
    return sum / double(stop - f * frame);
  };
  double loudest = 0.0;
  for (size_t f = 0; f < frames; ++f) {
    const double e = energy(f);
    if (e > loudest) loudest = e;
  }
  *begin = 0;
  *end = count;
  if (loudest <= 0.0) return Status::ok;
  const double keep = loudest * std::pow(10.0, -threshold_db / 10.0);
  size_t first = 0, last = frames - 1;
  while (first < frames && energy(first) < keep) ++first;
  while (last > first && energy(last) < keep) --last;
  first = first > margin ? first - margin : 0;
  last = last + margin < frames - 1 ? last + margin : frames - 1;
  *begin = first * frame;
  *end = (last + 1) * frame < count ? (last + 1) * frame : count;
  return Status::ok;
}

// Value of column j of the sequence at fractional frame position `p`.
float sample_linear(const float* rows, size_t count, size_t width, size_t j, double p) {
  const size_t i = static_cast<size_t>(p);
  if (i + 1 >= count) return rows[(count - 1) * width + j];
  const float frac = static_cast<float>(p - static_cast<double>(i));
  return rows[i * width + j] * (1.0f - frac) + rows[(i + 1) * width + j] * frac;
}

// Brings `count` rows to `frames` rows of columns [skip, width).
void fixed_length(const UtteranceConfig& c, const float* rows, size_t count, size_t width, float* out) {
  const size_t kept = width - c.skip_coefficients;
  for (size_t t = 0; t < c.frames; ++t) {
    float* dst = out + t * kept;
    if (c.time_axis == TimeAxis::interpolate) {
      const double p = c.frames == 1 ? 0.0 : double(t) * double(count - 1) / double(c.frames - 1);
      for (size_t j = 0; j < kept; ++j)
        dst[j] = sample_linear(rows, count, width, c.skip_coefficients + j, p);
      continue;
    }
    // Segment [t count / frames, (t + 1) count / frames), at least one row.
    size_t lo = t * count / c.frames, hi = (t + 1) * count / c.frames;
    if (hi <= lo) hi = lo + 1;
    if (hi > count) {
      hi = count;
      lo = count - 1;
    }
    for (size_t j = 0; j < kept; ++j) {
      float sum = 0.0f;
      for (size_t i = lo; i < hi; ++i) sum += rows[i * width + c.skip_coefficients + j];
      dst[j] = sum / static_cast<float>(hi - lo);
    }
  }
}

}  // namespace

Status trim_silence(const float* samples, size_t count, size_t frame, float threshold_db, size_t margin,
                    size_t* begin, size_t* end) {
  return trim(samples, count, frame, threshold_db, margin, begin, end);
}

Status trim_silence_q15(const int16_t* samples, size_t count, size_t frame, float threshold_db, size_t margin,
                        size_t* begin, size_t* end) {
  return trim(samples, count, frame, threshold_db, margin, begin, end);
}

size_t utterance_dim(const UtteranceConfig& c, size_t width) {
  if (c.skip_coefficients >= width) return 0;
  const size_t kept = width - c.skip_coefficients;
  size_t dim = size_t{c.frames} * kept * (c.deltas ? 2u : 1u);
  if (c.pool_mean) dim += width;
  if (c.pool_std) dim += width;
  return dim;
}

size_t utterance_scratch(const UtteranceConfig& c, size_t count, size_t width) {
  const bool needs_copy = c.mean_normalise || c.deltas;
  return (needs_copy ? count * width : 0) + (c.deltas ? count * width : 0) + 2 * width;
}

Status utterance_vector(const UtteranceConfig& c, const float* frames, size_t count, size_t width,
                        float* scratch, size_t scratch_floats, float* out, size_t capacity) {
  if (frames == nullptr || count == 0 || width == 0) return Status::empty_input;
  const size_t dim = utterance_dim(c, width);
  if (dim == 0) return Status::invalid_config;
  if (out == nullptr || capacity < dim) return Status::buffer_too_small;
  if (scratch == nullptr || scratch_floats < utterance_scratch(c, count, width))
    return Status::buffer_too_small;
  float* mean = scratch;
  float* stddev = scratch + width;
  float* work = scratch + 2 * width;
  for (size_t j = 0; j < width; ++j) {
    double sum = 0.0, squares = 0.0;
    for (size_t i = 0; i < count; ++i) sum += frames[i * width + j];
    const double m = sum / double(count);
    for (size_t i = 0; i < count; ++i) squares += (frames[i * width + j] - m) * (frames[i * width + j] - m);
    mean[j] = static_cast<float>(m);
    stddev[j] = static_cast<float>(std::sqrt(squares / double(count)));
  }
  const float* sequence = frames;
  if (c.mean_normalise || c.deltas) {
    for (size_t i = 0; i < count; ++i) {
      for (size_t j = 0; j < width; ++j) {
        work[i * width + j] = frames[i * width + j] - (c.mean_normalise ? mean[j] : 0.0f);
      }
    }
    sequence = work;
  }
  const size_t kept = width - c.skip_coefficients;
  fixed_length(c, sequence, count, width, out);
  size_t at = size_t{c.frames} * kept;
  if (c.deltas) {
    // d_i = sum_{n=1,2} n (x_{i+n} - x_{i-n}) / 10, edges repeated.
    float* delta = work + count * width;
    auto row = [&](long i) {
      const long last = static_cast<long>(count) - 1;
      return sequence + static_cast<size_t>(i < 0 ? 0 : (i > last ? last : i)) * width;
    };
    for (size_t i = 0; i < count; ++i) {
      const long k = static_cast<long>(i);
      for (size_t j = 0; j < width; ++j) {
        delta[i * width + j] =
            ((row(k + 1)[j] - row(k - 1)[j]) + 2.0f * (row(k + 2)[j] - row(k - 2)[j])) / 10.0f;
      }
    }
    fixed_length(c, delta, count, width, out + at);
    at += size_t{c.frames} * kept;
  }
  if (c.pool_mean) {
    for (size_t j = 0; j < width; ++j) out[at++] = mean[j];
  }
  if (c.pool_std) {
    for (size_t j = 0; j < width; ++j) out[at++] = stddev[j];
  }
  return Status::ok;
}

}  // namespace neurite::frontend
