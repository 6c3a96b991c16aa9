"""The binding itself: neurite.Learner over the C API."""

import threading

import numpy as np
import pytest

import neurite


@pytest.fixture()
def learner(digits):
    X, y = digits
    model = neurite.Learner(neurite.Problem.classification, 64, 10, 2 << 20)
    first = model.learn_batch(X[:1000], y[:1000].astype(np.int32))
    assert first == 1
    return model


def test_saved_bytes_load_back_identically(learner, digits):
    X, _ = digits
    saved = learner.to_bytes()
    copy = neurite.Learner.from_bytes(saved)
    assert copy.to_bytes() == saved
    assert (copy.dim, copy.outputs, copy.memory_bytes) == (64, 10, 2 << 20)
    for key, value in learner.predict(X[1000:1100]).items():
        np.testing.assert_array_equal(copy.predict(X[1000:1100])[key], value, err_msg=key)


def test_event_verbs_change_the_model_at_once(learner, digits):
    X, y = digits
    ids = learner.learn(X[1000:1003], np.array([7, 7, 7], dtype=np.int32))
    np.testing.assert_array_equal(ids, [1001, 1002, 1003])
    learner.correct(int(ids[0]), int(y[1000]))
    learner.remove(int(ids[1]))
    assert learner.stats()["events"] == 1002
    learner.forget(9)
    assert learner.classes().tolist() == list(range(9))
    assert (learner.predict(X[y == 9][:20])["label"] != 9).all()
    with pytest.raises(neurite.Error, match="no stored event has id 99999") as missing:
        learner.remove(99999)
    assert missing.value.status == "unknown_event"


def test_rows_fail_with_their_index(learner):
    rows = np.zeros((3, 64), np.float32)
    rows[1, 5] = np.inf
    with pytest.raises(neurite.Error, match="learn: row 1 .*features 5") as failed:
        learner.learn(rows, np.zeros(3, np.int32))
    assert failed.value.status == "not_finite"
    with pytest.raises(TypeError, match=r"labels must be a C-contiguous int32 array of shape \(3,\)"):
        learner.learn(np.zeros((3, 64), np.float32), np.zeros(3, np.int64))


def test_threads_share_a_learner_safely(learner, digits):
    # The GIL is released during kernel calls; a per-learner lock keeps them apart.
    X, _ = digits
    expected = learner.predict(X[1000:])["label"]
    results = [None] * 4

    def work(slot):
        results[slot] = learner.predict(X[1000:])["label"]

    threads = [threading.Thread(target=work, args=(slot,)) for slot in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for result in results:
        np.testing.assert_array_equal(result, expected)


def test_settings_helpers():
    assert neurite.memory_for_tradeoff(0.0) == 16 << 10
    assert neurite.memory_for_tradeoff(0.5) == 1 << 20
    learner = neurite.Learner(neurite.Problem.novelty, 4, 1, 1 << 20, neurite.Strictness.custom, 0.25)
    assert learner.rejection_rate == np.float32(0.25)
    with pytest.raises(ValueError, match="custom rejection rate must be in"):
        neurite.Learner(neurite.Problem.novelty, 4, 1, 1 << 20, neurite.Strictness.custom, 0.9)
    assert neurite.__version__ == "0.1.0"
