"""neurite.NoveltyDetector: learns what normal looks like, flags what is new."""

import numpy as np
from sklearn.utils.validation import check_is_fitted

from ._estimator import NeuriteEstimator
from ._neurite import Problem


class NoveltyDetector(NeuriteEstimator):
    """Novelty detection with scikit-learn's conventions (like
    LocalOutlierFactor(novelty=True)): fit on normal data, then `predict` gives +1
    (normal) or -1 (novel) for new inputs.

    Parameters
    ----------
    memory : float in [0, 1] or int, default=0.75
        Accuracy versus memory, as in neurite.Classifier.
    strictness : {'off', 'low', 'medium', 'high'} or float, default='medium'
        Rate of normal inputs flagged as novel: about 0, 1, 3 or 10 % (calibrated
        on the learned events), or a custom rate in (0, 0.5].

    Attributes
    ----------
    offset_ : float
        The strictness's rate: `decision_function = score_samples - offset_`.
    learner_, n_features_in_, n_events_, n_units_, n_layers_, layer_units_,
    event_capacity_, memory_bytes_, model_bytes_ : as in neurite.Classifier.
    """

    _problem = Problem.novelty

    def fit(self, X, y=None):
        """Learns all rows (normal data) at once. y is ignored."""
        X = self._check_X(X, reset=True)
        learner = self._new_learner(X.shape[1], 1)
        learner.learn_batch(X)
        self.learner_, self.offset_ = learner, float(learner.rejection_rate)
        return self

    def partial_fit(self, X, y=None):
        """Learns the rows one event at a time, in order, as a device would."""
        first = not hasattr(self, "learner_")
        X = self._check_X(X, reset=first)
        if first:
            learner = self._new_learner(X.shape[1], 1)
            self.learner_, self.offset_ = learner, float(learner.rejection_rate)
        self.learner_.learn(X)
        return self

    def score_samples(self, X):
        """Credibility of each row (conformal p-value in (0, 1]); the lower, the more novel."""
        return self.credibility(X)

    def decision_function(self, X):
        """score_samples - offset_: negative for novel inputs."""
        check_is_fitted(self)
        return self.score_samples(X) - self.offset_

    def predict(self, X):
        """+1 for normal rows, -1 for novel ones."""
        return np.where(self._predictions(X)["unknown"], -1, 1)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.estimator_type = "outlier_detector"
        tags.target_tags.required = False
        return tags
