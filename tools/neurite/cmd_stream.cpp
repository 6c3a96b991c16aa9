// neurite stream: replays a file of events (learn, predict, correct, remove,
// forget, rebuild) as a device would meet them, printing every decision and
// the model's growth as it happens.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

#include "commands.hpp"
#include "model_file.hpp"
#include "settings.hpp"
#include "sources.hpp"

namespace neurite::cli {

namespace {

struct StreamOptions {
  std::string events;
  std::string model_in, model_out;
  std::string preset;
  int dim = 0;
  Settings settings;
};

std::string growth(const Learner& learner) {
  const neurite_stats s = learner.stats();
  uint32_t units = 0;
  for (uint32_t l = 0; l < s.layers && l < 3; ++l) units += s.units[l];
  char text[160];
  std::snprintf(text, sizeof text, "%u events, %u classes, %u units in %u layer(s), %s", s.events, s.classes,
                units, s.layers, format_bytes(s.model_bytes).c_str());
  return text;
}

class Replay {
 public:
  Replay(ModelFile& m, std::string base) : m_(m), base_(std::move(base)) {}

  void line(const std::string& text, const std::string& where) {
    std::istringstream in(text);
    std::string verb;
    in >> verb;
    std::vector<std::string> args;
    for (std::string a; in >> a;) args.push_back(a);
    auto need = [&](size_t n, const char* usage) {
      if (args.size() < n) throw frontend::Error(where + ": expected '" + usage + "'");
    };
    const auto start = std::chrono::steady_clock::now();
    if (verb == "learn") {
      need(2, "learn <label> <input>");
      const int32_t id = m_.labels.id(args[0], true);
      for (const auto& s : inputs(args[1], where)) {
        const uint32_t event = m_.learner.learn(s.features, id);
        std::printf("%s  learn %-8s <- %-28s event #%u (%.2f ms) | %s\n", where.c_str(), args[0].c_str(),
                    s.where.c_str(), event, ms_since(start), growth(m_.learner).c_str());
      }
    } else if (verb == "predict") {
      need(1, "predict <input> [expected]");
      for (const auto& s : inputs(args[0], where)) predict(s, args.size() > 1 ? args[1] : "", where);
    } else if (verb == "correct") {
      need(2, "correct <event> <label>");
      m_.learner.correct(event_id(args[0], where), m_.labels.id(args[1], true));
      std::printf("%s  correct event #%s -> %s | %s\n", where.c_str(), args[0].c_str(), args[1].c_str(),
                  growth(m_.learner).c_str());
    } else if (verb == "remove") {
      need(1, "remove <event>");
      m_.learner.remove(event_id(args[0], where));
      std::printf("%s  remove event #%s | %s\n", where.c_str(), args[0].c_str(), growth(m_.learner).c_str());
    } else if (verb == "forget") {
      need(1, "forget <label>");
      const int32_t id = m_.labels.id(args[0], false);
      if (id < 0) throw frontend::Error(where + ": label '" + args[0] + "' was never learned");
      m_.learner.forget(id);
      std::printf("%s  forget %s | %s\n", where.c_str(), args[0].c_str(), growth(m_.learner).c_str());
    } else if (verb == "rebuild") {
      m_.learner.rebuild();
      std::printf("%s  rebuild (%.1f ms) | %s\n", where.c_str(), ms_since(start), growth(m_.learner).c_str());
    } else {
      throw frontend::Error(where + ": unknown event '" + verb +
                            "' (learn, predict, correct, remove, forget, rebuild)");
    }
  }

  void summary() const {
    std::printf("\n%zu predictions", predictions_);
    if (checked_ > 0) std::printf(", %zu of %zu with an expected label correct", correct_, checked_);
    std::printf(", %zu flagged unknown | %s\n", flagged_, growth(m_.learner).c_str());
  }

 private:
  static double ms_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
  }

  uint32_t event_id(const std::string& text, const std::string& where) const {
    const std::string digits = text[0] == '#' ? text.substr(1) : text;
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) {
      throw frontend::Error(where + ": not an event id: '" + text + "'");
    }
    return static_cast<uint32_t>(std::stoul(digits));
  }

  // A path (relative to the events file), or inline values for feature models.
  std::vector<Sample> inputs(const std::string& arg, const std::string& where) {
    if (m_.frontend.kind == InputKind::features && arg.find_first_of("0123456789-.") == 0 &&
        arg.find(',') != std::string::npos) {
      Sample s;
      s.features = parse_vector(arg, m_.frontend.dim(), where);
      s.where = "(values)";
      return {s};
    }
    const std::string path = arg[0] == '/' ? arg : base_ + arg;
    auto samples = read_file(path, &m_.frontend);
    for (auto& s : samples) {
      if (s.where.compare(0, base_.size(), base_) == 0) s.where = s.where.substr(base_.size());
    }
    return samples;
  }

