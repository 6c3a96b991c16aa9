"""The benchmark suite's plumbing on the bundled data (seconds), so that it cannot rot:
every protocol runs, the figures are those of working learners, the page and plots exist."""
import os
import pathlib

import numpy as np
import pytest

import metrics
import run
import torch_peers

BUILD = pathlib.Path(os.environ.get("NEURITE_BUILD", pathlib.Path(__file__).resolve().parents[3] / "build"))


@pytest.fixture(scope="module")
def smoke(tmp_path_factory):
    if not (BUILD / "tools" / "neurite" / "neurite").exists():
        pytest.skip(f"no neurite command line in {BUILD} (make build)")
    out = tmp_path_factory.mktemp("suite")
    ctx = run.main(["--smoke", str(out), "--build", str(BUILD)])
    values = {}
    for r in ctx.results:
        values.setdefault((r["data"], r["protocol"], r["method"], r["metric"]), []).extend(r["values"])
    return out, ctx, values


def test_every_protocol_and_method_ran(smoke):
    _, _, values = smoke
    protocols = {k[1] for k in values}
    assert {"full", "1-shot", "3-shot", "personal 2-shot", "leave one group out", "class-incremental", "open set",
            "drift", "cost"} <= protocols
    methods = {k[2] for k in values if k[:2] == ("digits", "full")}
    expected = {"neurite", "1-NN", "5-NN", "nearest class mean", "RBF-SVM", "shrinkage LDA", "scikit-learn MLP",
                "OS-ELM (numpy)", "streaming LDA (numpy)"}
    if torch_peers.torch_available() is None:
        expected |= {"PyTorch MLP", "PyTorch CNN"}
    assert expected <= methods


def test_learners_learn(smoke):
    """Figures of working learners, not of plumbing that runs: the kernel benchmark's
    digits figures (98.8 % 5-fold) and the bundled spoken digits."""
    _, _, values = smoke
    assert values[("digits", "full", "neurite", "accuracy")][0] >= 0.97
    assert values[("digits", "open set", "neurite", "AUROC")][0] >= 0.95
    assert values[("fsdd-bundled", "full", "neurite", "accuracy")][0] >= 0.85
    for method in ("RBF-SVM", "OS-ELM (numpy)", "streaming LDA (numpy)", "scikit-learn MLP"):
        assert values[("digits", "full", method, "accuracy")][0] >= 0.9, method
    if torch_peers.torch_available() is None:
        assert values[("digits", "full", "PyTorch MLP", "accuracy")][0] >= 0.9
        assert values[("digits", "cost", "PyTorch MLP", "epochs")][0] > 1
    # at least the pairwise distances of the 500 smoke training rows (64 features) are counted
    assert values[("digits", "cost", "neurite", "learning multiply-adds")][0] > 500 * 499 / 2 * 64


def test_page_and_plots(smoke):
    out, _, _ = smoke
    text = (out / "benchmarks.md").read_text()
    for heading in ("## Headline rows", "## 2. k-shot", "## 6. Open set", "## 8. Cost"):
        assert heading in text
    assert "neurite vs the best peer" in text
    for plot in ("shots.png", "roc.png", "drift.png", "incremental.png", "cost.png"):
        assert (out / "img" / plot).stat().st_size > 5000, plot


def test_open_set_measures():
    known, unknown = np.array([0.1, 0.2, 0.3, 0.4]), np.array([0.5, 0.6])
    m = metrics.open_set(known, np.array([True, True, False, True]), unknown)
    assert m["AUROC"] == 1.0 and m["FPR at 95% TPR"] == 0.0
    assert m["OSCR"] == pytest.approx(0.75) and m["accuracy at 5% unknowns accepted"] == pytest.approx(0.75)
    m = metrics.open_set(unknown, np.ones(2, bool), known)  # reversed: every unknown is accepted first
    assert m["AUROC"] == 0.0 and m["FPR at 95% TPR"] == 1.0 and m["accuracy at 5% unknowns accepted"] == 0.0
