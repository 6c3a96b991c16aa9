import copy
import io
import pickle

import joblib
import numpy as np
import pytest

import neurite


@pytest.fixture(scope="module")
def fitted(digits):
    X, y = digits
    return neurite.Classifier().fit(X[:1000], y[:1000])


def test_pickle_carries_the_model_bytes_unchanged(fitted, digits):
    X, _ = digits
    restored = pickle.loads(pickle.dumps(fitted))
    assert restored.learner_.to_bytes() == fitted.learner_.to_bytes()
    assert pickle.dumps(restored) == pickle.dumps(fitted)
    np.testing.assert_array_equal(restored.predict(X[1000:]), fitted.predict(X[1000:]))
    np.testing.assert_array_equal(restored.predict_proba(X[1000:]), fitted.predict_proba(X[1000:]))
    np.testing.assert_array_equal(restored.credibility(X[1000:]), fitted.credibility(X[1000:]))
    assert copy.deepcopy(fitted).learner_.to_bytes() == fitted.learner_.to_bytes()


def test_joblib_round_trip_is_byte_identical(fitted, digits, tmp_path):
    X, _ = digits
    path = tmp_path / "model.joblib"
    joblib.dump(fitted, path)
    restored = joblib.load(path)
    assert restored.learner_.to_bytes() == fitted.learner_.to_bytes()
    np.testing.assert_array_equal(restored.predict(X[1000:]), fitted.predict(X[1000:]))
    buffer = io.BytesIO()
    joblib.dump(restored, buffer)
    assert len(buffer.getvalue()) > fitted.model_bytes_  # the model bytes travel inside


def test_a_restored_model_keeps_learning_like_the_original(digits):
    X, y = digits
    original = neurite.Classifier().fit(X[:1000], y[:1000])
    restored = pickle.loads(pickle.dumps(original))
    for model in (original, restored):
        model.partial_fit(X[1000:1100], y[1000:1100])
    assert restored.learner_.to_bytes() == original.learner_.to_bytes()


def test_float32_c_contiguous_input_is_not_copied(digits, peak_bytes):
    # NumPy reports its buffers to tracemalloc: a copy of X would show in the peak.
    X, y = digits
    rows = np.ascontiguousarray(np.tile(X, (12, 1)))  # 21,564 rows, 5.5 MB
    labels = np.tile(y, 12)
    model = neurite.Classifier(memory=1 << 20)
    assert peak_bytes(lambda: model.fit(rows, labels)) < rows.nbytes / 4
    assert peak_bytes(lambda: model.predict(rows)) < rows.nbytes / 2
    assert peak_bytes(lambda: model.predict(rows.astype(np.float64))) >= rows.nbytes  # converted once
    with pytest.raises(TypeError, match="must be a C-contiguous float32 array"):
        model.learner_.predict(np.asfortranarray(rows))  # the binding never converts


@pytest.mark.filterwarnings("ignore:overflow encountered in cast:RuntimeWarning")
def test_bad_input_gives_clear_exceptions(fitted, digits):
    X, y = digits
    with pytest.raises(ValueError, match="Expected 2D array, got 1D array instead"):
        fitted.predict(X[0])
    with pytest.raises(ValueError, match="X has 60 features, but Classifier is expecting 64"):
        fitted.predict(X[:5, :60])
    bad = X[:5].copy()
    bad[2, 7] = np.nan
    with pytest.raises(ValueError, match="Input X contains NaN"):
        fitted.predict(bad)
    with pytest.raises(ValueError, match="Input X contains infinity or a value too large for dtype\\('float32'\\)"):
        fitted.predict(np.full((1, 64), 1e300))
    with pytest.raises(ValueError, match="Input y contains NaN"):
        neurite.Regressor().fit(X[:5], [1.0, 2.0, np.nan, 3.0, 4.0])
    with pytest.raises(ValueError, match=r"y\[1\] does not fit in float32"):
        neurite.Regressor().fit(X[:3], [1.0, 1e300, 2.0])
    with pytest.raises(ValueError, match="memory must be a trade-off in \\[0, 1\\] or a byte budget"):
        neurite.Classifier(memory=-3).fit(X, y)
    with pytest.raises(ValueError, match="strictness must be one of off, low, medium, high"):
        neurite.Classifier(strictness="strict").fit(X, y)


def test_kernel_refusals_are_neurite_errors_naming_the_cause(digits):
    X, y = digits
    with pytest.raises(neurite.Error, match="cannot hold two events of 4000 features") as refused:
        neurite.Classifier(memory=16 << 10).fit(np.zeros((4, 4000)), [0, 1, 0, 1])
    assert refused.value.status == "capacity_exceeded"
    assert isinstance(refused.value, ValueError)
    model = neurite.Classifier().fit(X[:100], y[:100])
    with pytest.raises(neurite.Error, match="model is truncated") as truncated:
        neurite.Learner.from_bytes(model.learner_.to_bytes()[:-1])
    assert truncated.value.status == "truncated"
