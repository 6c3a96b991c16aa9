// Objects that Python threads may share (a learner, a front-end with its
// scratch memory): their C++ work runs without the GIL, one thread at a time.
#pragma once
#include <pybind11/pybind11.h>

#include <mutex>

namespace neurite_python {

// Runs `work` with the GIL released and `mutex` held. The mutex is released
// before the GIL is taken back, so a thread that waits for the mutex while
// holding the GIL cannot deadlock with it.
template <typename Work>
void without_gil(std::mutex& mutex, Work&& work) {
  pybind11::gil_scoped_release release;
  std::lock_guard<std::mutex> lock(mutex);
  work();
}

}  // namespace neurite_python
