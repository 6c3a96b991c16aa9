"""The benchmark suite: neurite beside its peers, same vectors, same splits, one run.

  make bench            quick mode (a few minutes): docs/benchmarks.md, docs/img/*.png
  make bench FULL=1     every protocol on every data set found (long; progress on stderr)
  run.py --smoke DIR    the plumbing on the bundled data only (seconds; the pytest)

Usage: run.py [--full | --smoke DIR] --build BUILD [--out FILE] [--img DIR]
       run.py --render BUILD/bench-suite/run.pickle   (the page again, from a saved run)
"""
import argparse
import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):  # one core for every method
    os.environ.setdefault(_var, "1")

import datetime  # noqa: E402
import json  # noqa: E402
import pathlib  # noqa: E402
import pickle  # noqa: E402
import platform  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
import sklearn  # noqa: E402

import datasets  # noqa: E402
import markdown_page  # noqa: E402
import protocols  # noqa: E402
import torch_peers  # noqa: E402

ROOT = datasets.ROOT


def fsdd_pairs(count):
    return lambda ds: [(s, (s + 1) % len(ds.group_names)) for s in range(count)]


def hapt_pairs(count):
    test_subjects = [2, 4, 9, 10, 12, 13, 18, 20, 24]
    return lambda ds: [(test_subjects[i], test_subjects[i + 1]) for i in range(count)]


MODES = {
    "quick": {
        "shots": [1, 3, 5, 10], "draws": 10, "personal_draws": 2, "incremental_events": 20, "incremental_test": 30,
        "incremental_orders": 1, "drift_events": 150, "drift_shots": 5, "cost_repetitions": 3,
        "fashion_rows": (2000, 1000),
        "plan": {
            "digits": ["full", "k_shot", "class_incremental", "open_set", "cost"],
            "fsdd": ["full", "k_shot", "personal", "loso", "class_incremental", "open_set", "drift", "cost"],
            "hapt": ["full", "k_shot", "personal", "open_set"],
            "speech_commands": ["full", "open_set"],
            "cwru": ["full", "open_set"],
            "fashion": ["full", "open_set"],
        },
        "drift_pairs": {"fsdd": fsdd_pairs(2)},
    },
    "full": {
        "shots": [1, 3, 5, 10], "draws": 10, "personal_draws": None, "incremental_events": 50,
        "incremental_test": 100, "incremental_orders": 3, "drift_events": 300, "drift_shots": 5,
        "cost_repetitions": 7,
        # 10,000 of the 60,000 training images: every method (SVM, neurite's O(N^2 d) calibration) stays in minutes
        "fashion_rows": (10000, 2000),
        "plan": {
            "digits": ["full", "k_shot", "class_incremental", "open_set", "cost"],
            "fsdd": ["full", "k_shot", "personal", "loso", "class_incremental", "open_set", "drift", "cost"],
            "hapt": ["full", "k_shot", "personal", "loso", "class_incremental", "open_set", "drift", "cost"],
            "speech_commands": ["full", "k_shot", "class_incremental", "open_set", "cost"],
            "cwru": ["full", "k_shot", "loso", "class_incremental", "open_set", "cost"],
            "fashion": ["full", "k_shot", "open_set", "cost"],
        },
        "drift_pairs": {"fsdd": fsdd_pairs(6), "hapt": hapt_pairs(4)},
    },
    "smoke": {
        "shots": [1, 3], "draws": 2, "personal_draws": 1, "incremental_events": 5, "incremental_test": 5,
        "incremental_orders": 1, "drift_events": 40, "drift_shots": 2, "cost_repetitions": 2,
        "digits_rows": (500, 200), "max_epochs": 20,
        "plan": {
            "digits": ["full", "k_shot", "open_set", "cost"],
            "fsdd-bundled": ["full", "k_shot", "personal", "loso", "class_incremental", "open_set", "drift"],
        },
        "drift_pairs": {"fsdd-bundled": lambda ds: [(0, 1)]},
    },
}

