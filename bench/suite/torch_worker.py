"""PyTorch peers of the benchmark suite: an MLP and a small CNN trained by
backpropagation (Adam, early stopping on a validation split), on the CPU, one thread.

Runs under Debian's python3 with Debian's python3-torch (1.13) and python3-numpy: the
suite starts it once (bench/suite/torch_peers.py) and sends one JSON request per line on
stdin; arrays travel in .npz files. It answers one JSON line per request on stdout.
Requests: {"op": "fit", "slot", "data", "model", "classes", "shape", "seed", "max_epochs"},
{"op": "partial_fit", "slot", "data", "max_epochs"} (fine-tunes the slot's model on new rows only),
{"op": "predict", "slot", "data", "out"}, {"op": "quit"}.
The rows arrive standard-scaled by the suite (fitted on the taught rows).
"""
import json
import resource
import sys
import time

import numpy as np
import torch
from torch import nn

torch.set_num_threads(1)

PATIENCE = 10  # epochs without a better validation (or training) loss
BATCH = 64
HIDDEN = 256
MIN_PER_CLASS_FOR_VALIDATION = 5  # below this, no validation split: train to a training-loss plateau


def mlp(dim, classes):
    return nn.Sequential(nn.Linear(dim, HIDDEN), nn.ReLU(), nn.Linear(HIDDEN, HIDDEN), nn.ReLU(),
                         nn.Linear(HIDDEN, classes))


def cnn(shape, classes):
    """Two 3x3 convolutions (16 and 32 channels), max pooling, a 2x2 adaptive average
    pool and a 64-unit dense layer: a small CNN for 8x8 to 49x10 inputs."""
    return nn.Sequential(nn.Unflatten(1, (1, shape[0], shape[1])),
                         nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2, ceil_mode=True),
                         nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d((2, 2)),
                         nn.Flatten(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, classes))


def forward_macs(model, dim):
    """Multiply-adds of one forward pass of one row (dense and convolution layers)."""
    total = 0
    hooks = []

    def count(module, inputs, output):
        nonlocal total
        if isinstance(module, nn.Linear):
            total += module.in_features * module.out_features
        elif isinstance(module, nn.Conv2d):
            total += output[0].numel() * module.in_channels * module.kernel_size[0] * module.kernel_size[1]

    for m in model.modules():
        if isinstance(m, (nn.Linear, nn.Conv2d)):
            hooks.append(m.register_forward_hook(count))
    with torch.no_grad():
        model(torch.zeros(1, dim))
    for h in hooks:
        h.remove()
    return total


def validation_split(y, rng):
    """10 % of each class (at least one) for validation when every class has enough rows."""
    counts = np.bincount(y)
    if counts[counts > 0].min() < MIN_PER_CLASS_FOR_VALIDATION:
        return np.arange(len(y)), np.array([], dtype=int)
    val = []
    for c in np.flatnonzero(counts):
        rows = np.flatnonzero(y == c)
        val.extend(rng.permutation(rows)[: max(1, len(rows) // 10)])
    val = np.sort(np.array(val))
    return np.setdiff1d(np.arange(len(y)), val), val


def train(model, x, y, rng, stats, max_epochs):
    """Adam until the validation loss (or, without a validation split, the training
    loss) has not improved for PATIENCE epochs; keeps the best weights."""
    train_rows, val_rows = validation_split(y.numpy(), rng)
    optimiser = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    best, best_state, waited = float("inf"), None, 0
    epoch_seconds = []
    start = time.process_time()
    for _ in range(max_epochs):
        epoch_start = time.process_time()
        model.train()
        order = train_rows[rng.permutation(len(train_rows))]
        total = 0.0
        for b in range(0, len(order), BATCH):
            rows = torch.from_numpy(order[b:b + BATCH])
            optimiser.zero_grad()
            loss = loss_fn(model(x[rows]), y[rows])
            loss.backward()
            optimiser.step()
            total += float(loss) * len(rows)
        epoch_seconds.append(time.process_time() - epoch_start)
        model.eval()
        if len(val_rows):
            with torch.no_grad():
                v = torch.from_numpy(val_rows)
                current = float(loss_fn(model(x[v]), y[v]))
        else:
            current = total / len(order)
        if current < best - 1e-4:
            best, waited = current, 0
            best_state = {k: t.clone() for k, t in model.state_dict().items()}
        else:
            waited += 1
        if waited >= PATIENCE or (not len(val_rows) and current < 1e-3):
            break
    model.load_state_dict(best_state)
    stats.update(train_seconds=time.process_time() - start, epoch_seconds=epoch_seconds,
                 epochs=len(epoch_seconds), train_rows=len(train_rows), val_rows=len(val_rows))


class Worker:
    def __init__(self):
        self.models = {}

    def fit(self, r):
        data = np.load(r["data"])
        x, y = torch.from_numpy(data["x"]), torch.from_numpy(data["y"].astype(np.int64))
        torch.manual_seed(r["seed"])
        rng = np.random.default_rng(r["seed"])
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        model = mlp(x.shape[1], r["classes"]) if r["model"] == "mlp" else cnn(r["shape"], r["classes"])
        stats = {"macs_forward": forward_macs(model, x.shape[1])}
        train(model, x, y, rng, stats, r["max_epochs"])
        stats["peak_rss_growth_bytes"] = 1024 * (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before)
        stats["parameter_bytes"] = sum(4 * p.numel() for p in model.parameters())
        self.models[r["slot"]] = (model, rng)
        return stats

    def partial_fit(self, r):
        model, rng = self.models[r["slot"]]
        data = np.load(r["data"])
        stats = {}
        x, y = torch.from_numpy(data["x"]), torch.from_numpy(data["y"].astype(np.int64))
        train(model, x, y, rng, stats, r["max_epochs"])
        return stats

    def predict(self, r):
        model, _ = self.models[r["slot"]]
        x = torch.from_numpy(np.load(r["data"])["x"])
        start = time.process_time()
        with torch.no_grad():
            proba = torch.softmax(model(x), dim=1).numpy()
        seconds = time.process_time() - start
        np.save(r["out"], proba.astype(np.float32))
        return {"predict_seconds": seconds}


def main():
    worker = Worker()
    print(json.dumps({"ready": True, "torch": torch.__version__}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        if request["op"] == "quit":
            break
        try:
            answer = getattr(worker, request["op"])(request)
        except Exception as e:  # the suite reports it and stops
            answer = {"error": f"{type(e).__name__}: {e}"}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
