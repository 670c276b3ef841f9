#!/usr/bin/env python3
"""Times the everyday commands of two builds of netkaart side by side: the median wall time of
RUNS runs each, the two binaries taking turns so that load on the machine falls on both alike.

    scripts/bench-commands.py BASE_BINARY [NEW_BINARY] [--runs N]

NEW_BINARY defaults to target/release/netkaart. Prints a Markdown table.
"""
import argparse
import pathlib
import statistics
import subprocess
import tempfile
import time

root = pathlib.Path(__file__).resolve().parent.parent
ex = root / "examples"

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("base")
parser.add_argument("new", nargs="?", default=str(root / "target/release/netkaart"))
parser.add_argument("--runs", type=int, default=21)
args = parser.parse_args()

with tempfile.TemporaryDirectory() as tmp:
    out = pathlib.Path(tmp)
    commands = {
        "blank": ["blank", "-o", out / "x.pdf"],
        "poster an-peeters.yaml": ["poster", ex / "an-peeters.yaml", "-o", out / "x.pdf"],
        "handbook an-peeters.yaml": ["handbook", ex / "an-peeters.yaml", "-o", out / "x.pdf"],
        "handout green-lane.yaml --event …": [
            "handout", ex / "green-lane.yaml", "--event", ex / "event/workshop.yaml", "-o", out / "x.pdf"],
        "check examples/ workshop.csv": ["check", ex, ex / "workshop.csv", "-q"],
        "batch workshop.csv (14 handouts)": ["batch", ex / "workshop.csv", "-o", out / "b", "-q"],
    }
    bins = {"base": args.base, "new": args.new}
    print("| command | base | new | new / base |\n|---|---:|---:|---:|")
    for name, cmd in commands.items():
        times = {k: [] for k in bins}
        for _ in range(args.runs):
            for k, binary in bins.items():
                start = time.perf_counter()
                subprocess.run([binary, *map(str, cmd)], capture_output=True, check=True)
                times[k].append(time.perf_counter() - start)
        m = {k: statistics.median(v) for k, v in times.items()}
        print(f"| `{name}` | {m['base'] * 1000:.0f} ms | {m['new'] * 1000:.0f} ms | {m['new'] / m['base']:.2f} |")
