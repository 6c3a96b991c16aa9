"""The data sets of the suite as front-end vectors, with their splits.

Sensor sets come from neurite's own front-ends, computed once into a cache folder
under the build tree: `bench_frontend --export` writes the spoken digits, the
smartphone activities, the bearing vibration windows and the personal few-shot draws
that docs/frontend-figures.md uses; `neurite features` writes the Speech Commands
vectors (and, in the smoke test, those of the bundled spoken digits). scikit-learn's
digits and Fashion-MNIST (Debian's dataset-fashion-mnist) are pixels, the non-sensor
controls. A set whose files are missing is skipped with a message.
"""
import csv
import dataclasses
import gzip
import hashlib
import pathlib
import subprocess
import wave

import numpy as np
from scipy.signal import resample_poly

ROOT = pathlib.Path(__file__).resolve().parents[2]
FASHION_DIR = pathlib.Path("/usr/share/datasets/fashion-mnist")
SPEAKERS = ["george", "jackson", "lucas", "nicolas", "theo", "yweweler"]
ACTIVITIES = ["walking", "upstairs", "downstairs", "sitting", "standing", "laying"]
BEARING_CLASSES = ["Normal", "B007", "B014", "B021", "IR007", "IR014", "IR021", "OR007@6", "OR014@6", "OR021@6"]
KEYWORDS = ["yes", "no", "up", "down", "left", "right", "on", "off", "stop", "go"]


@dataclasses.dataclass
class Dataset:
    name: str
    title: str
    x: np.ndarray  # float32 rows
    y: np.ndarray  # class codes 0..C-1
    classes: list
    train: np.ndarray  # the conventional split
    test: np.ndarray
    split: str  # how the split is made, for the report
    unknown: list  # class codes never taught in the open-set protocol
    group: np.ndarray = None  # speaker, subject or load of each row
    group_names: list = None
    shape: tuple = None  # 2-D layout for the CNN (time x coefficient, or pixels)
    personal: list = None  # [(group, teach rows, test rows)] of the personal few-shot draws
    personal_k: int = 0
    extra_unknown: np.ndarray = None  # rows of inputs that belong to no class (Speech Commands' other words)
    noisy: np.ndarray = None  # the same inputs with noise mixed in (spoken digits), rows as x


def shared_data_dir():
    return ROOT.parent / "shared" / "data"


def read_meta(path):
    with open(path) as f:
        return list(csv.DictReader(f))


def read_draws(path):
    """Draws written by bench_frontend (group, draw, role, row) as (group, teach, test)."""
    runs = {}
    for r in read_meta(path):
        runs.setdefault((int(r["group"]), int(r["draw"])), {"teach": [], "test": []})[r["role"]].append(int(r["row"]))
    return [(group, np.array(d["teach"]), np.array(d["test"])) for (group, _), d in sorted(runs.items())]


def file_digest(paths):
    h = hashlib.sha256()
    for p in paths:
        h.update(pathlib.Path(p).read_bytes())
    return h.hexdigest()[:16]


def prepare_cache(build, cache, log):
    """Computes the front-end vectors of the full sets into `cache` once; again only
    when the programs that compute them change."""
    shared = shared_data_dir()
    exporter, cli = build / "bench" / "bench_frontend", build / "tools" / "neurite" / "neurite"
    stamp = cache / "stamp"
    digest = file_digest([exporter, cli, __file__])
    if stamp.exists() and stamp.read_text() == digest:
        return
    cache.mkdir(parents=True, exist_ok=True)
    if (shared / "fsdd").exists() and (shared / "uci_hapt_raw").exists():
        log("front-end vectors: spoken digits, activities, bearings (bench_frontend --export)")
        subprocess.run([str(exporter), "--export", str(cache)], check=True, stdout=subprocess.DEVNULL)
    noise = shared / "speech_commands_v002_test_subset" / "_background_noise_" / NOISE_FILE
    if (shared / "fsdd").exists() and noise.exists():
        log(f"front-end vectors: spoken digits with {NOISE_FILE} at {NOISE_SNR_DB:.0f} dB SNR (neurite features)")
        noisy = cache / "fsdd_noisy_wav"
        mix_noise((shared / "fsdd" / "recordings").glob("*.wav"), noise, noisy, NOISE_SNR_DB)
        features_of_wav_dir(cli, noisy, "{label}_{speaker}_{index}.wav", cache / "fsdd_noisy.npy")
    manifest = shared / "speech_commands_v002_test_subset" / "manifest.csv"
    if manifest.exists():
        log("front-end vectors: Speech Commands (neurite features --preset kws-16k)")
        subprocess.run([str(cli), "features", "--manifest", str(manifest), "--preset", "kws-16k", "-o",
                        str(cache / "speech_commands.npy")], check=True, stdout=subprocess.DEVNULL)
    stamp.write_text(digest)


