// The compiled part of the Python package: `neurite._neurite`. It binds the C
// API of the learner (include/neurite.h) and, in the submodule `features`, the
// sensor front-ends (include/neurite/frontend); the estimators and the
// Pythonic features API are plain Python (python/neurite).
#include <pybind11/pybind11.h>

#include "errors.hpp"
#include "features.hpp"
#include "learner.hpp"

PYBIND11_MODULE(_neurite, module) {
  module.doc() = "neurite kernel bindings over the C API (include/neurite.h) and the sensor front-ends";
  module.attr("__version__") = NEURITE_VERSION;
  neurite_python::bind_errors(module);
  neurite_python::bind_learner(module);
  neurite_python::bind_features(module);
}
