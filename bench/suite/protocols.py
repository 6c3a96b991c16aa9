"""The eight protocols of the benchmark. Each appends records to `ctx.results`:
{"data", "protocol", "method", "metric", "values": one per run}, and curves to
`ctx.curves` for the plots."""
import time
import tracemalloc

import numpy as np

import methods
import metrics
import torch_peers

FULL_MEMORY = 1.0  # neurite with a whole training set: 64 MiB (trade-off 1), so that every event is kept


class Context:
    def __init__(self, settings, worker, log):
        self.settings, self.worker, self.log = settings, worker, log
        self.results, self.curves, self.notes = [], {}, []

    def record(self, data, protocol, method, metric, values):
        self.results.append({"data": data, "protocol": protocol, "method": method, "metric": metric,
                             "values": [float(v) for v in np.atleast_1d(values)]})

    def methods(self, ds, names=None, memory=0.75):
        """Fresh instances of the methods that can run on this data set."""
        out = {}
        for name in names or ["neurite"] + methods.PEER_NAMES:
            m = methods.make(name, self.worker, ds.shape, memory, self.settings.get("max_epochs", 500))
            if m is not None:
                out[name] = m
        return out


def fitted(ctx, name, method, x, y):
    """Fits; False (and a note) when the method refuses so few rows (LDA with one per class)."""
    try:
        method.fit(x, y)
        return True
    except ValueError as e:
        note = f"{name} cannot learn {len(y)} rows of {len(np.unique(y))} classes: {e}"
        if note not in ctx.notes:
            ctx.notes.append(note)
        return False


def accuracy(method, x, y):
    labels, _ = method.decide(x)
    return float(np.mean(labels == y))


def full_data(ctx, ds):
    """1. The conventional split, every method on the same vectors."""
    ctx.log(f"{ds.name}: conventional split")
    for name, m in ctx.methods(ds, memory=FULL_MEMORY).items():
        start = time.time()
        m.fit(ds.x[ds.train], ds.y[ds.train])
        ctx.log(f"  {name}: learned in {time.time() - start:.1f} s (wall)")
        ctx.record(ds.name, "full", name, "accuracy", accuracy(m, ds.x[ds.test], ds.y[ds.test]))
        if name == "neurite":
            kept = m.stats()["events"]
            if kept < len(ds.train):
                ctx.notes.append(f"{ds.name}: neurite's 64 MiB budget kept {kept:,} of {len(ds.train):,} events")


def draw_shots(y, rows, k, seed):
    """k rows of each class among `rows` (numpy's default_rng(seed), classes in order)."""
    rng = np.random.default_rng(seed)
    return np.concatenate([rng.choice(rows[y[rows] == c], k, replace=False) for c in np.unique(y[rows])])


def k_shot(ctx, ds):
    """2. k examples per class from the training split, tested on the whole test split."""
    for k in ctx.settings["shots"]:
        ctx.log(f"{ds.name}: {k}-shot, {ctx.settings['draws']} draws")
        values = {}
        for draw in range(ctx.settings["draws"]):
            teach = draw_shots(ds.y, ds.train, k, 1000 * k + draw)
            for name, m in ctx.methods(ds).items():
                if fitted(ctx, name, m, ds.x[teach], ds.y[teach]):
                    values.setdefault(name, []).append(accuracy(m, ds.x[ds.test], ds.y[ds.test]))
        for name, v in values.items():
            ctx.record(ds.name, f"{k}-shot", name, "accuracy", v)


def personal(ctx, ds):
    """3. Personal k-shot: the draws of bench_frontend (one speaker or subject teaches, the same one tests)."""
    per_group, taken, draws = ctx.settings["personal_draws"], {}, []
    for group, teach, test in ds.personal:  # the first `per_group` draws of each group (all: None)
        taken[group] = taken.get(group, 0) + 1
        if per_group is None or taken[group] <= per_group:
            draws.append((group, teach, test))
    ctx.log(f"{ds.name}: personal {ds.personal_k}-shot, {len(draws)} draws")
    values = {}
    for group, teach, test in draws:
        for name, m in ctx.methods(ds).items():
            if not fitted(ctx, name, m, ds.x[teach], ds.y[teach]):
                continue
            values.setdefault(name, {}).setdefault(group, []).append(accuracy(m, ds.x[test], ds.y[test]))
    for name, by_group in values.items():
        # One value per group (its mean over draws), so the spread is between people.
        ctx.record(ds.name, f"personal {ds.personal_k}-shot", name, "accuracy",
                   [np.mean(v) for v in by_group.values()])


