"""The packages carry code only: none of data/ (the HAPT excerpt's licence forbids
commercial use, so it must never be installed or shipped; the other sets have
their own terms), nothing derived from it."""

import importlib.metadata
import tarfile
from pathlib import Path

import pytest

import neurite

REPO = Path(__file__).resolve().parents[2]


def test_the_installed_package_is_code_only():
    try:
        dist = importlib.metadata.distribution("neurite")
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("neurite is not installed (tests run from a build tree)")
    if Path(dist.locate_file("neurite/__init__.py")).resolve() != Path(neurite.__file__).resolve():
        pytest.skip("the neurite under test is not the installed distribution")
    # RECORD lists every file the wheel installed.
    files = [str(f) for f in dist.files]
    code = [f for f in files if f.startswith("neurite/") and f.endswith((".py", ".pyc", ".so", ".pyd"))]
    metadata = [f for f in files if ".dist-info/" in f]
    assert sorted(files) == sorted(code + metadata)
    assert "neurite/features.py" in code


def test_the_source_package_leaves_the_data_out(tmp_path, monkeypatch):
    build = pytest.importorskip("scikit_build_core.build")
    if not (REPO / "pyproject.toml").is_file():
        pytest.skip("not a source tree")
    monkeypatch.chdir(REPO)
    with tarfile.open(tmp_path / build.build_sdist(str(tmp_path))) as sdist:
        names = [name.split("/", 1)[1] for name in sdist.getnames() if "/" in name]
    assert "python/neurite/features.py" in names and "src/frontend/host/pipeline.cpp" in names
    assert [n for n in names if n.startswith("data/") or "hapt" in n.lower()] == []