NOISE_FILE = "doing_the_dishes.wav"  # a real recording among Speech Commands' background noises
NOISE_SNR_DB = 10.0


def read_wav_int16(path):
    with wave.open(str(path)) as w:
        return np.frombuffer(w.readframes(w.getnframes()), "<i2").astype(np.float64), w.getframerate()


def mix_noise(recordings, noise_path, out_dir, snr_db):
    """Each 8 kHz recording with a segment of the noise (resampled to 8 kHz) at `snr_db`
    below the recording's mean power; the segment's start is fixed by the file's place."""
    noise, rate = read_wav_int16(noise_path)
    noise = resample_poly(noise, 8000, rate)
    out_dir.mkdir(parents=True, exist_ok=True)
    for k, path in enumerate(sorted(recordings)):
        speech, _ = read_wav_int16(path)
        start = (7919 * k) % (len(noise) - len(speech))
        segment = noise[start:start + len(speech)]
        gain = np.sqrt(np.mean(speech**2) / (np.mean(segment**2) * 10 ** (snr_db / 10)))
        mixed = np.clip(np.round(speech + gain * segment), -32768, 32767).astype("<i2")
        with wave.open(str(out_dir / path.name), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(8000)
            w.writeframes(mixed.tobytes())


def features_of_wav_dir(cli, wav_dir, pattern, out):
    """`neurite features` of a folder of WAV files: (rows, meta rows)."""
    subprocess.run([str(cli), "features", "--wav-dir", str(wav_dir), "--pattern", pattern, "-o", str(out)],
                   check=True, stdout=subprocess.DEVNULL)
    return np.load(out), read_meta(out.with_suffix(".meta.csv"))


def digits(train_rows=None, test_rows=None):
    """Fold 0 of the kernel benchmark's folds tests; the smoke test takes the first rows only."""
    from sklearn.datasets import load_digits

    x, y = load_digits(return_X_y=True)
    fold = np.loadtxt(ROOT / "data/digits/folds.csv", dtype=int, comments="#")
    train, test = np.flatnonzero(fold != 0)[:train_rows], np.flatnonzero(fold == 0)[:test_rows]
    return Dataset("digits", "scikit-learn digits (8x8 pixels)", x.astype(np.float32), y, list(range(10)), train,
                   test, f"fold 0 of data/digits/folds.csv tests ({len(test):,}), the other four teach "
                   f"({len(train):,})", [8, 9], shape=(8, 8))


def read_idx(path):
    with gzip.open(path) as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)


