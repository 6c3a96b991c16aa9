"""What the three estimators share: the settings, input checks, the learner and
its statistics. The problem type is the estimator's class."""

import numbers

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_is_fitted, validate_data

from ._neurite import Learner, Strictness, memory_for_tradeoff

STRICTNESS_LEVELS = ("off", "low", "medium", "high")


def memory_bytes(memory):
    """The byte budget of the `memory` setting: a number in [0, 1] is the
    accuracy-versus-memory trade-off (0: 16 KiB, 0.5: 1 MiB, 1: 64 MiB); a larger
    integer is a budget in bytes."""
    if isinstance(memory, numbers.Real) and not isinstance(memory, bool):
        if 0 <= memory <= 1:
            return memory_for_tradeoff(float(memory))
        if memory > 1 and float(memory).is_integer():
            return int(memory)
    raise ValueError(
        f"memory must be a trade-off in [0, 1] or a byte budget (an integer above 1), got {memory!r}"
    )


def strictness_setting(strictness):
    """(Strictness, custom rate) of the `strictness` setting: 'off', 'low',
    'medium', 'high' (0, 1, 3, 10 % of known inputs rejected) or a rate in (0, 0.5]."""
    if isinstance(strictness, str) and strictness in STRICTNESS_LEVELS:
        return Strictness.__members__[strictness], 0.0
    if isinstance(strictness, numbers.Real) and not isinstance(strictness, bool) and 0 < strictness <= 0.5:
        return Strictness.custom, float(strictness)
    raise ValueError(
        f"strictness must be one of {', '.join(STRICTNESS_LEVELS)} or a rejection rate in (0, 0.5], "
        f"got {strictness!r}"
    )


class NeuriteEstimator(BaseEstimator):
    """Base of Classifier, Regressor and NoveltyDetector (not for direct use)."""

    _problem = None  # the subclass's neurite._neurite.Problem

    def __init__(self, memory=0.75, strictness="medium"):
        self.memory = memory
        self.strictness = strictness

    def _new_learner(self, n_features, outputs):
        strictness, rate = strictness_setting(self.strictness)
        return Learner(
            self._problem, n_features, outputs, memory_bytes(self.memory), strictness, rejection_rate=rate
        )

    def _check_X(self, X, reset):
        # float32 C-contiguous input passes through without a copy.
        return validate_data(self, X, dtype=np.float32, order="C", reset=reset)

    def _predictions(self, X):
        check_is_fitted(self)
        return self.learner_.predict(self._check_X(X, reset=False))

    def credibility(self, X):
        """Conformal p-value, in (0, 1], that each row belongs to what was learned:
        about a fraction `alpha` of known inputs score below `alpha`. Inputs below the
        strictness's rate (`learner_.rejection_rate`) are the unknown ones."""
        return self._predictions(X)["credibility"].astype(np.float64)

    def _stats(self):
        check_is_fitted(self)
        return self.learner_.stats()

    @property
    def n_events_(self):
        """Events stored now (bounded by the memory setting)."""
        return self._stats()["events"]

    @property
    def n_layers_(self):
        """Layers of the network the learner built."""
        return self._stats()["layers"]

    @property
    def layer_units_(self):
        """Units of each layer."""
        return self._stats()["units"]

    @property
    def n_units_(self):
        """Units of all layers."""
        return sum(self._stats()["units"])

    @property
    def event_capacity_(self):
        """Events the memory setting can hold; beyond it the oldest event of the
        largest class (or the oldest event) is replaced."""
        return self._stats()["event_capacity"]

    @property
    def memory_bytes_(self):
        """Bytes of the learner's arena: the memory actually reserved."""
        check_is_fitted(self)
        return self.learner_.arena_bytes

    @property
    def model_bytes_(self):
        """Size of the saved model (pickle carries these bytes)."""
        return self._stats()["model_bytes"]

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = False
        tags.non_deterministic = False
        return tags
