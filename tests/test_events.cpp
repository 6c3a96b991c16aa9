// Event verbs: corrections and removals act at once; forgetting a class;
// the bounded store's eviction policy under a small memory budget.
#include <gtest/gtest.h>

#include <map>

#include "test_helpers.hpp"

using namespace neurite;
using namespace neurite::testing;

TEST(Events, CorrectionTakesEffectImmediately) {
  Model model(digits_config());
  const auto& d = digits();
  std::vector<EventId> ids;
  for (size_t i = 0; i < 60; ++i) ids.push_back(model.learn(d.row_vector(i), d.labels[i]));
  // Teach a mislabelled example, check it is believed, then correct it.
  const auto x = d.row_vector(200);
  const Label truth = d.labels[200];
  const Label wrong = (truth + 5) % 10;
  const EventId id = model.learn(x, wrong);
  EXPECT_EQ(model.predict(x).label, wrong);
  model.correct(id, truth);
  EXPECT_EQ(model.predict(x).label, truth);
}

TEST(Events, RemovalTakesEffectImmediately) {
  Config c = digits_config();
  c.outputs = 11;
  Model model(c);
  const auto& d = digits();
  for (size_t i = 0; i < 60; ++i) model.learn(d.row_vector(i), d.labels[i]);
  const auto x = d.row_vector(300);
  const Label odd = 42;
  const EventId id = model.learn(x, odd);
  EXPECT_EQ(model.predict(x).label, odd);
  model.remove(id);
  EXPECT_NE(model.predict(x).label, odd);
  EXPECT_EQ(model.classes().size(), 10u);  // the class left with no event is gone
  EXPECT_THROW(model.remove(id), Error);
}

TEST(Events, ForgetDropsAClassAndItsEvents) {
  const Split s = digits_fold(0);
  Model model(digits_config());
  model.learn_batch(s.train.features.data(), 500, s.train.labels.data());
  const uint32_t before = model.stats().events;
  size_t sevens = 0;
  for (size_t i = 0; i < 500; ++i) sevens += s.train.labels[i] == 7;
  model.forget(7);
  EXPECT_EQ(model.stats().events, before - sevens);
  EXPECT_EQ(model.classes().size(), 9u);
  for (size_t i = 0; i < s.test.size(); ++i) EXPECT_NE(model.predict(s.test.row(i), 64).label, 7);
}

TEST(Events, FullStoreEvictsOldestOfLargestClassAndKeepsEveryClass) {
  Config c = digits_config();
  c.memory_bytes = 48 << 10;  // a small device budget
  Model model(c);
  const uint32_t capacity = model.stats().event_capacity;
  ASSERT_GT(capacity, 20u);
  ASSERT_LT(capacity, 200u);
  const auto& d = digits();
  // A stream dominated by zeros, with a single one and a single two early on.
  std::vector<size_t> zeros, others;
  for (size_t i = 0; i < d.size(); ++i) (d.labels[i] == 0 ? zeros : others).push_back(i);
  size_t one = 0, two = 0;
  for (size_t i : others) {
    if (d.labels[i] == 1 && !one) one = i;
    if (d.labels[i] == 2 && !two) two = i;
  }
  model.learn(d.row_vector(one), 1);
  model.learn(d.row_vector(two), 2);
  std::vector<EventId> zero_ids;
  for (size_t i : zeros) zero_ids.push_back(model.learn(d.row_vector(i), 0));
  EXPECT_EQ(model.stats().events, capacity);
  EXPECT_EQ(model.classes(), (std::vector<Label>{0, 1, 2}));  // no class silently lost
  EXPECT_EQ(model.predict(d.row_vector(one)).label, 1);
  // The oldest zeros went first: the newest ones are still stored.
  EXPECT_NO_THROW(model.correct(zero_ids.back(), 0));
  EXPECT_THROW(model.correct(zero_ids.front(), 0), Error);
}

TEST(Events, RecentEventsWinOverStaleOnesUnderDrift) {
  // Drift: the meaning of two digits swaps mid-stream; with a bounded store the
  // new meaning takes over as the stale events are evicted.
  Config c = digits_config();
  c.memory_bytes = 48 << 10;
  Model model(c);
  const auto& d = digits();
  std::vector<size_t> threes, eights;
  for (size_t i = 0; i < d.size(); ++i) {
    if (d.labels[i] == 3) threes.push_back(i);
    if (d.labels[i] == 8) eights.push_back(i);
  }
  std::vector<float> recent_rows;
  std::vector<Label> recent_labels;
  for (size_t k = 0; k < 160; ++k) {
    const bool swapped = k >= 60;
    model.learn(d.row_vector(threes[k]), swapped ? 8 : 3);
    model.learn(d.row_vector(eights[k]), swapped ? 3 : 8);
    if (swapped) {
      for (size_t i : {threes[k], eights[k]}) recent_rows.insert(recent_rows.end(), d.row(i), d.row(i) + 64);
      recent_labels.push_back(8);
      recent_labels.push_back(3);
    }
  }
  // Reference: a fresh model taught only the new meaning, from the events the store can hold.
  const size_t keep = std::min<size_t>(model.stats().event_capacity, recent_labels.size());
  Model fresh(c);
  fresh.learn_batch(recent_rows.data() + (recent_labels.size() - keep) * 64, keep,
                    recent_labels.data() + (recent_labels.size() - keep));
  size_t follows_new = 0, fresh_new = 0, total = 0;
  for (size_t k = 160; k < std::min(threes.size(), eights.size()); ++k, total += 2) {
    follows_new += model.predict(d.row_vector(threes[k])).label == 8;
    follows_new += model.predict(d.row_vector(eights[k])).label == 3;
    fresh_new += fresh.predict(d.row_vector(threes[k])).label == 8;
    fresh_new += fresh.predict(d.row_vector(eights[k])).label == 3;
  }
  const double drifted = double(follows_new) / double(total);
  EXPECT_GE(drifted, 0.7);                                       // the stale meaning is gone
  EXPECT_GE(drifted, double(fresh_new) / double(total) - 0.05);  // as good as starting afresh
}

TEST(Events, EvidenceNamesStoredEvents) {
  Model model(digits_config());
  const auto& d = digits();
  std::map<EventId, Label> label_of;
  for (size_t i = 0; i < 100; ++i) label_of[model.learn(d.row_vector(i), d.labels[i])] = d.labels[i];
  const Prediction p = model.predict(d.row_vector(500));
  ASSERT_GT(p.evidence_count, 0);
  for (int k = 0; k < p.evidence_count; ++k) {
    ASSERT_TRUE(label_of.count(p.evidence[k].event));
    if (k > 0) {
      EXPECT_GE(p.evidence[k - 1].weight, p.evidence[k].weight);
    }
  }
  EXPECT_EQ(label_of[p.evidence[0].event], p.label);  // the strongest unit speaks for the winner
  EXPECT_TRUE(label_of.count(p.nearest_event));
}
