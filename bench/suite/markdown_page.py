"""The text of docs/benchmarks.md: header, headline rows, one section per protocol, plots."""
import os

import numpy as np

import datasets
import report
from report import across_table, collect, method_table

OPEN_SET = ["AUROC", "FPR at 95% TPR", "OSCR", "accuracy at 5% unknowns accepted", "known rejected (medium)",
            "unknown rejected (medium)"]
COST = ["accuracy", "learning CPU s", "learning multiply-adds", "epochs", "epoch CPU s", "inference us per input",
        "model bytes", "memory bytes", "live bytes of the arena"]


class Run:
    """A saved run as the page reads it."""

    def __init__(self, run):
        self.results, self.curves, self.notes, self.settings = (run["results"], run["curves"], run["notes"],
                                                                 run["settings"])


def page(run, img, out):
    header, ctx, loaded, skipped = run["header"], Run(run), run["datasets"], run["skipped"]
    titles = {d["name"]: d["title"] for d in loaded}
    table = collect(ctx.results)
    title_of = lambda d: titles.get(d, d)  # noqa: E731
    rel = os.path.relpath(img, out.parent)
    names = [d["name"] for d in loaded]
    md = [f"# Benchmarks: neurite beside its peers ({header['mode']} mode)\n",
          f"Commit `{header['commit']}`, {header['date']}, {header['machine']}. {header['versions']}. "
          f"The run took {header['minutes']:.1f} minutes.\n",
          "Rerun: `make bench` (quick mode, a few minutes) or `make bench FULL=1` (every protocol on every data set; "
          "long). The suite (`bench/suite/`) computes the front-end vectors of the full sets once (`bench_frontend "
          "--export`, `neurite features`), then runs every method on exactly those vectors and splits, in one run. "
          "Every method runs on one thread; timings are CPU time of the learning process (medians, with min-max "
          "and the number of runs), other figures are mean ± standard deviation over runs (n = runs).\n",
          "**What is compared.** neurite: `neurite.Classifier` with its default settings (medium strictness, 8 MiB "
          "budget), except where a whole training set is taught at once (conventional split, leave one out, open set, "
          "cost): there it gets 64 MiB (trade-off 1), so that every event is kept. Its closed-set accuracy takes its "
          "best class (rejection is measured in the open-set protocol). Peers: 1-NN and 5-NN, nearest class mean, "
          "RBF-SVM (`SVC()`), scikit-learn's MLP (`MLPClassifier(max_iter=1000)`, trained until its loss stops "
          "improving), all with standard scaling fitted on the taught rows; shrinkage LDA (`solver='lsqr', "
          "shrinkage='auto'`); a PyTorch MLP (two hidden layers of 256 ReLU units) and a small PyTorch CNN (two 3x3 "
          "convolutions, 16 and 32 channels, on the vector laid out as time x coefficient or as pixels; only where "
          "the vector has such a layout), both Adam (learning rate 1e-3, batches of 64), early stopping on a 10 % "
          "validation split (patience 10 epochs, best weights kept; with fewer than 5 examples per class, no split: "
          "until the training loss stops improving), at most 500 epochs; OS-ELM (512 sigmoid units, ridge 0.1, one "
          "recursive least-squares update per event) and streaming LDA (running class means and shared covariance, "
          "shrinkage 0.1), both written in numpy inside the benchmark (`bench/suite/methods.py`). Unknown scores: "
          "neurite 1 - credibility; nearest neighbours and class means: distance; streaming LDA: Mahalanobis "
          "distance; the others: minus the largest probability or decision value.\n"]
    md.append("## Headline rows\n")
    md.append(across_table(table, ["full", "leave one group out"], "accuracy", title_of))
    md.append(headline_cost(table, names, title_of))
    md.append("## 1. Full data: the conventional split\n")
    md.append(across_table(table, ["full"], "accuracy", title_of))
    shot_protocols = [f"{k}-shot" for k in ctx.settings["shots"]]
    md.append("## 2. k-shot: k examples per class from the training split, the whole test split\n")
    md.append(f"Each draw picks k rows per class with `numpy.random.default_rng(1000 k + draw)`; "
              f"{ctx.settings['draws']} draws per k.\n\n")
    md.append(across_table(table, shot_protocols, "accuracy", title_of))
    md.append(plot(report.plot_shots(table, [d for d in names if (d, "1-shot", "neurite", "accuracy") in table],
                                     title_of, img / "shots.png"), rel, "shots.png", "accuracy versus shots"))
    md.append("## 3. Personal k-shot: one speaker or subject teaches, the same one tests\n")
    md.append("The draws of `bench_frontend` (docs/frontend-figures.md): for each person and draw, k examples per "
              "class of that person teach, the person's other inputs test. n = people (each value is the person's mean "
              f"over {ctx.settings['personal_draws'] or 'all 10'} draw(s)).\n\n")
    md.append(across_table(table, [p for p in {k[1] for k in table} if p.startswith("personal")], "accuracy",
                           title_of))
    md.append("## 4. Leave one speaker, subject or load out\n")
    md.append(across_table(table, ["leave one group out"], "accuracy", title_of))
    md.append("## 5. Class-incremental stream\n")
    md.append(protocols_doc("class_incremental", ctx))
    md.append(across_table(table, ["class-incremental"], "final accuracy", title_of))
    md.append(across_table(table, ["class-incremental"], "forgetting", title_of))
    md.append(plot(report.plot_curves(ctx.curves, "class-incremental", title_of, img / "incremental.png",
                                      "classes seen", "accuracy on the classes seen %", x_from=1),
                   rel, "incremental.png", "class-incremental accuracy"))
    md.append("## 6. Open set: inputs of classes never taught\n")
    md.append("Taught: the training rows of the known classes; tested: the known classes' test rows and the unknown "
              "inputs (the two highest class labels of each set, never taught; Speech Commands: the 116 clips of other "
              "words in its `_unknown_` folder). AUROC of the unknown score; false-positive rate at 95 % "
              "true-positive rate: the share of unknowns accepted when 95 % of known inputs are; OSCR: area under "
              "the correct-classification rate versus the share of unknowns accepted; accuracy (correct and "
              "accepted) when 5 % of unknowns are accepted. neurite's own decision at its default strictness is "
              "given as the share of known and unknown inputs it rejects.\n\n")
    for d in names:
        t = method_table(table, d, "open set", OPEN_SET)
        if t:
            md.append(f"**{title_of(d)}**\n\n" + t)
    md.append(plot(report.plot_curves(ctx.curves, "roc", title_of, img / "roc.png", "known inputs rejected %",
                                      "unknown inputs rejected %"), rel, "roc.png", "open-set ROC curves"))
    md.append("## 7. Drift: the speaker or subject changes mid-stream, or noise comes in\n")
    md.append(protocols_doc("drift", ctx))
    for protocol, what in (("drift", "another person"), ("drift to noise", "the same person, with noise")):
        for d in names:
            t = method_table(table, d, protocol, ["accuracy before any correction", "accuracy at the end",
                                                  "corrections to 90%", "corrections"])
            if t:
                md.append(f"**{title_of(d)}: {what}**\n\n" + t)
    curves = {("drift", f"{d}, {w}"): c for (k, d), c in ctx.curves.items() for p, w in
              (("drift", "another person"), ("drift to noise", "noise")) if k == p}
    md.append(plot(report.plot_curves(curves, "drift", lambda d: title_of(d.split(",")[0]) + "," +
                                      d.split(",", 1)[1], img / "drift.png", "changed inputs seen",
                                      "held-out accuracy %"), rel, "drift.png", "drift recovery"))
    md.append("## 8. Cost\n")
    md.append("Same training rows for every method (the conventional split). Learning CPU s: `fit` (neurite: one "
              "full build); PyTorch: the training loop until early stopping, measured in its process. Multiply-adds: "
              "neurite counts its build (`stats()['last_build_flops']`); for the MLPs, forward multiply-adds of one "
              "row x (3 x training rows + validation rows) per epoch (backward about twice the forward), times the "
              "epochs. Model bytes: neurite's saved model; PyTorch: float32 parameters; others: their pickle (k-NN: "
              "the stored rows). Memory bytes: neurite's arena (the budget it is given and reserves whole; what the "
              "model occupies after the build is its live bytes) plus what Python allocates during `fit`; scikit-learn "
              "and numpy peers: the peak Python/NumPy allocation during `fit` (tracemalloc; memory libsvm allocates "
              "itself is not seen); PyTorch: growth of the worker's peak resident memory during its first training.\n\n")
    md.append(cost_ratios(table, names, title_of))
    for d in names:
        t = method_table(table, d, "cost", COST)
        if t:
            md.append(f"**{title_of(d)}**\n\n" + t)
    md.append(plot(report.plot_cost(table, [d for d in names if (d, "cost", "neurite", "accuracy") in table],
                                    title_of, img / "cost.png"), rel, "cost.png", "accuracy versus learning cost"))
    md.append("## Data sets and splits\n")
    for d in loaded:
        source = f" Source: {SOURCES[d['name']]}." if d["name"] in SOURCES else ""
        md.append(f"- **{d['title']}** (`{d['name']}`): {d['rows']:,} vectors of {d['dim']} values, "
                  f"{len(d['classes'])} classes; split: {d['split']}; never taught in the open-set protocol: "
                  f"{', '.join(map(str, d['unknown'])) or 'the other words'}.{source}\n")
    if skipped:
        md.append("\nSkipped here:\n\n" + "".join(f"- {s}\n" for s in skipped))
    if ctx.notes:
        md.append("\nNotes:\n\n" + "".join(f"- {s}\n" for s in ctx.notes))
    return "\n".join(part.rstrip("\n") + "\n" for part in md if part)


