#!/usr/bin/env python3
"""Writes an event sequence (src/device/sequence.hpp) from a table of features.

The feature source is an input: any CSV (optionally gzipped) whose rows are
features followed by an integer label, e.g. data/digits/digits.csv.gz now, and
spoken-digit MFCC features once the audio front-end writes them in that form.

The scenario is few-shot learning on a device, event by event: a few examples
of each taught class arrive one at a time (one with a wrong label, corrected
later), then predictions of known classes and of classes never taught (to be
rejected as unknown), more events, a removal, a rebuild, a save-and-reload,
forgetting a class, and predictions again. Selection is deterministic (seed).
"""
import argparse
import csv
import gzip
import random
import struct
import sys

LEARN, PREDICT, CORRECT, REMOVE, FORGET, REBUILD, RELOAD = range(1, 8)
STRICTNESS = {"off": 0, "low": 1, "medium": 2, "high": 3}


def read_table(path):
    """Rows of features and an integer label: either features then the label (no
    header), or the CSV of `neurite features` (a header with `label`, an optional
    `group` column, then the features)."""
    opener = gzip.open if path.endswith(".gz") else open
    rows = []
    with opener(path, "rt") as f:
        label_column, feature_start = None, 0
        for number, row in enumerate(csv.reader(f), start=1):
            if not row or row[0].startswith("#"):
                continue
            if number == 1 and "label" in row:
                label_column = row.index("label")
                feature_start = max(label_column, row.index("group") if "group" in row else -1) + 1
                continue
            try:
                if label_column is None:
                    values = [float(v) for v in row[:-1]]
                    label = int(float(row[-1]))
                else:
                    values = [float(v) for v in row[feature_start:]]
                    label = int(float(row[label_column]))
            except ValueError as error:
                sys.exit(f"{path}:{number}: {error}")
            if rows and len(values) != len(rows[0][0]):
                sys.exit(f"{path}:{number}: {len(values)} features, the first row has {len(rows[0][0])}")
            rows.append((values, label))
    if not rows:
        sys.exit(f"{path}: no rows")
    return rows


class Sequence:
    def __init__(self, dim):
        self.dim = dim
        self.records = []
        self.next_id = 1  # event ids the learner hands out, in order

    def learn(self, features, label):
        self.records.append(struct.pack("<B3xi", LEARN, label) + struct.pack(f"<{self.dim}f", *features))
        self.next_id += 1
        return self.next_id - 1

    def predict(self, features, truth, novel):
        self.records.append(struct.pack("<B3xiI", PREDICT, truth, int(novel)) + struct.pack(f"<{self.dim}f", *features))

    def verb(self, op, fmt="", *values):
        self.records.append(struct.pack("<B3x" + fmt, op, *values))

    def write(self, path, outputs, memory, strictness):
        header = b"NSEQ" + struct.pack("<IBBHHHII", 1, 0, STRICTNESS[strictness], self.dim, outputs, 0, memory,
                                       len(self.records))
        with open(path, "wb") as f:
            f.write(header + b"".join(self.records))


def write_stream(seq, rows, by_class, rng, args):
    tests = [i for indices in by_class.values() for i in indices[: args.tests]]
    pool = [i for indices in by_class.values() for i in indices[args.tests :]]
    if len(pool) < args.stream:
        sys.exit(f"{args.features}: {len(pool)} rows left for learning, {args.stream} asked")
    rng.shuffle(pool)
    for i in pool[: args.stream]:
        seq.learn(rows[i][0], rows[i][1])
    for i in tests:
        seq.predict(rows[i][0], rows[i][1], False)
    seq.write(args.out, len(by_class), args.memory, args.strictness)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--features", required=True, help="CSV(.gz): features..., label per row")
    parser.add_argument("--out", required=True)
    parser.add_argument("--novel", default="8,9", help="labels never taught (to be rejected)")
    parser.add_argument("--shots", type=int, default=5, help="examples per taught class, per learning phase")
    parser.add_argument("--tests", type=int, default=30, help="test inputs per class")
    parser.add_argument("--memory", type=int, default=64 << 10, help="memory budget in bytes")
    parser.add_argument("--strictness", default="medium", choices=STRICTNESS)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--stream", type=int, default=0,
                        help="instead of the scenario: this many learn events over all classes, then --tests "
                             "predictions per class (input of the cost figures)")
    args = parser.parse_args()

    rows = read_table(args.features)
    novel = {int(v) for v in args.novel.split(",") if v}
    by_class = {}
    for index, (_, label) in enumerate(rows):
        by_class.setdefault(label, []).append(index)
    rng = random.Random(args.seed)
    for indices in by_class.values():
        rng.shuffle(indices)
    taught = sorted(label for label in by_class if label not in novel)
    if len(taught) < 2:
        sys.exit(f"{args.features}: fewer than two taught classes")

    def take(label, count):
        picked, by_class[label] = by_class[label][:count], by_class[label][count:]
        if len(picked) < count:
            sys.exit(f"{args.features}: class {label} has too few rows")
        return picked

    seq = Sequence(len(rows[0][0]))
    if args.stream:
        write_stream(seq, rows, by_class, rng, args)
        return
    tests = [(i, label) for label in sorted(by_class) for i in take(label, args.tests)]
    rng.shuffle(tests)

    def learn_round_robin(count):
        ids = []
        for label_rows in zip(*[take(label, count) for label in taught]):
            ids += [seq.learn(rows[i][0], rows[i][1]) for i in label_rows]
        return ids

    def predict_all():
        for i, label in tests:
            seq.predict(rows[i][0], label, label in novel)

    ids = learn_round_robin(args.shots)
    wrong = take(taught[0], 1)[0]
    wrong_id = seq.learn(rows[wrong][0], taught[1])  # a mislabelled event ...
    predict_all()
    seq.verb(CORRECT, "Ii", wrong_id, taught[0])  # ... corrected by the user
    ids += learn_round_robin(args.shots)
    seq.verb(REMOVE, "I", ids[0])
    seq.verb(REBUILD)
    predict_all()
    seq.verb(RELOAD)
    seq.verb(FORGET, "i", taught[-1])
    for i, label in tests[: len(tests) // 4]:
        seq.predict(rows[i][0], label, label in novel or label == taught[-1])
    seq.write(args.out, len(by_class), args.memory, args.strictness)
    print(f"{args.out}: {len(seq.records)} records, {len(ids) + 1} events learned, {len(tests)} test inputs",
          file=sys.stderr)


if __name__ == "__main__":
    main()
