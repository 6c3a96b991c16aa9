// Kernel statuses as Python exceptions: neurite.Error, a ValueError carrying
// the status name and the learner's detail ("row 3: feature 12 is NaN").
#pragma once
#include <pybind11/pybind11.h>

#include <stdexcept>
#include <string>

#include "neurite.h"

namespace neurite_python {

class StatusError : public std::runtime_error {
 public:
  StatusError(neurite_status status, const std::string& message)
      : std::runtime_error(message), status_(status) {}
  neurite_status status() const { return status_; }

 private:
  neurite_status status_;
};

// Throws StatusError "<verb>: <detail> (<status name>)" unless status is NEURITE_OK.
void check(neurite_status status, const char* verb, const char* detail);

// Registers neurite.Error and the translation of StatusError into it.
void bind_errors(pybind11::module_& module);

}  // namespace neurite_python
