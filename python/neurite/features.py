"""neurite.features: the sensor front-ends of neurite (docs/frontend.md) from
Python. The same C++ functions as the `neurite` command line and the device
(`neurite_frontend`), compiled with the same flags: the same bits.

Audio (float samples, full scale 1):

- read_wav(path), decode_wav(data) -> (samples, rate)
- resample(samples, rate, new_rate), to_q15(samples)
- log_mel / mfcc(samples, rate, preset): per-frame features
- log_mel_q15 / mfcc_q15(samples_int16, rate, preset): the fixed-point path's integers
- utterance_frames / utterance_vector(samples, rate, preset="digits-8k"): what the
  command line learns from (resampled, trimmed, brought to a fixed length)
- AudioPipeline(preset): the same for many recordings, the plan built once

Motion and vibration (rows of samples, one column per channel):

- motion_features(window, rate, preset="imu"): the vector of one window
- motion_windows(samples, rate, preset="imu", labels=None): every window of a recording
- MotionStream(preset="imu"): push samples, get a vector whenever a window completes

Settings: presets by name (mfcc_preset, audio_preset, motion_preset; the names in
MFCC_PRESETS, AUDIO_PRESETS, MOTION_PRESETS) or objects (MfccConfig, AudioConfig,
UtteranceConfig, MotionConfig) whose fields can be changed. Arrays come back as
float32 (int16/int32 on the Q15 path); float32 C-contiguous input is not copied.
Bad input raises ValueError with the front-end's reason (naming the file for the
readers), or TypeError for a wrong type.
"""

import copy
import numbers
import os
import threading
from typing import NamedTuple

import numpy as np

from ._neurite import features as _native
from ._neurite.features import AudioConfig, MfccConfig, MotionConfig, UtteranceConfig

AUDIO_PRESETS = tuple(_native.audio_preset_names())
MFCC_PRESETS = tuple(_native.mfcc_preset_names())
MOTION_PRESETS = tuple(_native.motion_preset_names())

__all__ = [
    "AUDIO_PRESETS",
    "MFCC_PRESETS",
    "MOTION_PRESETS",
    "AudioConfig",
    "AudioPipeline",
    "LabelledWindows",
    "MfccConfig",
    "MotionConfig",
    "MotionStream",
    "UtteranceConfig",
    "audio_dim",
    "audio_preset",
    "decode_wav",
    "log_mel",
    "log_mel_q15",
    "mfcc",
    "mfcc_preset",
    "mfcc_q15",
    "motion_dim",
    "motion_features",
    "motion_preset",
    "motion_windows",
    "read_wav",
    "resample",
    "to_q15",
    "utterance_frames",
    "utterance_vector",
]


# ---------------------------------------------------------------- presets


def mfcc_preset(name):
    """MfccConfig of a preset: 'speech-8k' (8 kHz speech: 25 ms Hamming window, 10 ms
    hop, 40 mel bands on power, 13 coefficients), 'kws-16k' (MLPerf Tiny keyword
    spotting: 16 kHz, 30/20 ms, 40 bands on magnitudes, 10 coefficients) or
    'digits-8k' (speech-8k with lifter 22: the MFCC of the spoken-digit pipeline)."""
    return _native.mfcc_preset(name)


def audio_preset(name):
    """AudioConfig of a pipeline preset, as the command line's --preset: 'digits-8k'
    (spoken digits: 12 MFCC without c0, silence trimmed at 20 dB, 16 averaged
    segments: 192 values) or 'kws-16k' (49 x 10 MFCC of a one-second clip)."""
    return _native.audio_preset(name)


def motion_preset(name, rate=None):
    """MotionConfig of a preset: 'imu' (smartphone at 50 Hz, acc xyz in g and gyro xyz
    in rad/s: windows of 128 every 64 samples, gravity removed, magnitudes, 4 bands:
    91 values) or 'vibration-12k' (one axis at 12 kHz: 1024 every 512, 8 bands, 3
    peaks). `rate` (Hz) replaces the preset's sample rate."""
    config = _native.motion_preset(name)
    if rate is not None:
        config.sample_rate = _positive(rate, "rate")
    return config


# ---------------------------------------------------------------- input checks


def _positive(value, what):
    if isinstance(value, numbers.Real) and not isinstance(value, bool) and np.isfinite(value) and value > 0:
        return float(value)
    raise ValueError(f"{what} must be a positive number, got {value!r}")