SOURCES = {
    "digits": "UCI Optical Recognition of Handwritten Digits (Alpaydin and Kaynak), scikit-learn's copy, data/README.md",
    "fsdd": "Free Spoken Digit Dataset (Z. Jackson et al.), CC BY-SA 4.0",
    "hapt": "UCI HAPT (Reyes-Ortiz et al., Neurocomputing 2015); non-commercial: only its vectors are used here, "
            "nothing of it is shipped",
    "speech_commands": "Speech Commands v0.02 (P. Warden, arXiv:1804.03209), CC BY 4.0: the subset of its test "
                       "set in ../shared/data",
    "cwru": "Case Western Reserve University Bearing Data Center (acknowledged; no licence stated)",
    "fashion": "Fashion-MNIST (H. Xiao, K. Rasul, R. Vollgraf, Zalando SE, 2017), MIT licence, Debian's "
               "dataset-fashion-mnist",
}


def plot(made, rel, name, alt):
    return f"![{alt}]({rel}/{name})\n" if made else ""


def protocols_doc(step, ctx):
    import protocols

    doc = (protocols.class_incremental if step == "class_incremental" else protocols.drift).__doc__
    s = ctx.settings
    extra = (f" {s['incremental_events']} events per class, {s['incremental_test']} test rows per class, "
             f"{s['incremental_orders']} class order(s) (the first in label order)." if step == "class_incremental"
             else f" {s['drift_shots']} examples per class from the first person, at most {s['drift_events']} "
                  "changed inputs; 5 held-out changed inputs per class. Noise: Speech Commands' "
                  f"`{datasets.NOISE_FILE}` mixed into the recordings at {datasets.NOISE_SNR_DB:.0f} dB SNR, "
                  "features by `neurite features`. A method that never reaches 90 % counts as 'never'. RBF-SVM is "
                  "refitted on every event taught after each correction; the others learn the correction as one "
                  "event.")
    return " ".join(doc.split()[1:]) + extra + "\n\n"


