// neurite._neurite.features: the sensor front-ends (neurite_frontend and its
// host pipelines, docs/frontend.md) over NumPy arrays. The same C++ functions
// the CLI and the device use, so the same bits; strict about its inputs (the
// Pythonic layer, python/neurite/features.py, converts them once).
#pragma once
#include <pybind11/pybind11.h>

namespace neurite_python {

void bind_features(pybind11::module_& module);

}  // namespace neurite_python