def _rate(rate, what="rate"):
    """An audio sample rate: a positive integer number of Hz."""
    if isinstance(rate, numbers.Real) and not isinstance(rate, bool) and float(rate).is_integer():
        if 0 < rate < 2**32:
            return int(rate)
    raise ValueError(f"{what} must be a positive whole number of Hz, got {rate!r}")


def _first_non_finite(array):
    return int(np.flatnonzero(~np.isfinite(array.ravel()))[0])


def _floats(samples, what, ndim):
    """`samples` as C-contiguous float32 of `ndim` dimensions (no copy when they
    already are), all finite."""
    array = np.asarray(samples)
    if array.dtype.kind in "iub":
        raise TypeError(
            f"{what} are {array.dtype}: the float functions take samples in full scale 1 "
            f"(divide int16 by 32768, or use the *_q15 functions)"
        )
    if array.dtype.kind != "f":
        raise TypeError(f"{what} must be real numbers, got an array of {array.dtype}")
    if array.ndim != ndim:
        shape = "(samples,) (one channel)" if ndim == 1 else "(samples, channels)"
        raise ValueError(f"{what} must have shape {shape}, got shape {array.shape}")
    with np.errstate(over="ignore"):  # a value beyond float32 becomes inf, refused below
        array = np.ascontiguousarray(array, dtype=np.float32)
    if not np.isfinite(np.sum(array, dtype=np.float64)):  # one pass, no temporary of the input's size
        raise ValueError(f"{what}: value {_first_non_finite(array)} is not a finite float32 number")
    return array


def _signal(samples):
    array = _floats(samples, "samples", 1)
    if array.size == 0:
        raise ValueError("samples: the signal is empty")
    return array


def _q15(samples):
    array = np.asarray(samples)
    if array.dtype != np.int16:
        raise TypeError(
            f"the Q15 path takes int16 samples, got {array.dtype} (to_q15 converts float samples as the "
            "fixed-point pipeline does)"
        )
    if array.ndim != 1 or array.size == 0:
        raise ValueError(f"samples must be a non-empty one-dimensional signal, got shape {array.shape}")
    return np.ascontiguousarray(array)


def _copy_of(config, kind, name_of):
    if isinstance(config, str):
        return name_of(config)
    if isinstance(config, kind):
        return copy.copy(config)  # the caller's object is never changed
    raise TypeError(f"preset must be a preset name or a {kind.__name__}, got {type(config).__name__}")


def _audio_config(preset, fixed_point):
    config = _copy_of(preset, AudioConfig, audio_preset)
    if fixed_point is not None:
        config.fixed_point = bool(fixed_point)
    return config


def _motion_config(preset, rate):
    config = _copy_of(preset, MotionConfig, motion_preset)
    if rate is not None:
        config.sample_rate = _positive(rate, "rate")
    return config


def _motion_samples(samples, config, what="samples"):
    array = np.asarray(samples)
    if array.ndim == 1 and config.channels == 1:
        array = array.reshape(-1, 1)  # a view: one channel as a column
    array = _floats(array, what, 2)
    if array.shape[1] != config.channels:
        raise ValueError(
            f"{what} have {array.shape[1]} channels (columns), the settings take {config.channels} "
            f"(MotionConfig.channels)"
        )
    return array


# ---------------------------------------------------------------- audio


def decode_wav(data, name="<bytes>"):
    """(samples, rate) of a WAV file's bytes: float32 mono in full scale 1 (channels
    averaged) and the rate in Hz. PCM 8/16/24/32-bit or float 32/64, also
    WAVE_FORMAT_EXTENSIBLE; anything else raises ValueError naming `name`."""
    if not isinstance(data, bytes):
        data = bytes(data)
    return _native.decode_wav(data, str(name))


def read_wav(path):
    """(samples, rate) of a WAV file (a path or an open binary file): float32 mono
    in full scale 1 and the rate in Hz. A file it cannot read raises OSError, one
    it cannot decode ValueError naming the file and the reason."""
    if hasattr(path, "read"):
        return decode_wav(path.read(), getattr(path, "name", "<file>"))
    name = os.fsdecode(path)
    with open(name, "rb") as file:
        return decode_wav(file.read(), name)


def resample(samples, rate, new_rate):
    """The signal converted from `rate` to `new_rate` Hz (polyphase windowed sinc; any
    pair of 8, 16, 22.05, 44.1, 48 kHz and others whose ratio is simple enough)."""
    return _native.resample(_signal(samples), _rate(rate), _rate(new_rate, "new_rate"))


def to_q15(samples):
    """float samples (full scale 1) to int16 as the fixed-point pipeline converts them:
    rounded to nearest, saturated at full scale."""
    return _native.samples_to_q15(_signal(samples))


