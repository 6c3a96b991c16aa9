"""Writes the digits splits the benchmarks share with their peers.

folds.csv: fold (0-4) of each of the 1,797 digits, from scikit-learn's
StratifiedKFold(n_splits=5, shuffle=True, random_state=0).
fewshot.csv: ten draws (seeds 0-9) of 5 training digits per class, as
indices; the remaining digits are that draw's test set.
"""
import pathlib

import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import StratifiedKFold

out = pathlib.Path(__file__).resolve().parent.parent / "data" / "digits"
X, y = load_digits(return_X_y=True)
fold = np.zeros(len(y), dtype=int)
for k, (_, test) in enumerate(StratifiedKFold(5, shuffle=True, random_state=0).split(X, y)):
    fold[test] = k
(out / "folds.csv").write_text("# fold of each digit (row order of digits.csv.gz)\n" +
                               "\n".join(str(f) for f in fold) + "\n")
rows = []
for seed in range(10):
    rng = np.random.RandomState(seed)
    picks = np.concatenate([rng.choice(np.where(y == c)[0], 5, replace=False) for c in range(10)])
    rows.append(",".join(str(i) for i in picks))
(out / "fewshot.csv").write_text("# training indices of 10 draws (seed 0-9), 5 per class\n" +
                                 "\n".join(rows) + "\n")
print("wrote", out / "folds.csv", out / "fewshot.csv")