def median(values):
    return float(np.median(values)) if values else float("nan")


def cost_ratios(table, names, title_of):
    rows = []
    for d in names:
        build = table.get((d, "cost", "neurite", "learning CPU s"))
        epoch = table.get((d, "cost", "PyTorch MLP", "epoch CPU s"))
        whole = table.get((d, "cost", "PyTorch MLP", "learning CPU s"))
        build_macs = table.get((d, "cost", "neurite", "learning multiply-adds"))
        epoch_macs = table.get((d, "cost", "PyTorch MLP", "epoch multiply-adds"))
        if not (build and epoch and whole):
            continue
        epochs = table.get((d, "cost", "PyTorch MLP", "epochs"), [float("nan")])
        rows.append(f"| {title_of(d)} | {median(build):.3g} s | {median(epoch):.3g} s "
                    f"({min(epoch):.3g}-{max(epoch):.3g}, n={len(epoch)}) | **{median(build) / median(epoch):.2f}** | "
                    f"{median(whole):.3g} s ({np.mean(epochs):.0f} epochs) | **{median(build) / median(whole):.3f}** | "
                    f"{build_macs[0]:.3g} / {epoch_macs[0]:.3g} = **{build_macs[0] / epoch_macs[0]:.2f}** |\n")
    if not rows:
        return ""
    return ("The claim to test, *a full build costs less than one epoch of backpropagation*: neurite's full build "
            "against one epoch and the whole training of the PyTorch MLP, same rows, same run (CPU time; a ratio "
            "below 1 means neurite's build is cheaper).\n\n"
            "| data set | neurite build | one MLP epoch (median over epochs and trainings) | build / epoch | MLP "
            "training to early stop | build / whole training | multiply-adds: build / epoch |\n"
            "|---|---|---|---|---|---|---|\n" + "".join(rows) + "\n")


def headline_cost(table, names, title_of):
    text = cost_ratios(table, names, title_of)
    return text.split("\n\n", 1)[1] if text else ""
