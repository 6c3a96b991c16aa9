// Bit-identity of the distance shortcuts (issue 5): a distance sum may stop
// early once it can no longer matter (a nearer event is known, or the unit's
// support is left), which must not change a bit of any result. Each scenario
// plays a real event sequence (batch, single events with scheduled rebuilds,
// evictions, corrections, removals, a forgotten class, a rebuild, a load) and
// digests the saved model bytes at every step and the float bits of every
// prediction. The digests must equal the ones recorded before the shortcuts
// existed, with the shortcuts on and off.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "datasets.hpp"
#include "experimental.hpp"
#include "format.hpp"
#include "frontend_helpers.hpp"
#include "neurite/frontend/pipeline.hpp"
#include "neurite/learner.hpp"
#include "sensor_datasets.hpp"

using namespace neurite;

namespace {

struct Rows {
  uint16_t dim = 0;
  std::vector<float> features;
  std::vector<int32_t> labels;  // classification
  std::vector<float> targets;   // regression, one per row
  size_t size() const { return features.size() / dim; }
  const float* row(size_t i) const { return features.data() + i * dim; }
};

const Rows& digits() {
  static const Rows rows = [] {
    const data::Dataset d = data::load_digits();
    return Rows{static_cast<uint16_t>(d.dim), d.features, d.labels, {}};
  }();
  return rows;
}

// The bundled spoken digits through the front-end (192 values), in an
// interleaved order (speakers and digits mixed, as a device would hear them).
const Rows& spoken_digits() {
  static const Rows rows = [] {
    frontend::AudioPipeline pipeline(frontend::audio_preset("digits-8k"));
    const auto items = data::list_fsdd(neurite::testing::source_path("data/fsdd"));
    Rows r;
    r.dim = static_cast<uint16_t>(pipeline.dim());
    for (size_t k = 0; k < items.size(); ++k) {
      const auto& item = items[(k * 37) % items.size()];  // 37 is prime to 200: a permutation
      const auto features = pipeline.features(frontend::read_wav(item.path));
      r.features.insert(r.features.end(), features.begin(), features.end());
      r.labels.push_back(std::stoi(item.label));
    }
    return r;
  }();
  return rows;
}

const Rows& diabetes() {
  static const Rows rows = [] {
    const data::RegressionSet d = data::load_diabetes();
    return Rows{static_cast<uint16_t>(d.dim), d.features, {}, d.targets};
  }();
  return rows;
}

struct Scenario {
  const char* name;
  const Rows& (*rows)();
  Problem problem;
  uint32_t memory;
  uint8_t feature_bytes;  // 0: the plan's choice
  uint32_t batch;         // events of the first learn_batch
  uint32_t singles;       // events learned one by one after it
  uint32_t tests;         // predictions (rows after the learned ones)
  bool depth;             // build and keep a second layer at every build
  uint32_t golden;        // digest of the kernel without any shortcut (the commit before they merged)
};

struct Arena {
  struct Free {
    void operator()(uint8_t* p) const { ::operator delete[](p, std::align_val_t(16)); }
  };
  explicit Arena(size_t size)
      : bytes(size), memory(static_cast<uint8_t*>(::operator new[](size, std::align_val_t(16)))) {}
  size_t bytes;
  std::unique_ptr<uint8_t, Free> memory;
};

class Digest {
 public:
  void bytes(const void* data, size_t size) {
    const auto* p = static_cast<const uint8_t*>(data);
    buffer_.insert(buffer_.end(), p, p + size);
  }
  template <typename T>
  void value(T v) {
    bytes(&v, sizeof v);
  }
  void model(const Learner& learner) {
    std::vector<uint8_t> saved(learner.saved_size());
    size_t written = 0;
    ASSERT_EQ(learner.save(saved.data(), saved.size(), &written), Status::ok);
    saved.resize(written);
    bytes(saved.data(), saved.size());
  }
  void prediction(const Prediction& p, const float* outputs, size_t count) {
    value(p.label);
    value(p.unknown);
    value(p.score);
    value(p.credibility);
    value(p.runner_up);
    value(p.margin);
    value(p.nearest_event);
    value(p.nearest_distance);
    value(p.evidence_count);
    for (int k = 0; k < p.evidence_count; ++k) {
      value(p.evidence[k].event);
      value(p.evidence[k].weight);
    }
    bytes(outputs, sizeof(float) * count);
  }
  uint32_t crc() const { return detail::crc32(buffer_.data(), buffer_.size()); }

