// Figures of the sensor front-ends with the learner, on the full sets in
// ../shared/data: spoken digits (conventional split, leave-one-speaker-out,
// personal three-shot, open set) and smartphone activities (subject-
// independent, personal five-shot), beside scikit-learn peers that read the
// very same vectors and draws (bench/frontend_peers.py).
//   bench_frontend --export DIR   front-end vectors, draws and costs -> DIR (also the bearing
//                                 vibration windows, for the benchmark suite of bench/suite)
//   bench_frontend --ablation DIR representation choices measured with neurite -> DIR/ablation.txt
//   bench_frontend --from DIR [--peers FILE] [--markdown FILE]
// Without ../shared/data it says so and exits 0.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <iostream>
#include <map>
#include <sstream>

#include "bench_common.hpp"
#include "experimental.hpp"
#include "neurite/frontend/csv.hpp"
#include "neurite/frontend/pipeline.hpp"
#include "neurite/model.hpp"
#include "sensor_datasets.hpp"
#include "sensor_sets.hpp"

using neurite::Config;
using neurite::Model;
namespace bench = neurite::bench;
namespace data = neurite::data;
namespace fe = neurite::frontend;

namespace {

// ---------------------------------------------------------------- export

// Vectors of every FSDD recording through `config`; `ms` receives the time per recording.
bench::Table fsdd_table(const fe::AudioPipelineConfig& config, std::vector<double>* ms = nullptr) {
  const auto items = data::list_fsdd(data::shared_data_dir() + "/fsdd/recordings");
  fe::AudioPipeline pipeline(config);
  bench::Table t;
  t.dim = pipeline.dim();
  for (const auto& item : items) {
    const fe::Audio audio = fe::read_wav(item.path);
    const double start = bench::now_ms();
    const auto v = pipeline.features(audio);
    if (ms != nullptr) ms->push_back(bench::now_ms() - start);
    t.rows.insert(t.rows.end(), v.begin(), v.end());
    t.label.push_back(std::stoi(item.label));
    t.group.push_back(
        int32_t(std::find(bench::kSpeakers, bench::kSpeakers + 6, item.group) - bench::kSpeakers));
    t.index.push_back(item.index);
    t.test.push_back(0);
    t.last.push_back(int64_t(audio.samples.size()));  // recording length, for the report
  }
  return t;
}

void export_fsdd(const std::string& dir, std::map<std::string, double>* costs) {
  const fe::AudioPipelineConfig config = fe::audio_preset("digits-8k");
  fe::AudioPipelineConfig q15_config = config;
  q15_config.fixed_point = true;
  std::vector<double> float_ms, q15_ms, deviation;
  const bench::Table t = fsdd_table(config, &float_ms);
  const bench::Table q = fsdd_table(q15_config, &q15_ms);
  double seconds = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    double worst = 0;
    for (size_t j = 0; j < t.dim; ++j) worst = std::max(worst, double(std::fabs(t.row(i)[j] - q.row(i)[j])));
    deviation.push_back(worst);
    seconds += double(t.last[i]) / 8000.0;
  }
  bench::write_table(dir, "fsdd", t);
  bench::write_draws(dir + "/fsdd_personal.csv", bench::fsdd_personal_draws(t));
  bench::write_draws(dir + "/fsdd_personal_open.csv", bench::fsdd_personal_draws(t, 8));
  (*costs)["fsdd_recordings"] = double(t.size());
  (*costs)["fsdd_mean_seconds"] = seconds / double(t.size());
  (*costs)["fsdd_dim"] = double(t.dim);
  (*costs)["fsdd_float_ms"] = bench::summarise(float_ms).median;
  (*costs)["fsdd_q15_ms"] = bench::summarise(q15_ms).median;
  (*costs)["fsdd_q15_vector_max_dev"] = bench::summarise(deviation).max;
  (*costs)["fsdd_q15_vector_median_dev"] = bench::summarise(deviation).median;
  (*costs)["fsdd_plan_bytes"] = double(fe::mfcc_plan_bytes(config.mfcc));
  (*costs)["fsdd_plan_q15_bytes"] = double(fe::mfcc_plan_q15_bytes(config.mfcc));
}

