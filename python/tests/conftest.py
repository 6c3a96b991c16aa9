import os

# Lets scikit-learn's check_array_api_input run (array API dispatch with NumPy
# inputs must not change results); it must be set before SciPy is imported.
os.environ.setdefault("SCIPY_ARRAY_API", "1")

import tracemalloc  # noqa: E402

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from sklearn.datasets import load_digits  # noqa: E402


@pytest.fixture(scope="session")
def digits():
    """scikit-learn's digits (1,797 images of 8x8 pixels), as float32 rows."""
    X, y = load_digits(return_X_y=True)
    return X.astype(np.float32), y


@pytest.fixture(scope="session")
def unseen_digits(digits):
    """Digits 0-7 split 4:1 into training and test; digits 8 and 9 never taught."""
    X, y = digits
    known = y < 8
    train = np.arange(known.sum()) % 5 != 0
    Xk, yk = X[known], y[known]
    return Xk[train], yk[train], Xk[~train], yk[~train], X[~known]


@pytest.fixture(scope="session")
def peak_bytes():
    """Peak bytes NumPy and Python allocate while a call runs (NumPy reports its
    buffers to tracemalloc: a copy of an input shows in the peak)."""

    def measure(call):
        tracemalloc.start()
        try:
            call()
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    return measure
