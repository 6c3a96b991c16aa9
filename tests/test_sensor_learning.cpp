// Real outcomes of front-end + learner on the bundled recordings: personal
// three-shot spoken digits with unknown digits rejected (the demo's job), and
// activities of one volunteer's phone recognised on two other volunteers.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "frontend_helpers.hpp"
#include "neurite/frontend/pipeline.hpp"
#include "neurite/model.hpp"
#include "sensor_datasets.hpp"

using namespace neurite;
using neurite::testing::source_path;

TEST(SensorLearning, SpeakerTeachesThreeDigitsEachAndUnknownDigitsAreRejected) {
  frontend::AudioPipeline pipeline(frontend::audio_preset("digits-8k"));
  const auto items = data::list_fsdd(source_path("data/fsdd"));
  ASSERT_EQ(items.size(), 200u);
  for (const std::string speaker : {"jackson", "nicolas"}) {
    Config config;
    config.dim = static_cast<uint16_t>(pipeline.dim());
    config.outputs = 10;
    config.strictness = Strictness::high;  // few events: the calibration is conservative
    Model model(config);
    struct Probe {
      std::vector<float> features;
      int label;
    };
    std::vector<Probe> known, unknown;
    for (const auto& item : items) {
      if (item.group != speaker) continue;
      const int digit = std::stoi(item.label);
      auto features = pipeline.features(frontend::read_wav(item.path));
      if (digit >= 8) {
        unknown.push_back({features, digit});
      } else if (item.index < 3) {
        model.learn(features, digit);  // recordings 0, 1, 2 teach
      } else {
        known.push_back({features, digit});
      }
    }
    size_t correct = 0, known_rejected = 0, unknown_rejected = 0;
    for (const auto& p : known) {
      const auto prediction = model.predict(p.features);
      correct += prediction.label == p.label;
      known_rejected += prediction.unknown;
    }
    for (const auto& p : unknown) unknown_rejected += model.predict(p.features).unknown;
    const double accuracy = double(correct) / double(known.size());
    const double rejected = double(unknown_rejected) / double(unknown.size());
    std::printf("%s: 24 events, accuracy %.3f on %zu, known rejected %.3f, unknown rejected %.3f of %zu\n",
                speaker.c_str(), accuracy, known.size(), double(known_rejected) / double(known.size()),
                rejected, unknown.size());
    // Measured: accuracy 1.000 and 0.929; unknown rejected 0.30 and 0.40; known 0.00 and 0.07.
    EXPECT_GE(accuracy, 0.90) << speaker;
    EXPECT_GE(rejected, 0.25) << speaker;
    EXPECT_LE(double(known_rejected) / double(known.size()), 0.15) << speaker;
  }
}

TEST(SensorLearning, ActivitiesOfOneVolunteerAreRecognisedOnOthers) {
  frontend::MotionPipeline pipeline(frontend::imu_preset());
  std::map<std::string, int32_t> ids;
  const auto& names = data::hapt_activity_names();
  for (size_t i = 1; i < names.size(); ++i) ids[names[i]] = int32_t(i);
  auto windows = [&](const std::string& file) {
    const auto table = frontend::read_csv(source_path("data/hapt_excerpt/" + file));
    const size_t activity = table.column("activity");
    std::vector<float> samples;
    std::vector<int32_t> labels;
    for (size_t i = 0; i < table.size(); ++i) {
      for (size_t j = 0; j < 6; ++j) samples.push_back(table.number(i, j));
      const auto it = ids.find(table.cell(i, activity));
      labels.push_back(it == ids.end() || it->second > 6 ? -1 : it->second);  // the six activities
    }
    return pipeline.labelled_windows(samples.data(), labels.data(), labels.size());
  };
  const auto train = windows("exp01_user01.csv.gz");
  Config config;
  config.dim = static_cast<uint16_t>(pipeline.dim());
  config.outputs = 12;
  Model model(config);
  model.learn_batch(train.features.data(), train.size(), train.labels.data());
  for (const std::string file : {"exp03_user02.csv.gz", "exp05_user03.csv.gz"}) {
    const auto test = windows(file);
    size_t correct = 0;
    for (size_t i = 0; i < test.size(); ++i) {
      correct +=
          model.predict(test.features.data() + i * pipeline.dim(), pipeline.dim()).label == test.labels[i];
    }
    const double accuracy = double(correct) / double(test.size());
    std::printf("%s: %zu windows learned from volunteer 1, accuracy %.3f on %zu windows\n", file.c_str(),
                train.size(), accuracy, test.size());
    EXPECT_GE(accuracy, 0.60) << file;  // measured 0.649 and 0.852 (chance: 1/6)
  }
}

