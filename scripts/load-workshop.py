#!/usr/bin/env python3
"""A room full of participants typing at once, against `netkaart serve --workshop`.

Starts the server on a fresh folder on 127.0.0.1, then PARTICIPANTS threads, each with
5 to 25 contacts, ask for a preview every 300-600 ms (one answer changed each time, as
typing does) and send their answers every 10 s or so, for SECONDS seconds. Prints the
previews' latency at the client (median and 95th percentile of those answered; the
server drops a page's older preview when a newer one comes, and says so with 204), the
errors, and whether every submission is on disk and reads as answers (`netkaart check`).

With --kill-at S the server is killed with SIGKILL S seconds in; the script then checks
every answers file in the folder, starts the server again on the same folder, and asks
each participant's answers back by their token.

    python3 scripts/load-workshop.py target/release/netkaart [--participants 30] [--seconds 60]
"""

import argparse
import http.client
import json
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse


def post(url, body, timeout=30, source="127.0.0.1", parse=True):
    """POSTs JSON from the address `source`: each participant has one of their own, as each
    phone has on the room's network (the server limits sendings per address)."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(
        parts.hostname, parts.port, timeout=timeout, source_address=(source, 0)
    )
    try:
        path = parts.path + ("?" + parts.query if parts.query else "")
        connection.request("POST", path, json.dumps(body), {"content-type": "application/json"})
        response = connection.getresponse()
        data = response.read()
        if parse and response.status == 200 and data:
            return response.status, json.loads(data)
        return response.status, None
    finally:
        connection.close()


def start(netkaart, folder):
    server = subprocess.Popen(
        [netkaart, "serve", "--workshop", folder, "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    line = server.stderr.readline()
    match = re.search(r"http://127\.0\.0\.1:\d+/", line)
    if not match:
        sys.exit(f"no address in: {line!r}")
    # The rest of its messages, read so that the pipe never fills.
    threading.Thread(target=server.stderr.read, daemon=True).start()
    return server, match.group(0)


def fields_of(n, contacts, typed):
    fields = [["person.name", f"Deelnemer {n}"], ["person.role", "x" * typed]]
    kinds = ["Kennissen", "Buurtbewoners", "Beleidsmakers", "Sleutelfiguren", "Collega’s", "Organisaties"]
    for c in range(1, contacts + 1):
        fields.append([f"contacts.{c}.name", f"Contact {n}.{c}"])
        fields.append([f"contacts.{c}.kind", kinds[c % len(kinds)]])
        fields.append([f"contacts.{c}.ring", str(1 + c % 3)])
    return fields


def participant(n, base, until, results, tokens, rng):
    contacts = rng.randint(5, 25)
    source = f"127.0.{n // 250}.{n % 250 + 2}"
    client = f"load{n}"
    typed = 0
    next_submit = time.monotonic() + rng.uniform(5, 15)
    while time.monotonic() < until:
        typed = (typed + 1) % 40
        start = time.perf_counter()
        try:
            status, _ = post(
                f"{base}preview?lang=nl&client={client}&map=1", {"fields": fields_of(n, contacts, typed)}, source=source, parse=False
            )
        except Exception as err:  # a refused or dropped connection
            status = repr(err)
        elapsed = (time.perf_counter() - start) * 1000
        results.append((status, elapsed))
        if time.monotonic() >= next_submit:
            body = {"fields": fields_of(n, contacts, typed), "token": tokens.get(n)}
            try:
                status, answer = post(f"{base}submit?lang=nl", body, source=source)
                if status == 200:
                    tokens[n] = answer["token"]
                results.append((("submit", status), 0))
            except Exception as err:
                results.append((("submit", repr(err)), 0))
            next_submit = time.monotonic() + rng.uniform(8, 12)
        time.sleep(rng.uniform(0.3, 0.6))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("netkaart")
    parser.add_argument("--participants", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--kill-at", type=float, help="SIGKILL the server this many seconds in")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="netkaart-load-")
    server, base = start(args.netkaart, folder)
    results, tokens = [], {}
    until = time.monotonic() + args.seconds
    rng = random.Random(1)
    threads = [
        threading.Thread(target=participant, args=(n, base, until, results, tokens, random.Random(rng.random())))
        for n in range(1, args.participants + 1)
    ]
    for t in threads:
        t.start()
    if args.kill_at is not None:
        time.sleep(args.kill_at)
        server.kill()  # SIGKILL
        server.wait()
    for t in threads:
        t.join()
    if args.kill_at is None:
        server.terminate()
        server.wait()

    previews = [(s, ms) for s, ms in results if not isinstance(s, tuple)]
    answered = sorted(ms for s, ms in previews if s == 200)
    dropped = sum(1 for s, _ in previews if s == 204)
    errors = [s for s, _ in previews if s not in (200, 204)]
    submits = [s for s, _ in results if isinstance(s, tuple)]
    submit_errors = [s for s in submits if s[1] != 200]
    p95 = answered[min(len(answered) - 1, round(0.95 * len(answered)) - 1)] if answered else float("nan")
    print(f"{args.participants} participants, {args.seconds:.0f} s, folder {folder}")
    print(f"previews: {len(answered)} answered, {dropped} dropped for a newer one, {len(errors)} errors")
    if answered:
        print(f"latency at the client: {statistics.median(answered):.0f} ms median, {p95:.0f} ms p95, {answered[-1]:.0f} ms max")
    print(f"sendings: {len(submits)}, {len(submit_errors)} errors; {len(tokens)} participants sent")

    check = subprocess.run([args.netkaart, "check", folder, "-q"], capture_output=True, text=True)
    files = sorted(p for p in __import__("os").listdir(folder) if p.endswith(".yaml"))
    print(f"answers files on disk: {len(files)}; netkaart check: {'all valid' if check.returncode == 0 else check.stderr.strip()}")
    ok = check.returncode == 0 and len(files) == len(tokens)

    if args.kill_at is not None:
        print(f"errors after the kill are expected ({len(errors)} previews, {len(submit_errors)} sendings)")
        server, base = start(args.netkaart, folder)
        back = sum(1 for n, token in tokens.items() if post(f"{base}mine", {"token": token})[0] == 200)
        print(f"after a restart: {back} of {len(tokens)} edit links work")
        ok = ok and back == len(tokens)
        server.terminate()
        server.wait()
    else:
        ok = ok and not errors and not submit_errors
    shutil.rmtree(folder, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
