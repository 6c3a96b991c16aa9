"""neurite.Regressor: one or several real targets, with a credibility per input."""

import numpy as np
from sklearn.base import RegressorMixin
from sklearn.utils.validation import validate_data

from ._estimator import NeuriteEstimator
from ._neurite import Problem


def float32_targets(y):
    """y as a C-contiguous float32 array of shape (n, n_targets); values beyond float32 are an error."""
    with np.errstate(over="ignore"):  # reported below, with the row
        targets = np.ascontiguousarray(np.reshape(y, (len(y), -1)), dtype=np.float32)
    if not np.isfinite(targets).all():
        row = np.flatnonzero(~np.isfinite(targets).all(axis=1))[0]
        raise ValueError(f"y[{row}] does not fit in float32 (|y| must stay below 3.4e38)")
    return targets


class Regressor(RegressorMixin, NeuriteEstimator):
    """A regressor that builds its own network from the events it is given.

    Parameters
    ----------
    memory : float in [0, 1] or int, default=0.75
        Accuracy versus memory, as in neurite.Classifier.
    strictness : {'off', 'low', 'medium', 'high'} or float, default='medium'
        Rate of known inputs whose `credibility` falls below `learner_.rejection_rate`
        (about 0, 1, 3, 10 %, or a custom rate in (0, 0.5]). `predict` always answers;
        `credibility(X)` says which answers are extrapolations.

    Attributes
    ----------
    n_outputs_ : int
        Targets per sample.
    learner_, n_features_in_, n_events_, n_units_, n_layers_, layer_units_,
    event_capacity_, memory_bytes_, model_bytes_ : as in neurite.Classifier.
    """

    _problem = Problem.regression

    def fit(self, X, y):
        """Learns all rows at once (one build). y: shape (n,) or (n, n_targets)."""
        X, y = validate_data(self, X, y, dtype=np.float32, order="C", multi_output=True, y_numeric=True)
        targets = float32_targets(y)
        learner = self._new_learner(X.shape[1], targets.shape[1])
        learner.learn_batch(X, targets=targets)
        self.n_outputs_, self._single_target, self.learner_ = targets.shape[1], np.ndim(y) == 1, learner
        return self

    def partial_fit(self, X, y):
        """Learns the rows one event at a time, in order, as a device would."""
        first = not hasattr(self, "learner_")
        X, y = validate_data(
            self, X, y, dtype=np.float32, order="C", multi_output=True, y_numeric=True, reset=first
        )
        targets = float32_targets(y)
        if first:
            self.n_outputs_, self._single_target = targets.shape[1], np.ndim(y) == 1
            self.learner_ = self._new_learner(X.shape[1], self.n_outputs_)
        elif targets.shape[1] != self.n_outputs_:
            raise ValueError(f"y has {targets.shape[1]} targets per sample, the model learned {self.n_outputs_}")
        self.learner_.learn(X, targets=targets)
        return self

    def predict(self, X):
        """Predicted targets: shape (n,) if y was 1-D, else (n, n_outputs_)."""
        outputs = self._predictions(X)["outputs"].astype(np.float64)
        return outputs[:, 0] if self._single_target else outputs

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.target_tags.multi_output = True
        return tags