  void predict(const Sample& s, const std::string& expected, const std::string& where) {
    const auto start = std::chrono::steady_clock::now();
    const neurite_prediction p = m_.learner.predict(s.features);
    const double ms = ms_since(start);
    const std::string label = m_.labels.name(p.label);
    ++predictions_;
    flagged_ += p.unknown ? 1 : 0;
    std::string verdict;
    if (!expected.empty()) {
      const bool learned = m_.labels.id(expected, false) >= 0;
      const bool right = learned ? (!p.unknown && label == expected) : p.unknown != 0;
      ++checked_;
      correct_ += right ? 1 : 0;
      verdict = std::string("expected ") + expected + (learned ? "" : " (never learned)") +
                (right ? ": right" : ": WRONG");
    }
    std::printf("%s  predict %-28s -> %-8s score %.2f credibility %.2f%s (%.2f ms) %s\n", where.c_str(),
                s.where.c_str(), p.unknown ? "unknown" : label.c_str(), p.score, p.credibility,
                p.unknown ? (" [closest " + label + "]").c_str() : "", ms, verdict.c_str());
  }

  ModelFile& m_;
  std::string base_;
  size_t predictions_ = 0, checked_ = 0, correct_ = 0, flagged_ = 0;
};

void run_stream(const StreamOptions& o) {
  std::ifstream file(o.events);
  if (!file) throw frontend::Error(o.events + ": cannot open");
  const size_t slash = o.events.find_last_of('/');
  const std::string base = slash == std::string::npos ? "" : o.events.substr(0, slash + 1);
  std::unique_ptr<ModelFile> m;
  if (!o.model_in.empty()) {
    m = std::make_unique<ModelFile>(load_model(o.model_in));
  } else {
    FrontendSpec spec;
    if (!o.preset.empty()) {
      spec = spec_from_preset(o.preset);
    } else if (o.dim > 0) {
      spec.feature_dim = static_cast<size_t>(o.dim);
    } else {
      throw frontend::Error(
          "a new model needs --preset (audio, motion) or --dim (feature vectors), or -m MODEL");
    }
    if (spec.kind == InputKind::motion) {
      throw frontend::Error(
          "stream replays audio or feature events; motion models learn with `neurite learn --sensor`");
    }
    m = std::make_unique<ModelFile>(ModelFile{spec, Labels{}, Learner(make_config(o.settings, spec.dim()))});
  }
  std::printf("replaying %s into a model of %s\n", o.events.c_str(), m->frontend.describe().c_str());
  Replay replay(*m, base);
  std::string text;
  for (size_t number = 1; std::getline(file, text); ++number) {
    const size_t hash = text.find('#');
    const size_t first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos || first == hash) continue;  // blank or comment
    replay.line(text,
                o.events.substr(slash == std::string::npos ? 0 : slash + 1) + ":" + std::to_string(number));
  }
  replay.summary();
  if (!o.model_out.empty()) {
    save_model(o.model_out, m->frontend, m->labels, m->learner);
    std::printf("model saved to %s\n", o.model_out.c_str());
  }
}

}  // namespace

void add_stream(CLI::App& app) {
  auto options = std::make_shared<StreamOptions>();
  const char* about =
      "Replay a file of events as a device meets them: 'learn <label> <input>', "
      "'predict <input> [expected]', 'correct <event> <label>', 'remove <event>', 'forget <label>', "
      "'rebuild'; inputs are WAV paths relative to the file (audio models) or comma-separated "
      "values (feature models)";
  CLI::App* c = app.add_subcommand("stream", about);
  c->add_option("events", options->events, "Events file")->required()->check(CLI::ExistingFile);
  c->add_option("-m,--model", options->model_in, "Start from this model (default: an empty one)")
      ->check(CLI::ExistingFile);
  c->add_option("-o,--output", options->model_out, "Save the model at the end");
  c->add_option("--preset", options->preset, "Front-end of a new audio model: digits-8k, kws-16k");
  c->add_option("--dim", options->dim, "Vector length of a new feature model");
  add_settings_options(c, &options->settings);
  c->callback([options] { run_stream(*options); });
}

}  // namespace neurite::cli