def leave_one_group_out(ctx, ds):
    """4. Each speaker or subject tests once; all the others teach."""
    groups = np.unique(ds.group[np.r_[ds.train, ds.test]])
    ctx.log(f"{ds.name}: leave one out, {len(groups)} groups")
    values = {}
    rows = np.r_[ds.train, ds.test]
    for g in groups:
        teach, test = rows[ds.group[rows] != g], rows[ds.group[rows] == g]
        for name, m in ctx.methods(ds, memory=FULL_MEMORY).items():
            m.fit(ds.x[teach], ds.y[teach])
            values.setdefault(name, []).append(accuracy(m, ds.x[test], ds.y[test]))
    for name, v in values.items():
        ctx.record(ds.name, "leave one group out", name, "accuracy", v)


def class_incremental(ctx, ds):
    """5. Classes arrive one at a time, their events one by one. Streaming methods learn
    each event; RBF-SVM is refitted on all events seen (it stores them, as neurite does);
    the PyTorch MLP is fine-tuned on each new class's events only (backpropagation on
    the spot, no replay). After each class: accuracy on the test rows of all classes
    seen; forgetting: mean over earlier classes of (best accuracy - final accuracy)."""
    per_class, test_per_class = ctx.settings["incremental_events"], ctx.settings["incremental_test"]
    names = ["neurite", "1-NN", "nearest class mean", "OS-ELM (numpy)", "streaming LDA (numpy)", "RBF-SVM",
             "PyTorch MLP"]
    classes = np.unique(ds.y[ds.train])
    curves, forgetting = {}, {}
    for order_seed in range(ctx.settings["incremental_orders"]):
        order = classes if order_seed == 0 else np.random.default_rng(order_seed).permutation(classes)
        ctx.log(f"{ds.name}: class-incremental stream, order {order_seed + 1}")
        rng = np.random.default_rng(7 + order_seed)
        stream = {c: rng.permutation(ds.train[ds.y[ds.train] == c])[:per_class] for c in order}
        tests = {c: rng.permutation(ds.test[ds.y[ds.test] == c])[:test_per_class] for c in order}
        pool = np.concatenate(list(stream.values()))
        for name, m in ctx.methods(ds, names).items():
            per_class_acc = []  # after step s: accuracy of each class seen
            if hasattr(m, "scaling"):
                m.scaling.fix(ds.x[pool])
            if m.streaming:
                m.start(classes)
            for step, c in enumerate(order):
                seen = order[: step + 1]
                events = stream[c]
                if m.streaming:
                    for i in events:
                        m.learn(ds.x[i:i + 1], ds.y[i:i + 1])
                elif name == "PyTorch MLP" and step > 0:
                    m.fine_tune(ds.x[events], ds.y[events])
                elif name == "PyTorch MLP":
                    m.fit(ds.x[events], ds.y[events], classes=classes)
                elif step > 0:  # a batch method: refit on every event seen so far
                    taught = np.concatenate([stream[s] for s in seen])
                    m.fit(ds.x[taught], ds.y[taught])
                if not m.streaming and name != "PyTorch MLP" and step == 0:
                    per_class_acc.append({c: 1.0})  # one class: nothing to tell apart yet
                    continue
                labels, _ = m.decide(ds.x[np.concatenate([tests[s] for s in seen])])
                truth = ds.y[np.concatenate([tests[s] for s in seen])]
                per_class_acc.append({s: float(np.mean(labels[truth == s] == s)) for s in seen})
            curves.setdefault(name, []).append([np.mean(list(a.values())) for a in per_class_acc])
            final = per_class_acc[-1]
            forgetting.setdefault(name, []).append(
                np.mean([max(a[s] for a in per_class_acc if s in a) - final[s] for s in order[:-1]]))
    for name in curves:
        ctx.record(ds.name, "class-incremental", name, "final accuracy", [c[-1] for c in curves[name]])
        ctx.record(ds.name, "class-incremental", name, "forgetting", forgetting[name])
    ctx.curves[("class-incremental", ds.name)] = {n: np.mean(c, axis=0) for n, c in curves.items()}


