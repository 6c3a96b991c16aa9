"""neurite and its peers behind one small interface.

Every method: `fit(x, y, classes)`, `decide(x) -> (labels, unknown score)` (higher score:
more likely an input of no taught class), `model_bytes()`; streaming methods also
`learn(x, y)`: the rows one event at a time, in order. Peers that need it get standard
scaling fitted on the rows they are taught (or, in the streaming protocols, a scaling
fixed in advance on the whole training pool: an advantage neurite does not get).
OS-ELM and streaming LDA are written here in numpy, following their papers.
"""
import pickle

import numpy as np
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.neighbors import KNeighborsClassifier
from sklearn.neural_network import MLPClassifier
from sklearn.svm import SVC

import neurite

from torch_peers import TorchPeer


class Scaling:
    """Standard scaling, fitted on the taught rows unless fixed in advance (`fix`)."""

    def __init__(self):
        self.fixed = False

    def fit(self, x):
        if not self.fixed:
            self.mean, self.std = x.mean(0), x.std(0)
            self.std[self.std == 0] = 1.0
        return self

    def fix(self, pool):
        self.fixed = False
        self.fit(pool)
        self.fixed = True

    def __call__(self, x):
        return (x - self.mean) / self.std


class Neurite:
    """neurite.Classifier, default settings unless `memory` says otherwise. Closed-set
    accuracy takes its best class; its rejection is measured by the open-set protocol."""

    label = "neurite"
    streaming = True

    def __init__(self, memory=0.75):
        self.memory = memory

    def fit(self, x, y, classes=None):
        self.model = neurite.Classifier(memory=self.memory).fit(x, y)
        return self

    def start(self, classes):
        self.model = neurite.Classifier(memory=self.memory)
        self.classes = classes

    def learn(self, x, y):
        self.model.partial_fit(x, y, classes=self.classes)

    def decide(self, x):
        p = self.model.learner_.predict(np.ascontiguousarray(x, dtype=np.float32))
        return self.model.classes_[p["label"]], 1.0 - p["credibility"].astype(np.float64)

    def model_bytes(self):
        return self.model.model_bytes_

    def stats(self):
        return self.model.learner_.stats()


class SklearnPeer:
    """A scikit-learn classifier; `score` turns it into an unknown score."""

    streaming = False

    def __init__(self, label, make, score, scale=True):
        self.label, self.make, self.score, self.scale = label, make, score, scale
        self.scaling = Scaling()

    def fit(self, x, y, classes=None):
        self.scaling.fit(x)
        self.model = self.make().fit(self._in(x), y)
        return self

    def _in(self, x):
        return self.scaling(x) if self.scale else x

    def decide(self, x):
        return self.score(self.model, self._in(x))

    def model_bytes(self):
        return len(pickle.dumps(self.model))


def nearest_distance(model, x):
    distance, rows = model.kneighbors(x, 1)
    return model.predict(x), distance[:, 0]


def max_probability(model, x):
    p = model.predict_proba(x)
    return model.classes_[p.argmax(1)], -p.max(1)


def max_decision(model, x):
    d = model.decision_function(x)
    if d.ndim == 1:  # two classes: one signed value
        d = np.c_[-d, d]
    return model.classes_[d.argmax(1)], -d.max(1)


class Streaming:
    """Base of the methods that learn one event at a time (scaling fixed or fitted on fit's rows)."""

    streaming = True

    def __init__(self):
        self.scaling = Scaling()

    def fit(self, x, y, classes=None):
        self.start(np.unique(y) if classes is None else classes)
        self.scaling.fit(x)
        self.learn(x, y)
        return self

    def start(self, classes):
        self.classes = np.asarray(classes)
        self.reset(len(self.classes))

    def codes(self, y):
        return np.searchsorted(self.classes, y)

    def model_bytes(self):
        return len(pickle.dumps({k: v for k, v in vars(self).items() if isinstance(v, np.ndarray)}))


class NearestMean(Streaming):
    """Nearest class mean (running means); unknown score: distance to the nearest mean."""

    label = "nearest class mean"

    def reset(self, c):
        self.count, self.means = np.zeros(c), None

    def learn(self, x, y):
        x = self.scaling(x)
        if self.means is None:
            self.means = np.zeros((len(self.classes), x.shape[1]))
        for row, c in zip(x, self.codes(y)):
            self.count[c] += 1
            self.means[c] += (row - self.means[c]) / self.count[c]

    def decide(self, x):
        seen = np.flatnonzero(self.count)
        d = ((self.scaling(x)[:, None, :] - self.means[None, seen, :]) ** 2).sum(2)
        return self.classes[seen[d.argmin(1)]], np.sqrt(d.min(1))


class NearestNeighbours(Streaming):
    """k-NN over every event learned (k = 1: 1-NN; k is capped at the examples of the
    smallest class); unknown score: distance to the nearest event."""

    def __init__(self, k):
        super().__init__()
        self.k = k
        self.label = "1-NN" if k == 1 else f"{k}-NN"

    def reset(self, c):
        self.rows, self.targets = [], []

    def learn(self, x, y):
        self.rows.extend(self.scaling(x))
        self.targets.extend(y)

    def decide(self, x):
        # k at most the examples of the smallest class: with one example per class, 1-NN.
        k = min(self.k, np.unique(self.targets, return_counts=True)[1].min())
        model = KNeighborsClassifier(k).fit(np.array(self.rows), np.array(self.targets))
        q = self.scaling(x)
        return model.predict(q), model.kneighbors(q, 1)[0][:, 0]

    def model_bytes(self):
        return 4 * (len(self.rows) * (len(self.rows[0]) + 1) if self.rows else 0)


