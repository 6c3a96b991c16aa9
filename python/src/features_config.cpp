#include "features_config.hpp"

#include <charconv>
#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "neurite/frontend/pipeline.hpp"

namespace py = pybind11;
namespace fe = neurite::frontend;

namespace neurite_python {
namespace {

// The shortest text that reads back as the same float32: "0.97", not the
// 0.9700000286102417 of its double.
std::string float_text(float value) {
  char text[32];
  const auto end = std::to_chars(text, text + sizeof text, value).ptr;
  std::string out(text, end);
  if (out.find_first_of(".en") == std::string::npos) out += ".0";
  return out;
}

// A C++ settings struct as a Python class: fields by name, keyword
// construction from the C++ defaults, repr, equality, copy and pickle.
template <class T>
class Record {
 public:
  Record(py::module_& module, const char* name, const char* doc)
      : class_(module, name, doc), fields_(std::make_shared<std::vector<Field>>()) {}

  template <class F>
  Record& field(const char* name, F T::*member, const char* doc) {
    class_.def_readwrite(name, member, doc);
    if constexpr (std::is_same_v<F, float>) {
      fields_->push_back(
          {name, [member](const py::object& self) { return float_text(self.cast<const T&>().*member); }});
    } else {
      fields_->push_back(
          {name, [name](const py::object& self) { return py::repr(self.attr(name)).cast<std::string>(); }});
    }
    return *this;
  }

  // An enumeration as one of the strings of `options`.
  template <class E>
  Record& choice(const char* name, E T::*member, std::vector<std::pair<std::string, E>> options,
                 const char* doc) {
    auto known = std::make_shared<std::vector<std::pair<std::string, E>>>(std::move(options));
    class_.def_property(
        name,
        [member, known](const T& record) {
          for (const auto& [text, value] : *known) {
            if (record.*member == value) return text;
          }
          return std::string("?");
        },
        [name, member, known](T& record, const std::string& given) {
          std::string names;
          for (const auto& [text, value] : *known) {
            if (text == given) {
              record.*member = value;
              return;
            }
            names += (names.empty() ? "'" : ", '") + text + "'";
          }
          throw py::value_error(std::string(name) + " must be one of " + names + ", got '" + given + "'");
        },
        doc);
    fields_->push_back(
        {name, [name](const py::object& self) { return py::repr(self.attr(name)).cast<std::string>(); }});
    return *this;
  }

