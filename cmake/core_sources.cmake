# Sources of the device learner, its C API and the device-side code, shared by the host build and
# the firmware build (firmware/CMakeLists.txt), which compile them alike.
set(NEURITE_CORE_SOURCES
  src/core/cholesky.cpp
  src/core/config.cpp
  src/core/engine_build.cpp
  src/core/engine_geometry.cpp
  src/core/engine_learn.cpp
  src/core/engine_predict.cpp
  src/core/engine_solver.cpp
  src/core/engine_store.cpp
  src/core/fmath.cpp
  src/core/format.cpp
  src/core/kernels.cpp
  src/core/learner.cpp
  src/core/plan.cpp
  src/core/sort.cpp
  src/core/status.cpp)
set(NEURITE_C_API_SOURCES src/c_api/neurite_c.cpp)
set(NEURITE_DEVICE_SOURCES src/device/sequence.cpp src/device/slots.cpp)
