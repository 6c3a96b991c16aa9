"""Peers of the kernel benchmark on the same digits folds and few-shot draws.

Writes `key value` lines (accuracies as fractions) that bench_kernel reads:
RBF-SVM, 1-NN and scikit-learn's MLP with standard scaling, shrinkage LDA, on
the 5 folds of data/digits/folds.csv; the open-set AUROC of the 1-NN distance
(digits 0-7 learned); and the few-shot draws of data/digits/fewshot.csv.
"""
import pathlib
import sys

import numpy as np
from sklearn.datasets import load_digits
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.metrics import roc_auc_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

root = pathlib.Path(__file__).resolve().parent.parent
out_path = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else None
X, y = load_digits(return_X_y=True)
fold = np.loadtxt(root / "data/digits/folds.csv", dtype=int, comments="#")
draws = np.loadtxt(root / "data/digits/fewshot.csv", dtype=int, delimiter=",", comments="#")

peers = {
    "svm": lambda: make_pipeline(StandardScaler(), SVC()),
    "nn1": lambda: make_pipeline(StandardScaler(), KNeighborsClassifier(1)),
    "mlp": lambda: make_pipeline(StandardScaler(), MLPClassifier(max_iter=1000, random_state=0)),
    "lda": lambda: LinearDiscriminantAnalysis(solver="lsqr", shrinkage="auto"),
}
results = {}
for name, make in peers.items():
    accs = [make().fit(X[fold != k], y[fold != k]).score(X[fold == k], y[fold == k]) for k in range(5)]
    results[f"{name}_5fold"] = float(np.mean(accs))

aucs = []
for k in range(5):
    train = (fold != k) & (y < 8)
    scaler = StandardScaler().fit(X[train])
    nn = KNeighborsClassifier(1).fit(scaler.transform(X[train]), y[train])
    dist = nn.kneighbors(scaler.transform(X[fold == k]), 1)[0][:, 0]
    aucs.append(roc_auc_score(y[fold == k] >= 8, dist))
results["nn1_open_auroc"] = float(np.mean(aucs))

for name in ["nn1", "svm", "lda"]:
    accs = []
    for draw in draws:
        test = np.setdiff1d(np.arange(len(y)), draw)
        accs.append(peers[name]().fit(X[draw], y[draw]).score(X[test], y[test]))
    results[f"{name}_5shot"] = float(np.mean(accs))

text = "".join(f"{key} {value:.6f}\n" for key, value in results.items())
print(text, end="")
if out_path:
    out_path.write_text(text)
