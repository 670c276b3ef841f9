#!/usr/bin/env python3
"""How fast `netkaart serve` answers a preview, measured at a scripted client.

Starts `netkaart serve --port 0`, opens an answers file into fields as the page does
(POST /open), asks the first preview, then REQUESTS previews that each change one answer,
as a participant typing does: one at a time, PAUSE seconds apart (the page waits 300 ms
after the last key). Prints the first preview's time and the
median and 95th percentile of the others, in milliseconds, measured at the client on
127.0.0.1 (so they include HTTP and JSON, and bound the server's own time from above).

With --map, each change moves one contact to another cell of the map (its kind and ring),
as a drag on the page's map does, and asks the map alone (`map=1`), as the page does: the
kinds and rings are those the answers file's contacts already have, in the form's words.

    python3 scripts/bench-serve.py target/release/netkaart [--answers examples/an-peeters.yaml] [--map]
"""

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
import urllib.request


SERVER = {}


def post(url, body, content_type="application/json"):
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"content-type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            # The server's own time, from its Server-Timing header.
            timing = re.search(r"dur=([0-9.]+)", response.headers.get("server-timing", ""))
            SERVER["ms"] = float(timing.group(1)) if timing else None
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def p95(values):
    values = sorted(values)
    return values[min(len(values) - 1, round(0.95 * len(values)) - 1)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("netkaart")
    parser.add_argument("--answers", default="examples/an-peeters.yaml")
    parser.add_argument("--requests", type=int, default=60)
    # The page sends a preview 300 ms after typing stops, so two never come closer.
    parser.add_argument("--pause", type=float, default=0.3, help="seconds between previews")
    parser.add_argument("--map", action="store_true", help="move contacts on the map instead")
    args = parser.parse_args()

    server = subprocess.Popen(
        [args.netkaart, "serve", "--port", "0"], stderr=subprocess.PIPE, text=True
    )
    try:
        line = server.stderr.readline()
        match = re.search(r"http://[0-9.:]+/", line)
        if not match:
            sys.exit(f"no URL in: {line!r}")
        base = match.group(0)
        with open(args.answers, "rb") as f:
            status, opened = post(base + "open?lang=nl&name=answers.yaml", f.read(), "application/yaml")
        if status != 200:
            sys.exit(f"could not open {args.answers}: {opened}")
        fields = opened["fields"]
        contacts = {k.split(".")[1] for k, _ in fields if k.startswith("contacts.")}

        preview = base + "preview?lang=nl" + ("&map=1" if args.map else "")
        kinds = sorted({v for k, v in fields if re.fullmatch(r"contacts\.\d+\.kind", k)})
        rings = sorted({v for k, v in fields if re.fullmatch(r"contacts\.\d+\.ring", k)})
        if args.map and (len(kinds) < 2 or len(rings) < 2):
            sys.exit(f"{args.answers}: its contacts need two kinds and two rings to move between")
        start = time.perf_counter()
        status, answer = post(preview, {"fields": fields})
        first = (time.perf_counter() - start) * 1000
        first_server = SERVER["ms"]
        assert status == 200 and answer["svg"], answer.get("problems")

        times, server_times = [], []
        for i in range(args.requests):
            if args.map:
                # One contact dragged to another sector and ring.
                n = i % len(contacts) + 1
                moved = {f"contacts.{n}.kind": kinds[i % len(kinds)], f"contacts.{n}.ring": rings[i % len(rings)]}
                changed = [[k, v] for k, v in fields if k not in moved] + [[k, v] for k, v in moved.items()]
            else:
                # One answer changed, as one more letter typed in a text field.
                changed = [[k, v] for k, v in fields if k != "person.role"]
                changed.append(["person.role", "coördinator " + "x" * (i % 12)])
            time.sleep(args.pause)
            start = time.perf_counter()
            status, answer = post(preview, {"fields": changed})
            times.append((time.perf_counter() - start) * 1000)
            server_times.append(SERVER["ms"])
            assert status == 200 and answer["svg"], answer.get("problems")
        print(f"{args.answers}: {len(fields)} fields, {len(contacts)} contacts, {len(times)} changes")
        print("                     at the server        at the client")
        print(f"first preview        {first_server:6.0f} ms            {first:6.0f} ms")
        what = "a contact moved    " if args.map else "one answer changed "
        print(
            f"{what}  {statistics.median(server_times):6.0f} ms p50 {p95(server_times):3.0f} p95"
            f"   {statistics.median(times):6.0f} ms p50 {p95(times):3.0f} p95"
        )
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
