"""The suite's side of the PyTorch peers: one worker process (bench/suite/torch_worker.py
under Debian's python3 with python3-torch) and estimators that send it their rows."""
import json
import pathlib
import shutil
import subprocess
import tempfile

import numpy as np

TORCH_PYTHON = "/usr/bin/python3"
WORKER = pathlib.Path(__file__).with_name("torch_worker.py")


def torch_available():
    """None when the PyTorch peers can run, else the reason they cannot."""
    if not pathlib.Path(TORCH_PYTHON).exists():
        return f"{TORCH_PYTHON} is absent"
    probe = subprocess.run([TORCH_PYTHON, "-c", "import torch"], capture_output=True, text=True)
    if probe.returncode != 0:
        return "Debian's python3-torch is not installed (bash scripts/setup.sh --bench installs it)"
    return None


class TorchWorker:
    """A worker process and a scratch folder for the arrays it exchanges."""

    def __init__(self):
        self.scratch = pathlib.Path(tempfile.mkdtemp(prefix="neurite-torch-"))
        self.process = subprocess.Popen([TORCH_PYTHON, str(WORKER)], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)
        self.version = self._answer()["torch"]
        self.slots = 0

    def _answer(self):
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the PyTorch worker stopped")
        answer = json.loads(line)
        if "error" in answer:
            raise RuntimeError(f"PyTorch worker: {answer['error']}")
        return answer

    def call(self, op, **request):
        self.process.stdin.write(json.dumps({"op": op, **request}) + "\n")
        self.process.stdin.flush()
        return self._answer()

    def arrays(self, name, **arrays):
        path = self.scratch / f"{name}.npz"
        np.savez(path, **arrays)
        return str(path)

    def new_slot(self):
        self.slots += 1
        return self.slots

    def close(self):
        if self.process.poll() is None:
            self.process.stdin.write(json.dumps({"op": "quit"}) + "\n")
            self.process.stdin.close()
            self.process.wait()
        shutil.rmtree(self.scratch, ignore_errors=True)


class TorchPeer:
    """An MLP (`model='mlp'`) or CNN (`model='cnn'`, rows reshaped to `shape`)
    trained in the worker; rows are standard-scaled here on the taught rows."""

    def __init__(self, worker, model, shape=None, seed=0, max_epochs=500):
        self.worker, self.model, self.shape, self.seed, self.max_epochs = worker, model, shape, seed, max_epochs
        self.stats = {}

    def fit(self, x, y, classes=None):
        self.mean, self.scale = x.mean(0), x.std(0) + 1e-8
        self.classes_ = np.unique(y) if classes is None else np.asarray(classes)
        self.slot = self.worker.new_slot()
        self.stats = self.worker.call("fit", slot=self.slot, model=self.model, shape=self.shape, seed=self.seed,
                                      classes=len(self.classes_), max_epochs=self.max_epochs, data=self._rows(x, y))
        return self

    def partial_fit(self, x, y):
        """Fine-tunes on these rows only (no replay of earlier ones)."""
        self.stats = self.worker.call("partial_fit", slot=self.slot, max_epochs=self.max_epochs,
                                      data=self._rows(x, y))
        return self

    def _rows(self, x, y):
        codes = np.searchsorted(self.classes_, y)
        return self.worker.arrays("rows", x=self._scaled(x), y=codes.astype(np.int64))

    def _scaled(self, x):
        return ((x - self.mean) / self.scale).astype(np.float32)

    def predict_proba(self, x):
        out = self.worker.scratch / "proba.npy"
        answer = self.worker.call("predict", slot=self.slot, data=self.worker.arrays("query", x=self._scaled(x)),
                                  out=str(out))
        self.stats["predict_seconds"] = answer["predict_seconds"]
        return np.load(out)
