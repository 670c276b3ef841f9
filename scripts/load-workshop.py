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

With --attacks, the honest room runs once alone and once beside each attack of one hostile
device (127.0.9.1, the honest ones being 127.0.0.2 and on), and a line for each prints the
honest previews' p95, the honest errors and the server's peak memory (and what it holds
five seconds after the attack stopped). With --baseline OTHER_NETKAART, the same for that
binary, line beside line. The attacks:

  slow-headers  1,000 connections, each sending 300 KB of headers that never end
  slow-bodies   200 connections, each announcing a 1 MB body and sending a byte a second
  downloads     twelve at once, again and again: the handbook as PNG of a form at every
                limit (200 contacts, notes of 3,000 characters); not in a workshop, so
                against `netkaart serve` alone, where the handbook is offered
  fresh-names   48 threads asking previews, each under a page name never used before
  fill-room     new answers sent as fast as the server takes them

    python3 scripts/load-workshop.py target/release/netkaart [--participants 30] [--seconds 60]
    python3 scripts/load-workshop.py target/release/netkaart --attacks --seconds 30 --baseline OLD
"""

import argparse
import http.client
import json
import multiprocessing
import os
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


def start(netkaart, folder, workshop=True):
    where = ["--workshop", folder] if workshop else []
    server = subprocess.Popen(
        [netkaart, "serve", *where, "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    line = server.stderr.readline()
    match = re.search(r"http://(?:127\.0\.0\.1|localhost):\d+/", line)
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


def participant(n, base, until, results, tokens, rng, sends=True):
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
        if sends and time.monotonic() >= next_submit:
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
    parser.add_argument("--attacks", action="store_true", help="the room beside each attack")
    parser.add_argument("--baseline", help="another netkaart to run the attacks against too")
    args = parser.parse_args()
    if args.attacks:
        sys.exit(attacks(args))

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
    files = sorted(p for p in os.listdir(folder) if p.endswith(".yaml"))
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


HOSTILE = "127.0.9.1"


def memory(pid):
    """The server's resident memory now and at its peak, in MiB."""
    try:
        status = open(f"/proc/{pid}/status").read()
    except OSError:
        return float("nan"), float("nan")
    kb = lambda key: int(re.search(key + r":\s+(\d+)", status).group(1))
    return kb("VmRSS") / 1024, kb("VmHWM") / 1024


def largest_form():
    note = "netwerk " * 375
    fields = [["person.name", "Groot Formulier"]]
    for c in range(1, 201):
        fields += [[f"contacts.{c}.name", f"Contact nummer {c}"], [f"contacts.{c}.note", note]]
    return {"fields": fields}


def hold(sockets, make, stop):
    """Keeps the connections that `make` opens open until `stop`, opening new ones as the
    server closes them."""
    while not stop.is_set():
        try:
            sockets.append(make())
        except OSError:
            time.sleep(0.05)