PROTOCOLS = {"full": protocols.full_data, "k_shot": protocols.k_shot, "personal": protocols.personal,
             "loso": protocols.leave_one_group_out, "class_incremental": protocols.class_incremental,
             "open_set": protocols.open_set, "drift": protocols.drift, "cost": protocols.cost}


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
               platform.processor())
    memory = next((int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal")), 0)
    return f"{cpu}, {os.cpu_count()} cores, {memory / 2**20:.0f} GiB, {platform.system()} {platform.release()}"


def commit():
    def git(*args):
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    sha = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", ".", ":!docs/benchmarks.md", ":!docs/img")
    return sha + ("-dirty" if dirty else "")


def load(name, build, cache, scratch, settings):
    """The data set, or a string saying why it is skipped."""
    if name == "digits":
        return datasets.digits(*settings.get("digits_rows", (None, None)))
    if name == "fashion":
        return datasets.fashion(*settings["fashion_rows"])
    if name == "fsdd-bundled":
        return datasets.bundled_fsdd(build / "tools" / "neurite" / "neurite", scratch)
    return {"fsdd": datasets.fsdd, "hapt": datasets.activities, "cwru": datasets.bearings,
            "speech_commands": datasets.speech_commands}[name](cache)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action="store_true", help="every protocol on every data set")
    parser.add_argument("--smoke", metavar="DIR", help="bundled data only; outputs into DIR")
    parser.add_argument("--build", default=str(ROOT / "build"), help="the CMake build tree (programs, cache)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    parser.add_argument("--img", default=str(ROOT / "docs" / "img"))
    parser.add_argument("--render", metavar="RUN", help="only write the page and plots of a saved run.pickle")
    args = parser.parse_args(argv)
    if args.render:
        return render(pickle.loads(pathlib.Path(args.render).read_bytes()), pathlib.Path(args.img),
                      pathlib.Path(args.out))
    mode = "smoke" if args.smoke else "full" if args.full else "quick"
    settings = dict(MODES[mode])
    build = pathlib.Path(args.build).resolve()
    out, img = pathlib.Path(args.out), pathlib.Path(args.img)
    scratch = build / "bench-suite"
    if args.smoke:
        out, img = pathlib.Path(args.smoke) / "benchmarks.md", pathlib.Path(args.smoke) / "img"
        scratch = pathlib.Path(args.smoke)
    scratch.mkdir(parents=True, exist_ok=True)
    img.mkdir(parents=True, exist_ok=True)
    started = time.time()

    def log(text):
        print(f"[{time.time() - started:7.1f} s] {text}", file=sys.stderr, flush=True)

    if mode != "smoke":
        datasets.prepare_cache(build, build / "bench-cache", log)
    why_no_torch = torch_peers.torch_available()
    worker = None if why_no_torch else torch_peers.TorchWorker()
    skipped = [] if worker else [f"PyTorch MLP and CNN: {why_no_torch}"]
    ctx = protocols.Context(settings, worker, log)
    loaded = []
    try:
        for name, plan in settings["plan"].items():
            ds = load(name, build, build / "bench-cache", scratch, settings)
            if isinstance(ds, str):
                skipped.append(f"{name}: {ds}")
                log(f"{name}: skipped: {ds}")
                continue
            loaded.append(ds)
            settings["drift_pairs"] = MODES[mode]["drift_pairs"].get(ds.name)
            for step in plan:
                PROTOCOLS[step](ctx, ds)
    finally:
        if worker:
            worker.close()
    minutes = (time.time() - started) / 60
    header = {"mode": mode, "commit": commit(), "date": datetime.datetime.now(datetime.timezone.utc).strftime(
        "%Y-%m-%d %H:%M UTC"), "machine": machine(), "minutes": minutes,
        "versions": f"Python {platform.python_version()}, NumPy {np.__version__}, scikit-learn {sklearn.__version__}"
                    + (f", PyTorch {worker.version} (Debian's python3-torch, run by /usr/bin/python3)" if worker
                       else "")}
    (scratch / "results.json").write_text(json.dumps({"header": header, "results": ctx.results}, indent=0))
    run = {"header": header, "results": ctx.results, "curves": ctx.curves, "notes": ctx.notes,
           "settings": {k: v for k, v in settings.items() if not callable(v) and k != "drift_pairs"},
           "datasets": [describe(ds) for ds in loaded], "skipped": skipped}
    (scratch / "run.pickle").write_bytes(pickle.dumps(run))
    render(run, img, out)
    log(f"wrote {out} and the plots in {img} ({minutes:.1f} min)")
    return ctx


def describe(ds):
    """What the page says about a data set."""
    return {"name": ds.name, "title": ds.title, "rows": len(ds.x), "dim": ds.x.shape[1], "classes": ds.classes,
            "split": ds.split, "unknown": [ds.classes[c] for c in ds.unknown]}


def render(run, img, out):
    img.mkdir(parents=True, exist_ok=True)
    out.write_text(markdown_page.page(run, img, out))


if __name__ == "__main__":
    main()
