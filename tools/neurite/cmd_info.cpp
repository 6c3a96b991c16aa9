// neurite info: what a model holds.
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "model_file.hpp"
#include "settings.hpp"

namespace neurite::cli {

namespace {

struct InfoOptions {
  std::string model;
  bool json = false;
};

void run_info(const InfoOptions& o) {
  ModelFile m = load_model(o.model);
  const neurite_config c = m.learner.config();
  const neurite_stats s = m.learner.stats();
  std::vector<std::string> classes;
  for (int32_t id : m.learner.classes()) classes.push_back(m.labels.name(id));
  std::vector<uint32_t> units(s.units, s.units + (s.layers < 3 ? s.layers : 3));
  nlohmann::json j = {
      {"file", o.model},
      {"settings",
       {{"problem", problem_name(c.problem)},
        {"dim", c.dim},
        {"class_capacity", c.outputs},
        {"memory_bytes", c.memory_bytes},
        {"strictness", strictness_name(c.strictness)}}},
      {"input", to_json(m.frontend)},
      {"events", s.events},
      {"event_capacity", s.event_capacity},
      {"classes", classes},
      {"layers", s.layers},
      {"units_per_layer", units},
      {"unit_capacity", s.unit_capacity},
      {"model_bytes", s.model_bytes},
      {"state_bytes", s.live_bytes},
      {"arena_bytes", s.arena_bytes},
      {"leave_one_out_errors", s.loo_errors},
  };
  if (o.json) {
    std::printf("%s\n", j.dump(2).c_str());
    return;
  }
  std::printf("model      %s\n", o.model.c_str());
  std::printf("settings   %s, %u-value vectors, memory %s, strictness %s, capacity %u classes\n",
              problem_name(c.problem), c.dim, format_bytes(c.memory_bytes).c_str(),
              strictness_name(c.strictness), c.outputs);
  std::printf("input      %s\n", m.frontend.describe().c_str());
  std::printf("events     %u stored (capacity %u)\n", s.events, s.event_capacity);
  std::printf("network    %u layer(s), units per layer:", s.layers);
  for (uint32_t u : units) std::printf(" %u", u);
  std::printf(" (capacity %u); leave-one-out errors %u\n", s.unit_capacity, s.loo_errors);
  std::printf("bytes      model %s, learned state %s, arena %s\n", format_bytes(s.model_bytes).c_str(),
              format_bytes(s.live_bytes).c_str(), format_bytes(s.arena_bytes).c_str());
  std::printf("classes    %zu:", classes.size());
  for (const auto& name : classes) std::printf(" %s", name.c_str());
  std::printf("\n");
}

}  // namespace

void add_info(CLI::App& app) {
  auto options = std::make_shared<InfoOptions>();
  CLI::App* c = app.add_subcommand(
      "info", "What a model holds: settings, input, units per layer, bytes, classes, events");
  c->add_option("model", options->model, "Model file")->required()->check(CLI::ExistingFile);
  c->add_flag("--json", options->json, "Print as JSON");
  c->callback([options] { run_info(*options); });
}

}  // namespace neurite::cli