 private:
  std::vector<uint8_t> buffer_;
};

struct Played {
  uint32_t digest = 0;
  Stats stats;
  uint8_t feature_bytes = 0;
};

Played play(const Scenario& s, bool shortcuts) {
  const Rows& rows = s.rows();
  Config config;
  config.problem = s.problem;
  config.dim = rows.dim;
  config.outputs = s.problem == Problem::classification ? 10 : 1;
  config.memory_bytes = s.memory;
  const uint8_t bytes = s.feature_bytes;
  Arena arena(bytes ? detail::Access::arena_size_with_storage(config, bytes) : Learner::arena_size(config));
  Learner learner;
  const Status init =
      bytes ? detail::Access::init_with_storage(learner, config, arena.memory.get(), arena.bytes, bytes)
            : learner.init(config, arena.memory.get(), arena.bytes);
  EXPECT_EQ(init, Status::ok);
  if (s.depth) detail::Access::set_depth_policy(learner, detail::DepthPolicy::always_keep);
  detail::Access::set_abandoning(learner, shortcuts);
  Digest digest;
  const bool classes = s.problem == Problem::classification;
  const bool targets = s.problem == Problem::regression;
  EXPECT_EQ(learner.learn_batch(rows.row(0), s.batch, rows.dim, classes ? rows.labels.data() : nullptr,
                                targets ? rows.targets.data() : nullptr),
            Status::ok);
  digest.model(learner);
  std::vector<EventId> ids;
  for (uint32_t i = s.batch; i < s.batch + s.singles; ++i) {
    EventId id = 0;
    Status status;
    if (classes) {
      status = learner.learn(rows.row(i), rows.dim, rows.labels[i], &id);
    } else if (targets) {
      status = learner.learn(rows.row(i), rows.dim, &rows.targets[i], 1, &id);
    } else {
      status = learner.learn(rows.row(i), rows.dim, &id);
    }
    EXPECT_EQ(status, Status::ok) << s.name << " event " << i;
    ids.push_back(id);
    if (i % 8 == 0) digest.model(learner);
  }
  digest.model(learner);
  // Corrections and removals of events that are still stored (evictions may have taken some).
  const Stats stats = learner.stats();
  digest.value(stats.events);
  digest.value(stats.builds);
  for (size_t k = ids.size() / 3; k < ids.size(); k += ids.size() / 4 + 1) {
    Status status;
    if (classes) {
      status = learner.correct(ids[k], rows.labels[s.batch + k] == 9 ? 0 : rows.labels[s.batch + k] + 1);
    } else {
      const float target = targets ? rows.targets[s.batch + k] * 0.5f : 0.0f;
      status = targets ? learner.correct(ids[k], &target, 1) : Status::ok;
    }
    EXPECT_TRUE(status == Status::ok || status == Status::unknown_event) << s.name;
    digest.value(status);
    digest.model(learner);
  }
  for (size_t k = 1; k < ids.size(); k += ids.size() / 5 + 1) {
    const Status status = learner.remove(ids[k]);
    EXPECT_TRUE(status == Status::ok || status == Status::unknown_event) << s.name;
    digest.value(status);
    digest.model(learner);
  }
  const uint32_t first_test = s.batch + s.singles;
  auto predictions = [&] {
    std::vector<float> outputs(classes ? learner.class_count() : 1);
    for (uint32_t i = first_test; i < first_test + s.tests; ++i) {
      Prediction p;
      EXPECT_EQ(learner.predict(rows.row(i), rows.dim, &p, outputs.data(), outputs.size()), Status::ok);
      digest.prediction(p, outputs.data(), outputs.size());
    }
  };
  predictions();
  if (classes) {
    EXPECT_EQ(learner.forget(rows.labels[0]), Status::ok);
    digest.model(learner);
  }
  EXPECT_EQ(learner.rebuild(), Status::ok);
  digest.model(learner);
  predictions();
  // A loaded model recomputes its factors from the store on the next learn.
  std::vector<uint8_t> saved(learner.saved_size());
  EXPECT_EQ(learner.save(saved.data(), saved.size()), Status::ok);
  EXPECT_EQ(learner.load(saved.data(), saved.size()), Status::ok);
  if (classes) {
    EXPECT_EQ(learner.learn(rows.row(first_test), rows.dim, rows.labels[first_test]), Status::ok);
  } else if (targets) {
    EXPECT_EQ(learner.learn(rows.row(first_test), rows.dim, &rows.targets[first_test], 1), Status::ok);
  } else {
    EXPECT_EQ(learner.learn(rows.row(first_test), rows.dim), Status::ok);
  }
  digest.model(learner);
  predictions();
  return {digest.crc(), learner.stats(), detail::Access::feature_bytes(learner)};
}

const Scenario kScenarios[] = {
    // Digits (64 values): float32, 16-bit and 8-bit stores; a store that evicts.
    {"digits_float", digits, Problem::classification, 96u << 10, 4, 150, 80, 120, false, 0xebb28ed8},
    {"digits_16bit", digits, Problem::classification, 96u << 10, 2, 150, 80, 120, false, 0x44ae0d19},
    {"digits_8bit", digits, Problem::classification, 96u << 10, 1, 150, 80, 120, false, 0x8f944f4f},
    {"digits_evicting", digits, Problem::classification, 24u << 10, 0, 60, 80, 120, false, 0xb8fcf836},
    {"digits_two_layers", digits, Problem::classification, 512u << 10, 4, 300, 60, 120, true, 0x63bcd2fb},
    // Spoken digits (192 values): the device's keyword model and float32.
    {"spoken_float", spoken_digits, Problem::classification, 160u << 10, 4, 100, 40, 60, false, 0xf1f52bd7},
    {"spoken_8bit", spoken_digits, Problem::classification, 40u << 10, 0, 60, 40, 60, false, 0x76be3ba6},
    // Shared metric (units measure in the contour metric): regression and novelty.
    {"diabetes_regression", diabetes, Problem::regression, 64u << 10, 0, 200, 60, 100, false, 0xb9175af9},
    {"diabetes_float", diabetes, Problem::regression, 64u << 10, 4, 200, 60, 100, false, 0xef6cd45b},
    {"digits_novelty", digits, Problem::novelty, 64u << 10, 1, 120, 60, 100, false, 0x4e1cca2e},
};

}  // namespace

TEST(Exactness, ShortcutsChangeNoBit) {
  for (const Scenario& s : kScenarios) {
    const Played on = play(s, true);
    const uint32_t with = on.digest;
    const uint32_t without = play(s, false).digest;
    std::printf(
        "%-20s %u of %u events (%u bytes each), %u+%u units, %u builds: digest %08x, shortcuts off %08x, "
        "recorded %08x\n",
        s.name, on.stats.events, on.stats.event_capacity, on.feature_bytes, on.stats.units[0],
        on.stats.units[1], on.stats.builds, with, without, s.golden);
    EXPECT_EQ(with, without) << s.name;
    EXPECT_EQ(with, s.golden) << s.name;
  }
}
