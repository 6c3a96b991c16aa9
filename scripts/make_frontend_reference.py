"""Reference log-mel and MFCC frames from librosa for tests/test_frontend_mfcc.cpp.

librosa (pinned in requirements.txt) is the independent implementation: its STFT,
its mel filter bank and its DCT, configured to the same parameters as the three
cases of the test. Everything is computed in float64. Run from the repository
root: `.venv/bin/python scripts/make_frontend_reference.py`; it rewrites
tests/data/chirp_16k.wav and tests/data/librosa/*.csv.

Framing: neurite's frame f covers samples [f*hop, f*hop + window) zero-padded to
the FFT size; librosa centres a shorter window inside n_fft, so the signal gets
(n_fft - window) // 2 zeros in front (and enough at the end) before
librosa.stft(center=False). Both then see the same samples and window.
"""
import pathlib
import wave

import librosa
import numpy as np

root = pathlib.Path(__file__).resolve().parent.parent
out_dir = root / "tests/data/librosa"

CASES = {
    # name: wav, settings
    "speech8k": ("data/fsdd/3_jackson_0.wav",
                 dict(sr=8000, win=200, hop=80, n_fft=256, n_mels=40, fmin=20.0, fmax=4000.0, htk=True,
                      norm=None, window="hamming", power=2.0, pre=0.97, floor=1e-6, n_mfcc=13)),
    "kws16k": ("tests/data/chirp_16k.wav",
               dict(sr=16000, win=480, hop=320, n_fft=512, n_mels=40, fmin=20.0, fmax=4000.0, htk=True,
                    norm=None, window="hann", power=1.0, pre=0.0, floor=1e-6, n_mfcc=10)),
    "slaney16k": ("tests/data/chirp_16k.wav",
                  dict(sr=16000, win=400, hop=160, n_fft=1024, n_mels=30, fmin=0.0, fmax=8000.0, htk=False,
                       norm="slaney", window="hann", power=2.0, pre=0.0, floor=1e-10, n_mfcc=20)),
}


def write_chirp(path):
    """1 s at 16 kHz: a 100 Hz -> 6 kHz chirp with a harmonic, noise and a silent gap."""
    rate = 16000
    t = np.arange(rate) / rate
    rng = np.random.default_rng(3)
    phase = 2 * np.pi * (100 * t + (6000 - 100) / 2 * t**2)
    x = 0.5 * np.sin(phase) + 0.2 * np.sin(2 * phase) + 0.01 * rng.standard_normal(rate)
    x[6000:7000] = 0.0
    pcm = np.clip(np.round(x * 32768), -32768, 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm.tobytes())


def read_wav(path):
    with wave.open(str(path)) as w:
        return np.frombuffer(w.readframes(w.getnframes()), "<i2").astype(np.float64) / 32768.0


def reference(y, s):
    if s["pre"] > 0:
        y = librosa.effects.preemphasis(y, coef=s["pre"], zi=0.0)
    front = (s["n_fft"] - s["win"]) // 2
    padded = np.concatenate([np.zeros(front), y, np.zeros(s["n_fft"] - s["win"] - front)])
    spectrum = np.abs(librosa.stft(padded, n_fft=s["n_fft"], hop_length=s["hop"], win_length=s["win"],
                                   window=s["window"], center=False)) ** s["power"]
    bank = librosa.filters.mel(sr=s["sr"], n_fft=s["n_fft"], n_mels=s["n_mels"], fmin=s["fmin"], fmax=s["fmax"],
                               htk=s["htk"], norm=s["norm"], dtype=np.float64)
    log_mel = np.log(bank @ spectrum + s["floor"])
    mfcc = librosa.feature.mfcc(S=log_mel, n_mfcc=s["n_mfcc"], dct_type=2, norm="ortho", lifter=0)
    return log_mel.T, mfcc.T


def main():
    write_chirp(root / "tests/data/chirp_16k.wav")
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, (wav, settings) in CASES.items():
        log_mel, mfcc = reference(read_wav(root / wav), settings)
        expected = 1 + (len(read_wav(root / wav)) - settings["win"]) // settings["hop"]
        assert log_mel.shape[0] == expected, (name, log_mel.shape, expected)
        for kind, values in (("logmel", log_mel), ("mfcc", mfcc)):
            np.savetxt(out_dir / f"{name}_{kind}.csv", values, fmt="%.9g", delimiter=",",
                       header=f"librosa {librosa.__version__}: {name} {kind}, one frame per row")
        print(f"{name}: {log_mel.shape[0]} frames")


if __name__ == "__main__":
    main()
