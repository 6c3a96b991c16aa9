// Writes seed models (one per problem type) for the loader fuzzer's corpus.
#include <cstdio>
#include <string>

#include "datasets.hpp"
#include "neurite/model.hpp"

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : ".";
  const auto digits = neurite::data::load_digits();
  auto write = [&](const std::string& name, const neurite::Model& model) {
    auto bytes = model.to_bytes();
    bytes.insert(bytes.begin(), 0);  // the fuzzer's first byte selects CRC repair
    std::FILE* f = std::fopen((dir + "/" + name).c_str(), "wb");
    if (f == nullptr) return;
    std::fwrite(bytes.data(), 1, bytes.size(), f);
    std::fclose(f);
  };
  neurite::Config c;
  c.dim = 64;
  c.outputs = 10;
  c.memory_bytes = 64 << 10;
  neurite::Model classifier(c);
  classifier.learn_batch(digits.features.data(), 30, digits.labels.data());
  write("classification.bin", classifier);
  c.problem = neurite::Problem::novelty;
  neurite::Model novelty(c);
  novelty.learn_batch(digits.features.data(), 20, nullptr);
  write("novelty.bin", novelty);
  c.problem = neurite::Problem::regression;
  c.outputs = 2;
  neurite::Model regression(c);
  std::vector<float> targets(40);
  for (size_t i = 0; i < targets.size(); ++i) targets[i] = static_cast<float>(i % 7);
  regression.learn_batch(digits.features.data(), 20, nullptr, targets.data());
  write("regression.bin", regression);
  return 0;
}
