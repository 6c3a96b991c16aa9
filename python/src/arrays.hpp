// NumPy arrays at the binding's edge: inputs read in place (never copied or
// converted here: the Python layer converts once), outputs that take over a
// C++ vector's memory (never copied either).
#pragma once
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

namespace neurite_python {

// "float64 array of shape (3, 4)", for messages.
inline std::string describe(const pybind11::array& array) {
  std::string text = pybind11::str(array.dtype()).cast<std::string>() + " array of shape (";
  for (pybind11::ssize_t axis = 0; axis < array.ndim(); ++axis) {
    text += (axis > 0 ? ", " : "") + std::to_string(array.shape(axis));
  }
  return text + (array.ndim() == 1 ? ",)" : ")");
}

// The data of `array` in place, if it is C-contiguous of type T with the given
// shape (-1: any length); a TypeError naming `what` otherwise.
template <typename T>
const T* view(const pybind11::array& array, const char* what,
              std::initializer_list<pybind11::ssize_t> shape) {
  namespace py = pybind11;
  bool fits = py::array_t<T, py::array::c_style>::check_(array) &&
              array.ndim() == static_cast<py::ssize_t>(shape.size());
  py::ssize_t axis = 0;
  for (const py::ssize_t length : shape) {
    fits = fits && (length < 0 || array.shape(axis) == length);
    ++axis;
  }
  if (!fits) {
    std::string wanted = "(";
    axis = 0;
    for (const py::ssize_t length : shape) {
      wanted += (axis++ > 0 ? ", " : "") + (length < 0 ? std::string("n") : std::to_string(length));
    }
    wanted += shape.size() == 1 ? ",)" : ")";
    throw py::type_error(std::string(what) + " must be a C-contiguous " +
                         py::str(py::dtype::of<T>()).cast<std::string>() + " array of shape " + wanted +
                         ", got a " + describe(array));
  }
  return static_cast<const T*>(array.data());
}

// A NumPy array of the given shape over `values`, whose memory it takes over.
template <typename T>
pybind11::array_t<T> adopt(std::vector<T>&& values, std::vector<pybind11::ssize_t> shape) {
  namespace py = pybind11;
  auto* owned = new std::vector<T>(std::move(values));
  py::capsule owner(owned, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return py::array_t<T>(std::move(shape), owned->data(), owner);
}

}  // namespace neurite_python
