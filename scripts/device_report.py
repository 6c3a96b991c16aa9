#!/usr/bin/env python3
"""Device figures of neurite on the Cortex-M4F (QEMU mps2-an386): engine code
size, RAM of keyword models, deterministic instruction counts, and the
host-versus-device comparison on a real event sequence. Prints them and
writes a Markdown page (make device-report -> docs/device-figures.md).

Needs the host build (tools/run_sequence) and the firmware build."""
import argparse
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLOCK_HZ = 80e6
LEVEL = {"o2": "-O2", "os": "-Os"}
GOALS = "engine <= 16 KB flash; keyword model <= 40 KB RAM; prediction < 5 ms; rebuild at 200 events < 200 ms (80 MHz)"


KEYWORD_BUDGET = 40 << 10  # the keyword model of the RAM goal: a 40 KiB arena


def run(command, **kwargs):
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs).stdout


def qemu(elf, *arguments, icount=False):
    command = ["qemu-system-arm", "-M", "mps2-an386", "-nographic", "-monitor", "none", "-serial", "none"]
    if icount:
        command += ["-icount", "shift=0,sleep=off"]
    semihosting = "enable=on,target=native,arg=firmware" + "".join(",arg=" + a for a in arguments)
    return run(command + ["-semihosting-config", semihosting, "-kernel", elf], timeout=1200)


def flash_bytes(elf):
    text, data = run(["arm-none-eabi-size", elf]).splitlines()[1].split()[:2]
    return int(text) + int(data)


def largest_symbols(elf, baseline, count=12):
    def symbols(path):
        out = {}
        for line in run(["arm-none-eabi-nm", "--size-sort", "-S", "-C", path]).splitlines():
            parts = line.split(maxsplit=3)
            if len(parts) == 4 and parts[2] in "tTrR":
                out[parts[3]] = int(parts[1], 16)
        return out

    base = symbols(baseline)
    engine = {name: size for name, size in symbols(elf).items() if name not in base}
    return sorted(engine.items(), key=lambda item: -item[1])[:count]


def fields(line):
    return {key: value for key, value in (part.split("=", 1) for part in line.split()[1:])}


def cost_figures(elf, stream):
    runs = [qemu(elf, stream, icount=True) for _ in range(2)]
    if runs[0] != runs[1]:
        sys.exit(f"{elf}: two runs under -icount gave different counts:\n{runs[0]}\n{runs[1]}")
    lines = runs[0].splitlines()
    calibration = fields(next(l for l in lines if l.startswith("calibration ")))
    per_tick = int(calibration["instructions"]) / int(calibration["ticks"])
    if abs(per_tick - 40.0) > 0.01:
        sys.exit(f"{elf}: {per_tick:.3f} instructions per SysTick tick, expected 40 (25 MHz, -icount shift=0)")
    costs = [fields(l) for l in lines if l.startswith("cost ")]
    rams = [fields(l) for l in lines if l.startswith("ram ")]
    for cost in costs:
        for key in ("rebuild", "learn", "predict_ticks_mean", "predict_ticks_max"):
            name = key if key.startswith("predict") else key + "_ticks"
            cost[key.replace("_ticks", "") + "_instructions"] = int(cost[name]) * 40
    return costs, rams


