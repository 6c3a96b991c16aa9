// Export test fixture: learns digits on the host, exports the model with
// export_c_header(), and writes the host's predictions of unseen digits (as
// float bits) for export_check.c to compare with.
// Usage: make_fixture MODEL_HEADER EXPECTED_HEADER
#include <cstdio>
#include <cstring>
#include <fstream>

#include "datasets.hpp"
#include "neurite/export.hpp"
#include "neurite/model.hpp"

namespace {

constexpr size_t kTaught = 300;  // digits learned (events 0..299)
constexpr size_t kTests = 100;   // then predicted: digits 1500..1599

uint32_t bits(float value) {
  uint32_t out;
  std::memcpy(&out, &value, sizeof out);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  const neurite::data::Dataset digits = neurite::data::load_digits();
  neurite::Config config;
  config.dim = 64;
  config.outputs = 10;
  config.memory_bytes = 192u << 10;  // a device budget: one layer, as the Cortex-M4 build plans
  neurite::Model model(config);
  model.learn_batch(digits.features.data(), kTaught - 20, digits.labels.data());
  for (size_t i = kTaught - 20; i < kTaught; ++i) model.learn(digits.row_vector(i), digits.labels[i]);
  const std::vector<uint8_t> bytes = model.to_bytes();
  std::ofstream(argv[1]) << neurite::export_c_header(bytes.data(), bytes.size(), "digits_model", "digits");

  std::ofstream expected(argv[2]);
  expected << "/* Host predictions of the exported digits model. */\n#define TESTS " << kTests << "\n"
           << "/* features as float bits: exact */\nstatic const uint32_t test_features[TESTS][64] = {\n";
  for (size_t t = 0; t < kTests; ++t) {
    expected << "  {";
    for (size_t j = 0; j < 64; ++j) expected << bits(digits.row(1500 + t)[j]) << "u,";
    expected << "},\n";
  }
  expected << "};\n/* label, unknown, bits of score, credibility, margin */\n"
           << "static const uint32_t host_predictions[TESTS][5] = {\n";
  for (size_t t = 0; t < kTests; ++t) {
    const neurite::Prediction p = model.predict(digits.row(1500 + t), 64);
    expected << "  {" << p.label << "u, " << (p.unknown ? 1 : 0) << "u, " << bits(p.score) << "u, "
             << bits(p.credibility) << "u, " << bits(p.margin) << "u},\n";
  }
  expected << "};\n";
  return expected.good() ? 0 : 1;
}
