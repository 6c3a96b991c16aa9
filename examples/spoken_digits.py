"""Spoken digits from WAV files: neurite.features turns each recording into the
vector the `neurite` command line learns from (preset digits-8k), and
neurite.Classifier learns them.

The bundled recordings (data/fsdd: two speakers, digits 0-9, recordings 0-9 of
each) are split by recording index: 3-9 teach the digits 0-7, 0-2 test them;
digits 8 and 9 are never taught and play the words a device meets but never
learned. Then digit 8 is taught on the spot from three recordings per speaker.

Run from the repository root: .venv/bin/python examples/spoken_digits.py
"""

from pathlib import Path

import numpy as np

import neurite
from neurite import features

DATA = Path(__file__).resolve().parents[1] / "data" / "fsdd"


def load(folder):
    """Vectors of every recording, with its digit and recording index."""
    paths = sorted(folder.glob("*.wav"))
    vectors = np.stack([features.utterance_vector(*features.read_wav(path)) for path in paths])
    digit, _speaker, index = zip(*(path.stem.split("_") for path in paths))
    return vectors, np.array(digit, dtype=int), np.array(index, dtype=int)


def main():
    X, digit, index = load(DATA)
    print(f"{len(X)} recordings -> vectors of {X.shape[1]} values (preset digits-8k)")

    teach, test = index >= 3, index < 3
    known = digit < 8
    model = neurite.Classifier()
    model.partial_fit(X[teach & known], digit[teach & known], classes=np.arange(10))
    print(
        f"taught digits 0-7 with {np.sum(teach & known)} recordings: "
        f"{model.n_events_} events, {model.n_units_} units"
    )

    answers = model.predict(X[test & known])
    answered = answers != model.unknown_label
    right = answers == digit[test & known]
    print(
        f"held-out recordings of digits 0-7: {right.mean():.3f} correct, {1 - answered.mean():.3f} rejected, "
        f"{right[answered].mean():.3f} correct when answered"
    )
    for never in (8, 9):
        answers = model.predict(X[digit == never])
        taken = np.bincount(answers[answers != model.unknown_label], minlength=10)
        print(
            f"digit {never}, never taught: {np.mean(answers == model.unknown_label):.3f} rejected; "
            f"the others taken for {', '.join(f'{d} ({n})' for d, n in enumerate(taken) if n)}"
        )

    # A new word, learned on the spot: three recordings of 8 from each speaker.
    new = (digit == 8) & (index >= 7)
    model.partial_fit(X[new], digit[new])
    eights = model.predict(X[(digit == 8) & (index < 7)])
    nines = model.predict(X[digit == 9])
    print(
        f"after learning 8 from {new.sum()} recordings: the other 8s {np.mean(eights == 8):.3f} recognised; "
        f"9s (never taught) {np.mean(nines == model.unknown_label):.3f} rejected"
    )
    print(f"model: {model.n_events_} events, {model.n_units_} units, {model.model_bytes_} bytes saved")


if __name__ == "__main__":
    main()
