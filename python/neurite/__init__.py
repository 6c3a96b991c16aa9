"""neurite: continual, few-shot learning with calibrated rejection of unknown
inputs, as scikit-learn estimators over the neurite kernel's C API.

- Classifier, Regressor, NoveltyDetector: the estimators (three settings: the
  problem is the class; `memory` and `strictness` are parameters).
- Learner: one kernel learner (learn, correct, remove, forget, predict, to_bytes).
- Error: a failed kernel call (a ValueError with the status name in `status`).
- features: the sensor front-ends (WAV, MFCC, utterance vectors, motion windows),
  bit for bit the vectors of the `neurite` command line.
"""

from . import features
from ._neurite import Error, Learner, Problem, Strictness, __version__, memory_for_tradeoff
from .classifier import Classifier
from .novelty import NoveltyDetector
from .regressor import Regressor

__all__ = [
    "Classifier",
    "Error",
    "Learner",
    "NoveltyDetector",
    "Problem",
    "Regressor",
    "Strictness",
    "__version__",
    "features",
    "memory_for_tradeoff",
]
