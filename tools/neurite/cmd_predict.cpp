// neurite predict: decisions for files, or live for a stream on stdin.
#include <cmath>
#include <cstdio>
#include <deque>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "model_file.hpp"
#include "neurite/frontend/csv.hpp"
#include "sources.hpp"

namespace neurite::cli {

namespace {

struct PredictOptions {
  std::string model;
  std::vector<std::string> files;
  bool json = false;
};

class Printer {
 public:
  Printer(ModelFile& model, bool json) : m_(model), json_(json), problem_(model.learner.config().problem) {}

  void decide(const std::string& where, const std::vector<float>& features) {
    float target = 0;
    const neurite_prediction p =
        m_.learner.predict(features, problem_ == NEURITE_REGRESSION ? &target : nullptr);
    std::string decision;
    if (problem_ == NEURITE_CLASSIFICATION) {
      decision = m_.labels.name(p.label);
    } else if (problem_ == NEURITE_NOVELTY) {
      decision = p.unknown ? "anomaly" : "normal";
    } else {
      decision = std::to_string(target);
    }
    if (json_) {
      nlohmann::json j = {{"input", where},
                          {"label", decision},
                          {"score", p.score},
                          {"unknown", p.unknown != 0},
                          {"credibility", p.credibility}};
      if (problem_ == NEURITE_CLASSIFICATION) j["runner_up"] = m_.labels.name(p.runner_up);
      std::printf("%s\n", j.dump().c_str());
    } else {
      std::printf("%s\t%s\tscore %.3f\t%s\tcredibility %.3f\n", where.c_str(), decision.c_str(), p.score,
                  p.unknown ? "unknown" : "known", p.credibility);
    }
    std::fflush(stdout);
  }

 private:
  ModelFile& m_;
  bool json_;
  neurite_problem problem_;
};

// True when a CSV line holds only numbers (a header line does not).
bool numeric_line(const std::string& line) {
  for (const auto& cell : frontend::split_csv_line(line, "stdin")) {
    char* end = nullptr;
    std::strtof(cell.c_str(), &end);
    if (cell.empty() || *end != '\0') return false;
  }
  return true;
}

void predict_stdin(ModelFile& m, Printer& printer) {
  std::string line;
  size_t number = 0;
  const size_t dim = m.frontend.dim();
  std::unique_ptr<frontend::MotionPipeline> motion;
  if (m.frontend.kind == InputKind::motion)
    motion = std::make_unique<frontend::MotionPipeline>(m.frontend.motion);
  std::deque<size_t> window_lines;  // input lines of the samples in the current window
  while (std::getline(std::cin, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    const std::string where = "stdin:" + std::to_string(number);
    switch (m.frontend.kind) {
      case InputKind::audio:
        for (const auto& s : read_file(line, &m.frontend)) printer.decide(s.where, s.features);
        break;
      case InputKind::features:
        if (number == 1 && !numeric_line(line)) continue;  // a header
        printer.decide(where, parse_vector(line, dim, where));
        break;
      case InputKind::motion: {
        if (number == 1 && !numeric_line(line)) continue;
        const auto sample = parse_vector(line, m.frontend.motion.channels, where);
        window_lines.push_back(number);
        if (window_lines.size() > m.frontend.motion.window) window_lines.pop_front();
        if (motion->push(sample.data())) {
          printer.decide("stdin:" + std::to_string(window_lines.front()) + "-" + std::to_string(number),
                         motion->features());
        }
        break;
      }
    }
  }
}

void run_predict(const PredictOptions& o) {
  ModelFile m = load_model(o.model);
  Printer printer(m, o.json);
  if (o.files.empty() || (o.files.size() == 1 && o.files[0] == "-")) {
    predict_stdin(m, printer);
    return;
  }
  for (const auto& path : o.files) {
    for (const auto& s : read_file(path, &m.frontend)) printer.decide(s.where, s.features);
  }
}

}  // namespace

void add_predict(CLI::App& app) {
  auto options = std::make_shared<PredictOptions>();
  const char* about =
      "Print label, score and unknown for each input: WAV files (audio models), CSV rows "
      "(feature models) or the windows of sensor CSVs (motion models). Without files, or with -, "
      "reads stdin live: one WAV path, feature row or sensor sample per line.";
  CLI::App* c = app.add_subcommand("predict", about);
  c->add_option("model", options->model, "Model file")->required()->check(CLI::ExistingFile);
  c->add_option("inputs", options->files, "Input files, or - for stdin");
  c->add_flag("--json", options->json, "One JSON object per decision");
  c->callback([options] { run_predict(*options); });
}

}  // namespace neurite::cli
