// neurite demo: the main job on the recordings bundled in data/fsdd. Each
// speaker teaches the digits 0-7 with three recordings each, one event at a
// time; the model then recognises that speaker's other recordings live and
// should answer "unknown" for the digits 8 and 9 it was never taught.
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <set>

#include "commands.hpp"
#include "datasets.hpp"
#include "model_file.hpp"
#include "sensor_datasets.hpp"
#include "settings.hpp"

namespace neurite::cli {

namespace {

struct DemoOptions {
  std::string data;
  std::vector<std::string> speakers;
  int shots = 3;
  int taught_digits = 8;
  std::string strictness = "high";
};

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

struct Totals {
  size_t known = 0, correct = 0, known_flagged = 0, unseen = 0, unseen_rejected = 0;
};

void run_speaker(const std::string& speaker, const std::vector<data::AudioItem>& all, const DemoOptions& o,
                 frontend::AudioPipeline& pipeline, Totals* totals) {
  Settings settings;
  settings.strictness = o.strictness;
  settings.classes = 10;
  Learner learner(make_config(settings, pipeline.dim()));
  std::map<int, std::vector<data::AudioItem>> by_digit;
  for (const auto& item : all) {
    if (item.group == speaker) by_digit[std::stoi(item.label)].push_back(item);
  }
  std::printf("\n== speaker %s teaches digits 0-%d, %d recordings each, one event at a time\n",
              speaker.c_str(), o.taught_digits - 1, o.shots);
  double feature_ms = 0;
  size_t feature_count = 0;
  auto features = [&](const data::AudioItem& item) {
    const auto t = Clock::now();
    auto v = pipeline.features(frontend::read_wav(item.path));
    feature_ms += ms_since(t);
    ++feature_count;
    return v;
  };
  double learn_ms = 0;
  for (int digit = 0; digit < o.taught_digits; ++digit) {
    const auto& items = by_digit[digit];
    for (int k = 0; k < o.shots && k < static_cast<int>(items.size()); ++k) {
      const auto v = features(items[static_cast<size_t>(k)]);
      const auto t = Clock::now();
      learner.learn(v, digit);
      learn_ms += ms_since(t);
    }
    const neurite_stats s = learner.stats();
    std::printf("  taught %d: %2u events, %2u classes, %2u units, model %s\n", digit, s.events, s.classes,
                s.units[0], format_bytes(s.model_bytes).c_str());
  }
  std::printf("\n  live, the recordings it did not learn from ('?': answered unknown):\n");
  for (const auto& [digit, items] : by_digit) {
    const bool taught = digit < o.taught_digits;
    std::string answers;
    size_t right = 0, n = 0;
    for (size_t k = taught ? static_cast<size_t>(o.shots) : 0; k < items.size(); ++k) {
      const neurite_prediction p = learner.predict(features(items[k]));
      // Taught digits show the answer, marked '?' when flagged unknown; new digits show '?' when rejected.
      answers +=
          " " + (taught || !p.unknown ? std::to_string(p.label) : std::string()) + (p.unknown ? "?" : "");
      ++n;
      if (taught) {
        right += p.label == digit ? 1 : 0;
        totals->correct += p.label == digit ? 1 : 0;
        totals->known_flagged += p.unknown ? 1 : 0;
        ++totals->known;
      } else {
        right += p.unknown ? 1 : 0;
        totals->unseen_rejected += p.unknown ? 1 : 0;
        ++totals->unseen;
      }
    }
    std::printf("  said %d%-7s ->%-30s %zu/%zu %s\n", digit, taught ? "" : " (new)", answers.c_str(), right,
                n, taught ? "right" : "rejected");
  }
  const auto t = Clock::now();
  learner.rebuild();
  const double rebuild_ms = ms_since(t);
  const neurite_stats s = learner.stats();
  std::printf(
      "\n  %u events learned in %.1f ms (%.2f ms per event; features %.2f ms per recording); "
      "a full rebuild takes %.2f ms; model %s\n",
      s.events, learn_ms, learn_ms / s.events, feature_ms / double(feature_count), rebuild_ms,
      format_bytes(s.model_bytes).c_str());
}

void run_demo(const DemoOptions& o) {
  const std::string dir = o.data.empty() ? data::data_dir() + "/fsdd" : o.data;
  const auto all = data::list_fsdd(dir);
  if (all.empty())
    throw frontend::Error(dir + ": no spoken-digit recordings ({digit}_{speaker}_{index}.wav)");
  std::set<std::string> present;
  for (const auto& item : all) present.insert(item.group);
  const std::vector<std::string> speakers =
      o.speakers.empty() ? std::vector<std::string>(present.begin(), present.end()) : o.speakers;
  frontend::AudioPipeline pipeline(frontend::audio_preset("digits-8k"));
  std::printf(
      "neurite demo: a device learns its owner's spoken digits on the spot, from three examples each\n");
  std::printf("data: %s (%zu recordings, Free Spoken Digit Dataset, CC BY-SA 4.0)\n", dir.c_str(),
              all.size());
  std::printf("input: %s\nmodel: classification, 8 MiB budget, strictness %s\n",
              FrontendSpec{InputKind::audio, "digits-8k", 0, {}, pipeline.config(), {}}.describe().c_str(),
              o.strictness.c_str());
  Totals totals;
  for (const auto& speaker : speakers) {
    if (!present.count(speaker)) throw frontend::Error(dir + ": no recordings of speaker '" + speaker + "'");
    run_speaker(speaker, all, o, pipeline, &totals);
  }
  std::printf(
      "\nsummary over %zu speaker(s): accuracy %.1f%% (%zu/%zu) on taught digits, %.1f%% of them wrongly "
      "flagged unknown; digits never taught rejected as unknown: %.1f%% (%zu/%zu)\n",
      speakers.size(), 100.0 * double(totals.correct) / double(totals.known), totals.correct, totals.known,
      100.0 * double(totals.known_flagged) / double(totals.known),
      100.0 * double(totals.unseen_rejected) / double(totals.unseen), totals.unseen_rejected, totals.unseen);
}

}  // namespace

void add_demo(CLI::App& app) {
  auto options = std::make_shared<DemoOptions>();
  CLI::App* c = app.add_subcommand(
      "demo",
      "Teach spoken digits with three examples each, recognise the rest live, reject untaught digits");
  c->add_option("--data", options->data,
                "Folder of {digit}_{speaker}_{index}.wav (default: the bundled data/fsdd)")
      ->check(CLI::ExistingDirectory);
  c->add_option("--speakers", options->speakers, "Speakers to run (default: all in the folder)")
      ->delimiter(',');
  c->add_option("--shots", options->shots, "Recordings taught per digit")
      ->check(CLI::Range(1, 20))
      ->capture_default_str();
  c->add_option("--strictness", options->strictness, "Rejection: off, low, medium, high")
      ->check(CLI::IsMember({"off", "low", "medium", "high"}))
      ->capture_default_str();
  c->callback([options] { run_demo(*options); });
}

}  // namespace neurite::cli