def ms(instructions):
    return 1e3 * instructions / CLOCK_HZ


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host-build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--firmware-build", default=os.path.join(ROOT, "build-firmware"))
    parser.add_argument("--markdown")
    args = parser.parse_args()
    fw = os.path.abspath(args.firmware_build)
    generator = os.path.join(ROOT, "scripts/make_event_sequence.py")
    os.makedirs(f"{fw}/report", exist_ok=True)

    # Code size (-Os): the probes with the set-up and with the engine, minus the baseline.
    baseline = flash_bytes(f"{fw}/size_baseline.elf")
    setup = flash_bytes(f"{fw}/size_setup.elf") - baseline
    engine = flash_bytes(f"{fw}/size_engine.elf") - baseline
    verbs = engine - setup
    all_verbs = flash_bytes(f"{fw}/size_all_verbs.elf") - baseline
    symbols = largest_symbols(f"{fw}/size_engine.elf", f"{fw}/size_baseline.elf")

    # The data: spoken digits through the front-end (digits-8k, 192 values), as
    # a keyword device would see them: the bundled recordings for the sequence,
    # the full set in ../shared for the 500-event cost stream (digits otherwise).
    cli = f"{os.path.abspath(args.host_build)}/tools/neurite/neurite"

    def spoken_digits(folder, out):
        run([cli, "features", "--wav-dir", folder, "--pattern", "{label}_{speaker}_{index}.wav", "--preset",
             "digits-8k", "-o", out])
        return out

    bundled = spoken_digits(os.path.join(ROOT, "data/fsdd"), f"{fw}/report/fsdd_bundled.csv")
    full_fsdd = os.path.join(ROOT, "..", "shared", "data", "fsdd", "recordings")
    if os.path.isdir(full_fsdd):
        stream_features = spoken_digits(full_fsdd, f"{fw}/report/fsdd_full.csv")
        stream_data = "500 spoken digits (FSDD, 6 speakers, front-end `digits-8k`: 192 values, 10 classes)"
    else:
        stream_features = os.path.join(ROOT, "data/digits/digits.csv.gz")
        stream_data = ("500 handwritten digits (64 features, 10 classes; the full spoken-digit set in "
                       "../shared/data is absent)")

    # Host versus device on the few-shot sequence: a 10-class keyword model in 40 KiB.
    sequence = f"{fw}/report/spoken_digits.seq"
    run([sys.executable, generator, "--features", bundled, "--out", sequence, "--tests", "9",
         "--memory", str(KEYWORD_BUDGET)])
    host_tool = f"{os.path.abspath(args.host_build)}/tools/run_sequence"
    with open(f"{fw}/report/host.txt", "w") as out:
        out.write(run([host_tool, sequence]))
    with open(f"{fw}/report/host_float.txt", "w") as out:
        out.write(run([host_tool, "--feature-bytes", "4", sequence]))
    storage = fields(open(f"{fw}/report/host.txt").readline())["feature_bytes"]

    def compare(reference, device, *options):
        result = subprocess.run([sys.executable, os.path.join(ROOT, "scripts/compare_transcripts.py"), *options,
                                 reference, device], capture_output=True, text=True)
        return (result.stdout + result.stderr).strip()

    comparisons = {}
    for opt in ("o2", "os"):
        device = f"{fw}/report/device_{opt}.txt"
        with open(device, "w") as out:
            out.write(qemu(f"{fw}/sequence_{opt}.elf", sequence))
        comparisons[opt] = (compare(f"{fw}/report/host.txt", device, "--bit-exact"),
                            compare(f"{fw}/report/host_float.txt", device))

    # Instruction counts on an event stream of 500 events.
    stream = f"{fw}/report/stream.seq"
    run([sys.executable, generator, "--features", stream_features, "--out", stream, "--stream", "500", "--tests",
         "5"])
    costs = {opt: cost_figures(f"{fw}/cost_{opt}.elf", stream) for opt in ("o2", "os")}
    rams = costs["o2"][1]

    page = []
    add = page.append
    add("# Device figures (Cortex-M4F, QEMU mps2-an386)\n")
    add("Written by `make device-report` (`scripts/device_report.py`); every figure below is counted, not timed.")
    add(f"Goals of issue 5: {GOALS}.\n")
    # Per event count: the plan's setting first, then the same capacities in float32.
    o2 = {}
    for c in costs["o2"][0]:
        o2.setdefault(int(c["events"]), []).append(c)
    storage_name = {"4": "float32", "2": "16-bit", "1": "8-bit"}
    keyword = [r for r in rams if r["dim"] == "192"]
    sequence_init = fields(open(f"{fw}/report/host.txt").readline())

    def both(key, events, unit):
        plan, float32 = o2[events]
        return (f"{ms(plan[key]):.{unit}f} ms (the plan's {storage_name[plan['feature_bytes']]} storage, "
                f"{int(plan['budget']) / 1024:.0f} KiB), {ms(float32[key]):.{unit}f} ms (float32)")

    add("## Summary\n")
    add("| figure | goal | measured |\n|---|---|---|")
    add(f"| engine code (learn, predict, rebuild, rejection), -Os | <= 16 KB | {verbs:,} bytes, plus {setup:,} "
        f"bytes of set-up (config check, memory plan, arena layout): {engine:,} in all |")
    add(f"| RAM, 10-class keyword model (spoken digits, 192 values) with its support set | <= 40 KB | "
        f"{KEYWORD_BUDGET:,} bytes (40 KiB budget): {sequence_init['event_capacity']} events in 8-bit codes, "
        f"{sequence_init['unit_capacity']} units; "
        + ", ".join(f"{int(r['arena']):,} bytes for {r['events']} events" for r in keyword) + " |")
    add(f"| one prediction at 200 events, 80 MHz, -O2 | < 5 ms | {both('predict_mean_instructions', 200, 1)} |")
    add(f"| one prediction at 500 events, 80 MHz, -O2 | < 5 ms | {both('predict_mean_instructions', 500, 1)} |")
    add(f"| full rebuild at 200 events, 80 MHz, -O2 | < 200 ms | {both('rebuild_instructions', 200, 0)} |")
    add("\nTimes are instructions / 80 MHz (see the method below). docs/device.md lists what the core "
        "would need to meet the goals.\n")
    add("## Code size\n")
    add("`arm-none-eabi-gcc 12.2`, `-mcpu=cortex-m4 -mthumb -mfpu=fpv4-sp-d16 -mfloat-abi=hard -Os "
        "-ffunction-sections -fdata-sections -Wl,--gc-sections`, newlib-nano. The probe `firmware/size_probe.c` "
        "is linked four times: without the engine (startup, semihosting, main: the baseline), calling only "
        "init (the set-up), calling init, learn, rebuild and predict (with rejection), and calling every verb "
        "of the C API. Sizes are differences in flash bytes (`.text` + `.data`), library code they pull in "
        "(memcpy, memmove, ceilf) included.\n")
    add("| firmware | flash bytes |\n|---|---|")
    add(f"| baseline (no engine) | {baseline:,} |")
    add(f"| set-up: config check, memory plan, arena layout (init) | {setup:,} ({setup / 1024:.1f} KiB) |")
    add(f"| **engine verbs: learn, predict, rebuild, rejection** | **{verbs:,}** ({verbs / 1024:.1f} KiB) |")
    add(f"| set-up and engine verbs | {engine:,} ({engine / 1024:.1f} KiB) |")
    add(f"| every C API verb (+ correct, remove, forget, save, load, messages) | {all_verbs:,} "
        f"({all_verbs / 1024:.1f} KiB) |\n")
    add("Largest functions of the engine:\n\n| function | bytes |\n|---|---|")
    for name, size in symbols:
        add(f"| `{name}` | {size:,} |")
    add("\n## RAM\n")
    add("The whole learner lives in the arena the caller provides (no heap, stack aside). For each setting, "
        "the smallest memory budget whose plan stores the support set, and the arena it takes, measured on "
        "the device (`neurite_arena_size`, 32-bit pointers). The plan also chooses the storage of the "
        "events: float32 while 256 fit, else 16-bit codes, below 256 such events 8-bit codes.\n")
    add("| features | classes | support set (events) | memory budget | arena bytes | unit capacity |\n"
        "|---|---|---|---|---|---|")
    for ram in rams:
        add(f"| {ram['dim']} | {ram['classes']} | {ram['events']} | {int(ram['budget']):,} | "
            f"{int(ram['arena']):,} ({int(ram['arena']) / 1024:.1f} KiB) | {ram['unit_capacity']} |")
    add("\n## Instruction counts\n")
    add("Method: QEMU 7.2 with `-icount shift=0,sleep=off` advances its virtual clock by exactly 1 ns per "
        "executed guest instruction; SysTick runs from the 25 MHz processor clock of mps2-an386, so one tick "
        "is 40 instructions (resolution: 40 instructions). The program checks the ratio on a loop of "
        "2,000,000 known instructions, and the report runs it twice and requires identical counts. "
        "Instructions are not cycles: on a real Cortex-M4 most FPU and integer instructions take 1 cycle, "
        "loads 1-2, `vdiv`/`vsqrt` 14, taken branches 2-4, flash wait states add more. The times below are "
        "instructions / 80 MHz (1 cycle per instruction), a lower bound; x1.5 is a more realistic "
        "estimate.\n")
    stream_config = costs["o2"][0][0]
    add(f"Data: {stream_data}, in random order. Each count N uses the setting a device would pick: the "
        f"smallest memory budget that stores N events (column `budget`; its plan chooses the storage and the "
        f"depth), medium strictness; and the same capacities with float32 storage "
        f"(`neurite_init_with_storage`). `learn` is one more event learned into a store of N-1 (it may add a "
        f"unit or trigger a scheduled rebuild); `rebuild` is a full build of N events; `predict` is the mean "
        f"of {stream_config['predictions']} predictions of other inputs.\n")
    add("| build | budget | storage | events N | units | layers | rebuild instr. | rebuild @80 MHz | predict instr. | "
        "predict @80 MHz | learn instr. | build flops |\n|---|---|---|---|---|---|---|---|---|---|---|---|")
    for opt in ("o2", "os"):
        for c in costs[opt][0]:
            add(f"| {LEVEL[opt]} | {int(c['budget']) / 1024:.0f} KiB | {storage_name[c['feature_bytes']]} | "
                f"{c['events']} | {c['units']} | {c['layers']} | "
                f"{c['rebuild_instructions']:,} | {ms(c['rebuild_instructions']):.0f} ms | "
                f"{c['predict_mean_instructions']:,} | {ms(c['predict_mean_instructions']):.2f} ms | "
                f"{c['learn_instructions']:,} | {int(c['flops']):,} |")
    add("\n## Host (float) versus device on a real event sequence\n")
    add("`scripts/make_event_sequence.py` on spoken digits (the bundled recordings of two speakers, front-end "
        "`digits-8k`): 8 digits taught from 5 examples each, one by one (one mislabelled, then corrected), 90 "
        "test inputs of which 18 of the never-taught digits 8 and 9, 5 more examples per digit, a removal, a "
        "rebuild, the predictions again, a save and reload, forgetting digit 7, predictions again. The same "
        "player (`src/device/sequence.cpp`) runs it through the C API on the host (`tools/run_sequence`) and "
        "on the device; the transcripts print every output as float bits and the models' CRCs.\n")
    add(f"The sequence's memory budget (the 40 KiB keyword model) makes the plan store events as "
        f"{storage}-byte codes. Two "
        "references: the host with the same storage (the device must equal it bit for bit), and the host "
        "with events stored in float32 and the same capacities (the float oracle, `run_sequence "
        "--feature-bytes 4`; goal: the same decision on at least 99 % of the inputs, accuracy within 0.5 "
        "points).\n")
    for opt in ("o2", "os"):
        same, oracle = comparisons[opt]
        add(f"Device at {LEVEL[opt]} against the host, same storage:\n\n```\n{same}\n```\n")
        add(f"Device at {LEVEL[opt]} against the float oracle:\n\n```\n{oracle}\n```\n")
    text = "\n".join(page) + "\n"
    print(text)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