def attack(name, base, stop):
    """Runs attack `name` from one device against the server at `base` until `stop`."""
    parts = urllib.parse.urlsplit(base)
    import socket

    def connect():
        s = socket.socket()
        s.bind((HOSTILE, 0))
        s.settimeout(5)
        s.connect((parts.hostname, parts.port))
        return s

    threads = []
    if name == "slow-headers":
        def one():
            s = connect()
            s.sendall(b"POST /preview HTTP/1.1\r\nHost: localhost\r\nX-Pad: " + b"a" * 300_000)
            return s
        sockets = []
        def run():
            while not stop.is_set():
                alive = []
                for s in sockets:
                    try:
                        s.setblocking(False)
                        if s.recv(1) == b"":
                            s.close()
                            continue
                    except BlockingIOError:
                        pass
                    except OSError:
                        s.close()
                        continue
                    alive.append(s)
                sockets[:] = alive
                while len(sockets) < 1000 and not stop.is_set():
                    try:
                        sockets.append(one())
                    except OSError:
                        break
                time.sleep(0.5)
            for s in sockets:
                s.close()
        threads.append(threading.Thread(target=run))
    elif name == "slow-bodies":
        def run():
            sockets = []
            while not stop.is_set():
                while len(sockets) < 200:
                    try:
                        s = connect()
                        s.sendall(b"POST /preview HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{")
                        sockets.append(s)
                    except OSError:
                        break
                alive = []
                for s in sockets:
                    try:
                        s.sendall(b" ")
                        alive.append(s)
                    except OSError:
                        s.close()
                sockets = alive
                time.sleep(1)
            for s in sockets:
                s.close()
        threads.append(threading.Thread(target=run))
    elif name == "downloads":
        form = largest_form()
        def run():
            while not stop.is_set():
                try:
                    post(f"{base}download/handbook.png?lang=nl", form, timeout=120, source=HOSTILE, parse=False)
                except Exception:
                    time.sleep(0.05)
        threads += [threading.Thread(target=run) for _ in range(12)]
    elif name == "fresh-names":
        counter = iter(range(10**9))
        def run():
            while not stop.is_set():
                body = {"fields": fields_of(0, 25, next(counter) % 40)}
                try:
                    post(f"{base}preview?lang=nl&client=fresh{next(counter)}&map=1", body, source=HOSTILE, parse=False)
                except Exception:
                    time.sleep(0.01)
        threads += [threading.Thread(target=run) for _ in range(48)]
    elif name == "fill-room":
        counter = iter(range(10**9))
        def run():
            while not stop.is_set():
                try:
                    post(f"{base}submit?lang=nl", {"fields": [["person.name", f"Vuller {next(counter)}"]]}, source=HOSTILE, parse=False)
                except Exception:
                    time.sleep(0.01)
        threads += [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.daemon = True
        t.start()
    return threads


def hostile_device(name, base, stop):
    os.nice(19)
    for t in attack(name, base, stop):
        t.join()


def room_beside(netkaart, name, args):
    """The honest room for args.seconds beside attack `name` (None: alone); one line of
    figures."""
    folder = tempfile.mkdtemp(prefix="netkaart-attack-")
    server, base = start(netkaart, folder, workshop=name != "downloads")
    # The hostile device in a process of its own, at the lowest priority: its client's work
    # stands for another machine's, and takes neither the honest threads' interpreter nor
    # more of the cores than the server leaves it.
    stop = multiprocessing.Event()
    hostile = []
    if name:
        hostile = [multiprocessing.Process(target=hostile_device, args=(name, base, stop), daemon=True)]
        hostile[0].start()
    results, tokens = [], {}
    until = time.monotonic() + args.seconds
    rng = random.Random(1)
    # Without a workshop (the downloads attack) the participants only preview.
    sends = name != "downloads"
    honest = [
        threading.Thread(
            target=participant, args=(n, base, until, results, tokens, random.Random(rng.random()), sends)
        )
        for n in range(1, args.participants + 1)
    ]
    peak, killed = 0.0, False
    for t in honest:
        t.start()
    while any(t.is_alive() for t in honest):
        now, high = memory(server.pid)
        peak = max(peak, high if high == high else 0)
        if now > 12 * 1024:  # the machine would run out: stop here, and say so
            server.kill()
            killed = True
            break
        time.sleep(0.25)
    stop.set()
    for t in honest + hostile:
        t.join(timeout=10)
    for p in hostile:
        p.kill()
    time.sleep(5)
    after, high = memory(server.pid)
    peak = max(peak, high if high == high else 0)
    server.kill()
    server.wait()
    shutil.rmtree(folder, ignore_errors=True)
    previews = [(s, ms) for s, ms in results if not isinstance(s, tuple)]
    answered = sorted(ms for s, ms in previews if s == 200)
    errors = sum(1 for s, _ in previews if s not in (200, 204))
    submit_errors = sum(1 for s, _ in results if isinstance(s, tuple) and s[1] != 200)
    p95 = answered[min(len(answered) - 1, round(0.95 * len(answered)) - 1)] if answered else float("nan")
    gone = " (killed above 12 GiB)" if killed else ""
    return (
        f"{name or 'none':<13} {len(answered):>6} {p95:>8.0f} {errors:>7} {submit_errors:>8} "
        f"{peak:>9.0f} {after:>9.0f}{gone}"
    )


def attacks(args):
    binaries = [("this", args.netkaart)] + ([("baseline", args.baseline)] if args.baseline else [])
    print(f"{args.participants} honest participants, {args.seconds:.0f} s each; one hostile device ({HOSTILE})")
    print(f"{'binary':<9} {'attack':<13} {'answered':>6} {'p95 ms':>8} {'errors':>7} {'sendings':>8} {'peak MiB':>9} {'after MiB':>9}")
    for name in [None, "slow-headers", "slow-bodies", "downloads", "fresh-names", "fill-room"]:
        for label, netkaart in binaries:
            print(f"{label:<9} {room_beside(netkaart, name, args)}", flush=True)
    return 0


if __name__ == "__main__":
    main()
