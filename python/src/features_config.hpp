// The front-ends' settings as Python classes of neurite.features: MfccConfig,
// UtteranceConfig, AudioConfig (the C++ AudioPipelineConfig) and MotionConfig.
// Fields read and write the C++ structs (defaults and presets come from the
// C++ only); enumerations are strings ("hann", "slaney", "average").
#pragma once
#include <pybind11/pybind11.h>

namespace neurite_python {

void bind_feature_configs(pybind11::module_& module);

}  // namespace neurite_python
