"""neurite.features: presets and settings, the paths agreeing with each other,
learning from the vectors, no copies of float32 input, threads, and the errors.
(Equality with the C++ command line: test_features_cli.py.)"""

import copy
import io
import pickle
import threading
from pathlib import Path

import numpy as np
import pytest

import neurite
from neurite import features

REPO = Path(__file__).resolve().parents[2]
FSDD = REPO / "data" / "fsdd"
needs_fsdd = pytest.mark.skipif(not FSDD.is_dir(), reason="data/fsdd is not here (e.g. an sdist)")


@pytest.fixture(scope="module")
def recording():
    if not FSDD.is_dir():
        pytest.skip("data/fsdd is not here")
    return features.read_wav(FSDD / "6_jackson_0.wav")  # half a second of silence around the word


@pytest.fixture(scope="module")
def digits():
    """Vectors of the 200 bundled recordings, their digits and recording indices."""
    if not FSDD.is_dir():
        pytest.skip("data/fsdd is not here")
    paths = sorted(FSDD.glob("*.wav"))
    X = np.stack([features.utterance_vector(*features.read_wav(p)) for p in paths])
    digit, _, index = zip(*(p.stem.split("_") for p in paths))
    return X, np.array(digit, dtype=int), np.array(index, dtype=int)


