"""docs/benchmarks.md and the PNG plots from the suite's records."""
import math
import textwrap

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.ticker  # noqa: E402
import numpy as np  # noqa: E402

import methods as method_names  # noqa: E402

ORDER = ["neurite"] + method_names.PEER_NAMES
PERCENT = {"accuracy", "final accuracy", "forgetting", "accuracy before any correction", "accuracy at the end",
           "FPR at 95% TPR", "accuracy at 5% unknowns accepted", "known rejected (medium)",
           "unknown rejected (medium)"}
LOWER_IS_BETTER = {"forgetting", "FPR at 95% TPR", "corrections to 90%", "corrections", "learning CPU s", "inference us per input",
                   "model bytes", "memory bytes", "learning multiply-adds"}


def collect(results):
    table = {}
    for r in results:
        table.setdefault((r["data"], r["protocol"], r["method"], r["metric"]), []).extend(r["values"])
    return table


def summary(values, metric):
    v = np.asarray(values, dtype=float)
    finite = v[np.isfinite(v)]
    scale = 100.0 if metric in PERCENT else 1.0
    if len(finite) == 0:
        return "never", math.inf
    if metric in ("learning CPU s", "epoch CPU s", "inference us per input"):  # timings: median, min-max
        med = float(np.median(finite))
        spread = f" ({number(finite.min())}-{number(finite.max())}, n={len(v)})" if len(v) > 1 else ""
        return f"{number(med)}{spread}", med
    mean = float(np.mean(finite)) * scale
    text = number(mean, percent=scale == 100.0)
    if len(finite) > 1:
        text += f" ± {number(float(np.std(finite, ddof=1)) * scale, percent=scale == 100.0)}"
    if len(v) > 1:
        text += f" (n={len(v)})"
    if len(finite) < len(v):
        text += f", {len(v) - len(finite)} never"
    return text, mean


def number(v, percent=False):
    if percent:
        return f"{v:.1f}"
    if v == 0:
        return "0"
    if abs(v) >= 1e6:
        return f"{v:.3g}".replace("e+0", "e").replace("e+", "e")
    if abs(v) >= 100:
        return f"{v:,.0f}"
    if abs(v) >= 1:
        return f"{v:.3g}"
    return f"{v:.3g}"


def methods_in(table, data, protocol):
    present = {k[2] for k in table if k[0] == data and k[1] == protocol}
    return [m for m in ORDER if m in present] + sorted(present - set(ORDER))


def verdict(cells, metric):
    """neurite against the best peer: 'best', or how far behind (in points for percentages)."""
    if "neurite" not in cells or len(cells) < 2:
        return ""
    lower = metric in LOWER_IS_BETTER
    peers = {m: v for m, v in cells.items() if m != "neurite" and math.isfinite(v)}
    if not peers:
        return "best"
    best_peer = min(peers, key=peers.get) if lower else max(peers, key=peers.get)
    mine, theirs = cells["neurite"], peers[best_peer]
    unit = " points" if metric in PERCENT else ""
    if number(mine, metric in PERCENT) == number(theirs, metric in PERCENT):
        return f"tie with {best_peer}"
    if (mine <= theirs) if lower else (mine >= theirs):
        return f"best (next: {best_peer})"
    gap = abs(mine - theirs)
    return f"**loses** to {best_peer} by {number(gap, percent=metric in PERCENT)}{unit}"


def method_table(table, data, protocol, metrics_list):
    """Rows: methods; columns: metrics; a last row says where neurite stands per metric."""
    names = methods_in(table, data, protocol)
    metrics_list = [m for m in metrics_list if any((data, protocol, n, m) in table for n in names)]
    if not names or not metrics_list:
        return ""
    header = "| method | " + " | ".join(label(m) for m in metrics_list) + " |\n"
    out = header + "|---" * (len(metrics_list) + 1) + "|\n"
    means = {m: {} for m in metrics_list}
    for n in names:
        cells = []
        for metric in metrics_list:
            values = table.get((data, protocol, n, metric))
            if values is None:
                cells.append("")
                continue
            text, mean = summary(values, metric)
            means[metric][n] = mean
            cells.append(text)
        out += f"| {'**neurite**' if n == 'neurite' else n} | " + " | ".join(cells) + " |\n"
    out += "| *neurite vs the best peer* | " + " | ".join(verdict(means[m], m) for m in metrics_list) + " |\n"
    return out + "\n"


def label(metric):
    return metric + (" %" if metric in PERCENT else "")


