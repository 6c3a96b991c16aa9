#include "features.hpp"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "arrays.hpp"
#include "features_config.hpp"
#include "neurite/frontend/audio_io.hpp"
#include "neurite/frontend/pipeline.hpp"
#include "threads.hpp"

namespace py = pybind11;
namespace fe = neurite::frontend;
using namespace pybind11::literals;

namespace neurite_python {
namespace {

py::ssize_t length(size_t n) {
  return static_cast<py::ssize_t>(n);
}

// MFCC settings by name: "speech-8k", and the MFCC part of each audio preset.
fe::MfccConfig mfcc_preset(const std::string& name) {
  if (name == "speech-8k") return fe::speech_8k_preset();
  for (const std::string& audio : fe::audio_preset_names()) {
    if (name == audio) return fe::audio_preset(name).mfcc;
  }
  throw py::value_error("unknown MFCC preset '" + name + "' (known: speech-8k, digits-8k, kws-16k)");
}

std::vector<std::string> mfcc_preset_names() {
  std::vector<std::string> names{"speech-8k"};
  for (const std::string& audio : fe::audio_preset_names()) names.push_back(audio);
  return names;
}

py::tuple decode_wav(const py::bytes& data, const std::string& name) {
  const std::string_view bytes = data;
  fe::Audio audio;
  {
    py::gil_scoped_release release;
    audio = fe::decode_wav(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), name);
  }
  const py::ssize_t n = length(audio.samples.size());
  return py::make_tuple(adopt(std::move(audio.samples), {n}), audio.sample_rate);
}

py::array_t<float> resample(const py::array& samples, uint32_t from_rate, uint32_t to_rate) {
  const float* x = view<float>(samples, "samples", {-1});
  const size_t n = static_cast<size_t>(samples.shape(0));
  std::vector<float> out;
  {
    py::gil_scoped_release release;
    out = fe::resample(x, n, from_rate, to_rate);
  }
  const py::ssize_t count = length(out.size());
  return adopt(std::move(out), {count});
}

py::array_t<int16_t> samples_to_q15(const py::array& samples) {
  const float* x = view<float>(samples, "samples", {-1});
  py::array_t<int16_t> out(samples.shape(0));
  int16_t* q15 = out.mutable_data();
  const size_t n = static_cast<size_t>(samples.shape(0));
  {
    py::gil_scoped_release release;
    fe::samples_to_q15(x, n, q15);
  }
  return out;
}

// An audio pipeline whose plan (window, filters, DCT: about 0.3 ms to build) is
// kept for many recordings; a lock keeps threads that share one apart.
class AudioPipeline {
 public:
  explicit AudioPipeline(const fe::AudioPipelineConfig& config) : pipeline_(config) {}

  // Per-frame features, resampled and trimmed: AudioPipeline::frames.
  py::array_t<float> frames(const py::array& samples, uint32_t rate) {
    const float* x = view<float>(samples, "samples", {-1});
    const size_t n = static_cast<size_t>(samples.shape(0));
    std::vector<float> rows;
    size_t frames = 0;
    locked([&] { rows = pipeline_.frames(x, n, rate, &frames); });
    return adopt(std::move(rows), {length(frames), length(pipeline_.frame_width())});
  }

  // The utterance vector: AudioPipeline::features, what the CLI learns from.
  py::array_t<float> vector(const py::array& samples, uint32_t rate) {
    const float* x = view<float>(samples, "samples", {-1});
    const size_t n = static_cast<size_t>(samples.shape(0));
    std::vector<float> vector;
    locked([&] { vector = pipeline_.features(x, n, rate); });
    return adopt(std::move(vector), {length(pipeline_.dim())});
  }

  // The Q15 path's Q16.16 integers of int16 samples: AudioPipeline::frames_q16.
  py::array_t<int32_t> frames_q16(const py::array& samples) {
    const int16_t* x = view<int16_t>(samples, "samples", {-1});
    const size_t n = static_cast<size_t>(samples.shape(0));
    std::vector<int32_t> rows;
    size_t frames = 0;
    locked([&] { rows = pipeline_.frames_q16(x, n, &frames); });
    return adopt(std::move(rows), {length(frames), length(pipeline_.frame_width())});
  }

  size_t dim() const { return pipeline_.dim(); }
  fe::AudioPipelineConfig config() const { return pipeline_.config(); }

 private:
  template <typename Work>
  void locked(Work&& work) {
    without_gil(mutex_, work);
  }