// Windows of the six activities in every HAPT recording through `config`;
// `ms` receives the total stream time, `windows` every window computed.
bench::Table hapt_table(const fe::MotionConfig& config, double* ms = nullptr, size_t* windows = nullptr) {
  fe::MotionPipeline pipeline(config);
  bench::Table t;
  t.dim = pipeline.dim();
  const auto recordings = data::load_hapt();
  for (size_t r = 0; r < recordings.size(); ++r) {
    const auto& rec = recordings[r];
    std::vector<int32_t> activity = rec.activity;
    for (auto& a : activity)
      a = a >= 1 && a <= 6 ? a : -1;  // the six activities; transitions are not classes here
    const double start = bench::now_ms();
    const auto w = pipeline.labelled_windows(rec.samples.data(), activity.data(), rec.size());
    if (ms != nullptr) *ms += bench::now_ms() - start;
    if (windows != nullptr && rec.size() >= config.window)
      *windows += (rec.size() - config.window) / config.hop + 1;
    t.rows.insert(t.rows.end(), w.features.begin(), w.features.end());
    for (size_t i = 0; i < w.size(); ++i) {
      t.label.push_back(w.labels[i]);
      t.group.push_back(rec.subject);
      t.index.push_back(int32_t(r));
      t.test.push_back(rec.test_subject ? 1 : 0);
      t.last.push_back(int64_t(w.last_sample[i]));
    }
  }
  return t;
}

void export_hapt(const std::string& dir, std::map<std::string, double>* costs) {
  double ms = 0;
  size_t windows = 0;
  const bench::Table t = hapt_table(fe::imu_preset(), &ms, &windows);
  bench::write_table(dir, "hapt", t);
  bench::write_draws(dir + "/hapt_personal.csv", bench::hapt_personal_draws(t));
  (*costs)["hapt_windows"] = double(t.size());
  (*costs)["hapt_dim"] = double(t.dim);
  (*costs)["hapt_us_per_window"] = 1000.0 * ms / double(windows);  // every window of the stream is computed
  (*costs)["hapt_stream_bytes"] = double(fe::motion_stream_bytes(fe::imu_preset()));
}

// The usual ten CWRU classes: the normal baseline and ball, inner-race and
// outer-race (6:00) faults of 0.007, 0.014 and 0.021 inch, at every load.
const char* const kBearingClasses[10] = {"Normal", "B007",  "B014",    "B021",    "IR007",
                                         "IR014",  "IR021", "OR007@6", "OR014@6", "OR021@6"};

// Windows of every recording of those classes through the vibration-12k
// front-end. A recording's first 70 % teach (test 0), windows starting in its
// last 30 % test (test 1); the few windows across the boundary are marked -1.
void export_cwru(const std::string& dir, std::map<std::string, double>* costs) {
  const fe::MotionConfig config = fe::vibration_preset(12000.0f);
  fe::MotionPipeline pipeline(config);
  bench::Table t;
  t.dim = pipeline.dim();
  const auto recordings = data::load_cwru();
  for (size_t r = 0; r < recordings.size(); ++r) {
    const auto& rec = recordings[r];
    const auto* name = std::find(kBearingClasses, kBearingClasses + 10, rec.label);
    if (name == kBearingClasses + 10) continue;
    const std::vector<int32_t> label(rec.samples.size(), int32_t(name - kBearingClasses));
    const auto w = pipeline.labelled_windows(rec.samples.data(), label.data(), label.size());
    const size_t boundary = rec.samples.size() * 7 / 10;
    t.rows.insert(t.rows.end(), w.features.begin(), w.features.end());
    for (size_t i = 0; i < w.size(); ++i) {
      const size_t first = w.last_sample[i] + 1 - config.window;
      t.label.push_back(w.labels[i]);
      t.group.push_back(rec.load_hp);
      t.index.push_back(int32_t(r));
      t.test.push_back(first >= boundary ? 1 : w.last_sample[i] < boundary ? 0 : -1);
      t.last.push_back(int64_t(w.last_sample[i]));
    }
  }
  bench::write_table(dir, "cwru", t);
  (*costs)["cwru_windows"] = double(t.size());
  (*costs)["cwru_dim"] = double(t.dim);
}

int run_export(const std::string& dir) {
  if (!data::shared_data_available("fsdd") || !data::shared_data_available("uci_hapt_raw")) {
    std::cout << "bench_frontend: " << data::shared_data_dir()
              << " lacks fsdd/ or uci_hapt_raw/: the front-end benchmark needs the full sets; skipped\n";
    return 0;
  }
  if (std::system(("mkdir -p '" + dir + "'").c_str()) != 0) throw fe::Error(dir + ": cannot create");
  std::map<std::string, double> costs;
  export_fsdd(dir, &costs);
  export_hapt(dir, &costs);
  if (data::shared_data_available("cwru_bearing")) export_cwru(dir, &costs);
  std::ofstream out(dir + "/costs.txt");
  for (const auto& [key, value] : costs) out << key << ' ' << value << '\n';
  std::cout << "bench_frontend: " << costs["fsdd_recordings"] << " recordings and " << costs["hapt_windows"]
            << " windows exported to " << dir << "\n";
  return 0;
}

