// The kernel demo: a device that starts empty learns handwritten digits from
// labelled events, recognises new ones live, says "unknown" for digits it was
// never taught, and takes a correction at once.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

#include "datasets.hpp"
#include "neurite/model.hpp"

using neurite::Model;
using neurite::Prediction;

namespace {

double elapsed_ms(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main() {
  const auto digits = neurite::data::load_digits();
  // Teach digits 0-7; keep every fifth digit aside to test. The file is
  // ordered by writer, so the stream is shuffled (fixed seed) as if the
  // device met the writers in turn.
  std::vector<size_t> stream, test_known, test_unknown;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (digits.labels[i] >= 8) {
      test_unknown.push_back(i);
    } else {
      (i % 5 == 0 ? test_known : stream).push_back(i);
    }
  }
  std::mt19937 shuffle(2026);
  std::shuffle(stream.begin(), stream.end(), shuffle);
  neurite::Config config;
  config.dim = 64;      // 8x8 pixels
  config.outputs = 10;  // room for ten classes
  Model model(config);  // defaults: 8 MiB budget, medium strictness

  auto evaluate = [&](const char* when) {
    double correct = 0, known_rejected = 0, unknown_rejected = 0;
    for (size_t i : test_known) {
      const Prediction p = model.predict(digits.row(i), 64);
      correct += p.label == digits.labels[i];
      known_rejected += p.unknown;
    }
    for (size_t i : test_unknown) unknown_rejected += model.predict(digits.row(i), 64).unknown;
    const auto s = model.stats();
    const double known = static_cast<double>(test_known.size());
    const double unknown = static_cast<double>(test_unknown.size());
    std::printf(
        "%-27s %5u events %4u units | accuracy %5.1f%% | known rejected %4.1f%% | unseen 8/9 rejected "
        "%5.1f%%\n",
        when, s.events, s.units[0], 100.0 * correct / known, 100.0 * known_rejected / known,
        100.0 * unknown_rejected / unknown);
  };

  std::printf("neurite digits demo: learning digits 0-7 from events, 8 and 9 never taught\n\n");
  // Few-shot start: three examples of each digit, one event at a time.
  std::vector<int> seen(8, 0);
  std::vector<size_t> rest;
  const auto start = std::chrono::steady_clock::now();
  for (size_t i : stream) {
    const int label = digits.labels[i];
    if (seen[label] < 3) {
      ++seen[label];
      model.learn(digits.row_vector(i), label);
    } else {
      rest.push_back(i);
    }
  }
  evaluate("after 3 examples per digit");
  size_t taught = 24;
  for (size_t stop : {100u, 300u, 1000u}) {
    for (; taught < stop && taught - 24 < rest.size(); ++taught) {
      model.learn(digits.row_vector(rest[taught - 24]), digits.labels[rest[taught - 24]]);
    }
    char when[64];
    std::snprintf(when, sizeof when, "after %zu events", taught);
    evaluate(when);
  }
  for (size_t k = taught - 24; k < rest.size(); ++k)
    model.learn(digits.row_vector(rest[k]), digits.labels[rest[k]]);
  const double stream_ms = elapsed_ms(start);
  evaluate("after the whole stream");

  // One live prediction, with its evidence.
  const size_t probe = test_known[7];
  const Prediction p = model.predict(digits.row(probe), 64);
  std::printf(
      "\nlive: true %d -> predicted %d (p=%.3f, credibility %.2f, runner-up %d), nearest stored event #%u\n",
      digits.labels[probe], p.label, p.score, p.credibility, p.runner_up, p.nearest_event);
  const Prediction q = model.predict(digits.row(test_unknown[0]), 64);
  std::printf("live: a never-taught %d -> %s (credibility %.3f)\n", digits.labels[test_unknown[0]],
              q.unknown ? "unknown" : "misread as known", q.credibility);

  // A new class from five events, then a wrong label and its correction.
  std::vector<size_t> eights;
  for (size_t i : test_unknown) {
    if (digits.labels[i] == 8) eights.push_back(i);
  }
  for (size_t k = 0; k < 5; ++k) model.learn(digits.row_vector(eights[k]), 8);
  auto recognised_eights = [&] {
    double hits = 0;
    for (size_t k = 10; k < eights.size(); ++k) hits += model.predict(digits.row(eights[k]), 64).label == 8;
    return 100.0 * hits / static_cast<double>(eights.size() - 10);
  };
  std::printf("new class: after 5 events of digit 8, %.1f%% of other 8s are recognised\n",
              recognised_eights());
  const auto id = model.learn(digits.row_vector(eights[5]), 9);  // the user slips: 8 taught as 9
  std::printf("a wrong label creates class 9: classes now %zu; ", model.classes().size());
  model.correct(id, 8);
  std::printf("after the correction: %zu classes, %.1f%% of 8s recognised\n", model.classes().size(),
              recognised_eights());

  const auto build_start = std::chrono::steady_clock::now();
  model.rebuild();
  const double build_ms = elapsed_ms(build_start);
  evaluate("after a full rebuild");
  const auto s = model.stats();
  std::printf(
      "\nmodel: %u events, %u layer(s), %u units, %u bytes saved (%u bytes of state); "
      "stream of %u events learned in %.0f ms; full rebuild %.1f ms (%.0f M multiply-adds)\n",
      s.events, s.layers, s.units[0], s.model_bytes, s.live_bytes, s.events, stream_ms, build_ms,
      static_cast<double>(s.last_build_flops) / 1e6);
  return 0;
}
