// The compiled part of the Python package: `neurite._neurite`. It binds the C
// API (include/neurite.h) only; the estimators are pure Python (python/neurite).
// Further front-ends (e.g. neurite.features) add their own bind_* here.
#include <pybind11/pybind11.h>

#include "errors.hpp"
#include "learner.hpp"

PYBIND11_MODULE(_neurite, module) {
  module.doc() = "neurite kernel bindings over the C API (include/neurite.h)";
  module.attr("__version__") = NEURITE_VERSION;
  neurite_python::bind_errors(module);
  neurite_python::bind_learner(module);
}