// ---------------------------------------------------------------- neurite runs

struct Result {
  double accuracy = 0;
  double auroc = 0;
  double known_rejected = 0, unknown_rejected = 0;  // at the model's strictness
};

Config config_for(const bench::Table& t, bool full_data, neurite::Strictness strictness) {
  Config c;
  c.dim = uint16_t(t.dim);
  c.outputs = 12;
  c.strictness = strictness;
  // Full training sets are held whole (64 MiB, trade-off 1); few-shot runs use the default budget.
  if (full_data) c.memory_bytes = neurite::memory_for_tradeoff(1.0f);
  return c;
}

// Learns `teach` (labels below `known_below`) and scores `test`: accuracy on
// known labels, AUROC of 1 - credibility for labels >= known_below.
using neurite::detail::DepthPolicy;

Result run(const bench::Table& t, const std::vector<size_t>& teach, const std::vector<size_t>& test,
           int known_below, bool full_data, neurite::Strictness strictness = neurite::Strictness::medium,
           DepthPolicy depth = DepthPolicy::rule) {
  Model model(config_for(t, full_data, strictness));
  neurite::detail::Access::set_depth_policy(model.learner(), depth);
  std::vector<float> rows;
  std::vector<int32_t> labels;
  for (size_t i : teach) {
    if (t.label[i] >= known_below) continue;
    rows.insert(rows.end(), t.row(i), t.row(i) + t.dim);
    labels.push_back(t.label[i]);
  }
  if (full_data) {
    model.learn_batch(rows.data(), labels.size(), labels.data());
  } else {
    for (size_t k = 0; k < labels.size(); ++k)
      model.learn({rows.data() + k * t.dim, rows.data() + (k + 1) * t.dim}, labels[k]);
  }
  if (model.stats().events != labels.size()) throw fe::Error("the memory budget dropped events");
  Result r;
  size_t known = 0, correct = 0, known_flagged = 0, unknown_flagged = 0;
  std::vector<double> positives, negatives;
  for (size_t i : test) {
    const auto p = model.predict(t.row(i), t.dim);
    if (t.label[i] >= known_below) {
      positives.push_back(1.0 - p.credibility);
      unknown_flagged += p.unknown;
    } else {
      negatives.push_back(1.0 - p.credibility);
      ++known;
      correct += p.label == t.label[i];
      known_flagged += p.unknown;
    }
  }
  r.accuracy = double(correct) / double(known);
  r.known_rejected = double(known_flagged) / double(known);
  if (!positives.empty()) {
    r.auroc = bench::auroc(positives, negatives);
    r.unknown_rejected = double(unknown_flagged) / double(positives.size());
  }
  return r;
}

std::vector<bench::Draw> read_draws(const std::string& path) {
  const auto table = fe::read_csv(path);
  std::vector<bench::Draw> draws;
  for (size_t i = 0; i < table.size(); ++i) {
    const int32_t group = int32_t(table.number(i, 0)), number = int32_t(table.number(i, 1));
    if (draws.empty() || draws.back().group != group || draws.back().draw != number) {
      draws.push_back({group, number, {}, {}});
    }
    (table.cell(i, 2) == "teach" ? draws.back().teach : draws.back().test)
        .push_back(size_t(table.number(i, 3)));
  }
  return draws;
}

// Mean over groups of each group's mean, the spread of the group means, and the runs.
struct Spread {
  double mean = 0, stddev = 0, min = 0, max = 0;
  size_t runs = 0;
};

Spread spread(const std::vector<bench::Draw>& draws, const std::vector<double>& values) {
  std::map<int32_t, std::vector<double>> by_group;
  for (size_t k = 0; k < draws.size(); ++k) by_group[draws[k].group].push_back(values[k]);
  std::vector<double> means;
  for (const auto& [group, v] : by_group) means.push_back(bench::mean(v));
  const auto range = std::minmax_element(values.begin(), values.end());
  return {bench::mean(means), bench::stddev(means), *range.first, *range.second, values.size()};
}

// The four spoken-digit protocols of the issue with neurite.
struct DigitFigures {
  Result conventional, open;
  std::vector<double> loso;
  Spread personal;
};