def open_set(ctx, ds):
    """6. Classes held out as unknown (or, for Speech Commands, other words): every
    method's own unknown score on the known and unknown test rows."""
    known = np.setdiff1d(np.unique(ds.y[ds.train]), ds.unknown)
    teach = ds.train[np.isin(ds.y[ds.train], known)]
    test_known = ds.test[np.isin(ds.y[ds.test], known)]
    test_unknown = ds.extra_unknown if ds.extra_unknown is not None else ds.test[np.isin(ds.y[ds.test], ds.unknown)]
    ctx.log(f"{ds.name}: open set, {len(test_unknown)} unknown test inputs")
    rocs = {}
    for name, m in ctx.methods(ds, memory=FULL_MEMORY).items():
        m.fit(ds.x[teach], ds.y[teach])
        labels, known_score = m.decide(ds.x[test_known])
        _, unknown_score = m.decide(ds.x[test_unknown])
        for metric, value in metrics.open_set(known_score, labels == ds.y[test_known], unknown_score).items():
            ctx.record(ds.name, "open set", name, metric, value)
        rocs[name] = metrics.roc(known_score, unknown_score)
        if name == "neurite":  # its own decision at the default strictness (medium)
            rate = m.model.learner_.rejection_rate
            ctx.record(ds.name, "open set", name, "known rejected (medium)", np.mean(known_score > 1 - rate))
            ctx.record(ds.name, "open set", name, "unknown rejected (medium)", np.mean(unknown_score > 1 - rate))
    ctx.curves[("roc", ds.name)] = rocs


def drift(ctx, ds):
    """7. Drift: person A teaches `drift_shots` per class event by event; then the
    inputs change (person B speaks, or noise is mixed into A's own inputs) and arrive
    in random order; each is predicted, and a wrong answer is corrected (the input is
    learned with its label). Accuracy on held-out changed inputs after each input, and
    the corrections until it first reaches 90 %."""
    pairs = ctx.settings["drift_pairs"](ds)
    for a, b in pairs:
        ctx.log(f"{ds.name}: drift {ds.group_names[a]} -> {ds.group_names[b]}")
        drift_run(ctx, ds, "drift", a, b, ds.x)
    if ds.noisy is not None:
        for a, _ in pairs:
            ctx.log(f"{ds.name}: drift {ds.group_names[a]} -> the same with noise")
            drift_run(ctx, ds, "drift to noise", a, a, ds.noisy)
    for protocol in ("drift", "drift to noise"):
        runs = ctx.curves.pop(("drift runs", protocol), None)
        if runs:
            # a person may have fewer changed inputs than the stream allows: the mean over the common start
            ctx.curves[(protocol, ds.name)] = {n: np.mean([r[:min(map(len, c))] for r in c], axis=0)
                                               for n, c in runs.items()}


def drift_run(ctx, ds, protocol, a, b, after):
    """One change from person a (clean) to person b's inputs in `after` (rows as ds.x)."""
    names = ["neurite", "1-NN", "nearest class mean", "OS-ELM (numpy)", "streaming LDA (numpy)", "RBF-SVM"]
    length, shots = ctx.settings["drift_events"], ctx.settings["drift_shots"]
    classes = np.unique(ds.y)
    rng = np.random.default_rng(100 * a + b)
    first = draw_shots(ds.y, np.flatnonzero(ds.group == a), shots, a)
    rows_b = rng.permutation(np.setdiff1d(np.flatnonzero(ds.group == b), first))
    held_out = np.concatenate([rows_b[ds.y[rows_b] == c][:5] for c in classes])
    stream = np.setdiff1d(rows_b, held_out)
    stream = stream[rng.permutation(len(stream))][:length]
    x = np.concatenate([ds.x[first], after[stream]])  # events in arrival order
    y = np.concatenate([ds.y[first], ds.y[stream]])
    test_x, test_y = after[held_out], ds.y[held_out]
    runs = ctx.curves.setdefault(("drift runs", protocol), {})
    for name, m in ctx.methods(ds, names).items():
        if hasattr(m, "scaling"):
            m.scaling.fix(x)
        taught = list(range(len(first)))
        if m.streaming:
            m.start(classes)
            m.learn(x[taught], y[taught])
        else:
            m.fit(x[taught], y[taught])
        curve, corrections, reached = [accuracy(m, test_x, test_y)], 0, None
        for i in range(len(first), len(x)):
            label, _ = m.decide(x[i:i + 1])
            if label[0] != y[i]:
                corrections += 1
                taught.append(i)
                if m.streaming:
                    m.learn(x[i:i + 1], y[i:i + 1])
                else:
                    m.fit(x[taught], y[taught])
                curve.append(accuracy(m, test_x, test_y))
            else:
                curve.append(curve[-1])
            if reached is None and curve[-1] >= 0.9:
                reached = corrections
        runs.setdefault(name, []).append(curve)
        ctx.record(ds.name, protocol, name, "accuracy before any correction", curve[0])
        ctx.record(ds.name, protocol, name, "accuracy at the end", curve[-1])
        ctx.record(ds.name, protocol, name, "corrections to 90%", np.nan if reached is None else reached)
        ctx.record(ds.name, protocol, name, "corrections", corrections)