  fe::AudioPipeline pipeline_;
  std::mutex mutex_;
};

// Every window of a recording, from a reset stream: MotionPipeline::windows.
py::array_t<float> motion_windows(const py::array& samples, const fe::MotionConfig& config) {
  fe::MotionPipeline pipeline(config);
  const float* x = view<float>(samples, "samples", {-1, config.channels});
  const size_t n = static_cast<size_t>(samples.shape(0));
  std::vector<float> rows;
  size_t windows = 0;
  {
    py::gil_scoped_release release;
    rows = pipeline.windows(x, n, &windows);
  }
  return adopt(std::move(rows), {length(windows), length(pipeline.dim())});
}

// The windows whose samples share one label >= 0: MotionPipeline::labelled_windows.
py::tuple motion_labelled_windows(const py::array& samples, const py::array& labels,
                                  const fe::MotionConfig& config) {
  fe::MotionPipeline pipeline(config);
  const float* x = view<float>(samples, "samples", {-1, config.channels});
  const py::ssize_t n = samples.shape(0);
  const int32_t* y = view<int32_t>(labels, "labels", {n});
  fe::MotionPipeline::Labelled windows;
  {
    py::gil_scoped_release release;
    windows = pipeline.labelled_windows(x, y, static_cast<size_t>(n));
  }
  const py::ssize_t count = length(windows.size());
  std::vector<int64_t> last(windows.last_sample.begin(), windows.last_sample.end());
  return py::make_tuple(adopt(std::move(windows.features), {count, length(pipeline.dim())}),
                        adopt(std::move(windows.labels), {count}), adopt(std::move(last), {count}));
}

// A motion stream with its state; a lock keeps threads that share one apart.
class MotionStream {
 public:
  explicit MotionStream(const fe::MotionConfig& config) : pipeline_(config) {}

  // The window's vector when this sample completes one, else None.
  py::object push(const py::array& sample) {
    const float* x = view<float>(sample, "sample", {pipeline_.config().channels});
    std::lock_guard<std::mutex> lock(mutex_);
    if (!pipeline_.push(x)) return py::none();
    return py::array_t<float>(length(pipeline_.dim()), pipeline_.features().data());
  }

  // The vectors of the windows these samples complete, in order.
  py::array_t<float> push_many(const py::array& samples) {
    const float* x = view<float>(samples, "samples", {-1, pipeline_.config().channels});
    const size_t n = static_cast<size_t>(samples.shape(0)), channels = pipeline_.config().channels;
    std::vector<float> rows;
    without_gil(mutex_, [&] {
      for (size_t i = 0; i < n; ++i) {
        if (pipeline_.push(x + i * channels)) {
          rows.insert(rows.end(), pipeline_.features().begin(), pipeline_.features().end());
        }
      }
    });
    const size_t dim = pipeline_.dim();
    return adopt(std::move(rows), {length(rows.size() / dim), length(dim)});
  }

  void reset() {
    std::lock_guard<std::mutex> lock(mutex_);
    pipeline_.reset();
  }

  size_t dim() const { return pipeline_.dim(); }
  fe::MotionConfig config() const { return pipeline_.config(); }

 private:
  fe::MotionPipeline pipeline_;
  std::mutex mutex_;
};

}  // namespace

void bind_features(py::module_& parent) {
  py::module_ module = parent.def_submodule(
      "features", "The sensor front-ends (docs/frontend.md); the Pythonic API is neurite.features.");
  py::register_exception_translator([](std::exception_ptr thrown) {
    try {
      if (thrown) std::rethrow_exception(thrown);
    } catch (const fe::Error& error) {
      PyErr_SetString(PyExc_ValueError, error.what());  // the front-end's sentence, naming the file
    }
  });
  bind_feature_configs(module);

  module.def("audio_preset", &fe::audio_preset, "name"_a);
  module.def("audio_preset_names", &fe::audio_preset_names);
  module.def("mfcc_preset", &mfcc_preset, "name"_a);
  module.def("mfcc_preset_names", &mfcc_preset_names);
  module.def("motion_preset", &fe::motion_preset, "name"_a);
  module.def("motion_preset_names", &fe::motion_preset_names);

  module.def("decode_wav", &decode_wav, "data"_a, "name"_a);
  module.def("resample", &resample, "samples"_a, "from_rate"_a, "to_rate"_a);
  module.def("samples_to_q15", &samples_to_q15, "samples"_a);
  module.def("motion_windows", &motion_windows, "samples"_a, "config"_a);
  module.def("motion_labelled_windows", &motion_labelled_windows, "samples"_a, "labels"_a, "config"_a);
  module.def(
      "motion_feature_count", [](const fe::MotionConfig& config) { return fe::MotionPipeline(config).dim(); },
      "config"_a);

  py::class_<AudioPipeline>(module, "AudioPipeline")
      .def(py::init<const fe::AudioPipelineConfig&>(), "config"_a)
      .def("frames", &AudioPipeline::frames, "samples"_a, "rate"_a)
      .def("vector", &AudioPipeline::vector, "samples"_a, "rate"_a)
      .def("frames_q16", &AudioPipeline::frames_q16, "samples"_a)
      .def_property_readonly("dim", &AudioPipeline::dim)
      .def_property_readonly("config", &AudioPipeline::config);

  py::class_<MotionStream>(module, "MotionStream")
      .def(py::init<const fe::MotionConfig&>(), "config"_a)
      .def("push", &MotionStream::push, "sample"_a)
      .def("push_many", &MotionStream::push_many, "samples"_a)
      .def("reset", &MotionStream::reset)
      .def_property_readonly("dim", &MotionStream::dim)
      .def_property_readonly("config", &MotionStream::config);
}

}  // namespace neurite_python