DigitFigures digit_figures(const bench::Table& fsdd, const std::vector<bench::Draw>& draws,
                           DepthPolicy depth = DepthPolicy::rule) {
  const auto medium = neurite::Strictness::medium;
  DigitFigures f;
  std::cerr << "spoken digits: conventional split, open set\n";
  std::vector<size_t> train, test;
  for (size_t i = 0; i < fsdd.size(); ++i) (fsdd.index[i] < 5 ? test : train).push_back(i);
  f.conventional = run(fsdd, train, test, 10, true, medium, depth);
  f.open = run(fsdd, train, test, 8, true, medium, depth);
  std::cerr << "spoken digits: leave one speaker out\n";
  for (int32_t s = 0; s < 6; ++s) {
    std::vector<size_t> in, out;
    for (size_t i = 0; i < fsdd.size(); ++i) (fsdd.group[i] == s ? out : in).push_back(i);
    f.loso.push_back(run(fsdd, in, out, 10, true, medium, depth).accuracy);
  }
  std::cerr << "spoken digits: personal three-shot\n";
  std::vector<double> personal;
  for (const auto& d : draws)
    personal.push_back(run(fsdd, d.teach, d.test, 10, false, medium, depth).accuracy);
  f.personal = spread(draws, personal);
  return f;
}

// The two activity protocols with neurite: subject-independent accuracy and
// personal five-shot.
struct ActivityFigures {
  Result independent;
  Spread personal;
};

ActivityFigures activity_figures(const bench::Table& hapt, const std::vector<bench::Draw>& draws,
                                 DepthPolicy depth = DepthPolicy::rule) {
  std::cerr << "activities: subject-independent, personal five-shot\n";
  const auto medium = neurite::Strictness::medium;
  ActivityFigures f;
  std::vector<size_t> train, test;
  for (size_t i = 0; i < hapt.size(); ++i) (hapt.test[i] ? test : train).push_back(i);
  f.independent = run(hapt, train, test, 7, true, medium, depth);
  std::vector<double> accuracy;
  for (const auto& d : draws)
    accuracy.push_back(run(hapt, d.teach, d.test, 7, false, medium, depth).accuracy);
  f.personal = spread(draws, accuracy);
  return f;
}

// Representation choices for the spoken digits, each measured with neurite on
// the four protocols: from the field notes' features to the digits-8k preset,
// then one change at a time away from the preset.
int run_ablation(const std::string& dir) {
  if (!data::shared_data_available("fsdd")) {
    std::cout << "bench_frontend: no " << data::shared_data_dir() << "/fsdd; ablation skipped\n";
    return 0;
  }
  const fe::AudioPipelineConfig preset = fe::audio_preset("digits-8k");
  struct Variant {
    const char* name;
    fe::AudioPipelineConfig config;
  };
  std::vector<Variant> variants;
  fe::AudioPipelineConfig c =
      preset;  // the field notes: 13 MFCC with c0, no trimming, 32 interpolated frames
  c.trim = false;
  c.mfcc.lifter = 0.0f;
  c.utterance = fe::UtteranceConfig{};
  c.utterance.frames = 32;
  variants.push_back({"field notes' features: 13 MFCC (c0 kept), 32 interpolated frames", c});
  c.utterance.skip_coefficients = 1;
  variants.push_back({"+ c0 (loudness) dropped", c});
  c.trim = true;
  c.trim_db = 20.0f;
  variants.push_back({"+ silence trimmed at 20 dB", c});
  c.mfcc.lifter = 22.0f;
  variants.push_back({"+ lifter 22", c});
  variants.push_back({"+ 16 averaged segments = digits-8k", preset});
  c = preset;
  c.trim_db = 40.0f;
  variants.push_back({"digits-8k, trimmed at 40 dB instead", c});
  c = preset;
  c.utterance.mean_normalise = true;
  variants.push_back({"digits-8k + cepstral mean normalisation", c});
  c = preset;
  c.utterance.deltas = true;
  variants.push_back({"digits-8k + deltas", c});
  c = preset;
  c.mfcc.coefficients = 20;
  variants.push_back({"digits-8k with 20 MFCC", c});
  std::ofstream out(dir + "/ablation.txt");
  for (size_t v = 0; v < variants.size(); ++v) {
    std::cerr << "ablation " << v + 1 << "/" << variants.size() << ": " << variants[v].name << "\n";
    const bench::Table t = fsdd_table(variants[v].config);
    const DigitFigures f = digit_figures(t, bench::fsdd_personal_draws(t));
    out << variants[v].name << '|' << t.dim << '|' << f.conventional.accuracy << '|' << f.open.auroc << '|'
        << bench::mean(f.loso) << '|' << f.personal.mean << '\n';
  }
  // Depth (issue 2's ablation): one layer, a second layer always added, and the
  // leave-one-out rule free to try a second layer whenever errors remain.
  const std::pair<const char*, DepthPolicy> depths[] = {{"one layer", DepthPolicy::never},
                                                        {"two layers forced", DepthPolicy::always_keep},
                                                        {"LOO rule tries depth", DepthPolicy::always_try},
                                                        {"default rule", DepthPolicy::rule}};
  std::ofstream depth_out(dir + "/ablation_depth.txt");
  const bench::Table digits_table = fsdd_table(preset);
  for (const auto& [name, policy] : depths) {
    std::cerr << "depth ablation, spoken digits: " << name << "\n";
    const DigitFigures f = digit_figures(digits_table, bench::fsdd_personal_draws(digits_table), policy);
    depth_out << "spoken digits|" << name << '|' << f.conventional.accuracy << '|' << bench::mean(f.loso)
              << '|' << f.personal.mean << '\n';
  }
  if (!data::shared_data_available("uci_hapt_raw")) return 0;
  const bench::Table activity_table = hapt_table(fe::imu_preset());
  for (const auto& [name, policy] : depths) {
    std::cerr << "depth ablation, activities: " << name << "\n";
    const ActivityFigures f =
        activity_figures(activity_table, bench::hapt_personal_draws(activity_table), policy);
    depth_out << "activities|" << name << '|' << f.independent.accuracy << "|-|" << f.personal.mean << '\n';
  }
  struct MotionVariant {
    const char* name;
    fe::MotionConfig config;
  };
  std::vector<MotionVariant> motion;
  motion.push_back({"imu preset", fe::imu_preset()});
  fe::MotionConfig m = fe::imu_preset();
  m.peaks = 1;
  motion.push_back({"imu + the dominant frequency of each signal", m});
  m = fe::imu_preset();
  m.band_floor = 1e-4f;
  motion.push_back({"imu with band floor 1e-4 instead of 1e-2", m});
  m = fe::imu_preset();
  m.gravity_channels = 0;
  motion.push_back({"imu without gravity removal", m});
  m = fe::imu_preset();
  m.magnitudes = false;
  motion.push_back({"imu without magnitudes", m});
  m = fe::imu_preset();
  m.bands = 8;
  motion.push_back({"imu with 8 bands", m});
  std::ofstream motion_out(dir + "/ablation_motion.txt");
  for (const auto& v : motion) {
    std::cerr << "ablation: " << v.name << "\n";
    const bench::Table t = hapt_table(v.config);
    const ActivityFigures f = activity_figures(t, bench::hapt_personal_draws(t));
    motion_out << v.name << '|' << t.dim << '|' << f.independent.accuracy << '|' << f.personal.mean << '\n';
  }
  return 0;
}

