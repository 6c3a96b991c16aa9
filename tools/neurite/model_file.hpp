// The command line's model file: the learner's own model bytes (docs/format.md)
// behind a small header that carries the front-end settings and the class
// names (docs/cli.md). Plain core models (magic NRTE) are read as well.
//
//   0      4  magic "NRTC"
//   4      2  version (1), little-endian
//   6      2  reserved, 0
//   8      4  metadata length J
//   12     J  metadata: UTF-8 JSON {"frontend": {...}, "labels": [...], ...}
//   12+J   4  CRC-32 (as zlib) of bytes 0 .. 12+J-1
//   16+J   .. the core model, to the end of the file
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "frontend_spec.hpp"
#include "learner.hpp"

namespace neurite::cli {

// Class names and the learner's integer labels (ids in order of first use).
class Labels {
 public:
  // The id of a name; new names get the next id when `add` is true, else
  // std::nullopt-like -1.
  int32_t id(const std::string& name, bool add);
  std::string name(int32_t id) const;
  const std::vector<std::string>& names() const { return names_; }
  void set(std::vector<std::string> names);

 private:
  std::vector<std::string> names_;
  std::map<std::string, int32_t> ids_;
};

struct ModelFile {
  FrontendSpec frontend;
  Labels labels;
  Learner learner;
};

void save_model(const std::string& path, const FrontendSpec& frontend, const Labels& labels,
                const Learner& learner);
ModelFile load_model(const std::string& path);

}  // namespace neurite::cli