def across_table(table, protocols, metric, title_of):
    """Rows: (data set, protocol); columns: methods; the cell is the metric."""
    rows = sorted({(k[0], k[1]) for k in table if k[1] in protocols and k[3] == metric},
                  key=lambda r: (r[0], protocols.index(r[1])))
    if not rows:
        return ""
    names = [m for m in ORDER if any((d, p, m, metric) in table for d, p in rows)]
    out = "| data set | protocol | " + " | ".join(names) + " | neurite vs the best peer |\n"
    out += "|---" * (len(names) + 3) + "|\n"
    for d, p in rows:
        cells, means = [], {}
        for n in names:
            values = table.get((d, p, n, metric))
            if values is None:
                cells.append("-")
                continue
            text, means[n] = summary(values, metric)
            cells.append(f"**{text}**" if n == "neurite" else text)
        out += f"| {title_of(d)} | {p} | " + " | ".join(cells) + f" | {verdict(means, metric)} |\n"
    return out + "\n"


# ---------------------------------------------------------------- plots

COLOURS = dict(zip(ORDER, ["black", "tab:blue", "tab:cyan", "tab:olive", "tab:orange", "tab:brown", "tab:purple",
                           "tab:red", "tab:pink", "tab:green", "tab:gray"]))


def style(name):
    return {"color": COLOURS.get(name, "tab:gray"), "linewidth": 2.5 if name == "neurite" else 1.2,
            "zorder": 3 if name == "neurite" else 2}


def grid(count):
    cols = min(count, 3)
    rows = math.ceil(count / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4.6 * cols, 3.6 * rows), squeeze=False)
    for ax in axes.flat[count:]:
        ax.axis("off")
    return fig, list(axes.flat)


def save(fig, path, handles_from):
    """The legend of the first panel below all panels, with room made for it."""
    handles, labels = handles_from.get_legend_handles_labels()
    for ax in fig.axes:  # long data-set names on two lines, so that neighbours' titles do not overlap
        ax.set_title(textwrap.fill(ax.get_title(), 40), fontsize=9)
    columns = min(len(labels), 3 if fig.get_figwidth() < 6 else 6)
    legend_inches = 0.22 * math.ceil(len(labels) / max(columns, 1)) + 0.15
    width, height = fig.get_size_inches()
    fig.set_size_inches(width, height + legend_inches)
    fig.legend(handles, labels, loc="lower center", ncol=max(columns, 1), fontsize=8, frameon=False)
    fig.tight_layout(rect=(0, legend_inches / (height + legend_inches), 1, 1))
    fig.savefig(path, dpi=90)
    plt.close(fig)


def plot_shots(table, datasets, title_of, path):
    shots = sorted({int(k[1].split("-")[0]) for k in table if k[1].endswith("-shot") and k[1][0].isdigit()})
    if not datasets or not shots:
        return False
    fig, axes = grid(len(datasets))
    for ax, d in zip(axes, datasets):
        for n in ORDER:
            points = [(k, table.get((d, f"{k}-shot", n, "accuracy"))) for k in shots]
            points = [(k, v) for k, v in points if v]
            if points:
                ks = [p[0] for p in points]
                ax.errorbar(ks, [100 * np.mean(v) for _, v in points], [100 * np.std(v) for _, v in points],
                            label=n, capsize=2, **style(n))
        ax.set(title=title_of(d), xlabel="examples per class", ylabel="accuracy %", xscale="log", xticks=shots)
        ax.set_xticklabels(shots)
        ax.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
        ax.grid(alpha=0.3)
    save(fig, path, axes[0])
    return True


def plot_cost(table, datasets, title_of, path):
    if not datasets:
        return False
    fig, axes = grid(len(datasets))
    for ax, d in zip(axes, datasets):
        for n in ORDER:
            t, a = table.get((d, "cost", n, "learning CPU s")), table.get((d, "cost", n, "accuracy"))
            if t and a:
                ax.scatter([np.median(t)], [100 * np.mean(a)], s=80 if n == "neurite" else 30, label=n,
                           color=COLOURS.get(n), marker="*" if n == "neurite" else "o", zorder=3)
        ax.set(title=title_of(d), xlabel="learning CPU seconds (log)", ylabel="accuracy %", xscale="log")
        ax.grid(alpha=0.3)
    save(fig, path, axes[0])
    return True


def plot_curves(curves, kind, title_of, path, xlabel, ylabel, x_from=0):
    datasets = [d for (k, d) in curves if k == kind]
    if not datasets:
        return False
    fig, axes = grid(len(datasets))
    for ax, d in zip(axes, datasets):
        for n, curve in curves[(kind, d)].items():
            if kind == "roc":
                ax.plot(100 * curve[0], 100 * curve[1], label=n, **style(n))
            else:
                ax.plot(np.arange(x_from, x_from + len(curve)), 100 * np.asarray(curve), label=n, **style(n))
        ax.set(title=title_of(d), xlabel=xlabel, ylabel=ylabel)
        ax.grid(alpha=0.3)
    save(fig, path, axes[0])
    return True