// ---------------------------------------------------------------- report

// Rows of `|`-separated cells written by run_ablation (none when absent).
std::vector<std::vector<std::string>> read_ablation(const std::string& path, size_t cells) {
  std::vector<std::vector<std::string>> rows;
  std::ifstream file(path);
  for (std::string line; std::getline(file, line);) {
    std::vector<std::string> row;
    std::stringstream fields(line);
    for (std::string cell; std::getline(fields, cell, '|');) row.push_back(cell);
    if (row.size() == cells) rows.push_back(row);
  }
  return rows;
}

std::string pct(double v) {
  return bench::fmt(100.0 * v, 1);
}

int run_report(const std::string& dir, const std::string& peers_path, const std::string& markdown_path) {
  std::ifstream probe(dir + "/fsdd.npy");
  if (!probe) {
    std::cout << "bench_frontend: no exported features in " << dir << " (../shared/data absent?); skipped\n";
    return 0;
  }
  const auto fsdd = bench::read_table(dir, "fsdd");
  const auto hapt = bench::read_table(dir, "hapt");
  const auto costs = bench::read_peers(dir + "/costs.txt");
  const auto peers = peers_path.empty() ? std::map<std::string, double>{} : bench::read_peers(peers_path);
  auto peer = [&](const std::string& key, int digits = 1, double scale = 100.0) {
    const auto it = peers.find(key);
    return it == peers.end() ? std::string("-") : bench::fmt(it->second * scale, digits);
  };
  auto cost = [&](const std::string& key) { return costs.count(key) ? costs.at(key) : 0.0; };
  std::ostringstream md;
  md << "# Front-end figures: spoken digits and smartphone activities\n\n"
     << "Generated by `make bench-frontend`: `bench/bench_frontend` computes the front-end vectors of the "
        "full "
        "sets in `../shared/data` and the few-shot draws once (`--export`); `bench/frontend_peers.py` runs "
        "the "
        "scikit-learn peers on those very files; `bench_frontend --from` runs neurite on them and writes "
        "this page. "
        "Peers: RBF-SVM (`SVC()`) and 1-NN with standard scaling fitted on the taught rows, shrinkage LDA "
        "(`solver='lsqr', shrinkage='auto'`). neurite: classification, medium strictness; full training sets "
        "with a 64 MiB budget (trade-off 1) so that every event is kept, few-shot runs with the default 8 "
        "MiB.\n\n";

  // Spoken digits.
  const auto draws = read_draws(dir + "/fsdd_personal.csv");
  const DigitFigures digits = digit_figures(fsdd, draws);
  const Result& conventional = digits.conventional;
  const Result& open = digits.open;
  const std::vector<double>& loso = digits.loso;
  const Spread& p3 = digits.personal;
  std::vector<size_t> train, test;
  for (size_t i = 0; i < fsdd.size(); ++i) (fsdd.index[i] < 5 ? test : train).push_back(i);
  const Result open_high = run(fsdd, train, test, 8, true, neurite::Strictness::high);
  const auto open_draws = read_draws(dir + "/fsdd_personal_open.csv");
  std::vector<double> p_auc, p_known, p_unknown, p_known_high, p_unknown_high;
  for (const auto& d : open_draws) {
    const Result m = run(fsdd, d.teach, d.test, 8, false);
    const Result h = run(fsdd, d.teach, d.test, 8, false, neurite::Strictness::high);
    p_auc.push_back(m.auroc);
    p_known.push_back(m.known_rejected);
    p_unknown.push_back(m.unknown_rejected);
    p_known_high.push_back(h.known_rejected);
    p_unknown_high.push_back(h.unknown_rejected);
  }
  const auto loso_s = bench::summarise(loso);
  md << "## Spoken digits (Free Spoken Digit Dataset: 3,000 recordings, 6 speakers, 8 kHz)\n\n"
     << "Front-end `digits-8k`: pre-emphasis 0.97, 25 ms Hamming window, 10 ms hop, 256-point FFT, 40 mel "
        "bands "
        "(HTK scale, 20-4000 Hz) on power, log, 13 MFCC with lifter 22, c0 dropped, silence trimmed at 20 dB "
        "below "
        "the loudest 10 ms frame, 16 averaged segments: "
     << cost("fsdd_dim") << " values per recording.\n\n"
     << "| protocol | neurite | RBF-SVM | 1-NN | shrinkage LDA | issue's target | runs "
        "|\n|---|---|---|---|---|---|---|\n"
     << "| conventional split (recordings 0-4 test, 5-49 teach), accuracy % | **"
     << pct(conventional.accuracy) << "** | " << peer("fsdd_conv_svm") << " | " << peer("fsdd_conv_nn1")
     << " | " << peer("fsdd_conv_lda") << " | >= 99.0 | 1 |\n"
     << "| leave one speaker out, mean accuracy (std over speakers) | **" << bench::fmt(loso_s.mean, 3)
     << "** (" << bench::fmt(bench::stddev(loso), 3) << ") | " << peer("fsdd_loso_svm", 3, 1) << " | "
     << peer("fsdd_loso_nn1", 3, 1) << " | " << peer("fsdd_loso_lda", 3, 1) << " | >= 0.80 | 6 |\n"
     << "| personal three-shot, mean accuracy (std over speakers; min-max of runs) | **"
     << bench::fmt(p3.mean, 3) << "** (" << bench::fmt(p3.stddev, 3) << "; " << bench::fmt(p3.min, 3) << "-"
     << bench::fmt(p3.max, 3) << ") | " << peer("fsdd_p3_svm", 3, 1) << " | " << peer("fsdd_p3_nn1", 3, 1)
     << " | " << peer("fsdd_p3_lda", 3, 1) << " | >= 0.95 | " << p3.runs << " |\n"
     << "| open set: digits 8 and 9 never taught (conventional split), AUROC | **"
     << bench::fmt(open.auroc, 3) << "** (1 - credibility) | | " << peer("fsdd_open_nn1", 3, 1)
     << " (distance) | | >= 0.95 | 1 |\n"
     << "| personal three-shot open set (digits 0-7 taught), AUROC | **" << bench::fmt(bench::mean(p_auc), 3)
     << "** | | " << peer("fsdd_p3open_nn1", 3, 1) << " (distance) | | | " << p_auc.size() << " |\n\n"
     << "Leave one speaker out, per speaker (";
  for (int s = 0; s < 6; ++s)
    md << (s ? ", " : "") << bench::kSpeakers[s] << " " << bench::fmt(loso[size_t(s)], 3);
  md << ").\n\n"
     << "Rejection of the digits never taught, and known digits wrongly rejected, at two strictness levels "
        "(target rates of known inputs rejected: medium 3 %, high 10 %):\n\n"
     << "| setting | known rejected, medium | never-taught rejected, medium | known rejected, high | "
        "never-taught rejected, high |\n|---|---|---|---|---|\n"
     << "| conventional split, 2,160 events | " << pct(open.known_rejected) << " % | "
     << pct(open.unknown_rejected) << " % | " << pct(open_high.known_rejected) << " % | "
     << pct(open_high.unknown_rejected) << " % |\n"
     << "| personal three-shot, 24 events (mean of " << p_auc.size() << " runs) | "
     << pct(bench::mean(p_known)) << " % | " << pct(bench::mean(p_unknown)) << " % | "
     << pct(bench::mean(p_known_high)) << " % | " << pct(bench::mean(p_unknown_high)) << " % |\n\n";

  const auto ablation = read_ablation(dir + "/ablation.txt", 6);
  if (!ablation.empty()) {
    md << "Representation choices (neurite; each row one set of vectors for all four protocols; personal "
          "three-shot over the same 60 draws):\n\n"
       << "| representation | values | conventional % | open-set AUROC | leave one speaker out | personal "
          "three-shot "
          "|\n|---|---|---|---|---|---|\n";
    for (const auto& cells : ablation) {
      md << "| " << cells[0] << " | " << cells[1] << " | " << pct(std::stod(cells[2])) << " | "
         << bench::fmt(std::stod(cells[3]), 3) << " | " << bench::fmt(std::stod(cells[4]), 3) << " | "
         << bench::fmt(std::stod(cells[5]), 3) << " |\n";
    }
    md << "\n";
  }

  const auto depth = read_ablation(dir + "/ablation_depth.txt", 5);
  if (!depth.empty()) {
    md << "Depth ablation (issue 2: what a second layer buys). The default rule tries a second layer only "
          "once the first has used its whole unit budget, and keeps it if it removes 5 % of the "
          "leave-one-out errors; with these budgets the first layer never runs out, so the default is one "
          "layer. A second layer sees the first layer's held-out outputs beside the features (a learned "
          "metric).\n\n"
       << "| data | depth | conventional or subject-independent % | leave one speaker out | personal "
          "few-shot "
          "|\n|---|---|---|---|---|\n";
    for (const auto& cells : depth) {
      md << "| " << cells[0] << " | " << cells[1] << " | " << pct(std::stod(cells[2])) << " | "
         << (cells[3] == "-" ? "-" : bench::fmt(std::stod(cells[3]), 3)) << " | "
         << bench::fmt(std::stod(cells[4]), 3) << " |\n";
    }
    md << "\n";
  }

  // Activities.
  const auto hdraws = read_draws(dir + "/hapt_personal.csv");
  const ActivityFigures activities = activity_figures(hapt, hdraws);
  const Result& independent = activities.independent;
  const Spread& p5 = activities.personal;
  md << "## Smartphone activities (UCI HAPT raw signals: 30 subjects, 50 Hz accelerometer and gyroscope)\n\n"
     << "Windows of 128 samples (2.56 s) every 64 inside the labelled segments of the six activities "
        "(walking, "
        "upstairs, downstairs, sitting, standing, laying): "
     << cost("hapt_windows")
     << " windows. Front-end `imu`: gravity tracked by a 0.3 Hz low-pass and removed from "
        "the accelerometer (its window mean kept as posture), magnitudes of acceleration and rotation, per "
        "signal "
        "mean, standard deviation, min, max, RMS, zero-crossing rate, energy and 4 log band energies: "
     << cost("hapt_dim") << " values per window.\n\n"
     << "| protocol | neurite | RBF-SVM | 1-NN | shrinkage LDA | runs |\n|---|---|---|---|---|---|\n"
     << "| subject-independent: the data set's 21 training subjects teach, its 9 test subjects test, "
        "accuracy % | **"
     << pct(independent.accuracy) << "** | " << peer("hapt_si_svm") << " | " << peer("hapt_si_nn1") << " | "
     << peer("hapt_si_lda") << " | 1 |\n"
     << "| personal five-shot: 5 windows per activity of one test subject teach, that subject's other "
        "windows "
        "test, mean accuracy (std over subjects; min-max of runs) | **"
     << bench::fmt(p5.mean, 3) << "** (" << bench::fmt(p5.stddev, 3) << "; " << bench::fmt(p5.min, 3) << "-"
     << bench::fmt(p5.max, 3) << ") | " << peer("hapt_p5_svm", 3, 1) << " | " << peer("hapt_p5_nn1", 3, 1)
     << " | " << peer("hapt_p5_lda", 3, 1) << " | " << p5.runs << " |\n\n";

  const auto motion_ablation = read_ablation(dir + "/ablation_motion.txt", 4);
  if (!motion_ablation.empty()) {
    md << "Feature choices (neurite):\n\n| features | values | subject-independent % | personal five-shot "
          "|\n|---|---|---|---|\n";
    for (const auto& cells : motion_ablation) {
      md << "| " << cells[0] << " | " << cells[1] << " | " << pct(std::stod(cells[2])) << " | "
         << bench::fmt(std::stod(cells[3]), 3) << " |\n";
    }
    md << "\n";
  }

  md << "## Costs of the front-ends (one core of this machine, medians)\n\n"
     << "| front-end | per input | memory of the plan or stream |\n|---|---|---|\n"
     << "| digits-8k, float path | " << bench::fmt(cost("fsdd_float_ms"), 3)
     << " ms per recording (mean length " << bench::fmt(cost("fsdd_mean_seconds"), 2) << " s) | "
     << bench::fmt(cost("fsdd_plan_bytes"), 0) << " bytes |\n"
     << "| digits-8k, Q15 path | " << bench::fmt(cost("fsdd_q15_ms"), 3) << " ms per recording | "
     << bench::fmt(cost("fsdd_plan_q15_bytes"), 0) << " bytes |\n"
     << "| imu | " << bench::fmt(cost("hapt_us_per_window"), 1) << " us per window (stream of 6 channels) | "
     << bench::fmt(cost("hapt_stream_bytes"), 0) << " bytes |\n\n"
     << "The Q15 path's final vectors differ from the float path's by at most "
     << bench::fmt(cost("fsdd_q15_vector_max_dev"), 4)
     << " (median over recordings of the largest difference: "
     << bench::fmt(cost("fsdd_q15_vector_median_dev"), 4) << "), over all " << cost("fsdd_recordings")
     << " recordings.\n\n";

  md << "## Protocols\n\n"
     << "- Conventional split: recordings 0-4 of every digit and speaker test (300), 5-49 teach (2,700).\n"
     << "- Leave one speaker out: each speaker's 500 recordings test once, the other 2,500 teach.\n"
     << "- Personal three-shot: for each speaker and draw r = 0..9, a SplitMix64 stream seeded with "
        "`1000 * speaker + r` (speakers in alphabetical order, 0 = george) picks 3 of the 50 recordings of "
        "each "
        "digit in turn (partial Fisher-Yates, `next() mod remaining`); they teach (30 events, one at a "
        "time), the "
        "speaker's other 470 recordings test. Mean over the 6 speakers of each speaker's mean over 10 draws. "
        "The "
        "draws are in `fsdd_personal.csv` of the export.\n"
     << "- Open sets: the same splits with digits 8 and 9 left out of the teaching; AUROC of the unknown "
        "score "
        "between the never-taught digits and the taught digits of the test set.\n"
     << "- Subject-independent activities: HAPT's own split (training subjects 1, 3, 5-8, 11, 14-17, 19, "
        "21-23, "
        "25-30; test subjects 2, 4, 9, 10, 12, 13, 18, 20, 24).\n"
     << "- Personal five-shot activities: for each test subject and draw r = 0..9, seed `100 * subject + r` "
        "picks 5 "
        "windows of each activity; the subject's windows that overlap no taught window (windows overlap by "
        "half) "
        "test.\n";
  const std::string text = md.str();
  std::cout << text;
  if (!markdown_path.empty()) {
    std::ofstream out(markdown_path);
    out << text;
    std::cerr << "bench_frontend: wrote " << markdown_path << "\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string export_dir, ablation_dir, from_dir, peers, markdown;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--export" && i + 1 < argc) {
      export_dir = argv[++i];
    } else if (a == "--ablation" && i + 1 < argc) {
      ablation_dir = argv[++i];
    } else if (a == "--from" && i + 1 < argc) {
      from_dir = argv[++i];
    } else if (a == "--peers" && i + 1 < argc) {
      peers = argv[++i];
    } else if (a == "--markdown" && i + 1 < argc) {
      markdown = argv[++i];
    } else {
      std::cerr << "usage: bench_frontend --export DIR | --ablation DIR | --from DIR [--peers FILE] "
                   "[--markdown FILE]\n";
      return 2;
    }
  }
  try {
    if (!export_dir.empty()) return run_export(export_dir);
    if (!ablation_dir.empty()) return run_ablation(ablation_dir);
    if (!from_dir.empty()) return run_report(from_dir, peers, markdown);
  } catch (const std::exception& e) {
    std::cerr << "bench_frontend: " << e.what() << "\n";
    return 1;
  }
  std::cerr << "usage: bench_frontend --export DIR | --from DIR [--peers FILE] [--markdown FILE]\n";
  return 2;
}
