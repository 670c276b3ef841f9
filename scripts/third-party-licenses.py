#!/usr/bin/env python3
"""The licences of the Rust crates built into netkaart, as one text file for the packages.

    python3 scripts/third-party-licenses.py [--target TRIPLE] > third-party-licenses.txt

The crates are those the binary links for TRIPLE (default: this machine's): netkaart's
normal dependencies and theirs, not the ones only built to build (build scripts,
procedural macros) nor the tests'. Each is listed with its licence as Cargo.toml states it,
then every licence file the crate ships (LICENSE*, COPYING*, NOTICE*, …) is given in full,
each text once with the crates that ship it. Reads `cargo metadata` and the crates' sources
as cargo fetched them: no network.
"""

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

LICENCE_FILE = re.compile(r"^(licen[cs]e|copying|notice|copyright|unlicense|authors)", re.I)


def metadata(target):
    out = subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--locked", "--filter-platform", target],
        check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(out)


def linked(meta):
    """The packages the binary links: normal dependencies, transitively, but proc macros."""
    packages = {p["id"]: p for p in meta["packages"]}
    nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
    root = meta["resolve"]["root"]
    seen, todo = set(), [root]
    while todo:
        node = nodes[todo.pop()]
        for dep in node["deps"]:
            normal = any(k["kind"] is None for k in dep["dep_kinds"])
            macro = any("proc-macro" in t["kind"] for t in packages[dep["pkg"]]["targets"])
            if normal and not macro and dep["pkg"] not in seen:
                seen.add(dep["pkg"])
                todo.append(dep["pkg"])
    return sorted((packages[i] for i in seen), key=lambda p: (p["name"], p["version"]))


def licence_files(package):
    folder = Path(package["manifest_path"]).parent
    files = [f for f in folder.iterdir() if f.is_file() and LICENCE_FILE.match(f.name)]
    for sub in ("LICENSES", "licenses", "license"):
        if (folder / sub).is_dir():
            files += [f for f in (folder / sub).iterdir() if f.is_file()]
    if package.get("license_file"):
        named = folder / package["license_file"]
        if named.is_file() and named not in files:
            files.append(named)
    return sorted(files, key=lambda f: str(f.relative_to(folder)))


def main():
    host = subprocess.run(["rustc", "-vV"], check=True, capture_output=True, text=True).stdout
    default = re.search(r"^host: (\S+)", host, re.M).group(1)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", default=default)
    args = parser.parse_args()

    meta = metadata(args.target)
    crates = linked(meta)
    texts = {}  # text -> [(crate, file)]
    lines = []
    for p in crates:
        label = f"{p['name']} {p['version']}"
        files = licence_files(p)
        for f in files:
            text = f.read_text(encoding="utf-8", errors="replace").strip()
            where = str(f.relative_to(Path(p["manifest_path"]).parent))
            texts.setdefault(text, []).append(f"{label} ({where})")
        licence = p.get("license") or "see its licence file"
        home = p.get("repository") or p.get("homepage") or ""
        note = "" if files else "  [no licence file in the crate]"
        lines.append(f"{label:<40} {licence}{'  ' + home if home else ''}{note}")

    out = sys.stdout
    out.write(
        "The Rust crates built into netkaart, with their licences\n"
        "=========================================================\n\n"
        f"netkaart links {len(crates)} crates from crates.io (for {args.target}). Each is\n"
        "listed with its licence as it states it; then the texts of the licence files the\n"
        "crates ship, each text once, with the crates that ship it. netkaart itself is under\n"
        "the Apache License 2.0 (LICENSE); the fonts' licences are beside this file.\n\n"
    )
    out.write("\n".join(lines) + "\n")
    for text, owners in texts.items():
        out.write("\n\n" + "=" * 78 + "\n")
        out.write("Shipped by: " + ", ".join(owners) + "\n")
        out.write("=" * 78 + "\n\n" + text + "\n")


if __name__ == "__main__":
    main()
