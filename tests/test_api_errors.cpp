// Every rejected call returns a clear status and leaves the model unchanged.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "neurite/learner.hpp"
#include "test_helpers.hpp"

using namespace neurite;
using neurite::testing::digits;
using neurite::testing::small_digits_model;

TEST(Config, RejectsOutOfRangeSettingsWithAMessage) {
  char message[160];
  Config c;
  c.dim = 0;
  EXPECT_EQ(Learner::validate(c, message, sizeof message), Status::invalid_config);
  EXPECT_NE(std::string(message).find("dim"), std::string::npos);
  c.dim = 8;
  c.outputs = 0;
  EXPECT_EQ(Learner::validate(c, message, sizeof message), Status::invalid_config);
  c.outputs = 4;
  c.strictness = Strictness::custom;
  c.rejection_rate = 0.9f;
  EXPECT_EQ(Learner::validate(c, message, sizeof message), Status::invalid_config);
  c.rejection_rate = 0.05f;
  EXPECT_EQ(Learner::validate(c, message, sizeof message), Status::ok);
  c.memory_bytes = 0;  // a capacity of zero
  EXPECT_EQ(Learner::validate(c, message, sizeof message), Status::invalid_config);
  EXPECT_NE(std::string(message).find("memory"), std::string::npos);
  c.memory_bytes = 5000;
  c.dim = 4000;  // cannot hold two events
  EXPECT_EQ(Learner::validate(c, message, sizeof message), Status::capacity_exceeded);
  EXPECT_EQ(Learner::arena_size(c), 0u);
}

TEST(Config, InitChecksArenaSizeAndAlignment) {
  Config c;
  c.dim = 4;
  c.outputs = 2;
  c.memory_bytes = 64 << 10;
  const size_t size = Learner::arena_size(c);
  ASSERT_GT(size, 0u);
  ASSERT_LE(size, c.memory_bytes);
  alignas(16) static uint8_t arena[64 << 10];
  Learner learner;
  EXPECT_EQ(learner.init(c, arena, size - 1), Status::capacity_exceeded);
  EXPECT_EQ(learner.init(c, arena + 1, size), Status::invalid_config);
  EXPECT_EQ(learner.init(c, arena, size), Status::ok);
  Learner unused;
  float x[4] = {0, 0, 0, 0};
  EXPECT_EQ(unused.learn(x, 4, 1), Status::no_model);
}

TEST(Config, TradeoffMapsToBudgets) {
  EXPECT_EQ(memory_for_tradeoff(0.0f), 16u << 10);
  EXPECT_NEAR(double(memory_for_tradeoff(0.5f)), double(1u << 20), 64.0);
  EXPECT_NEAR(double(memory_for_tradeoff(1.0f)), double(64u << 20), 4096.0);
}

namespace {

// Applies `call` and checks that it fails with `expected` and the model bytes do not change.
template <typename Call>
void expect_rejected(Model& model, Status expected, Call call, const char* fragment) {
  const auto before = model.to_bytes();
  const Status status = call(model.learner());
  EXPECT_EQ(status, expected) << status_name(status) << ": " << model.learner().last_error();
  EXPECT_NE(std::string(model.learner().last_error()).find(fragment), std::string::npos)
      << model.learner().last_error();
  EXPECT_EQ(model.to_bytes(), before) << "model changed by a rejected call";
}

}  // namespace

TEST(Errors, BadInputsLeaveTheModelUnchanged) {
  Model model = small_digits_model();
  std::vector<float> x = digits().row_vector(100);
  expect_rejected(
      model, Status::dimension_mismatch, [&](Learner& l) { return l.learn(x.data(), 63, 1); }, "expected 64");
  expect_rejected(
      model, Status::empty_input, [&](Learner& l) { return l.learn(nullptr, 0, 1); }, "empty");
  auto nan = x;
  nan[12] = std::numeric_limits<float>::quiet_NaN();
  expect_rejected(
      model, Status::not_finite, [&](Learner& l) { return l.learn(nan.data(), 64, 1); },
      "features 12 is NaN");
  auto inf = x;
  inf[3] = -std::numeric_limits<float>::infinity();
  expect_rejected(
      model, Status::not_finite, [&](Learner& l) { return l.learn(inf.data(), 64, 1); }, "infinite");
  Prediction p;
  expect_rejected(
      model, Status::not_finite, [&](Learner& l) { return l.predict(nan.data(), 64, &p); }, "NaN");
  expect_rejected(
      model, Status::unknown_event, [&](Learner& l) { return l.remove(999999); }, "999999");
  expect_rejected(
      model, Status::unknown_event, [&](Learner& l) { return l.correct(424242, 3); }, "424242");
  expect_rejected(
      model, Status::unknown_label, [&](Learner& l) { return l.forget(77); }, "77");
  expect_rejected(
      model, Status::wrong_problem, [&](Learner& l) { return l.learn(x.data(), 64, nullptr); }, "novelty");
  float y = 1.0f;
  expect_rejected(
      model, Status::wrong_problem, [&](Learner& l) { return l.learn(x.data(), 64, &y, 1, nullptr); },
      "regression");
  // A batch with one bad row is refused as a whole.
  std::vector<float> rows(digits().features.begin(), digits().features.begin() + 64 * 5);
  rows[64 * 3 + 7] = std::numeric_limits<float>::quiet_NaN();
  std::vector<Label> labels = {1, 2, 3, 4, 5};
  expect_rejected(
      model, Status::not_finite,
      [&](Learner& l) { return l.learn_batch(rows.data(), 5, 64, labels.data(), nullptr); }, "row 3");
}

TEST(Errors, ClassTableFullIsACleanError) {
  Config c = neurite::testing::digits_config();
  c.outputs = 3;
  Model model(c);
  for (Label label : {0, 1, 2}) model.learn(digits().row_vector(static_cast<size_t>(label)), label);
  const auto before = model.to_bytes();
  std::vector<float> x = digits().row_vector(3);
  EventId id = 0;
  EXPECT_EQ(model.learner().learn(x.data(), 64, 3, &id), Status::capacity_exceeded);
  EXPECT_NE(std::string(model.learner().last_error()).find("class table full"), std::string::npos);
  EXPECT_EQ(model.to_bytes(), before);
  EXPECT_THROW(model.learn(x, 3), Error);
}

TEST(Errors, PredictBeforeLearningSaysUnknown) {
  Model model(neurite::testing::digits_config());
  const Prediction p = model.predict(digits().row_vector(0));
  EXPECT_TRUE(p.unknown);
  EXPECT_EQ(model.stats().events, 0u);
}

TEST(Errors, StatusNamesAndMessagesAreDistinct) {
  for (int s = 0; s <= static_cast<int>(Status::numerical_failure); ++s) {
    const auto status = static_cast<Status>(s);
    EXPECT_STRNE(status_name(status), "unknown_status");
    EXPECT_GT(std::string(status_message(status)).size(), 5u);
  }
}
