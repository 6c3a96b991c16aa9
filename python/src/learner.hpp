// neurite._neurite.Learner: one learner of the C API whose arena (16-byte
// aligned) belongs to the Python object.
#pragma once
#include <pybind11/pybind11.h>

namespace neurite_python {

void bind_learner(pybind11::module_& module);

}  // namespace neurite_python
