// Standalone `neurite export --c`: writes a saved model as a C header.
// Usage: neurite_export_c MODEL.nrt OUT.h [NAME]   (NAME defaults to neurite_model)
#include <cstdio>

#include "neurite/export.hpp"
#include "neurite/model.hpp"

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::fprintf(stderr, "usage: %s MODEL.nrt OUT.h [NAME]\n", argv[0]);
    return 2;
  }
  try {
    neurite::export_c_file(argv[1], argv[2], argc == 4 ? argv[3] : "neurite_model");
  } catch (const neurite::Error& error) {
    std::fprintf(stderr, "error: %s\n", error.what());
    return 1;
  }
  return 0;
}