class StreamingLDA(Streaming):
    """Streaming LDA (Hayes and Kanan, 2020), in numpy: running class means and a shared
    within-class covariance updated per event, shrunk towards the identity (0.1);
    unknown score: the Mahalanobis distance to the nearest class mean."""

    label = "streaming LDA (numpy)"
    shrinkage = 0.1

    def reset(self, c):
        self.count, self.means, self.scatter = np.zeros(c), None, None

    def learn(self, x, y):
        x = self.scaling(x)
        if self.means is None:
            self.means, self.scatter = np.zeros((len(self.classes), x.shape[1])), np.zeros((x.shape[1],) * 2)
        for row, c in zip(x, self.codes(y)):
            self.count[c] += 1
            delta = row - self.means[c]
            self.means[c] += delta / self.count[c]
            self.scatter += np.outer(delta, row - self.means[c])

    def decide(self, x):
        seen = np.flatnonzero(self.count)
        dof = max(self.count.sum() - len(seen), 1)
        cov = (1 - self.shrinkage) * self.scatter / dof + self.shrinkage * np.eye(len(self.scatter))
        precision = np.linalg.inv(cov)
        q = self.scaling(x)[:, None, :] - self.means[None, seen, :]
        d = np.einsum("nci,ij,ncj->nc", q, precision, q)
        return self.classes[seen[d.argmin(1)]], np.sqrt(d.min(1))


class OSELM(Streaming):
    """Online sequential extreme learning machine (Liang et al., 2006), in numpy: 512
    random sigmoid units, output weights by regularised recursive least squares (ridge
    1e-1), one rank-one update per event; unknown score: minus the largest output."""

    label = "OS-ELM (numpy)"
    hidden, ridge = 512, 1e-1

    def reset(self, c):
        self.beta = None

    def hidden_of(self, x):
        return 1.0 / (1.0 + np.exp(-(x @ self.w + self.b)))

    def initialise(self, dim):
        rng = np.random.default_rng(0)
        self.w = rng.normal(0, 1 / np.sqrt(dim), (dim, self.hidden))
        self.b = rng.normal(0, 1, self.hidden)
        self.p = np.eye(self.hidden) / self.ridge
        self.beta = np.zeros((self.hidden, len(self.classes)))

    def learn(self, x, y):
        x = self.scaling(x)
        if self.beta is None:
            self.initialise(x.shape[1])
        targets = np.eye(len(self.classes))[self.codes(y)]
        for h, t in zip(self.hidden_of(x), targets):  # Sherman-Morrison, one event at a time
            ph = self.p @ h
            gain = ph / (1.0 + h @ ph)
            self.p -= np.outer(gain, ph)
            self.beta += np.outer(gain, t - h @ self.beta)

    def fit(self, x, y, classes=None):
        """A batch of rows: the ridge solution the event-by-event updates reach, solved at once."""
        self.start(np.unique(y) if classes is None else classes)
        self.scaling.fit(x)
        self.initialise(x.shape[1])
        h = self.hidden_of(self.scaling(x))
        self.p = np.linalg.inv(h.T @ h + self.ridge * np.eye(self.hidden))
        self.beta = self.p @ h.T @ np.eye(len(self.classes))[self.codes(y)]
        return self

    def decide(self, x):
        out = self.hidden_of(self.scaling(x)) @ self.beta
        return self.classes[out.argmax(1)], -out.max(1)


class Torch:
    """A PyTorch peer (MLP or CNN) in the worker process; it can also fine-tune on new rows."""

    streaming = False

    def __init__(self, worker, model, shape=None, max_epochs=500):
        self.peer = TorchPeer(worker, model, shape, max_epochs=max_epochs)
        self.label = "PyTorch MLP" if model == "mlp" else "PyTorch CNN"

    def fit(self, x, y, classes=None):
        self.peer.fit(x, y, classes)
        return self

    def fine_tune(self, x, y):
        self.peer.partial_fit(x, y)

    def decide(self, x):
        p = self.peer.predict_proba(x)
        return self.peer.classes_[p.argmax(1)], -p.max(1)

    def model_bytes(self):
        return self.peer.stats.get("parameter_bytes", 0)


def sklearn_mlp():
    return MLPClassifier(max_iter=1000, random_state=0)


PEER_NAMES = ["1-NN", "5-NN", "nearest class mean", "RBF-SVM", "shrinkage LDA", "scikit-learn MLP", "PyTorch MLP",
              "PyTorch CNN", "OS-ELM (numpy)", "streaming LDA (numpy)"]


def make(name, worker=None, shape=None, memory=0.75, max_epochs=500):
    """A fresh method by its report name; None when it cannot run here (no PyTorch, no 2-D layout)."""
    if name == "neurite":
        return Neurite(memory)
    if name in ("PyTorch MLP", "PyTorch CNN"):
        if worker is None or (name == "PyTorch CNN" and shape is None):
            return None
        return Torch(worker, "mlp" if name == "PyTorch MLP" else "cnn", shape, max_epochs)
    factories = {
        "1-NN": lambda: NearestNeighbours(1),
        "5-NN": lambda: NearestNeighbours(5),
        "nearest class mean": NearestMean,
        "RBF-SVM": lambda: SklearnPeer("RBF-SVM", SVC, max_decision),
        "shrinkage LDA": lambda: SklearnPeer(
            "shrinkage LDA", lambda: LinearDiscriminantAnalysis(solver="lsqr", shrinkage="auto"), max_probability,
            scale=False),
        "scikit-learn MLP": lambda: SklearnPeer("scikit-learn MLP", sklearn_mlp, max_probability),
        "OS-ELM (numpy)": OSELM,
        "streaming LDA (numpy)": StreamingLDA,
    }
    return factories[name]()
