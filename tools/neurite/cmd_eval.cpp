// neurite eval: accuracy, per-class precision and recall, confusion matrix and
// rejection of a model on labelled inputs; --json for machines.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "commands.hpp"
#include "model_file.hpp"
#include "progress.hpp"
#include "sources.hpp"

namespace neurite::cli {

namespace {

struct EvalOptions {
  std::string model;
  SourceOptions source;
  bool json = false;
};

double ratio(size_t a, size_t b) {
  return b ? double(a) / double(b) : 0.0;
}

nlohmann::json evaluate_classification(ModelFile& m, const std::vector<Sample>& samples) {
  std::vector<int32_t> classes = m.learner.classes();
  std::set<std::string> learned;
  for (int32_t c : classes) learned.insert(m.labels.name(c));
  std::vector<std::string> rows;  // true labels present, learned ones first
  for (int32_t c : classes) rows.push_back(m.labels.name(c));
  for (const auto& s : samples) {
    if (!learned.count(s.label) && std::find(rows.begin(), rows.end(), s.label) == rows.end())
      rows.push_back(s.label);
  }
  std::map<std::string, size_t> row_of, column_of;
  for (size_t i = 0; i < rows.size(); ++i) row_of[rows[i]] = i;
  for (size_t j = 0; j < classes.size(); ++j) column_of[m.labels.name(classes[j])] = j;
  std::vector<std::vector<size_t>> confusion(rows.size(), std::vector<size_t>(classes.size(), 0));
  std::vector<size_t> flagged(rows.size(), 0), support(rows.size(), 0);
  size_t known = 0, correct = 0, known_flagged = 0, unseen = 0, unseen_flagged = 0;
  Progress progress("predict", samples.size());
  for (const auto& s : samples) {
    if (s.label.empty()) throw frontend::Error(s.where + ": no label to evaluate against");
    const neurite_prediction p = m.learner.predict(s.features);
    const std::string predicted = m.labels.name(p.label);
    const size_t r = row_of[s.label];
    ++support[r];
    if (column_of.count(predicted)) ++confusion[r][column_of[predicted]];
    flagged[r] += p.unknown ? 1 : 0;
    if (learned.count(s.label)) {
      ++known;
      correct += predicted == s.label;
      known_flagged += p.unknown ? 1 : 0;
    } else {
      ++unseen;
      unseen_flagged += p.unknown ? 1 : 0;
    }
    progress.step();
  }
  progress.finish();
  nlohmann::json out;
  out["samples"] = samples.size();
  out["samples_of_learned_classes"] = known;
  out["samples_of_other_classes"] = unseen;
  out["accuracy"] = ratio(correct, known);
  out["unknown_rate"] = ratio(known_flagged, known);
  out["other_classes_rejected"] =
      unseen ? nlohmann::json(ratio(unseen_flagged, unseen)) : nlohmann::json(nullptr);
  out["classes"] = nlohmann::json::array();
  for (size_t j = 0; j < classes.size(); ++j) {
    size_t predicted_total = 0;  // among samples of learned classes (those come first in `rows`)
    for (size_t i = 0; i < classes.size(); ++i) predicted_total += confusion[i][j];
    const size_t r = row_of[m.labels.name(classes[j])];
    out["classes"].push_back({{"label", m.labels.name(classes[j])},
                              {"precision", ratio(confusion[r][j], predicted_total)},
                              {"recall", ratio(confusion[r][j], support[r])},
                              {"support", support[r]}});
  }
  std::vector<std::string> columns;
  for (int32_t c : classes) columns.push_back(m.labels.name(c));
  out["confusion"] = {
      {"rows", rows}, {"columns", columns}, {"counts", confusion}, {"flagged_unknown", flagged}};
  return out;
}

void print_classification(const nlohmann::json& r) {
  std::printf("accuracy %.2f%% on %zu samples of learned classes; flagged unknown: %.2f%%\n",
              100.0 * r["accuracy"].get<double>(), r["samples_of_learned_classes"].get<size_t>(),
              100.0 * r["unknown_rate"].get<double>());
  if (!r["other_classes_rejected"].is_null()) {
    std::printf("samples of classes never learned: %zu, rejected as unknown: %.2f%%\n",
                r["samples_of_other_classes"].get<size_t>(),
                100.0 * r["other_classes_rejected"].get<double>());
  }
  const auto& cm = r["confusion"];
  int width = 5;
  for (const auto& name : cm["rows"])
    width = std::max(width, static_cast<int>(name.get<std::string>().size()));
  std::printf("\n%-*s %10s %10s %8s\n", width, "class", "precision", "recall", "support");
  for (const auto& c : r["classes"]) {
    std::printf("%-*s %9.1f%% %9.1f%% %8zu\n", width, c["label"].get<std::string>().c_str(),
                100.0 * c["precision"].get<double>(), 100.0 * c["recall"].get<double>(),
                c["support"].get<size_t>());
  }
  std::printf(
      "\nconfusion (rows: true label; columns: predicted, in the order of the rows; last: flagged "
      "unknown)\n");
  for (size_t i = 0; i < cm["rows"].size(); ++i) {
    std::printf("%-*s", width, cm["rows"][i].get<std::string>().c_str());
    for (const auto& v : cm["counts"][i]) std::printf(" %5zu", v.get<size_t>());
    std::printf(" | %5zu\n", cm["flagged_unknown"][i].get<size_t>());
  }
}

void run_eval(const EvalOptions& o) {
  ModelFile m = load_model(o.model);
  const auto samples = read_samples(o.source, &m.frontend);
  const neurite_config config = m.learner.config();
  nlohmann::json report;
  if (config.problem == NEURITE_CLASSIFICATION) {
    report = evaluate_classification(m, samples);
  } else {
    // Novelty: how many inputs are flagged; regression: errors against numeric labels.
    size_t flagged = 0;
    double squared = 0, absolute = 0;
    for (const auto& s : samples) {
      float target = 0;
      const neurite_prediction p =
          m.learner.predict(s.features, config.problem == NEURITE_REGRESSION ? &target : nullptr);
      flagged += p.unknown ? 1 : 0;
      if (config.problem == NEURITE_REGRESSION) {
        const double e = double(target) - std::strtod(s.label.c_str(), nullptr);
        squared += e * e;
        absolute += std::fabs(e);
      }
    }
    report["samples"] = samples.size();
    report["flagged_unknown"] = ratio(flagged, samples.size());
    if (config.problem == NEURITE_REGRESSION) {
      report["rmse"] = std::sqrt(squared / double(samples.size()));
      report["mae"] = absolute / double(samples.size());
    }
  }
  report["model"] = o.model;
  if (o.json) {
    std::printf("%s\n", report.dump(2).c_str());
  } else if (config.problem == NEURITE_CLASSIFICATION) {
    print_classification(report);
  } else {
    std::printf("%s\n", report.dump(2).c_str());
  }
}

}  // namespace

void add_eval(CLI::App& app) {
  auto options = std::make_shared<EvalOptions>();
  CLI::App* c =
      app.add_subcommand("eval", "Accuracy, per-class precision and recall, confusion and rejection");
  c->add_option("model", options->model, "Model file")->required()->check(CLI::ExistingFile);
  add_source_options(c, &options->source);
  c->add_flag("--json", options->json, "Print the report as JSON");
  c->callback([options] { run_eval(*options); });
}

}  // namespace neurite::cli
