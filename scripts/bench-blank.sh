#!/usr/bin/env bash
# Cold `netkaart blank` against the stock `typst compile` of the same poster template
# (when `typst` is on PATH): the median wall time of RUNS fresh processes each. The
# commands take turns, so that load on the machine falls on all of them alike.
#   scripts/bench-blank.sh [RUNS]
# Measures the release build and, when it exists, the `dist` build (fat LTO, one codegen
# unit: `cargo build --profile dist`), which is what a packaged netkaart should ship.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-41}
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The same template for typst: a root with the templates, the fonts and blank answers.
mkdir -p "$work/root"
cp -r templates fonts "$work/root/"
target/release/netkaart data -o "$work/root/answers.json"

commands=("netkaart blank|target/release/netkaart blank -o $work/netkaart.pdf")
if [ -x target/dist/netkaart ]; then
  commands+=("netkaart (dist)|target/dist/netkaart blank -o $work/netkaart-dist.pdf")
fi
if command -v typst >/dev/null; then
  commands+=("typst compile|typst compile --root $work/root --font-path $work/root/fonts --ignore-system-fonts $work/root/templates/poster.typ $work/typst.pdf")
else
  echo "typst is not on PATH: only netkaart is measured"
fi

python3 - "$runs" "${commands[@]}" <<'PY'
import statistics, subprocess, sys, time
runs = int(sys.argv[1])
cmds = [c.split("|", 1) for c in sys.argv[2:]]
times = {name: [] for name, _ in cmds}
for name, cmd in cmds:  # warm the file cache, not the processes
    subprocess.run(cmd.split(), check=True, capture_output=True)
for _ in range(runs):
    for name, cmd in cmds:
        start = time.perf_counter()
        subprocess.run(cmd.split(), check=True, capture_output=True)
        times[name].append((time.perf_counter() - start) * 1000)
base = statistics.median(times["typst compile"]) if "typst compile" in times else None
for name, ts in times.items():
    med = statistics.median(ts)
    ratio = f"  = {med / base:.2f} × typst compile" if base else ""
    print(f"{name:16} median {med:6.1f} ms  min {min(ts):6.1f}  max {max(ts):6.1f}  ({runs} runs){ratio}")
PY

if command -v typst >/dev/null && command -v pdftotext >/dev/null; then
  cmp -s <(pdftotext "$work/netkaart.pdf" -) <(pdftotext "$work/typst.pdf" -) \
    && echo "(netkaart and typst compile give the same text)"
fi
