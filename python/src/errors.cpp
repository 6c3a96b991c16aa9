#include "errors.hpp"

namespace py = pybind11;

namespace neurite_python {

void check(neurite_status status, const char* verb, const char* detail) {
  if (status == NEURITE_OK) return;
  std::string message = std::string(verb) + ": ";
  message += (detail != nullptr && detail[0] != '\0') ? detail : neurite_status_message(status);
  message += std::string(" (") + neurite_status_name(status) + ")";
  throw StatusError(status, message);
}

void bind_errors(py::module_& module) {
  PYBIND11_CONSTINIT static py::gil_safe_call_once_and_store<py::object> error_type;
  error_type.call_once_and_store_result([&]() {
    py::object type = py::exception<StatusError>(module, "Error", PyExc_ValueError);
    type.attr("__doc__") =
        "A neurite call failed. A ValueError; `status` holds the kernel's status name "
        "(e.g. 'dimension_mismatch', 'not_finite', 'truncated').";
    return type;
  });
  py::register_exception_translator([](std::exception_ptr thrown) {
    try {
      if (thrown) std::rethrow_exception(thrown);
    } catch (const StatusError& error) {
      py::object type = error_type.get_stored();
      py::object instance = type(error.what());
      instance.attr("status") = neurite_status_name(error.status());
      PyErr_SetObject(type.ptr(), instance.ptr());
    }
  });
}

}  // namespace neurite_python