# Pipelines of named presets, kept per thread: building a plan (window, filters,
# DCT) costs more than the features of a short recording.
_pipelines = threading.local()


def _native_pipeline(preset, key, make_config):
    if not isinstance(preset, str):
        return _native.AudioPipeline(make_config())
    kept = _pipelines.__dict__.setdefault("by_key", {})
    if key not in kept:
        kept[key] = _native.AudioPipeline(make_config())
    return kept[key]


def _frames_pipeline(preset, log_mel_only, fixed_point):
    """An untrimmed pipeline that gives the per-frame MFCC (or log-mel) of a preset."""

    def make_config():
        mfcc_config = _copy_of(preset, MfccConfig, mfcc_preset)
        config = AudioConfig(mfcc=mfcc_config, trim=False, fixed_point=bool(fixed_point))
        if log_mel_only:
            config.mfcc.coefficients = 0
        return config

    return _native_pipeline(preset, ("frames", preset, log_mel_only, bool(fixed_point)), make_config)


def _utterance_pipeline(preset, fixed_point):
    key = ("utterance", preset, None if fixed_point is None else bool(fixed_point))
    return _native_pipeline(preset, key, lambda: _audio_config(preset, fixed_point))


def log_mel(samples, rate, preset="speech-8k", *, fixed_point=False):
    """Log-mel frames, float32 of shape (frames, mel_bands). `preset` is a name of
    MFCC_PRESETS or an MfccConfig; samples at another rate are resampled to its rate
    first. With fixed_point=True the int16 (Q15) path computes them (values are its
    Q16.16 integers / 65536)."""
    return _frames_pipeline(preset, True, fixed_point).frames(_signal(samples), _rate(rate))


def mfcc(samples, rate, preset="speech-8k", *, fixed_point=False):
    """MFCC frames, float32 of shape (frames, coefficients); as log_mel otherwise."""
    return _frames_pipeline(preset, False, fixed_point).frames(_signal(samples), _rate(rate))


def _q15_frames(samples, rate, preset, log_mel_only):
    pipeline = _frames_pipeline(preset, log_mel_only, True)
    expected = pipeline.config.mfcc.sample_rate
    if _rate(rate) != expected:
        raise ValueError(
            f"the Q15 path takes samples at the preset's rate ({expected} Hz), got {rate} Hz: "
            "resample the float signal first"
        )
    return pipeline.frames_q16(_q15(samples))


def log_mel_q15(samples, rate, preset="speech-8k"):
    """Log-mel frames of int16 samples on the fixed-point path, as the device computes
    them: int32 in Q16.16 (value = out / 65536), shape (frames, mel_bands)."""
    return _q15_frames(samples, rate, preset, True)


def mfcc_q15(samples, rate, preset="speech-8k"):
    """MFCC frames of int16 samples on the fixed-point path: int32 Q16.16, shape
    (frames, coefficients)."""
    return _q15_frames(samples, rate, preset, False)


def utterance_frames(samples, rate, preset="digits-8k", *, fixed_point=None):
    """The per-frame features a pipeline preset (a name of AUDIO_PRESETS or an
    AudioConfig) makes its vector from: resampled, silence trimmed; float32 of shape
    (frames, coefficients or mel bands). fixed_point overrides the preset's."""
    return _utterance_pipeline(preset, fixed_point).frames(_signal(samples), _rate(rate))


def utterance_vector(samples, rate, preset="digits-8k", *, fixed_point=None):
    """The fixed-length vector of an utterance, float32 of shape (audio_dim(preset),):
    exactly what `neurite learn --preset <name>` learns from (and `neurite features`
    writes). fixed_point=True computes the MFCC on the int16 path, as --fixed-point."""
    return _utterance_pipeline(preset, fixed_point).vector(_signal(samples), _rate(rate))


def audio_dim(preset="digits-8k"):
    """Length of utterance_vector() for a pipeline preset or AudioConfig."""
    return _utterance_pipeline(preset, None).dim


class _FrontEnd:
    """What AudioPipeline and MotionStream share: a native front-end with its settings."""

    def __init__(self, native):
        self._native = native

    @property
    def config(self):
        """A copy of the settings."""
        return self._native.config

    @property
    def dim(self):
        """Length of the vectors."""
        return self._native.dim

    def __repr__(self):
        return f"{type(self).__name__}({self._native.config!r})"


