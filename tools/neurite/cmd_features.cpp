// neurite features: the front-end vectors of a data set, to .npy or CSV, so
// that other methods (scikit-learn peers) see exactly the same features.
#include <cstdio>
#include <fstream>
#include <memory>

#include "commands.hpp"
#include "sensor_datasets.hpp"
#include "sources.hpp"

namespace neurite::cli {

namespace {

struct FeaturesOptions {
  SourceOptions source;
  std::string preset;
  bool fixed_point = false;
  std::string output;
};

bool ends_with(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

std::string quoted(const std::string& text) {
  if (text.find_first_of(",\"") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

void run_features(const FeaturesOptions& o) {
  FrontendSpec spec = spec_for(o.source, o.preset);
  spec.audio.fixed_point = o.fixed_point;
  const auto samples = read_samples(o.source, &spec);
  const size_t dim = spec.dim();
  if (ends_with(o.output, ".npy")) {
    std::vector<float> rows;
    for (const auto& s : samples) rows.insert(rows.end(), s.features.begin(), s.features.end());
    data::write_npy_f32(o.output, samples.size(), dim, rows.data());
    const std::string meta = o.output.substr(0, o.output.size() - 4) + ".meta.csv";
    std::ofstream file(meta);
    if (!file) throw frontend::Error(meta + ": cannot create");
    file << "row,label,group,index,source\n";
    for (size_t i = 0; i < samples.size(); ++i) {
      file << i << ',' << quoted(samples[i].label) << ',' << quoted(samples[i].group) << ','
           << samples[i].index << ',' << quoted(samples[i].where) << '\n';
    }
    std::printf("%zu vectors of %zu values -> %s (rows described in %s)\n", samples.size(), dim,
                o.output.c_str(), meta.c_str());
    return;
  }
  std::ofstream file(o.output);
  if (!file) throw frontend::Error(o.output + ": cannot create");
  file << "label,group";
  for (size_t j = 0; j < dim; ++j) file << ",f" << j;
  file << '\n';
  file.precision(9);
  for (const auto& s : samples) {
    file << quoted(s.label) << ',' << quoted(s.group);
    for (float v : s.features) file << ',' << v;
    file << '\n';
  }
  if (!file) throw frontend::Error(o.output + ": write error");
  std::printf("%zu vectors of %zu values -> %s\n", samples.size(), dim, o.output.c_str());
}

}  // namespace

void add_features(CLI::App& app) {
  auto options = std::make_shared<FeaturesOptions>();
  CLI::App* c = app.add_subcommand("features",
                                   "Write the front-end vectors of inputs to .npy (with a .meta.csv) or CSV");
  add_source_options(c, &options->source);
  c->add_option("--preset", options->preset, "Front-end of audio or sensor inputs: " + preset_names());
  c->add_flag("--fixed-point", options->fixed_point, "Compute audio features on the int16 (Q15) path");
  c->add_option("-o,--output", options->output, "Output file: .npy or .csv")->required();
  c->callback([options] { run_features(*options); });
}

}  // namespace neurite::cli