TEST(SensorData, FileNamePatternsGiveLabelsSpeakersAndIndices) {
  const auto items = data::list_labelled_files(source_path("data/fsdd"), "{label}_{speaker}_{index}.wav");
  ASSERT_EQ(items.size(), 200u);
  EXPECT_EQ(items.front().label, "0");
  EXPECT_EQ(items.front().group, "jackson");
  EXPECT_EQ(items.front().index, 0);
  const auto labels_only = data::list_labelled_files(source_path("data/fsdd"), "{label}_{*}.wav");
  EXPECT_EQ(labels_only.size(), 200u);
  EXPECT_EQ(labels_only.back().label, "9");
  EXPECT_TRUE(labels_only.back().group.empty());
  // Fields take as little as they can, but as much as the rest of the pattern needs.
  const auto wide = data::list_labelled_files(source_path("data/fsdd"), "{label}_{index}.wav");
  ASSERT_EQ(wide.size(), 200u);
  EXPECT_EQ(wide.front().label, "0_jackson");
  EXPECT_EQ(wide.front().index, 0);
  EXPECT_TRUE(data::list_labelled_files(source_path("data/fsdd"), "{label}.mp3").empty());
  EXPECT_THROW(data::list_labelled_files(source_path("data/fsdd"), "{speaker}.wav"), frontend::Error);
  EXPECT_THROW(data::list_labelled_files(source_path("data/fsdd"), "{label}_{colour}.wav"), frontend::Error);
  EXPECT_THROW(data::list_labelled_files(source_path("data/fsdd"), "{label"), frontend::Error);
}

// The loaders of the full sets in ../shared/data (skipped when they are absent).
TEST(SharedData, LoadersReadTheFullSets) {
  if (!data::shared_data_available("fsdd")) GTEST_SKIP() << data::shared_data_dir() << " is absent";
  const auto fsdd = data::list_fsdd(data::shared_data_dir() + "/fsdd/recordings");
  EXPECT_EQ(fsdd.size(), 3000u);
  std::map<std::string, int> speakers;
  for (const auto& item : fsdd) ++speakers[item.group];
  EXPECT_EQ(speakers.size(), 6u);
  EXPECT_EQ(speakers["theo"], 500);
  if (data::shared_data_available("speech_commands_v002_test_subset")) {
    const auto clips =
        data::read_manifest(data::shared_data_dir() + "/speech_commands_v002_test_subset/manifest.csv");
    EXPECT_EQ(clips.size(), 1336u);
    const auto audio = frontend::read_wav(clips.front().path);
    EXPECT_EQ(audio.sample_rate, 16000u);
    EXPECT_EQ(audio.samples.size(), 16000u);
    EXPECT_FALSE(clips.front().group.empty());
  }
  if (data::shared_data_available("uci_hapt_raw")) {
    const auto recordings = data::load_hapt();
    ASSERT_EQ(recordings.size(), 61u);
    size_t samples = 0, labelled = 0, test = 0;
    for (const auto& r : recordings) {
      samples += r.size();
      for (int32_t a : r.activity) labelled += a > 0;
      test += r.test_subject;
    }
    EXPECT_EQ(samples, 1122772u);
    EXPECT_GT(labelled, 800000u);
    EXPECT_GT(test, 10u);
  }
  if (data::shared_data_available("cwru_bearing")) {
    const auto cwru = data::load_cwru();
    ASSERT_EQ(cwru.size(), 61u);
    for (const auto& r : cwru) {
      if (r.label == "Normal") {
        EXPECT_NEAR(double(r.samples.size()), 243938 / 4.0, 1.0);  // 48 -> 12 kHz
      }
    }
  }
}
