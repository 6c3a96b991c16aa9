"""neurite.features against the C++: the vectors Python computes equal, byte for
byte, those `neurite features` (the command line, built from the same sources in
the C++ tree) writes for the same files: the bundled spoken digits (data/fsdd) on
both audio presets and both arithmetic paths, and the HAPT excerpt
(data/hapt_excerpt, tests only: non-commercial) and a synthetic vibration
recording through the motion presets.

The command line is $NEURITE_CLI (`make test-python` sets it and builds it first;
then a missing binary fails the test), else build/tools/neurite/neurite; without
either the tests skip."""

import csv
import gzip
import os
import subprocess
from pathlib import Path

import numpy as np
import pytest

from neurite import features

REPO = Path(__file__).resolve().parents[2]
FSDD = REPO / "data" / "fsdd"
HAPT = REPO / "data" / "hapt_excerpt"
PATTERN = "{label}_{speaker}_{index}.wav"


@pytest.fixture(scope="module")
def cli():
    given = os.environ.get("NEURITE_CLI")
    if given:
        if not Path(given).is_file():
            pytest.fail(f"NEURITE_CLI={given} does not exist (make build builds it)")
        return Path(given)
    built = REPO / "build" / "tools" / "neurite" / "neurite"
    if not built.is_file():
        pytest.skip("the neurite command line is not built: run make build, or set NEURITE_CLI")
    return built


def cli_vectors(cli, tmp_path, *arguments):
    """The rows `neurite features` writes, and the label and source of each row."""
    out = tmp_path / "vectors.npy"
    subprocess.run([str(cli), "features", *arguments, "-o", str(out)], check=True, capture_output=True, cwd=REPO)
    with open(tmp_path / "vectors.meta.csv", newline="") as file:
        meta = list(csv.DictReader(file))
    return np.load(out), meta


def assert_same_bytes(ours, theirs):
    assert ours.dtype == theirs.dtype == np.float32
    assert ours.shape == theirs.shape
    if ours.tobytes() != theirs.tobytes():
        rows = np.flatnonzero(np.any(ours.view(np.uint32) != theirs.view(np.uint32), axis=1))
        pytest.fail(f"{rows.size} of {len(ours)} rows differ, first row {rows[0]}")


@pytest.mark.skipif(not FSDD.is_dir(), reason="data/fsdd is not here (e.g. an sdist)")
@pytest.mark.parametrize("preset", features.AUDIO_PRESETS)
@pytest.mark.parametrize("fixed_point", [False, True], ids=["float", "q15"])
def test_utterance_vectors_equal_the_command_line_byte_for_byte(cli, tmp_path, preset, fixed_point):
    # kws-16k resamples the 8 kHz recordings to 16 kHz first: that path is covered too.
    flags = ["--fixed-point"] if fixed_point else []
    theirs, meta = cli_vectors(
        cli, tmp_path, "--wav-dir", "data/fsdd", "--pattern", PATTERN, "--preset", preset, *flags
    )
    assert len(meta) == 200
    recordings = [features.read_wav(REPO / row["source"]) for row in meta]
    ours = np.stack([features.utterance_vector(*audio, preset, fixed_point=fixed_point) for audio in recordings])
    assert ours.shape[1] == features.audio_dim(preset)
    assert_same_bytes(ours, theirs)


def read_sensor_csv(path):
    """The sensor columns as float32, and the label column.

    float(text) then float32 rounds like the command line's strtof here: a decimal
    of four places is never within a double's precision of a float32 rounding
    boundary without being on it, so rounding twice cannot differ."""
    with gzip.open(path, "rt") if path.suffix == ".gz" else open(path) as file:
        rows = list(csv.reader(file))
    header, body = rows[0], rows[1:]
    label = header.index("activity")
    columns = [j for j in range(len(header)) if j != label]
    samples = np.array([[float(row[j]) for j in columns] for row in body], dtype=np.float32)
    return samples, np.array([row[label] for row in body], dtype=object)


@pytest.mark.skipif(not HAPT.is_dir(), reason="data/hapt_excerpt is not here (e.g. an sdist)")
def test_imu_windows_equal_the_command_line_byte_for_byte(cli, tmp_path):
    recordings = sorted(HAPT.glob("*.csv.gz"))
    theirs, meta = cli_vectors(
        cli, tmp_path, "--sensor", *[str(p.relative_to(REPO)) for p in recordings], "--label-column", "activity"
    )
    ours, labels = [], []
    for path in recordings:
        samples, activity = read_sensor_csv(path)
        windows = features.motion_windows(samples, labels=activity)
        ours.append(windows.features)
        labels.extend(windows.labels)
        # Streamed sample by sample, the same recording gives the same windows.
        stream = features.MotionStream("imu")
        streamed = [v for v in (stream.push(s) for s in samples[:2000]) if v is not None]
        assert_same_bytes(np.stack(streamed), features.motion_windows(samples[:2000]))
    assert len(meta) > 500
    assert_same_bytes(np.concatenate(ours), theirs)
    assert labels == [row["label"] for row in meta]


def test_vibration_windows_equal_the_command_line_byte_for_byte(cli, tmp_path):
    # 12 kHz: two tones in noise, then a third; written with four decimals as sensors log.
    rate, n = 12000, 12288
    t = np.arange(n) / rate
    rng = np.random.default_rng(0)
    x = 0.8 * np.sin(2 * np.pi * 1200 * t) + 0.3 * np.sin(2 * np.pi * 3100 * t) + 0.05 * rng.standard_normal(n)
    x[n // 2 :] += 0.5 * np.sin(2 * np.pi * 450 * t[n // 2 :])
    activity = np.where(np.arange(n) < n // 2, "healthy", "worn")
    path = tmp_path / "vibration.csv"
    with open(path, "w") as file:
        file.write("x,activity\n")
        file.writelines(f"{value:.4f},{label}\n" for value, label in zip(x, activity))
    theirs, meta = cli_vectors(
        cli, tmp_path, "--sensor", str(path), "--label-column", "activity", "--preset", "vibration-12k"
    )
    samples, labels = read_sensor_csv(path)
    ours = features.motion_windows(samples[:, 0], preset="vibration-12k", labels=labels)
    assert len(meta) == 22  # 23 windows of 1024 every 512, less the one that straddles the change
    assert_same_bytes(ours.features, theirs)
    assert ours.labels.tolist() == [row["label"] for row in meta]