def timed(function, repetitions):
    """CPU seconds of each call (process time: the work of this process, whatever else runs)."""
    out = []
    for _ in range(repetitions):
        start = time.process_time()
        function()
        out.append(time.process_time() - start)
    return out


def cost(ctx, ds):
    """8. Learning CPU time, counted multiply-adds, inference time, model bytes and peak
    memory; neurite's full build beside ONE epoch of the PyTorch MLP and its whole
    training until early stopping, on the same training rows."""
    reps = ctx.settings["cost_repetitions"]
    x, y, q = ds.x[ds.train], ds.y[ds.train], ds.x[ds.test]
    ctx.log(f"{ds.name}: costs, {reps} repetitions")
    for name, m in ctx.methods(ds, memory=FULL_MEMORY).items():
        torch = name.startswith("PyTorch")
        if torch:  # a worker of its own, so that its peak memory is this training's
            worker = torch_peers.TorchWorker()
            m = methods.make(name, worker, ds.shape, max_epochs=ctx.settings.get("max_epochs", 500))
        if not torch:  # peak of the memory Python and NumPy allocate while learning, in a run of its own
            tracemalloc.start()
            m.fit(x, y)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        seconds = timed(lambda: m.fit(x, y), 1 if torch else reps)
        if torch:
            seconds = [m.peer.stats["train_seconds"]]  # measured in the worker, without the transfer
        ctx.record(ds.name, "cost", name, "learning CPU s", seconds)
        predict = timed(lambda: m.decide(q), reps)
        ctx.record(ds.name, "cost", name, "inference us per input", [1e6 * s / len(q) for s in predict])
        ctx.record(ds.name, "cost", name, "model bytes", m.model_bytes())
        ctx.record(ds.name, "cost", name, "accuracy", accuracy(m, q, ds.y[ds.test]))
        if name == "neurite":
            ctx.record(ds.name, "cost", name, "learning multiply-adds", m.stats()["last_build_flops"])
            ctx.record(ds.name, "cost", name, "memory bytes", m.model.memory_bytes_ + peak)
            ctx.record(ds.name, "cost", name, "live bytes of the arena", m.stats()["live_bytes"])
        elif torch:
            st = m.peer.stats
            epoch_macs = 3 * st["macs_forward"] * st["train_rows"] + st["macs_forward"] * st["val_rows"]
            ctx.record(ds.name, "cost", name, "epoch CPU s", st["epoch_seconds"])
            ctx.record(ds.name, "cost", name, "epochs", st["epochs"])
            ctx.record(ds.name, "cost", name, "learning multiply-adds", epoch_macs * st["epochs"])
            ctx.record(ds.name, "cost", name, "epoch multiply-adds", epoch_macs)
            ctx.record(ds.name, "cost", name, "memory bytes", st["peak_rss_growth_bytes"])
            if name == "PyTorch MLP":
                for _ in range(reps - 1):  # more whole trainings, for the spread of the epoch time
                    m.fit(x, y)
                    ctx.record(ds.name, "cost", name, "epoch CPU s", m.peer.stats["epoch_seconds"])
                    ctx.record(ds.name, "cost", name, "learning CPU s", m.peer.stats["train_seconds"])
                    ctx.record(ds.name, "cost", name, "epochs", m.peer.stats["epochs"])
            worker.close()
        else:
            ctx.record(ds.name, "cost", name, "memory bytes", peak)
            if name == "scikit-learn MLP":
                model = m.model
                forward = sum(w.size for w in model.coefs_)
                ctx.record(ds.name, "cost", name, "learning multiply-adds", 3 * forward * len(x) * model.n_iter_)
                ctx.record(ds.name, "cost", name, "epochs", model.n_iter_)
