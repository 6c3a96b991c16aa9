"""Peers of the front-end benchmark on the vectors and draws bench_frontend exported.

Reads DIR/fsdd.npy, DIR/hapt.npy, their .meta.csv and the draw files, runs
RBF-SVM and 1-NN (standard scaling fitted on the taught rows) and shrinkage LDA
on exactly the protocols of bench/bench_frontend.cpp, and writes `key value`
lines (accuracies and AUROCs as fractions) to DIR/peers.txt.
Usage: frontend_peers.py DIR
"""
import csv
import pathlib
import sys

import numpy as np
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.metrics import roc_auc_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent / "suite"))
from datasets import read_draws as draws  # noqa: E402  (the draw files, read as the benchmark suite does)

PEERS = {
    "svm": lambda: make_pipeline(StandardScaler(), SVC()),
    "nn1": lambda: make_pipeline(StandardScaler(), KNeighborsClassifier(1)),
    "lda": lambda: LinearDiscriminantAnalysis(solver="lsqr", shrinkage="auto"),
}


def load(directory, name):
    x = np.load(directory / f"{name}.npy")
    with open(directory / f"{name}.meta.csv") as f:
        meta = {k: np.array([int(r[k]) for r in rows]) for rows in [list(csv.DictReader(f))] for k in rows[0]}
    return x, meta


def accuracy(name, x, y, teach, test):
    return make_peer(name).fit(x[teach], y[teach]).score(x[test], y[test])


def make_peer(name):
    return PEERS[name]()


def nn_distance_auroc(x, y, teach, test, known_below):
    """AUROC of the distance to the nearest taught row (standard scaling) for never-taught labels."""
    teach = teach[y[teach] < known_below]
    scaler = StandardScaler().fit(x[teach])
    nn = KNeighborsClassifier(1).fit(scaler.transform(x[teach]), y[teach])
    distance = nn.kneighbors(scaler.transform(x[test]), 1)[0][:, 0]
    return roc_auc_score(y[test] >= known_below, distance)


def grouped_mean(runs, values):
    """Mean over groups of each group's mean (as bench_frontend)."""
    groups = {}
    for (group, _, _), v in zip(runs, values):
        groups.setdefault(group, []).append(v)
    return float(np.mean([np.mean(v) for v in groups.values()]))


def main():
    directory = pathlib.Path(sys.argv[1])
    if not (directory / "fsdd.npy").exists():
        print(f"frontend_peers: no exported features in {directory}; skipped")
        return
    results = {}
    x, meta = load(directory, "fsdd")
    y, speaker, index = meta["label"], meta["group"], meta["index"]
    train, test = np.flatnonzero(index >= 5), np.flatnonzero(index < 5)
    for name in PEERS:
        results[f"fsdd_conv_{name}"] = accuracy(name, x, y, train, test)
        results[f"fsdd_loso_{name}"] = float(np.mean(
            [accuracy(name, x, y, np.flatnonzero(speaker != s), np.flatnonzero(speaker == s)) for s in range(6)]))
    results["fsdd_open_nn1"] = nn_distance_auroc(x, y, train, test, 8)
    personal = draws(directory / "fsdd_personal.csv")
    for name in PEERS:
        results[f"fsdd_p3_{name}"] = grouped_mean(personal, [accuracy(name, x, y, a, b) for _, a, b in personal])
    results["fsdd_p3open_nn1"] = float(np.mean(
        [nn_distance_auroc(x, y, a, b, 8) for _, a, b in draws(directory / "fsdd_personal_open.csv")]))

    x, meta = load(directory, "hapt")
    y, test_subject = meta["label"], meta["test"]
    train, test = np.flatnonzero(test_subject == 0), np.flatnonzero(test_subject == 1)
    for name in PEERS:
        results[f"hapt_si_{name}"] = accuracy(name, x, y, train, test)
    personal = draws(directory / "hapt_personal.csv")
    for name in PEERS:
        results[f"hapt_p5_{name}"] = grouped_mean(personal, [accuracy(name, x, y, a, b) for _, a, b in personal])

    text = "".join(f"{key} {value:.6f}\n" for key, value in results.items())
    print(text, end="")
    (directory / "peers.txt").write_text(text)


if __name__ == "__main__":
    main()