class AudioPipeline(_FrontEnd):
    """An audio front-end for many recordings: its plan (window, mel filters, DCT) is
    built once. frames() and vector() are utterance_frames() and utterance_vector()
    of its preset (a name of AUDIO_PRESETS or an AudioConfig). Thread-safe (one lock
    per pipeline; the work runs without the GIL)."""

    def __init__(self, preset="digits-8k", *, fixed_point=None):
        super().__init__(_native.AudioPipeline(_audio_config(preset, fixed_point)))

    def frames(self, samples, rate):
        """Per-frame features (resampled, trimmed), shape (frames, width)."""
        return self._native.frames(_signal(samples), _rate(rate))

    def vector(self, samples, rate):
        """The fixed-length vector, shape (dim,)."""
        return self._native.vector(_signal(samples), _rate(rate))


# ---------------------------------------------------------------- motion


class LabelledWindows(NamedTuple):
    """Windows of a labelled recording: the vectors (windows, dim), the label all
    samples of each window share, and the index of each window's last sample."""

    features: np.ndarray
    labels: np.ndarray
    last_sample: np.ndarray


def motion_dim(preset="imu"):
    """Length of a motion vector for a preset or MotionConfig."""
    return _native.motion_feature_count(_motion_config(preset, None))


def motion_features(window, rate=None, preset="imu"):
    """The vector of one window (shape (config.window, channels)): statistics, band
    energies and peaks per signal (docs/frontend.md). Gravity tracking starts at the
    window's first sample; for windows of a longer recording use motion_windows or
    MotionStream, which track it through the recording as the device does."""
    config = _motion_config(preset, rate)
    array = _motion_samples(window, config, "window")
    if array.shape[0] != config.window:
        raise ValueError(
            f"window has {array.shape[0]} samples, the settings take windows of {config.window} "
            f"(use motion_windows for a longer recording)"
        )
    return _native.motion_windows(array, config)[0]


def _label_codes(labels, count):
    """int32 codes of `labels` (negative: unlabelled) and the values they stand for."""
    labels = np.asarray(labels)
    if labels.shape != (count,):
        raise ValueError(f"labels must have one value per sample, shape ({count},), got shape {labels.shape}")
    if labels.dtype.kind in "iu":
        if labels.size and (labels.max() > np.iinfo(np.int32).max or labels.min() < np.iinfo(np.int32).min):
            raise ValueError("integer labels must fit in int32")
        return np.ascontiguousarray(labels, dtype=np.int32), None
    if labels.dtype.kind not in "USO":
        raise TypeError(f"labels must be integers (negative: unlabelled) or strings, got {labels.dtype}")
    unlabelled = np.array([value is None or value == "" for value in labels.tolist()], dtype=bool)
    names, codes = np.unique(labels[~unlabelled].astype(str), return_inverse=True)
    out = np.full(count, -1, dtype=np.int32)
    out[~unlabelled] = codes
    return out, names


def motion_windows(samples, rate=None, preset="imu", labels=None):
    """The vectors of every window of a recording (rows of samples, one column per
    channel), float32 of shape (windows, dim): the first window when `window` samples
    have arrived, then one every `hop`; gravity tracking runs through the recording.

    With `labels` (one per sample: integers, negative for unlabelled samples; or
    strings, '' or None for unlabelled), only windows whose samples all share one
    label are kept, as the command line's --sensor input does; returns
    LabelledWindows(features, labels, last_sample)."""
    config = _motion_config(preset, rate)
    array = _motion_samples(samples, config)
    if labels is None:
        return _native.motion_windows(array, config)
    codes, names = _label_codes(labels, array.shape[0])
    features, kept, last = _native.motion_labelled_windows(array, codes, config)
    return LabelledWindows(features, kept if names is None else names[kept], last)


class MotionStream(_FrontEnd):
    """A motion front-end that takes samples as they come: push() returns a window's
    vector whenever one completes (the first after `window` samples, then one every
    `hop`), as a device's loop would. Thread-safe (one lock per stream)."""

    def __init__(self, preset="imu", rate=None):
        config = _motion_config(preset, rate)
        super().__init__(_native.MotionStream(config))
        self._channels = config.channels

    def push(self, sample):
        """One sample (one value per channel): the vector of the window it completes,
        float32 of shape (dim,), or None."""
        array = _floats(sample, "sample", 1)
        if array.shape != (self._channels,):
            raise ValueError(f"sample has {array.shape[0]} values, the stream takes {self._channels} channels")
        return self._native.push(array)

    def push_many(self, samples):
        """Rows of samples: the vectors of the windows they complete, shape (windows, dim)."""
        return self._native.push_many(_motion_samples(samples, self._native.config))

    def reset(self):
        """Forgets the buffered samples and the gravity estimate (a new recording)."""
        self._native.reset()
