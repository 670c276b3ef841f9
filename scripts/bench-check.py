#!/usr/bin/env python3
"""`netkaart check` on a 200-contact answers file with 50 problems, two builds side by side:
the median wall time and the largest peak memory of RUNS runs each, the binaries taking turns
so that load on the machine falls on both alike.

    scripts/bench-check.py BASE_BINARY [NEW_BINARY] [--runs N]

NEW_BINARY defaults to target/release/netkaart. Prints a Markdown table and checks that both
builds find all 50 problems.
"""
import argparse
import os
import pathlib
import statistics
import subprocess
import tempfile
import time

root = pathlib.Path(__file__).resolve().parent.parent

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("base")
parser.add_argument("new", nargs="?", default=str(root / "target/release/netkaart"))
parser.add_argument("--runs", type=int, default=21)
args = parser.parse_args()

# Every fourth contact has one problem, of five kinds in turn: 50 in all.
BAD = [
    "    kind: frend\n",
    "    ring: 7\n",
    "    nmae: x\n",
    "    status: maybe\n",
    "    level: everywhere\n",
]


def answers() -> str:
    lines = ["version: 1\n", "lang: en\n", "person:\n", "  name: Bench\n", "contacts:\n"]
    for i in range(200):
        lines.append(f"  - name: Contact {i + 1}\n")
        if i % 4 == 3:
            lines.append(BAD[(i // 4) % len(BAD)])
        else:
            lines.append("    kind: colleague\n    ring: 2\n")
    return "".join(lines)


def run(binary: str, path: pathlib.Path) -> tuple[float, str]:
    """Wall seconds and standard error of one `check`."""
    start = time.perf_counter()
    done = subprocess.run([binary, "check", str(path)], capture_output=True)
    return time.perf_counter() - start, done.stderr.decode()


def peak_kib(binary: str, path: pathlib.Path) -> int:
    """Peak resident KiB of one `check`, from the kernel's account of the child."""
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.execv(binary, [binary, "check", str(path)])
    _, _, usage = os.wait4(pid, 0)
    return usage.ru_maxrss


with tempfile.TemporaryDirectory() as tmp:
    path = pathlib.Path(tmp) / "answers.yaml"
    path.write_text(answers())
    bins = {"base": args.base, "new": args.new}
    times = {k: [] for k in bins}
    peaks = {k: [] for k in bins}
    said = {}
    for _ in range(args.runs):
        for name, binary in bins.items():
            wall, err = run(binary, path)
            times[name].append(wall)
            said[name] = err
            peaks[name].append(peak_kib(binary, path))
    for name, err in said.items():
        summary = [l for l in err.splitlines() if "checked" in l]
        print(f"{name}: {summary[-1] if summary else err[-200:]}")
    print("\n| `check` 200 contacts, 50 problems | base | new | new / base |\n|---|---:|---:|---:|")
    median = {k: statistics.median(v) for k, v in times.items()}
    peak = {k: max(v) / 1024 for k, v in peaks.items()}
    print(f"| median wall time | {median['base']:.3f} s | {median['new']:.3f} s | "
          f"{median['new'] / median['base']:.2f} |")
    print(f"| peak memory | {peak['base']:.1f} MiB | {peak['new']:.1f} MiB | "
          f"{peak['new'] / peak['base']:.2f} |")