def imu_recording(n=1000, seed=0):
    """A phone held still then walking: acc (g, gravity on z) and gyro (rad/s)."""
    rng = np.random.default_rng(seed)
    t = np.arange(n) / 50.0
    acc = np.tile([0.0, 0.0, 1.0], (n, 1)) + 0.01 * rng.standard_normal((n, 3))
    acc[n // 2 :, 2] += 0.3 * np.sin(2 * np.pi * 2.0 * t[n // 2 :])
    gyro = 0.02 * rng.standard_normal((n, 3))
    return np.hstack([acc, gyro]).astype(np.float32)


# ---------------------------------------------------------------- presets and settings


def test_presets_have_the_documented_shapes():
    assert features.AUDIO_PRESETS == ("digits-8k", "kws-16k")
    assert features.MFCC_PRESETS == ("speech-8k", "digits-8k", "kws-16k")
    assert features.MOTION_PRESETS == ("imu", "vibration-12k")
    assert features.audio_dim("digits-8k") == 12 * 16
    assert features.audio_dim("kws-16k") == 49 * 10
    assert features.motion_dim("imu") == 91
    assert features.motion_dim("vibration-12k") == 7 + 8 + 3
    digits = features.audio_preset("digits-8k")
    assert digits.mfcc == features.mfcc_preset("digits-8k")
    assert (digits.mfcc.sample_rate, digits.mfcc.lifter, digits.trim_db) == (8000, 22.0, 20.0)
    utterance = digits.utterance
    assert (utterance.frames, utterance.time_axis, utterance.skip_coefficients) == (16, "average", 1)
    assert features.mfcc_preset("speech-8k").window == "hamming"
    assert features.mfcc_preset("kws-16k").power is False
    assert features.motion_preset("vibration-12k", rate=25600).sample_rate == 25600.0


def test_settings_are_plain_python_values():
    config = features.AudioConfig(trim=False, fixed_point=True)
    assert config.trim is False and config.fixed_point is True
    assert config.mfcc == features.mfcc_preset("speech-8k")  # the C++ defaults
    config.mfcc.lifter = 22  # nested settings change in place
    assert config.mfcc.lifter == 22.0
    assert "pre_emphasis=0.97" in repr(features.mfcc_preset("speech-8k"))  # float32 shown as set
    assert pickle.loads(pickle.dumps(config)) == config
    assert copy.deepcopy(config) == config and copy.copy(config) is not config
    assert features.MotionConfig(channels=4) != features.MotionConfig()
    with pytest.raises(TypeError, match="unexpected keyword argument 'windows'"):
        features.MotionConfig(windows=64)
    with pytest.raises(ValueError, match="window must be one of 'hann', 'hamming', got 'hanning'"):
        features.MfccConfig(window="hanning")


def test_a_preset_object_given_is_never_changed(recording):
    samples, rate = recording
    config = features.audio_preset("digits-8k")
    before = copy.deepcopy(config)
    features.utterance_vector(samples, rate, config, fixed_point=True)
    features.log_mel(samples, rate, config.mfcc)
    assert config == before


# ---------------------------------------------------------------- the paths agree


def test_frames_are_the_per_frame_features_of_the_pipeline(recording):
    samples, rate = recording
    untrimmed = features.audio_preset("digits-8k")
    untrimmed.trim = False
    frames = features.utterance_frames(samples, rate, untrimmed)
    np.testing.assert_array_equal(frames, features.mfcc(samples, rate, "digits-8k"))
    assert frames.shape == (1 + (len(samples) - 200) // 80, 13)  # 25 ms windows every 10 ms at 8 kHz
    trimmed = features.utterance_frames(samples, rate, "digits-8k")
    assert len(trimmed) < len(frames) - 40  # the silence around the word is gone
    # Trimming cuts at multiples of the hop: past its first row (pre-emphasis
    # starts afresh there), the trimmed run is a run of the untrimmed frames.
    starts = [k for k in range(len(frames)) if np.array_equal(trimmed[1:], frames[k + 1 : k + len(trimmed)])]
    assert len(starts) == 1 and starts[0] > 0
    log_mel = features.log_mel(samples, rate, "speech-8k")
    assert log_mel.shape == (len(frames), 40) and log_mel.dtype == np.float32


def test_the_q15_path_is_its_integers_over_65536(recording):
    samples, rate = recording
    q15 = features.to_q15(samples)
    assert q15.dtype == np.int16
    np.testing.assert_array_equal(q15, np.clip(np.rint(samples.astype(np.float64) * 32768), -32768, 32767))
    integers = features.mfcc_q15(q15, rate, "digits-8k")
    assert integers.dtype == np.int32
    scaled = features.mfcc(samples, rate, "digits-8k", fixed_point=True)
    assert scaled.tobytes() == (integers.astype(np.float32) * np.float32(1 / 65536)).tobytes()
    log_mel = features.log_mel_q15(q15, rate)
    assert log_mel.shape == (len(integers), 40)
    # Against the float path: within the tolerance docs/frontend.md states (0.01).
    assert np.max(np.abs(log_mel / 65536 - features.log_mel(samples, rate))) < 0.01


def test_other_rates_are_resampled_to_the_preset_rate(recording):
    samples, rate = recording
    at_16k = features.resample(samples, rate, 16000)
    assert at_16k.dtype == np.float32 and len(at_16k) == 2 * len(samples)
    np.testing.assert_array_equal(features.mfcc(at_16k, 16000, "kws-16k"), features.mfcc(at_16k, 16000.0, "kws-16k"))
    back = features.resample(at_16k, 16000, 8000)
    for preset in ("digits-8k", features.audio_preset("digits-8k")):
        inside = features.utterance_vector(at_16k, 16000, preset)
        assert inside.tobytes() == features.utterance_vector(back, 8000, preset).tobytes()
    np.testing.assert_array_equal(features.mfcc(at_16k, 16000), features.mfcc(back, 8000))


def test_a_pipeline_object_gives_the_vectors_of_the_functions(recording):
    samples, rate = recording
    for preset, fixed_point in [("digits-8k", None), ("kws-16k", True)]:
        pipeline = features.AudioPipeline(preset, fixed_point=fixed_point)
        assert pipeline.dim == features.audio_dim(preset)
        assert pipeline.config.fixed_point is (fixed_point is True)
        vector = features.utterance_vector(samples, rate, preset, fixed_point=fixed_point)
        assert pipeline.vector(samples, rate).tobytes() == vector.tobytes()
        frames = features.utterance_frames(samples, rate, preset, fixed_point=fixed_point)
        assert pipeline.frames(samples, rate).tobytes() == frames.tobytes()


def test_wav_bytes_and_files_decode_alike(recording):
    data = (FSDD / "6_jackson_0.wav").read_bytes()
    samples, rate = recording
    alike = (features.decode_wav(data), features.decode_wav(bytearray(data)), features.read_wav(io.BytesIO(data)))
    for decoded in alike:
        assert decoded[1] == rate == 8000
        np.testing.assert_array_equal(decoded[0], samples)
    assert samples.dtype == np.float32 and np.max(np.abs(samples)) <= 1.0


def test_motion_stream_windows_and_single_windows_agree():
    recording = imu_recording()
    windows = features.motion_windows(recording)
    assert windows.shape == (1 + (1000 - 128) // 64, 91) and windows.dtype == np.float32
    stream = features.MotionStream("imu")
    assert stream.dim == 91
    one_by_one = [v for v in (stream.push(sample) for sample in recording) if v is not None]
    np.testing.assert_array_equal(np.stack(one_by_one), windows)
    stream.reset()
    chunks = [stream.push_many(chunk) for chunk in np.array_split(recording, 7)]
    np.testing.assert_array_equal(np.concatenate(chunks), windows)
    # The first window from a fresh state is motion_features of its samples.
    np.testing.assert_array_equal(features.motion_features(recording[:128]), windows[0])
    # Walking shakes z: its energy is larger in the second half (statistic 6 of signal 2).
    energy_z = windows[:, 2 * 11 + 6]
    assert energy_z[-1] > 10 * energy_z[0]


def test_labelled_windows_keep_windows_of_one_label():
    recording = imu_recording()
    names = np.array(["still"] * 400 + [""] * 100 + ["walk"] * 500, dtype=object)
    kept = features.motion_windows(recording, labels=names)
    every = features.motion_windows(recording)
    ends = np.arange(127, 1000, 64)
    inside = [(e - 127 >= 0 and e < 400) or (e - 127 >= 500) for e in ends]
    np.testing.assert_array_equal(kept.features, every[inside])
    np.testing.assert_array_equal(kept.last_sample, ends[inside])
    assert kept.labels.tolist() == ["still" if e < 400 else "walk" for e in ends[inside]]
    codes = np.where(names == "still", 3, np.where(names == "walk", 5, -1))
    by_code = features.motion_windows(recording, labels=codes)
    np.testing.assert_array_equal(by_code.features, kept.features)
    assert set(by_code.labels.tolist()) == {3, 5}


# ---------------------------------------------------------------- learning from the vectors


def test_a_classifier_learns_spoken_digits_from_the_vectors(digits):
    X, digit, index = digits
    teach, test, known = index >= 3, index < 3, digit < 8
    model = neurite.Classifier().fit(X[teach & known], digit[teach & known])
    answers = model.predict(X[test & known])
    assert np.mean(answers == digit[test & known]) >= 0.95  # 1.00 measured (48 recordings)
    assert np.mean(model.predict(X[~known]) == -1) >= 0.3  # digits 8, 9 never taught: 0.45 measured


# ---------------------------------------------------------------- memory and threads


def test_float32_c_contiguous_input_is_not_copied(peak_bytes):
    # NumPy reports its buffers to tracemalloc: a copy of the input would show in the peak.
    rng = np.random.default_rng(1)
    signal = (0.1 * rng.standard_normal(8000 * 60)).astype(np.float32)  # a minute, 1.9 MB
    assert peak_bytes(lambda: features.utterance_vector(signal, 8000)) < signal.nbytes / 4
    assert peak_bytes(lambda: features.mfcc(signal, 8000)) < signal.nbytes / 4
    assert peak_bytes(lambda: features.utterance_vector(signal.astype(np.float64), 8000)) >= signal.nbytes
    motion = np.tile(imu_recording(), (50, 1))  # 50,000 samples, 1.2 MB
    assert peak_bytes(lambda: features.motion_windows(motion)) < motion.nbytes / 4
    with pytest.raises(TypeError, match="must be a C-contiguous float32 array"):
        features._native.AudioPipeline(features.audio_preset("digits-8k")).vector(signal[::2], 8000)  # never converts


@needs_fsdd
def test_threads_sharing_a_stream_or_computing_vectors_get_the_same_bits(digits):
    paths = sorted(FSDD.glob("*.wav"))[:40]
    X = digits[0][:40]
    recording = imu_recording(4000)
    stream, shared = features.MotionStream(), features.AudioPipeline("digits-8k")
    results, errors = {}, []

    def work(k):
        try:
            # Odd threads share one pipeline (its lock keeps the scratch memory whole),
            # even ones use the module's pipelines (one per thread).
            vector = shared.vector if k % 2 else features.utterance_vector
            results[k] = np.stack([vector(*features.read_wav(p)) for p in paths])
            stream.push_many(recording)  # interleaved pushes: only the lock keeps the ring whole
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    for k in range(4):
        assert results[k].tobytes() == X.tobytes()


# ---------------------------------------------------------------- errors


def test_file_errors_name_the_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="missing.wav"):
        features.read_wav(tmp_path / "missing.wav")
    text = tmp_path / "notes.wav"
    text.write_text("not audio")
    with pytest.raises(ValueError, match=r"notes\.wav: .*RIFF"):
        features.read_wav(text)
    header = (FSDD / "0_jackson_0.wav").read_bytes()[:60] if FSDD.is_dir() else b""
    if header:
        with pytest.raises(ValueError, match=r"cut\.wav: .*truncated"):
            features.decode_wav(header[:40], name="cut.wav")
    mu_law = bytearray(b"RIFF\x2c\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x07\x00\x01\x00\x40\x1f\x00\x00")
    mu_law += b"\x40\x1f\x00\x00\x01\x00\x08\x00data\x04\x00\x00\x00\x00\x01\x02\x03"
    with pytest.raises(ValueError, match=r"phone\.wav: .*mu-law"):
        features.decode_wav(mu_law, name="phone.wav")


def test_bad_samples_and_settings_raise_clear_errors(recording):
    samples, rate = recording
    with pytest.raises(TypeError, match="int16: the float functions take samples in full scale 1"):
        features.mfcc(features.to_q15(samples), rate)
    with pytest.raises(TypeError, match="the Q15 path takes int16 samples, got float32"):
        features.mfcc_q15(samples, rate)
    with pytest.raises(ValueError, match=r"the Q15 path takes samples at the preset's rate \(8000 Hz\), got 16000"):
        features.mfcc_q15(features.to_q15(samples), 16000)
    broken = samples.copy()
    broken[1234] = np.nan
    with pytest.raises(ValueError, match="samples: value 1234 is not a finite float32 number"):
        features.utterance_vector(broken, rate)
    with pytest.raises(ValueError, match="samples: value 3 is not a finite"):
        features.mfcc(np.array([0.0, 0.1, 0.2, 1e300]), rate)  # beyond float32
    with pytest.raises(ValueError, match=r"must have shape \(samples,\)"):
        features.mfcc(np.stack([samples, samples]), rate)
    with pytest.raises(ValueError, match="the signal is empty"):
        features.utterance_vector(np.zeros(0, np.float32), rate)
    with pytest.raises(ValueError, match="rate must be a positive whole number of Hz, got 8000.5"):
        features.mfcc(samples, 8000.5)
    with pytest.raises(ValueError, match="unknown audio preset 'digits' .known: digits-8k, kws-16k"):
        features.utterance_vector(samples, rate, "digits")
    with pytest.raises(ValueError, match="unknown MFCC preset 'mel'"):
        features.mfcc(samples, rate, "mel")
    with pytest.raises(TypeError, match="preset must be a preset name or a MfccConfig"):
        features.mfcc(samples, rate, features.audio_preset("digits-8k"))
    with pytest.raises(ValueError, match="FFT size must be a power of two"):
        features.mfcc(samples, rate, features.MfccConfig(sample_rate=8000, fft_size=300, window_ms=25))
    with pytest.raises(ValueError, match="cannot resample from 8000 Hz to 7919 Hz"):
        features.resample(samples, rate, 7919)


def test_bad_motion_input_raises_clear_errors():
    recording = imu_recording()
    with pytest.raises(ValueError, match=r"samples have 3 channels \(columns\), the settings take 6"):
        features.motion_windows(recording[:, :3])
    with pytest.raises(ValueError, match="window has 100 samples, the settings take windows of 128"):
        features.motion_features(recording[:100])
    with pytest.raises(ValueError, match="motion features: hop must be 1..window samples"):
        features.motion_windows(recording, preset=features.MotionConfig(channels=6, window=64, hop=65))
    with pytest.raises(ValueError, match="unknown motion preset 'phone'"):
        features.MotionStream("phone")
    with pytest.raises(ValueError, match=r"labels must have one value per sample, shape \(1000,\)"):
        features.motion_windows(recording, labels=np.zeros(999, int))
    with pytest.raises(ValueError, match="sample has 5 values, the stream takes 6 channels"):
        features.MotionStream().push(np.zeros(5))
    with pytest.raises(ValueError, match="rate must be a positive number"):
        features.motion_windows(recording, rate=-50)