  void finish() {
    auto fields = fields_;
    auto with = [fields](const py::dict& changes) {
      py::object record = py::cast(T{});
      for (const auto& [key, value] : changes) {
        const std::string name = py::str(key);
        bool known = false;
        for (const Field& f : *fields) known = known || name == f.name;
        if (!known) {
          throw py::type_error(py::type::of(record).attr("__name__").cast<std::string>() +
                               "() got an unexpected keyword argument '" + name + "'");
        }
        record.attr(key) = value;
      }
      return record.cast<T>();
    };
    class_.def(py::init([with](const py::kwargs& changes) { return with(changes); }),
               "The C++ defaults, with the fields given by keyword.");
    class_.def("__repr__", [fields](const py::object& self) {
      std::string text = py::type::of(self).attr("__name__").cast<std::string>() + "(";
      for (size_t i = 0; i < fields->size(); ++i) {
        text += (i > 0 ? ", " : "") + std::string((*fields)[i].name) + "=" + (*fields)[i].repr(self);
      }
      return text + ")";
    });
    class_.def("__eq__", [fields](const py::object& self, const py::object& other) -> py::object {
      if (!py::isinstance<T>(other)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
      for (const Field& f : *fields) {
        if (!self.attr(f.name).equal(other.attr(f.name))) return py::bool_(false);
      }
      return py::bool_(true);
    });
    class_.attr("__hash__") = py::none();  // mutable
    class_.def("__copy__", [](const T& record) { return T(record); });
    class_.def("__deepcopy__", [](const T& record, const py::dict&) { return T(record); });
    class_.def(py::pickle(
        [fields](const py::object& self) {
          py::dict state;
          for (const Field& f : *fields) state[f.name] = self.attr(f.name);
          return state;
        },
        [with](const py::dict& state) { return with(state); }));
  }

 private:
  struct Field {
    const char* name;
    std::function<std::string(const py::object&)> repr;
  };
  py::class_<T> class_;
  std::shared_ptr<std::vector<Field>> fields_;
};

}  // namespace

void bind_feature_configs(py::module_& module) {
  Record<fe::MfccConfig>(module, "MfccConfig",
                         "Log-mel and MFCC settings (neurite/frontend/mfcc.hpp). Presets: mfcc_preset(name).")
      .field("sample_rate", &fe::MfccConfig::sample_rate, "Hz; other inputs are resampled to it")
      .field("window_ms", &fe::MfccConfig::window_ms, "frame length")
      .field("hop_ms", &fe::MfccConfig::hop_ms, "time between frame starts")
      .field("fft_size", &fe::MfccConfig::fft_size, "power of two, at least the window's samples")
      .field("mel_bands", &fe::MfccConfig::mel_bands, "triangular mel filters")
      .field("coefficients", &fe::MfccConfig::coefficients, "MFCCs kept per frame (<= mel_bands)")
      .field("fmin", &fe::MfccConfig::fmin, "lowest filter edge, Hz")
      .field("fmax", &fe::MfccConfig::fmax, "highest filter edge, Hz (0: rate / 2)")
      .field("pre_emphasis", &fe::MfccConfig::pre_emphasis, "a in y[t] = x[t] - a x[t-1]; 0 disables")
      .choice("window", &fe::MfccConfig::window,
              {{"hann", fe::WindowKind::hann}, {"hamming", fe::WindowKind::hamming}},
              "periodic window: 'hann' or 'hamming'")
      .choice("mel_scale", &fe::MfccConfig::mel_scale,
              {{"htk", fe::MelScale::htk}, {"slaney", fe::MelScale::slaney}}, "'htk' or 'slaney'")
      .field("slaney_norm", &fe::MfccConfig::slaney_norm, "area-normalised triangles")
      .field("power", &fe::MfccConfig::power, "|X|^2 (True) or |X| into the filters")
      .field("log_floor", &fe::MfccConfig::log_floor, "log(mel + floor)")
      .field("lifter", &fe::MfccConfig::lifter, "cepstral lifter L (0 disables)")
      .finish();

  Record<fe::UtteranceConfig>(
      module, "UtteranceConfig",
      "From per-frame features to one fixed-length vector (neurite/frontend/utterance.hpp).")
      .field("frames", &fe::UtteranceConfig::frames, "frames of the fixed-length sequence (0: none)")
      .choice("time_axis", &fe::UtteranceConfig::time_axis,
              {{"interpolate", fe::TimeAxis::interpolate}, {"average", fe::TimeAxis::average}},
              "'interpolate' (linear) or 'average' (equal segments)")
      .field("skip_coefficients", &fe::UtteranceConfig::skip_coefficients,
             "leading coefficients dropped (c0)")
      .field("mean_normalise", &fe::UtteranceConfig::mean_normalise, "cepstral mean normalisation")
      .field("deltas", &fe::UtteranceConfig::deltas, "append deltas (regression over +-2 frames)")
      .field("pool_mean", &fe::UtteranceConfig::pool_mean, "append each coefficient's utterance mean")
      .field("pool_std", &fe::UtteranceConfig::pool_std, "append each coefficient's standard deviation")
      .finish();

  Record<fe::AudioPipelineConfig>(module, "AudioConfig",
                                  "An audio pipeline: MFCC (or log-mel with mfcc.coefficients = 0), silence "
                                  "trimming and the utterance vector (C++ AudioPipelineConfig). Presets: "
                                  "audio_preset(name).")
      .field("mfcc", &fe::AudioPipelineConfig::mfcc, "MfccConfig")
      .field("trim", &fe::AudioPipelineConfig::trim, "trim leading and trailing silence")
      .field("trim_db", &fe::AudioPipelineConfig::trim_db, "keep frames within this of the loudest")
      .field("trim_frame_ms", &fe::AudioPipelineConfig::trim_frame_ms, "trimming frame length")
      .field("trim_margin", &fe::AudioPipelineConfig::trim_margin, "trimming frames kept each side")
      .field("utterance", &fe::AudioPipelineConfig::utterance, "UtteranceConfig")
      .field("fixed_point", &fe::AudioPipelineConfig::fixed_point, "MFCC on the int16 (Q15) path")
      .finish();

  Record<fe::MotionConfig>(module, "MotionConfig",
                           "Windowed motion and vibration features (neurite/frontend/motion.hpp). Presets: "
                           "motion_preset(name).")
      .field("channels", &fe::MotionConfig::channels, "values per sample")
      .field("sample_rate", &fe::MotionConfig::sample_rate, "Hz")
      .field("window", &fe::MotionConfig::window, "samples per window (8..8192)")
      .field("hop", &fe::MotionConfig::hop, "samples between window starts (1..window)")
      .field("gravity_channels", &fe::MotionConfig::gravity_channels,
             "leading accelerometer channels gravity is removed from")
      .field("gravity_cutoff_hz", &fe::MotionConfig::gravity_cutoff_hz, "gravity low-pass cut-off")
      .field("magnitudes", &fe::MotionConfig::magnitudes, "add |v| of channels (0,1,2), (3,4,5), ...")
      .field("bands", &fe::MotionConfig::bands, "log band energies per signal")
      .field("max_band_hz", &fe::MotionConfig::max_band_hz, "upper edge of the bands (0: rate / 2)")
      .field("peaks", &fe::MotionConfig::peaks, "dominant frequencies per signal")
      .field("band_floor", &fe::MotionConfig::band_floor, "floor of the log band energies")
      .finish();
}

}  // namespace neurite_python
