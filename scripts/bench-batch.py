#!/usr/bin/env python3
"""Batch benchmark: handouts per second and peak memory, netkaart against the stock CLI.

    cargo build --release
    scripts/bench-batch.py                      # 100 and 1,000 synthetic participants
    scripts/bench-batch.py --count 300 --no-typst

Generates participants with scripts/synth.py (5-25 contacts, 2-8 actions), then measures
in one run:
  * `netkaart batch DIR -o OUT -q --jobs J` for the first 100 and for all of them, J = 1, 2;
  * the same handouts through `typst compile` (when `typst` is on PATH) on the same
    template with the same fonts, one document per process, one and two at a time.
Peak memory is the largest resident set of the measured process (for the CLI loop, of any
one `typst` process). Nothing here is a test: the figures go in the closing note.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd, **kw):
    """Runs a command; returns (seconds, peak resident set in MiB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{err}")
    return elapsed, usage.ru_maxrss / 1024


def typst_loop(typst, jsons, roots):
    """Every document through `typst compile`, len(roots) at a time; returns (s, MiB)."""
    peak = [0.0]
    lock = threading.Lock()
    queue = list(enumerate(jsons))

    def worker(root):
        while True:
            with lock:
                if not queue:
                    return
                i, js = queue.pop(0)
            shutil.copyfile(js, os.path.join(root, "answers.json"))
            _, mem = run([typst, "compile", "--root", root, "--font-path",
                          os.path.join(root, "fonts"), "--ignore-system-fonts",
                          os.path.join(root, "templates", "handout.typ"),
                          os.path.join(root, f"out-{i}.pdf")])
            with lock:
                peak[0] = max(peak[0], mem)

    start = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(r,)) for r in roots]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start, peak[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--small", type=int, default=100)
    ap.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "netkaart"))
    ap.add_argument("--no-typst", action="store_true")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="netkaart-bench-")
    full = os.path.join(work, "all")
    small = os.path.join(work, "small")
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "synth.py"), "--count",
                    str(args.count), "--format", "dir", full], check=True)
    os.makedirs(small)
    names = sorted(os.listdir(full))
    for name in names[: args.small]:
        shutil.copyfile(os.path.join(full, name), os.path.join(small, name))

    rows = []
    for label, folder, n in (("small", small, args.small), ("all", full, args.count)):
        for jobs in (1, 2):
            out = os.path.join(work, f"out-{label}-{jobs}")
            secs, mem = run([args.binary, "batch", folder, "-o", out, "-q", "--jobs", str(jobs)])
            rows.append(("netkaart batch", n, jobs, secs, mem))
            print(f"netkaart batch  {n:5d} docs  --jobs {jobs}: {secs:7.1f} s  {mem:6.1f} MiB", flush=True)

    typst = shutil.which("typst")
    if typst and not args.no_typst:
        jsons = []
        for name in names:
            js = os.path.join(work, "json", name.replace(".yaml", ".json"))
            os.makedirs(os.path.dirname(js), exist_ok=True)
            run([args.binary, "data", os.path.join(full, name), "--kind", "handout", "-o", js])
            jsons.append(js)
        roots = []
        for k in range(2):
            root = os.path.join(work, f"root{k}")
            shutil.copytree(os.path.join(ROOT, "templates"), os.path.join(root, "templates"))
            shutil.copytree(os.path.join(ROOT, "fonts"), os.path.join(root, "fonts"))
            roots.append(root)
        for jobs in (1, 2):
            secs, mem = typst_loop(typst, jsons, roots[:jobs])
            rows.append(("typst compile loop", len(jsons), jobs, secs, mem))
            print(f"typst compile   {len(jsons):5d} docs  {jobs} at a time: {secs:7.1f} s  {mem:6.1f} MiB", flush=True)
    elif not args.no_typst:
        print("(typst is not on PATH: no comparison; `cargo install typst-cli --version 0.15.1 --locked`)")

    print()
    print("| run | docs | parallel | seconds | docs/s | ms/doc | peak MiB | × typst ms/doc |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    base = {r[2]: r[3] / r[1] for r in rows if r[0].startswith("typst")}
    for name, n, jobs, secs, mem in rows:
        per = secs / n
        ratio = f"{per / base[jobs]:.2f}" if jobs in base else "–"
        print(f"| {name} | {n} | {jobs} | {secs:.1f} | {n / secs:.1f} | {per * 1000:.1f} | {mem:.0f} | {ratio} |")
    for jobs in (1, 2):
        m = {r[1]: r[4] for r in rows if r[0] == "netkaart batch" and r[2] == jobs}
        if args.small in m and args.count in m:
            print(f"peak memory at --jobs {jobs}: {m[args.count]:.0f} MiB for {args.count}, "
                  f"{m[args.count] / m[args.small]:.2f} × that of {args.small}")
    if args.keep:
        print(f"work folder: {work}")
    else:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
