"""neurite.Classifier: classification with calibrated rejection of unknown inputs."""

import numbers

import numpy as np
from sklearn.base import ClassifierMixin
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import validate_data

from ._estimator import NeuriteEstimator
from ._neurite import Problem


def class_indices(y, classes):
    """Index of each label of y in the sorted `classes`; a label not among them is an error."""
    indices = np.searchsorted(classes, y).clip(0, len(classes) - 1)
    unknown = np.flatnonzero(classes[indices] != y)
    if len(unknown) > 0:
        row = unknown[0]
        raise ValueError(
            f"y[{row}] = {y[row : row + 1].tolist()[0]!r} is not one of the classes {classes.tolist()} given on the first call "
            "to partial_fit"
        )
    return indices.astype(np.int32)


def unknown_label_for(unknown_label, classes):
    """(value, dtype) of predictions: the unknown label in the classes' type. With
    string classes it becomes a string ("-1"); with numeric classes it must be a number."""
    if all(isinstance(c, str) for c in classes):
        unknown = str(unknown_label)
    elif (classes.dtype.kind in "biuf" or all(isinstance(c, numbers.Number) for c in classes)) and isinstance(
        unknown_label, numbers.Number
    ):
        unknown = unknown_label
    else:
        raise ValueError(
            f"unknown_label={unknown_label!r} cannot stand among the classes {classes.tolist()}: "
            "use a number with numeric classes"
        )
    return unknown, object if classes.dtype == object else np.result_type(classes.dtype, np.asarray(unknown))


class Classifier(ClassifierMixin, NeuriteEstimator):
    """A classifier that builds its own network from the events it is given and
    answers `unknown_label` for inputs far from everything it learned.

    Parameters
    ----------
    memory : float in [0, 1] or int, default=0.75
        Accuracy versus memory: a trade-off (0: 16 KiB, 0.5: 1 MiB, 0.75: 8 MiB,
        1: 64 MiB) or a budget in bytes. It bounds the events kept and the units.
    strictness : {'off', 'low', 'medium', 'high'} or float, default='medium'
        Rejection of unknown inputs: about 0, 1, 3 or 10 % of known inputs are
        rejected (calibrated on the learned events), or a custom rate in (0, 0.5].
    unknown_label : default=-1
        What `predict` returns for a rejected input. It must not be a class.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
    learner_ : neurite.Learner
        The kernel learner; its verbs (correct, remove, forget) act on the model.
    n_features_in_, feature_names_in_ : as in scikit-learn.
    n_events_, n_units_, n_layers_, layer_units_, event_capacity_, memory_bytes_,
    model_bytes_ : statistics of the learner now.
    """

    _problem = Problem.classification

    def __init__(self, memory=0.75, strictness="medium", unknown_label=-1):
        super().__init__(memory=memory, strictness=strictness)
        self.unknown_label = unknown_label

    def fit(self, X, y):
        """Learns all rows at once (one build). Needs at least two classes."""
        X, y = validate_data(self, X, y, dtype=np.float32, order="C")
        check_classification_targets(y)
        classes, indices = np.unique(y, return_inverse=True)
        if len(classes) < 2:
            raise ValueError(
                f"y has one class only ({classes[0]!r}): a classifier needs at least two classes "
                "(neurite.NoveltyDetector learns what one class looks like)"
            )
        self._check_unknown_label(classes)
        learner = self._new_learner(X.shape[1], len(classes))
        learner.learn_batch(X, indices.astype(np.int32))
        self.classes_, self.learner_ = classes, learner
        return self

    def partial_fit(self, X, y, classes=None):
        """Learns the rows one event at a time, in order, as a device would.
        `classes` (every class that will ever come) is required on the first call."""
        first = not hasattr(self, "learner_")
        if first and classes is None:
            raise ValueError("classes must be passed on the first call to partial_fit")
        X, y = validate_data(self, X, y, dtype=np.float32, order="C", reset=first)
        check_classification_targets(y)
        if first:
            classes = np.unique(classes)
            self._check_unknown_label(classes)
        elif classes is not None and not np.array_equal(np.unique(classes), self.classes_):
            raise ValueError(f"classes={classes!r} differs from the classes of the first call, {self.classes_!r}")
        else:
            classes = self.classes_
        indices = class_indices(y, classes)
        if first:
            self.classes_, self.learner_ = classes, self._new_learner(X.shape[1], len(classes))
        self.learner_.learn(X, indices)
        return self

    def predict(self, X):
        """The class of each row, or `unknown_label` where the input is rejected."""
        p = self._predictions(X)
        unknown, dtype = unknown_label_for(self.unknown_label, self.classes_)
        labels = self.classes_[p["label"]].astype(dtype)
        labels[p["unknown"]] = unknown
        return labels

    def predict_proba(self, X):
        """Probabilities over `classes_`: the kernel's calibrated softmax over the
        learned classes (classes seen by `partial_fit(classes=...)` but never
        taught get 0)."""
        p = self._predictions(X)
        learned = self.learner_.classes()
        proba = np.zeros((len(p["label"]), len(self.classes_)))
        proba[:, learned] = p["probabilities"]
        return proba

    def decision_function(self, X):
        """predict_proba minus chance (1 / n_classes); for two classes, that of
        `classes_[1]`. Positive: more likely than chance."""
        proba = self.predict_proba(X)
        if len(self.classes_) == 2:
            return proba[:, 1] - 0.5
        return proba - 1.0 / len(self.classes_)

    def _check_unknown_label(self, classes):
        unknown, _ = unknown_label_for(self.unknown_label, classes)
        if self.strictness != "off" and np.isin(np.asarray([unknown], dtype=object), classes).any():
            raise ValueError(
                f"unknown_label={self.unknown_label!r} is also a class; choose another unknown_label "
                "(or strictness='off')"
            )

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = True
        return tags
