// neurite learn: vectors from the inputs, one batch build, a model file.
#include <chrono>
#include <cstdio>
#include <memory>

#include "commands.hpp"
#include "model_file.hpp"
#include "settings.hpp"
#include "sources.hpp"

namespace neurite::cli {

namespace {

struct LearnOptions {
  SourceOptions source;
  Settings settings;
  std::string preset;
  bool fixed_point = false;
  std::string output;
};

void run_learn(const LearnOptions& o) {
  FrontendSpec spec = spec_for(o.source, o.preset);
  if (o.fixed_point) {
    if (spec.kind != InputKind::audio) throw frontend::Error("--fixed-point applies to audio inputs");
    spec.audio.fixed_point = true;
  }
  if (spec.kind == InputKind::motion && o.source.rate > 0) spec.motion.sample_rate = o.source.rate;
  const auto samples = read_samples(o.source, &spec);
  neurite_config config = make_config(o.settings, spec.dim());
  Labels labels;
  std::vector<float> rows;
  std::vector<int32_t> ids;
  std::vector<float> targets;
  for (const auto& s : samples) {
    rows.insert(rows.end(), s.features.begin(), s.features.end());
    if (config.problem == NEURITE_CLASSIFICATION) {
      if (s.label.empty())
        throw frontend::Error(s.where + ": no label (column '" + o.source.label_column + "')");
      ids.push_back(labels.id(s.label, true));
    } else if (config.problem == NEURITE_REGRESSION) {
      char* end = nullptr;
      targets.push_back(std::strtof(s.label.c_str(), &end));
      if (s.label.empty() || *end != '\0')
        throw frontend::Error(s.where + ": target is not a number: '" + s.label + "'");
    }
  }
  if (labels.names().size() > config.outputs) {
    throw frontend::Error(std::to_string(labels.names().size()) + " classes in the input, capacity " +
                          std::to_string(config.outputs) + ": raise --classes");
  }
  Learner learner(config);
  const auto start = std::chrono::steady_clock::now();
  if (config.problem == NEURITE_REGRESSION) {
    for (size_t i = 0; i < samples.size(); ++i) learner.learn_target(samples[i].features, targets[i]);
    learner.rebuild();
  } else if (config.problem == NEURITE_NOVELTY) {
    for (const auto& s : samples) learner.learn_normal(s.features);
    learner.rebuild();
  } else {
    learner.learn_batch(rows, ids);
  }
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  save_model(o.output, spec, labels, learner);
  const neurite_stats st = learner.stats();
  std::printf("learned %zu events, %zu classes, in %.0f ms: %u units in %u layer(s); model %s -> %s\n",
              samples.size(), labels.names().size(), ms, st.units[0], st.layers,
              format_bytes(st.model_bytes).c_str(), o.output.c_str());
  std::printf("input: %s\n", spec.describe().c_str());
  if (st.events < samples.size()) {
    std::printf("note: the memory budget (%s) holds %u of the %zu events; raise --memory to keep them all\n",
                format_bytes(config.memory_bytes).c_str(), st.events, samples.size());
  }
}

}  // namespace

void add_learn(CLI::App& app) {
  auto options = std::make_shared<LearnOptions>();
  CLI::App* c =
      app.add_subcommand("learn", "Learn a model from labelled feature vectors, WAV files or sensor CSVs");
  add_source_options(c, &options->source);
  c->add_option("--preset", options->preset, "Front-end of audio or sensor inputs: " + preset_names());
  c->add_flag("--fixed-point", options->fixed_point, "Compute audio features on the int16 (Q15) path");
  add_settings_options(c, &options->settings);
  c->add_option("-o,--output", options->output, "Model file to write")->required();
  c->callback([options] { run_learn(*options); });
}

}  // namespace neurite::cli