def fashion(train_rows=None, test_rows=None):
    if not (FASHION_DIR / "train-images-idx3-ubyte.gz").exists():
        return f"{FASHION_DIR} absent (Debian package dataset-fashion-mnist)"
    images = [read_idx(FASHION_DIR / f"{p}-images-idx3-ubyte.gz") for p in ("train", "t10k")]
    labels = [read_idx(FASHION_DIR / f"{p}-labels-idx1-ubyte.gz") for p in ("train", "t10k")]
    train_rows = train_rows or len(labels[0])
    test_rows = test_rows or len(labels[1])
    x = np.concatenate([images[0][:train_rows], images[1][:test_rows]]).reshape(-1, 784).astype(np.float32) / 255
    y = np.concatenate([labels[0][:train_rows], labels[1][:test_rows]]).astype(int)
    split = f"the first {train_rows:,} of the 60,000 training images teach, the first {test_rows:,} test images test"
    return Dataset("fashion", "Fashion-MNIST (28x28 pixels, control)", x, y,
                   ["t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "boot"],
                   np.arange(train_rows), np.arange(train_rows, train_rows + test_rows), split, [8, 9], shape=(28, 28))


def fsdd(cache):
    if not (cache / "fsdd.npy").exists():
        return f"no spoken-digit vectors in {cache} ({shared_data_dir()}/fsdd absent?)"
    x, meta = np.load(cache / "fsdd.npy"), read_meta(cache / "fsdd.meta.csv")
    y = np.array([int(r["label"]) for r in meta])
    index = np.array([int(r["index"]) for r in meta])
    data = Dataset("fsdd", "spoken digits (FSDD, 6 speakers, digits-8k MFCC)", x, y, list(range(10)),
                   np.flatnonzero(index >= 5), np.flatnonzero(index < 5),
                   "recordings 0-4 of each digit and speaker test (300), 5-49 teach (2,700)", [8, 9],
                   group=np.array([int(r["group"]) for r in meta]), group_names=SPEAKERS, shape=(16, 12),
                   personal=read_draws(cache / "fsdd_personal.csv"), personal_k=3)
    if (cache / "fsdd_noisy.npy").exists():  # the same recordings with noise, rows in the same order
        noisy, noisy_meta = np.load(cache / "fsdd_noisy.npy"), read_meta(cache / "fsdd_noisy.meta.csv")
        row_of = {(r["label"], r["group"], r["index"]): i for i, r in enumerate(noisy_meta)}
        data.noisy = noisy[[row_of[(r["label"], SPEAKERS[int(r["group"])], r["index"])] for r in meta]]
    return data


def bundled_fsdd(cli, scratch):
    """The 200 bundled recordings (data/fsdd: jackson and nicolas, recordings 0-9): the smoke test's set."""
    x, meta = features_of_wav_dir(cli, ROOT / "data/fsdd", "{label}_{speaker}_{index}.wav", scratch / "fsdd.npy")
    y = np.array([int(r["label"]) for r in meta])
    index = np.array([int(r["index"]) for r in meta])
    speakers = sorted({r["group"] for r in meta})
    group = np.array([speakers.index(r["group"]) for r in meta])
    personal = []
    for g in range(len(speakers)):
        for draw in range(2):
            teach = np.flatnonzero((group == g) & (index % 5 == draw))
            personal.append((g, teach, np.flatnonzero((group == g) & (index % 5 != draw))))
    return Dataset("fsdd-bundled", "spoken digits, bundled excerpt", x, y, list(range(10)),
                   np.flatnonzero(index >= 2), np.flatnonzero(index < 2), "recordings 0-1 test, 2-9 teach", [8, 9],
                   group=group, group_names=speakers, shape=(16, 12), personal=personal, personal_k=2)


def activities(cache):
    if not (cache / "hapt.npy").exists():
        return f"no activity vectors in {cache} ({shared_data_dir()}/uci_hapt_raw absent?)"
    x, meta = np.load(cache / "hapt.npy"), read_meta(cache / "hapt.meta.csv")
    y = np.array([int(r["label"]) - 1 for r in meta])
    test = np.array([int(r["test"]) for r in meta])
    return Dataset("hapt", "smartphone activities (UCI HAPT, 30 subjects, imu statistics)", x, y, ACTIVITIES,
                   np.flatnonzero(test == 0), np.flatnonzero(test == 1),
                   "the data set's 21 training subjects teach, its 9 test subjects test", [4, 5],
                   group=np.array([int(r["group"]) for r in meta]),
                   group_names=[f"subject {s}" for s in range(31)],
                   personal=read_draws(cache / "hapt_personal.csv"), personal_k=5)


def bearings(cache):
    if not (cache / "cwru.npy").exists():
        return f"no bearing vectors in {cache} ({shared_data_dir()}/cwru_bearing absent?)"
    x, meta = np.load(cache / "cwru.npy"), read_meta(cache / "cwru.meta.csv")
    y = np.array([int(r["label"]) for r in meta])
    test = np.array([int(r["test"]) for r in meta])
    return Dataset("cwru", "bearing faults (CWRU drive end, 12 kHz, vibration-12k)", x, y, BEARING_CLASSES,
                   np.flatnonzero(test == 0), np.flatnonzero(test == 1),
                   "each recording's first 70 % teaches, windows starting in its last 30 % test", [8, 9],
                   group=np.array([int(r["group"]) for r in meta]), group_names=[f"{h} hp" for h in range(4)])


def speech_commands(cache):
    if not (cache / "speech_commands.npy").exists():
        return f"no Speech Commands vectors in {cache} ({shared_data_dir()}/speech_commands_v002_test_subset absent?)"
    x, meta = np.load(cache / "speech_commands.npy"), read_meta(cache / "speech_commands.meta.csv")
    labels = [r["label"] for r in meta]
    keyword = np.array([label in KEYWORDS for label in labels])
    speakers = sorted({r["group"] for r, k in zip(meta, keyword) if k})
    rank = {s: i for i, s in enumerate(speakers)}
    test_speaker = np.array([rank.get(r["group"], -1) % 5 == 0 for r in meta])
    y = np.array([KEYWORDS.index(label) if label in KEYWORDS else -1 for label in labels])
    rows = np.flatnonzero(keyword)
    other_words = np.flatnonzero(np.array([label == "_unknown_" for label in labels]))  # words never taught
    data = Dataset("speech_commands", "Speech Commands, 10 keywords (79 speakers, kws-16k MFCC)", x, y, KEYWORDS,
                   rows[~test_speaker[rows]], rows[test_speaker[rows]],
                   "speakers in sorted order, every fifth (ranks 0, 5, 10, ...) tests: no speaker in both", [],
                   group=np.array([rank.get(r["group"], -1) for r in meta]), group_names=speakers, shape=(49, 10))
    data.extra_unknown = other_words
    return data
