#!/usr/bin/env python3
"""Times looking back (issue 30) against a baseline build: the comparison of two answers files
against two handouts, and `stats` over 1,000 synthetic participants. Median wall time of RUNS
runs each, the binaries taking turns so that load on the machine falls on both alike.

    scripts/bench-looking-back.py BASE_BINARY [NEW_BINARY] [--runs N] [--participants N]

NEW_BINARY defaults to target/release/netkaart. BASE_BINARY only has the handout (it predates
`compare` and `stats`): its handout is the yardstick. Prints a Markdown table.
"""
import argparse
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

root = pathlib.Path(__file__).resolve().parent.parent
ex = root / "examples"

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("base")
parser.add_argument("new", nargs="?", default=str(root / "target/release/netkaart"))
parser.add_argument("--runs", type=int, default=15)
parser.add_argument("--participants", type=int, default=1000)
args = parser.parse_args()


def timed(binary, cmd):
    start = time.perf_counter()
    done = subprocess.run([binary, *map(str, cmd)], capture_output=True)
    took = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{binary} {cmd} failed:\n{done.stderr.decode()}")
    return took


with tempfile.TemporaryDirectory() as tmp:
    out = pathlib.Path(tmp)
    answers = out / "answers"
    subprocess.run([sys.executable, root / "scripts/synth.py", "--count", str(args.participants),
                    "--format", "dir", answers], check=True, capture_output=True)
    then, now = ex / "an-peeters.yaml", ex / "an-peeters-2027-06.yaml"
    rows = [
        ("handout an-peeters-2027-06.yaml", "base", ["handout", now, "-o", out / "h.pdf"]),
        ("handout an-peeters-2027-06.yaml", "new", ["handout", now, "-o", out / "h.pdf"]),
        ("compare an-peeters.yaml an-peeters-2027-06.yaml", "new", ["compare", then, now, "-o", out / "c.pdf"]),
        ("handout … --before an-peeters.yaml", "new", ["handout", now, "--before", then, "-o", out / "hb.pdf"]),
        (f"stats ({args.participants} participants) -o csv", "new", ["stats", answers, "-o", out / "s.csv"]),
        (f"stats ({args.participants} participants) -o json", "new", ["stats", answers, "-o", out / "s.json"]),
        (f"stats ({args.participants} participants) -o pdf (the portrait)", "new", ["stats", answers, "-o", out / "s.pdf"]),
    ]
    bins = {"base": args.base, "new": args.new}
    times = {i: [] for i in range(len(rows))}
    for _ in range(args.runs):
        for i, (_, which, cmd) in enumerate(rows):
            times[i].append(timed(bins[which], cmd))
    median = {i: statistics.median(t) * 1000 for i, t in times.items()}
    print("| command | build | median ms |\n|---|---|---:|")
    for i, (name, which, _) in enumerate(rows):
        print(f"| `{name}` | {which} | {median[i]:.0f} |")
    print(f"\ntwo handouts (new): {2 * median[1]:.0f} ms; compare: {median[2]:.0f} ms "
          f"({median[2] / (2 * median[1]):.2f} of two handouts)")
