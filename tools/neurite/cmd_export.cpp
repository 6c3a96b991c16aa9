// neurite export --c: a learned model as a C header for a device (docs/device.md).
#include <cstdio>
#include <fstream>
#include <memory>
#include <stdexcept>

#include "commands.hpp"
#include "model_file.hpp"
#include "neurite/export.hpp"

namespace neurite::cli {

namespace {

struct ExportOptions {
  std::string model;
  std::string header;
  std::string name = "neurite_model";
};

void run_export(const ExportOptions& o) {
  // The header carries the learner's own model bytes; the command line's
  // wrapper (front-end settings, class names) stays on the host.
  ModelFile m = load_model(o.model);
  const std::vector<uint8_t> bytes = m.learner.save();
  const std::string text = export_c_header(bytes.data(), bytes.size(), o.name, o.model);
  std::ofstream out(o.header, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error(o.header + ": cannot write");
  std::printf("%s: %zu model bytes as %s_model[] (load with %s_load)\n", o.header.c_str(), bytes.size(),
              o.name.c_str(), o.name.c_str());
  std::printf("classes (label id = name):");
  for (int32_t id : m.learner.classes()) std::printf(" %d=%s", id, m.labels.name(id).c_str());
  std::printf("\n");
}

}  // namespace

void add_export(CLI::App& app) {
  auto options = std::make_shared<ExportOptions>();
  CLI::App* cmd = app.add_subcommand("export", "Write a learned model as C source for a device");
  cmd->add_option("--c", options->header, "Output C header (const array + loader)")->required();
  cmd->add_option("model", options->model, "Model file written by `neurite learn`")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--name", options->name, "Prefix of the C identifiers");
  cmd->callback([options] { run_export(*options); });
}

}  // namespace neurite::cli
